"""Back-office pages (login): the receiving desk's queue, the agency's queue, the head's
approvals, the overdue list, one question with its history, statistics and their XLSX. Each
action is a POST calling one service; rights are the services' and the selectors' (a question
outside the user's scope is a 404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied
from kehoach.core.files import serve_file
from kehoach.core.http import page_number
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can
from kehoach.organizations.selectors import audit_list_for
from kehoach.qa import selectors
from kehoach.qa.exports import statistics_xlsx
from kehoach.qa.forms import (
    ClassifyForm,
    DeskFilterForm,
    DraftForm,
    MergeForm,
    NoteForm,
    OnAirForm,
    PublishForm,
    ReasonForm,
    RouteForm,
    TransferForm,
)
from kehoach.qa.models import Question
from kehoach.qa.services import answers, questions, sessions

PAGE_SIZE = 30


def _rights(user: Any, q: Question) -> dict[str, bool]:
    desk = can(user, Action.EDIT, q.receiving_unit)
    agency = q.agency
    return {
        "desk": desk,
        "draft": agency is not None and can(user, Action.REPORT, agency),
        "approve": agency is not None and can(user, Action.EDIT, agency),
        "transfer": desk or (agency is not None and can(user, Action.EDIT, agency)),
        "note": desk
        or (agency is not None and can(user, Action.REPORT, agency))
        or can(user, Action.REPORT, q.receiving_unit),
        "on_air": q.session is not None and can(user, Action.EDIT, q.session.unit),
    }


def _queue(request: AuthenticatedRequest, qs: Any, title: str, kind: str) -> HttpResponse:
    page = Paginator(qs, PAGE_SIZE).get_page(page_number(request))
    today = timezone.localdate()
    return render(
        request, "qa/desk/queue.html", {"page": page, "title": title, "kind": kind, "today": today}
    )


@login_required
@require_GET
def home(request: AuthenticatedRequest) -> HttpResponse:
    return _queue(
        request, selectors.desk_queue(user=request.user), gettext("Câu hỏi chờ tiếp nhận"), "desk"
    )


@login_required
@require_GET
def agency_queue(request: AuthenticatedRequest) -> HttpResponse:
    return _queue(
        request, selectors.agency_queue(user=request.user), gettext("Câu hỏi cần trả lời"), "agency"
    )


@login_required
@require_GET
def approvals(request: AuthenticatedRequest) -> HttpResponse:
    return _queue(
        request,
        selectors.approval_queue(user=request.user),
        gettext("Trả lời chờ duyệt"),
        "approve",
    )


@login_required
@require_GET
def overdue(request: AuthenticatedRequest) -> HttpResponse:
    return _queue(
        request, selectors.overdue_list(user=request.user), gettext("Câu hỏi quá hạn"), "overdue"
    )


@login_required
@require_GET
def question_list(request: AuthenticatedRequest) -> HttpResponse:
    form = DeskFilterForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    return _queue(
        request,
        selectors.question_list(user=request.user, filters={"q": q}),
        gettext("Tất cả câu hỏi"),
        "all",
    )


def _detail_context(request: AuthenticatedRequest, q: Question, **forms: Any) -> dict[str, Any]:
    rights = _rights(request.user, q)
    agencies = selectors.agency_choices(q)
    fields = selectors.field_list(user=request.user).filter(unit=q.receiving_unit)
    draft = selectors.current_draft(q)
    return {
        "q": q,
        "rights": rights,
        "draft": draft,
        "published": [a for a in q.answers.all() if a.published_at],
        "today": timezone.localdate(),
        "audit_entries": audit_list_for(q, user=request.user),
        "classify_form": forms.get("classify")
        or ClassifyForm(
            fields=fields,
            initial={"field": q.field_id, "title": q.title, "public_text": q.public_text},
        ),
        "route_form": forms.get("route") or RouteForm(agencies=agencies),
        "transfer_form": forms.get("transfer") or TransferForm(agencies=agencies),
        "merge_form": forms.get("merge") or MergeForm(),
        "close_form": forms.get("close") or ReasonForm(),
        "note_form": forms.get("note") or NoteForm(),
        "draft_form": forms.get("draft")
        or DraftForm(
            initial={"text": draft.text, "promise_date": draft.promise_date} if draft else None
        ),
        "publish_form": forms.get("publish") or PublishForm(),
        "return_form": forms.get("return") or ReasonForm(),
        "on_air_form": forms.get("on_air") or OnAirForm(initial={"stamp": q.on_air_at}),
    }


@login_required
@require_GET
def question_detail(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    q = selectors.question_get(user=request.user, question_id=question_id)
    return render(request, "qa/desk/detail.html", _detail_context(request, q))


def _action(
    request: AuthenticatedRequest,
    question_id: int,
    form_name: str,
    form: Any,
    run: Callable[[Question, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    q = selectors.question_get(user=request.user, question_id=question_id)
    if form.is_valid():
        try:
            run(q, form.cleaned_data)
        except (PermissionDenied, NotFound):
            raise  # the middleware's 403 / 404 page
        except DomainError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:  # shown at the top: the form may no longer be on the page
                messages.error(request, exc.message)
        else:
            messages.success(request, done)
            return redirect("qa:detail", question_id=q.pk)
    ctx = _detail_context(request, q, **{form_name: form})
    return render(request, "qa/desk/detail.html", ctx, status=400)


@login_required
@require_POST
def classify(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    q = selectors.question_get(user=request.user, question_id=question_id)
    fields = selectors.field_list(user=request.user).filter(unit=q.receiving_unit)
    return _action(
        request,
        question_id,
        "classify",
        ClassifyForm(request.POST, fields=fields),
        lambda q, d: questions.question_classify(
            actor=request.user,
            question=q,
            field=d["field"],
            title=d["title"],
            public_text=d["public_text"],
        ),
        gettext("Đã lưu phân loại."),
    )


@login_required
@require_POST
def release(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    return _simple(
        request,
        question_id,
        lambda q: questions.question_release(
            actor=request.user, question=q, public_text=request.POST.get("public_text", "")
        ),
        gettext("Đã duyệt câu hỏi."),
    )


def _simple(
    request: AuthenticatedRequest, question_id: int, run: Callable[[Question], Any], done: str
) -> HttpResponse:
    q = selectors.question_get(user=request.user, question_id=question_id)
    try:
        run(q)
    except (PermissionDenied, NotFound):
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("qa:detail", question_id=q.pk)


def _agency_from(request: AuthenticatedRequest, d: dict[str, Any]) -> Unit:
    unit = d.get("agency")
    if unit is None:
        raise DomainError(gettext("Xin chọn cơ quan trả lời."), field="agency")
    return unit


@login_required
@require_POST
def route(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    q = selectors.question_get(user=request.user, question_id=question_id)
    return _action(
        request,
        question_id,
        "route",
        RouteForm(request.POST, agencies=selectors.agency_choices(q)),
        lambda q, d: questions.question_route(
            actor=request.user, question=q, agency=_agency_from(request, d)
        ),
        gettext("Đã chuyển câu hỏi đến cơ quan trả lời."),
    )


@login_required
@require_POST
def transfer(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    q = selectors.question_get(user=request.user, question_id=question_id)
    return _action(
        request,
        question_id,
        "transfer",
        TransferForm(request.POST, agencies=selectors.agency_choices(q)),
        lambda q, d: questions.question_transfer(
            actor=request.user, question=q, to_unit=_agency_from(request, d), reason=d["reason"]
        ),
        gettext("Đã chuyển câu hỏi sang cơ quan khác."),
    )


@login_required
@require_POST
def merge(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    def run(q: Question, d: dict[str, Any]) -> Any:
        into = selectors.question_by_code(code=d["into"])
        if into is None or not can(request.user, Action.VIEW, into.receiving_unit):
            raise DomainError(gettext("Không tìm thấy câu hỏi có mã này."), field="into")
        return questions.question_merge(actor=request.user, question=q, into=into)

    return _action(
        request,
        question_id,
        "merge",
        MergeForm(request.POST),
        run,
        gettext("Đã gộp câu hỏi trùng."),
    )


@login_required
@require_POST
def close(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    return _action(
        request,
        question_id,
        "close",
        ReasonForm(request.POST),
        lambda q, d: questions.question_close(actor=request.user, question=q, reason=d["reason"]),
        gettext("Đã đóng câu hỏi."),
    )


@login_required
@require_POST
def note(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    return _action(
        request,
        question_id,
        "note",
        NoteForm(request.POST),
        lambda q, d: questions.question_note(actor=request.user, question=q, text=d["text"]),
        gettext("Đã ghi chú."),
    )


@login_required
@require_POST
def draft(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    def run(q: Question, d: dict[str, Any]) -> Any:
        answers.answer_draft(
            actor=request.user, question=q, text=d["text"], promise_date=d.get("promise_date")
        )
        if request.POST.get("submit"):
            answers.answer_submit(actor=request.user, question=q)

    done = (
        gettext("Đã trình lãnh đạo duyệt.")
        if request.POST.get("submit")
        else gettext("Đã lưu dự thảo.")
    )
    return _action(request, question_id, "draft", DraftForm(request.POST), run, done)


@login_required
@require_POST
def publish(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    return _action(
        request,
        question_id,
        "publish",
        PublishForm(request.POST),
        lambda q, d: answers.answer_publish(
            actor=request.user, question=q, signer_title=d["signer_title"]
        ),
        gettext("Đã duyệt và công bố câu trả lời."),
    )


@login_required
@require_POST
def send_back(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    return _action(
        request,
        question_id,
        "return",
        ReasonForm(request.POST),
        lambda q, d: answers.answer_return(actor=request.user, question=q, reason=d["reason"]),
        gettext("Đã trả lại dự thảo."),
    )


@login_required
@require_POST
def promise_done(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    def run(q: Question) -> Any:
        done = [a for a in q.answers.all() if a.published_at and a.promise_date]
        if not done:
            raise DomainError(gettext("Câu trả lời này không hẹn việc gì."))
        return answers.answer_promise_done(actor=request.user, answer=done[-1])

    return _simple(request, question_id, run, gettext("Đã ghi nhận hoàn thành việc đã hẹn."))


@login_required
@require_POST
def on_air(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    return _action(
        request,
        question_id,
        "on_air",
        OnAirForm(request.POST),
        lambda q, d: sessions.question_mark_on_air(
            actor=request.user, question=q, stamp=d["stamp"]
        ),
        gettext("Đã ghi thời điểm trả lời trên sóng."),
    )


@login_required
@require_POST
def attachment_approve(
    request: AuthenticatedRequest, question_id: int, attachment_id: int
) -> HttpResponse:
    def run(q: Question) -> Any:
        att = next((a for a in q.attachments.all() if a.pk == attachment_id), None)
        if att is None:
            raise NotFound(gettext("Không tìm thấy tệp."))
        return questions.attachment_approve(actor=request.user, attachment=att)

    return _simple(request, question_id, run, gettext("Đã công khai tệp."))


@login_required
@require_GET
def attachment(
    request: AuthenticatedRequest, question_id: int, attachment_id: int
) -> HttpResponseBase:
    """An attachment as sent (officers of the desk and the agency), downloaded, never inline."""
    q = selectors.question_get(user=request.user, question_id=question_id)
    att = next((a for a in q.attachments.all() if a.pk == attachment_id), None)
    if att is None:
        raise Http404
    return serve_file(request, att.file, download_name=f"tep-{att.pk}", inline_ok=False)


@login_required
@require_GET
def statistics(request: AuthenticatedRequest) -> HttpResponse:
    stats = selectors.statistics_for(user=request.user)
    return render(request, "qa/desk/statistics.html", {"stats": stats})


@login_required
@require_GET
def statistics_export(request: AuthenticatedRequest) -> HttpResponse:
    content = statistics_xlsx(selectors.statistics_for(user=request.user))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="thong-ke-hoi-dap.xlsx"'
    return response
