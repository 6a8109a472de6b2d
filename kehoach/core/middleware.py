"""Domain errors that escape a view become a plain Vietnamese page, never a stack trace."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied


class DomainErrorMiddleware:
    """NotFound → 404, PermissionDenied → 403, other DomainError → 400, each with its message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and not request.path.startswith("/api/")
        ):
            # ``require_POST`` answers an empty 405: say what happened (a link followed to a
            # form's address, a bookmark of a button) and keep the Allow header.
            page = render(
                request,
                "core/error.html",
                {
                    "title": _("Không mở được trang này"),
                    "message": _(
                        "Địa chỉ này chỉ dùng để gửi biểu mẫu (bấm nút trên trang). "
                        "Hãy quay lại trang trước và thao tác lại."
                    ),
                },
                status=405,
            )
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API has its own handler
        if isinstance(exception, NotFound):
            status, title = 404, _("Không tìm thấy")
        elif isinstance(exception, PermissionDenied):
            status, title = 403, _("Không có quyền")
        elif isinstance(exception, DomainError):
            status, title = 400, _("Không thực hiện được")
        else:
            return None
        if getattr(request, "htmx", False):
            # An in-page update: a short text the page shows in its alert line (htmx-errors.js).
            return HttpResponse(
                exception.message, status=status, content_type="text/plain; charset=utf-8"
            )
        return render(
            request,
            "core/error.html",
            {"title": title, "message": exception.message},
            status=status,
        )
