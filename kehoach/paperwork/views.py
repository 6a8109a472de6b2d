"""Download a registry document, or a kehoach plan (draft or issued), as DOCX or PDF."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kehoach.documents.selectors import document_get
from kehoach.execution.selectors.plans import plan_get
from kehoach.paperwork.exports import ExportedFile, document_export
from kehoach.paperwork.plan_export import plan_export
from kehoach.paperwork.rendering import ProfileError
from kehoach.paperwork.rendering.docx_writer import TemplateError
from kehoach.paperwork.rendering.pdf import PdfUnavailable


@login_required
@require_GET
def document_download(request: HttpRequest, document_id: int, fmt: str) -> HttpResponse:
    document = document_get(user=request.user, document_id=document_id)  # NotFound → 404
    return _download(
        request,
        lambda **options: document_export(document=document, fmt=fmt, **options),
        back=reverse("documents:detail", args=[document.pk]),
    )


@login_required
@require_GET
def plan_download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """A plan as the official document to sign: a draft with a blank number and date."""
    plan = plan_get(user=request.user, plan_id=plan_id)  # NotFound → 404
    return _download(
        request,
        lambda **options: plan_export(plan=plan, fmt=fmt, **options),
        back=reverse("plans:detail", args=[plan.pk]),
    )


def _download(
    request: HttpRequest, export: Callable[..., ExportedFile], *, back: str
) -> HttpResponse:
    """Export with the request's ``?profile=`` and ``?letterhead=0``; a profile, template or
    PDF problem goes back to the page with its Vietnamese message."""
    try:
        exported = export(
            profile=request.GET.get("profile"), letterhead=request.GET.get("letterhead") != "0"
        )
    except (ProfileError, TemplateError, PdfUnavailable) as exc:
        messages.error(request, str(exc))
        return redirect(back)
    return _attachment(exported)


def _attachment(exported: ExportedFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response
