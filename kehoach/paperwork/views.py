"""Download a registry document, or a kehoach plan (draft or issued), as DOCX or PDF."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kehoach.documents.selectors import document_get
from kehoach.execution.selectors.plans import plan_get
from kehoach.jobs.services import job_start
from kehoach.paperwork.exports import ExportedFile
from kehoach.paperwork.jobs import export_object
from kehoach.paperwork.rendering import ProfileError
from kehoach.paperwork.rendering.docx_writer import TemplateError
from kehoach.paperwork.rendering.pdf import PdfUnavailable

PDF_CLICK_WINDOW_SECONDS = 10


@login_required
@require_GET
def document_download(request: HttpRequest, document_id: int, fmt: str) -> HttpResponse:
    document = document_get(user=request.user, document_id=document_id)  # NotFound → 404
    back = reverse("documents:detail", args=[document.pk])
    return _download(request, "document", document, fmt, back=back, unit=document.owner_unit)


@login_required
@require_GET
def plan_download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """A plan as the official document to sign: a draft with a blank number and date."""
    plan = plan_get(user=request.user, plan_id=plan_id, concerning=True)  # NotFound → 404
    return _download(
        request, "plan", plan, fmt, back=reverse("plans:detail", args=[plan.pk]), unit=plan.unit
    )


def _download(
    request: HttpRequest, what: str, obj: Any, fmt: str, *, back: str, unit: Any
) -> HttpResponse:
    """Export with the request's ``?profile=`` and ``?letterhead=0``. DOCX is written at once;
    a PDF is a background job (LibreOffice takes seconds): the user follows its progress page,
    which then hands over the file. A profile, template or PDF problem goes back to the page
    with its Vietnamese message."""
    profile = request.GET.get("profile")
    letterhead = request.GET.get("letterhead") != "0"
    if fmt == "pdf":
        # One job per click: the same request within a few seconds (a double click, a reload)
        # finds the job already started; a later one makes a fresh PDF of the current text.
        window = int(time.time() // PDF_CLICK_WINDOW_SECONDS)
        job = job_start(
            kind="paperwork.pdf",
            actor=request.user,
            key=f"{what}:{obj.pk}:v{obj.version}:{profile}:{int(letterhead)}:{window}",
            params={
                "what": what,
                "id": obj.pk,
                "profile": profile,
                "letterhead": letterhead,
                "back": back,
            },
            unit=unit,
        )
        return redirect("jobs:detail", job_id=job.pk)
    try:
        exported = export_object(what, obj, fmt=fmt, profile=profile, letterhead=letterhead)
    except (ProfileError, TemplateError, PdfUnavailable) as exc:
        messages.error(request, str(exc))
        return redirect(back)
    return _attachment(exported)


def _attachment(exported: ExportedFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response
