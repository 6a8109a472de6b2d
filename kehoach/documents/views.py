"""Pages of the registry: thin adapters between HTTP and the services and selectors."""

from __future__ import annotations

import uuid
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied
from kehoach.core.files import serve_file
from kehoach.core.idempotency import once_per_token, submitted
from kehoach.documents import selectors, services
from kehoach.documents.choices import ImportStatus, ShareRequestStatus
from kehoach.documents.forms import ImportForm, document_data_from, review_forms
from kehoach.documents.search import annotate_source
from kehoach.jobs.services import job_start
from kehoach.organizations.permissions import Action, can
from kehoach.organizations.selectors import audit_list_for

PAGE_SIZE = 20


def _not_found_as_404(view: Any) -> Any:
    @wraps(view)
    def wrapper(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return wrapper


def _page_number(request: AuthenticatedRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _results(request: AuthenticatedRequest) -> dict[str, Any]:
    """The filter bar and one page of ranked (or recent-first) results, shared by list and search."""
    fs = selectors.document_filter(user=request.user, filters=request.GET)
    try:
        query, rows = selectors.document_search_rows(user=request.user, filters=request.GET)
    except DomainError as exc:
        return {"filter": fs, "error": exc.message, "hits": [], "page": None, "query": None}
    page = Paginator(rows, PAGE_SIZE).get_page(_page_number(request))
    hits = selectors.document_search_hits(
        user=request.user, query=query, rows=list(page.object_list)
    )
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "filter": fs,
        "query": query,
        "page": page,
        "hits": hits,
        "querystring": params.urlencode(),
        "can_import": can(request.user, Action.EDIT, None)
        or bool(services.editable_units(request.user).exists()),
    }


@login_required
def document_list(request: AuthenticatedRequest) -> HttpResponse:
    context = _results(request)
    if request.htmx:
        return render(request, "documents/document_list.html#results", context)
    return render(request, "documents/document_list.html", context)


@login_required
def document_search(request: AuthenticatedRequest) -> HttpResponse:
    context = (
        _results(request)
        if request.GET.get("q")
        else {
            "filter": selectors.document_filter(user=request.user, filters=request.GET),
            "hits": [],
            "page": None,
            "query": None,
        }
    )
    if request.htmx:
        return render(request, "documents/search.html#hits", context)
    return render(request, "documents/search.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_token(field="token")  # the form's own token, also the upload job's key
def document_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload → a background read with a progress page → the review page; pasted text is read
    at once (it is plain text, read in milliseconds)."""
    form = ImportForm(request.POST or None, request.FILES or None, initial={"token": uuid.uuid4()})
    can_import = services.editable_units(request.user).exists()
    status = 200
    if request.method == "POST":
        status = 400
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        text = form.cleaned_data["text"]
        try:
            services.document_import_check(
                actor=request.user, size=upload.size if upload else None, text=text
            )
            if upload:
                job = job_start(
                    kind="documents.import",
                    actor=request.user,
                    key=str(form.cleaned_data.get("token") or uuid.uuid4()),
                    params={"filename": upload.name, "back": reverse("documents:import")},
                    input_file=(upload.name, upload.read()),
                )
                return submitted(request, redirect("jobs:detail", job_id=job.pk))
            imp = services.document_import_start(
                actor=request.user, filename="van-ban-dan.txt", text=text
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return submitted(request, redirect("documents:review", import_id=imp.pk))
    return render(
        request, "documents/import.html", {"form": form, "can_import": can_import}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_as_404
def document_review(request: AuthenticatedRequest, import_id: str) -> HttpResponse:
    imp = selectors.document_import_get(user=request.user, import_id=import_id)
    if imp.document_id and imp.status == ImportStatus.SAVED:
        return redirect("documents:detail", document_id=imp.document_id)
    if imp.status == ImportStatus.REQUESTED:
        messages.info(request, services.SHARE_REQUESTED_MESSAGE)
        return redirect("documents:share_requests")
    initial = services.initial_data(imp, user=request.user)
    post = request.POST if request.method == "POST" else None
    form, refs, sections = review_forms(
        user=request.user,
        data=post,
        initial=initial,
        parsed=imp.parsed,
        version=imp.existing_version,
    )
    error = None
    if post is not None and form.is_valid() and refs.is_valid() and sections.is_valid():
        try:
            doc = services.document_import_save(
                actor=request.user,
                document_import=imp,
                data=document_data_from(form, refs, sections),
                expected_version=form.cleaned_data.get("version"),
            )
        except services.ShareRequested as exc:
            messages.info(request, exc.message)
            return redirect("documents:share_requests")
        except DomainError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                error = exc.message
            imp.refresh_from_db()
        else:
            messages.success(request, gettext("Đã lưu văn bản vào hệ thống."))
            return redirect("documents:detail", document_id=doc.pk)
    p = imp.parsed or {}
    context = {
        "imp": imp,
        "form": form,
        "refs": refs,
        "sections": sections,
        "error": error,
        "warnings": p.get("warnings") or [],
        "source_html": annotate_source(
            imp.text,
            references=p.get("references") or [],
            title=p.get("title") or "",
            code=p.get("code") or "",
            issuer=(p.get("issuer") or {}).get("name") or "",
        ),
    }
    return render(request, "documents/review.html", context, status=400 if error else 200)


@login_required
@_not_found_as_404
def document_detail(request: AuthenticatedRequest, document_id: int) -> HttpResponse:
    doc = selectors.document_get(user=request.user, document_id=document_id)
    context = {
        "doc": doc,
        "parsed": doc.parsed or {},
        "cites": selectors.document_references(user=request.user, document=doc),
        "cited_by": list(selectors.document_cited_by(user=request.user, document=doc)[:200]),
        "audit_entries": audit_list_for(doc, user=request.user),
        "can_edit": can(request.user, Action.EDIT, doc.owner_unit),
    }
    if context["can_edit"]:  # the owner's editors see whom they share it with
        context["shared_with"] = selectors.document_shared_with(user=request.user, document=doc)
    return render(request, "documents/detail.html", context)


@login_required
@require_POST
@once_per_token
@_not_found_as_404
def document_edit(request: AuthenticatedRequest, document_id: int) -> HttpResponse:
    doc = selectors.document_get(user=request.user, document_id=document_id)
    try:
        imp = services.document_edit_start(actor=request.user, document=doc)
    except PermissionDenied as exc:
        messages.error(request, exc.message)
        return redirect("documents:detail", document_id=doc.pk)
    return submitted(request, redirect("documents:review", import_id=imp.pk))


@login_required
@_not_found_as_404
def document_file(
    request: AuthenticatedRequest, document_id: int, file_id: int
) -> HttpResponseBase:
    """An original file of a document the user can see (else 404), always as an attachment."""
    f = selectors.document_file_get(user=request.user, document_id=document_id, file_id=file_id)
    return serve_file(request, f.file, download_name=f.original_name)


@login_required
@_not_found_as_404
def document_graph(request: AuthenticatedRequest, document_id: int) -> HttpResponse:
    doc = selectors.document_get(user=request.user, document_id=document_id)
    tree = selectors.implementation_tree(user=request.user, document=doc)
    return render(
        request,
        "documents/graph.html",
        {
            "doc": doc,
            "tree": tree,
            "cites": selectors.document_references(user=request.user, document=doc),
        },
    )


@login_required
def share_requests(request: AuthenticatedRequest) -> HttpResponse:
    """Requests to share the user's documents (to decide) and those the user's units sent."""
    incoming = selectors.share_requests_incoming(user=request.user)
    context = {
        "pending": list(incoming.filter(status=ShareRequestStatus.PENDING)[:200]),
        "decided": list(incoming.exclude(status=ShareRequestStatus.PENDING)[:50]),
        "sent": list(selectors.share_requests_outgoing(user=request.user)[:100]),
    }
    return render(request, "documents/share_requests.html", context)


@login_required
@require_POST
@_not_found_as_404
def share_request_decide(
    request: AuthenticatedRequest, request_id: int, decision: str
) -> HttpResponse:
    share_request = selectors.share_request_get(user=request.user, request_id=request_id)
    decide = {
        "accept": services.share_request_accept,
        "decline": services.share_request_decline,
    }.get(decision)
    if decide is None:
        raise Http404(gettext("Không có thao tác này."))
    try:
        decide(actor=request.user, share_request=share_request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            gettext("Đã đồng ý dùng chung văn bản với %(unit)s.")
            % {"unit": share_request.requesting_unit.name}
            if decision == "accept"
            else gettext("Đã từ chối đề nghị dùng chung của %(unit)s.")
            % {"unit": share_request.requesting_unit.name},
        )
    return redirect("documents:share_requests")
