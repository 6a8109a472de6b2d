"""Back-office pages of livestream sessions and of the desk's fields."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can, visible_to
from kehoach.qa import selectors
from kehoach.qa.forms import FieldForm, MergeForm, SessionForm
from kehoach.qa.models import Question
from kehoach.qa.services.fields import field_create
from kehoach.qa.services.sessions import session_add_question, session_create


def _edit_units(user: object) -> QuerySet[Unit]:
    """The units ``user`` edits (a bounded list: the first 200 by place in the tree)."""
    ids = list(
        visible_to(user, Unit.objects.active(), Action.EDIT)
        .order_by("path")
        .values_list("pk", flat=True)[:200]
    )
    return Unit.objects.filter(pk__in=ids).order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def session_list(request: AuthenticatedRequest) -> HttpResponse:
    units = _edit_units(request.user)
    form = SessionForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            s = session_create(
                actor=request.user,
                unit=d["unit"],
                starts_at=d["starts_at"],
                topic=d["topic"],
                leaders=d["leaders"],
                platform_url=d["platform_url"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, gettext("Đã tạo buổi trực tiếp."))
            return redirect("qa:session_detail", session_id=s.pk)
    rows = selectors.session_list(user=request.user)[:50]
    return render(
        request,
        "qa/desk/sessions.html",
        {"rows": rows, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def session_detail(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    s = selectors.session_get(user=request.user, session_id=session_id)
    qs = (
        Question.objects.filter(session=s, duplicate_of__isnull=True)
        .filter(selectors.question_scope(request.user))
        .select_related("field", "agency")
        .order_by("created_at")
    )
    return render(
        request,
        "qa/desk/session_detail.html",
        {
            "s": s,
            "questions": qs,
            "figures": selectors.session_figures(s),
            "can_edit": can(request.user, Action.EDIT, s.unit),
            "add_form": MergeForm(),
        },
    )


@login_required
@require_POST
def session_add(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    s = selectors.session_get(user=request.user, session_id=session_id)
    q = selectors.question_by_code(code=request.POST.get("into", ""))
    if q is None or not selectors.question_list(user=request.user).filter(pk=q.pk).exists():
        messages.error(request, gettext("Không tìm thấy câu hỏi có mã này."))
        return redirect("qa:session_detail", session_id=s.pk)
    try:
        session_add_question(actor=request.user, session=s, question=q)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Đã đưa câu hỏi vào buổi trực tiếp."))
    return redirect("qa:session_detail", session_id=s.pk)


@login_required
@require_http_methods(["GET", "POST"])
def field_list(request: AuthenticatedRequest) -> HttpResponse:
    form = FieldForm(request.POST or None, units=_edit_units(request.user))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            field_create(
                actor=request.user, unit=d["unit"], name=d["name"], answer_days=d["answer_days"]
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, gettext("Đã thêm lĩnh vực."))
            return redirect("qa:fields")
    return render(
        request,
        "qa/desk/fields.html",
        {"fields": selectors.field_list(user=request.user), "form": form},
        status=400 if request.method == "POST" else 200,
    )
