"""Download a registry document, or a kehoach plan (draft or issued), as DOCX or PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kehoach.core.exceptions import NotFound
from kehoach.documents.selectors import document_get
from kehoach.paperwork.exports import ExportedFile, document_export
from kehoach.paperwork.plan_export import plan_export
from kehoach.paperwork.rendering import ProfileError
from kehoach.paperwork.rendering.docx_writer import TemplateError
from kehoach.paperwork.rendering.pdf import PdfUnavailable
from kehoach.plans.selectors import plan_get


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
    return _attachment(exported)


@login_required
@require_GET
def plan_download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """A plan as the official document to sign: a draft with a blank number and date."""
    try:
        plan = plan_get(user=request.user, plan_id=plan_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    try:
        exported = plan_export(
            plan=plan,
            profile=request.GET.get("profile"),
            fmt=fmt,
            letterhead=request.GET.get("letterhead") != "0",
        )
    except (ProfileError, TemplateError, PdfUnavailable) as exc:
        messages.error(request, str(exc))
        return redirect("plans:detail", plan_id=plan.pk)
    return _attachment(exported)


def _attachment(exported: ExportedFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response
