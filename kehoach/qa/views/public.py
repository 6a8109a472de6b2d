"""The public pages (no account): ask, thank you with the tracking code, look up by code, say
whether the answer helped, browse and search the answers, statistics. No page, file or error
here ever shows a contact detail, an original (unmasked) text or an internal note."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kehoach.core.exceptions import DomainError
from kehoach.core.files import serve_file
from kehoach.core.http import page_number
from kehoach.qa import selectors
from kehoach.qa.forms import AskForm, FeedbackForm, LookupForm, PublicSearchForm
from kehoach.qa.models import Question
from kehoach.qa.services.answers import question_feedback
from kehoach.qa.services.questions import question_submit
from kehoach.qa.throttle import RateLimited, throttle_hit

PAGE_SIZE = 20
logger = logging.getLogger(__name__)
SESSION_KEY = "qa_submitted_code"


def _limited(
    request: HttpRequest, template: str, context: dict[str, Any], exc: DomainError
) -> HttpResponse:
    context["error"] = exc.message
    return render(request, template, context, status=429)


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    sessions = selectors.upcoming_sessions()
    if request.method != "POST":
        return render(request, "qa/public/ask.html", {"form": AskForm(sessions=sessions)})
    form = AskForm(request.POST, request.FILES, sessions=sessions)
    try:
        return _ask(request, form)
    except OperationalError:  # SQLite busy past its timeout under a burst: nothing was saved
        logger.warning("qa ask: database busy", exc_info=True)
        form.add_error(
            None, gettext("Hệ thống đang bận, câu hỏi chưa được lưu. Xin bấm Gửi lại sau ít giây.")
        )
        return render(request, "qa/public/ask.html", {"form": form}, status=503)


def _ask(request: HttpRequest, form: AskForm) -> HttpResponse:
    try:
        throttle_hit(request, "ask")
    except RateLimited as exc:
        return _limited(request, "qa/public/ask.html", {"form": form}, exc)
    if form.is_bot:
        form.add_error(None, gettext("Không gửi được câu hỏi. Xin tải lại trang rồi gửi lại."))
        return render(request, "qa/public/ask.html", {"form": form}, status=400)
    if form.is_valid():
        d = form.cleaned_data
        try:
            question = question_submit(
                field=d["field"],
                locality=d["locality"],
                title=d["title"],
                text=d["text"],
                asker_name=d["asker_name"],
                show_name=d["show_name"],
                contact_phone=d["contact_phone"],
                contact_email=d["contact_email"],
                attachments=d["attachments"],
                session=d.get("session"),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            request.session[SESSION_KEY] = question.code
            return redirect("qa_public:thanks")
    return render(request, "qa/public/ask.html", {"form": form}, status=400)


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SESSION_KEY)
    if not code:
        return redirect("qa_public:ask")
    question = Question.objects.filter(code=code).select_related("field").first()
    if question is None:
        return redirect("qa_public:ask")
    return render(request, "qa/public/thanks.html", {"question": question})


def _lookup_page(
    request: HttpRequest, question: Question | None, *, status: int = 200, **extra: Any
) -> HttpResponse:
    shown = question.duplicate_of if question is not None and question.duplicate_of_id else question
    if shown is not None and shown is not question:
        shown = selectors.question_by_code(code=shown.code)
    feedback = None
    if shown is not None and shown.status == "published" and not shown.feedback.exists():
        feedback = FeedbackForm(initial={"code": question.code if question else ""})
    context = {
        "form": LookupForm(),
        "question": shown,
        "merged": shown is not question,
        "feedback_form": feedback,
        "searched": True,
        **extra,
    }
    return render(request, "qa/public/lookup.html", context, status=status)


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """By code, sent by POST (a code in an address would stay in logs and histories). A wrong
    code and a malformed one get the same answer; the address is rate limited."""
    if request.method != "POST":
        return render(request, "qa/public/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    try:
        throttle_hit(request, "lookup")
    except RateLimited as exc:
        return _limited(request, "qa/public/lookup.html", {"form": form}, exc)
    code = form.data.get("code", "") if form.is_valid() else ""
    return _lookup_page(request, selectors.question_by_code(code=str(code)))


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST)
    try:
        throttle_hit(request, "feedback")
    except RateLimited as exc:
        return _limited(request, "qa/public/lookup.html", {"form": LookupForm()}, exc)
    question = selectors.question_by_code(code=str(request.POST.get("code", "")))
    if question is None:
        return _lookup_page(request, None)
    target = question.duplicate_of if question.duplicate_of_id else question
    if not form.is_valid():
        return _lookup_page(request, question, error=gettext("Xin chọn Có hoặc Chưa."), status=400)
    try:
        question_feedback(
            question=target,  # type: ignore[arg-type]
            helped=form.cleaned_data["helped"],
            follow_up=form.cleaned_data["follow_up"],
        )
    except DomainError as exc:
        return _lookup_page(request, question, error=exc.message, status=400)
    return _lookup_page(
        request,
        selectors.question_by_code(code=question.code),
        notice=gettext("Cảm ơn bạn đã cho ý kiến."),
    )


@dataclass
class Page:
    """A page of the public list without counting the whole list (a count of 240,000
    published questions cost 0.5 s on SQLite, more than the page itself): one row more than
    the page tells whether there is a next one."""

    rows: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def __iter__(self) -> Any:
        return iter(self.rows)


MAX_PAGE = 500


@require_GET
def question_list(request: HttpRequest) -> HttpResponse:
    form = PublicSearchForm(request.GET or None)
    qs = selectors.public_question_list(filters=form.filters())
    number = min(page_number(request), MAX_PAGE)
    start = (number - 1) * PAGE_SIZE
    rows = list(qs[start : start + PAGE_SIZE + 1])
    page = Page(rows=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "qa/public/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require_GET
def question_detail(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.public_question_get(question_id=question_id)
    files = [a for a in question.attachments.all() if a.approved]
    return render(request, "qa/public/detail.html", {"question": question, "files": files})


@require_GET
def attachment(request: HttpRequest, question_id: int, attachment_id: int) -> HttpResponseBase:
    """An attachment the desk approved (checked and masked), of a published question only."""
    question = selectors.public_question_get(question_id=question_id)
    found = next(
        (a for a in question.attachments.all() if a.pk == attachment_id and a.approved), None
    )
    if found is None:
        raise Http404
    return serve_file(request, found.file, download_name=f"tep-{found.pk}", inline_ok=True)


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "qa/public/statistics.html", {"stats": selectors.public_statistics()})
