"""One exception handler: domain errors become 400/403/404 with a Vietnamese message."""

from __future__ import annotations

from typing import Any

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
    return drf_exception_handler(exc, context)
