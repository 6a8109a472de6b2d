"""One exception handler: domain errors become 400/403/404 with a Vietnamese message.

DRF's own messages are Vietnamese through ``locale/vi`` (DRF ships no Vietnamese for most of
them); the few it builds from English text at run time (a JSON parse error, Django's 404) are
replaced here, so no API answer is in English for a Vietnamese caller.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotFound):
        return Response({"detail": exc.message}, status=404)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": exc.message}, status=403)
    if isinstance(exc, DomainError):
        body: dict[str, Any] = {"detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=400)
    if isinstance(exc, exceptions.ParseError):  # "JSON parse error - Expecting value: …"
        exc = exceptions.ParseError(_("Dữ liệu gửi lên không đọc được: cần JSON hợp lệ."))
    elif isinstance(exc, Http404):  # "No Unit matches the given query."
        exc = exceptions.NotFound(_("Không tìm thấy."))
    return drf_exception_handler(exc, context)
