"""Download a registry document as DOCX or PDF in an official format."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kehoach.core.exceptions import NotFound
from kehoach.documents.selectors import document_get
from kehoach.paperwork.exports import document_export
from kehoach.paperwork.rendering import ProfileError
from kehoach.paperwork.rendering.docx_writer import TemplateError
from kehoach.paperwork.rendering.pdf import PdfUnavailable


@login_required
@require_GET
def document_download(request: HttpRequest, document_id: int, fmt: str) -> HttpResponse:
    try:
        document = document_get(user=request.user, document_id=document_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    try:
        exported = document_export(
            document=document,
            profile=request.GET.get("profile"),
            fmt=fmt,
            letterhead=request.GET.get("letterhead") != "0",
        )
    except (ProfileError, TemplateError, PdfUnavailable) as exc:
        messages.error(request, str(exc))
        return redirect("documents:detail", document_id=document.pk)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response
