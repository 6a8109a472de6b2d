"""Training pages: rosters, campaigns and their dashboard, sessions, attendance, QR check-in.

Thin adapters: parse a form, call one service or selector, render. Names of people show only
to the unit's own officers and those above (``selectors.can_see_names``); others see counts.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import qrcode
import qrcode.image.svg
from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kehoach.accounts.http import AuthenticatedRequest
from kehoach.core.exceptions import DomainError, NotFound, PermissionDenied
from kehoach.core.validation import parse_id
from kehoach.documents.selectors import document_get, document_list
from kehoach.execution.choices import Aggregation
from kehoach.execution.models import Indicator, Plan
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import (
    Action,
    can,
    is_system_admin,
    scope_q,
    user_unit_paths,
)
from kehoach.organizations.selectors import audit_list_for
from kehoach.training import quiz, selectors
from kehoach.training.attendance_io import match_file
from kehoach.training.choices import Mark, MarkSource
from kehoach.training.exports import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    signin_docx,
    stats_xlsx,
)
from kehoach.training.forms import (
    AttendanceImportForm,
    CampaignForm,
    CheckinForm,
    MemberForm,
    QuestionForm,
    QuestionImportForm,
    RosterImportForm,
    SessionForm,
)
from kehoach.training.rollup import session_figures, session_roster
from kehoach.training.roster_io import RosterImportError, roster_export, roster_import
from kehoach.training.services import (
    attendance_mark,
    campaign_close,
    campaign_create,
    checkin_window_open,
    member_create,
    member_update,
    session_checkin,
    session_close,
    session_create,
)


def _today() -> dt.date:
    return timezone.localdate()


# --- roster ---------------------------------------------------------------------------------


@login_required
@require_GET
def roster_index(request: AuthenticatedRequest) -> HttpResponse:
    units = list(selectors.roster_units(user=request.user).active()[:300])
    return render(request, "training/roster_index.html", {"units": units})


@login_required
@require_http_methods(["GET", "POST"])
def roster(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.roster_unit_get(user=request.user, unit_id=unit_id)
    today = _today()
    names = selectors.can_see_names(request.user, unit)
    can_edit = can(request.user, Action.EDIT, unit)
    form = MemberForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(gettext("Bạn không có quyền sửa danh sách của đơn vị này."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                member_create(
                    actor=request.user,
                    unit=unit,
                    full_name=data["full_name"],
                    member_code=data["member_code"],
                    status=data["status"],
                    joined_on=data["joined_on"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, gettext("Đã thêm vào danh sách."))
                return redirect("training:roster", unit_id=unit.pk)
    show_left = request.GET.get("left") == "1"
    members = (
        list(selectors.roster_list(user=request.user, unit=unit, on=today, include_left=show_left))
        if names
        else []
    )
    return render(
        request,
        "training/roster.html",
        {
            "unit": unit,
            "names": names,
            "can_edit": can_edit,
            "members": members,
            "counts": selectors.roster_counts(unit=unit, on=today),
            "form": form,
            "show_left": show_left,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: AuthenticatedRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get(user=request.user, member_id=member_id)
    if not can(request.user, Action.EDIT, member.unit):
        raise NotFound(gettext("Không tìm thấy người học."))
    initial = {
        f: getattr(member, f)
        for f in ("full_name", "member_code", "status", "joined_on", "left_on")
    }
    form = MemberForm(request.POST or None, initial={**initial, "version": member.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            member_update(actor=request.user, member=member, fields=data, expected_version=version)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, gettext("Đã lưu."))
            return redirect("training:roster", unit_id=member.unit_id)
    return render(request, "training/member_edit.html", {"member": member, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def roster_import_view(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = selectors.roster_unit_get(user=request.user, unit_id=unit_id)
    if not can(request.user, Action.EDIT, unit):
        raise NotFound(gettext("Không tìm thấy danh sách."))
    form = RosterImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = roster_import(
                actor=request.user, unit=unit, data=form.cleaned_data["file"].read()
            )
        except RosterImportError as exc:
            errors = exc.errors
        else:
            text = gettext("Đã nhập: thêm %(c)s, cập nhật %(u)s, giữ nguyên %(n)s.") % {
                "c": result.created,
                "u": result.updated,
                "n": result.unchanged,
            }
            if result.converted:
                text += " " + gettext("%(n)s tên được chuyển từ phông TCVN3/VNI.") % {
                    "n": result.converted
                }
            messages.success(request, text)
            return redirect("training:roster", unit_id=unit.pk)
    return render(
        request, "training/roster_import.html", {"unit": unit, "form": form, "errors": errors}
    )


@login_required
@require_GET
def roster_export_view(request: AuthenticatedRequest, unit_id: int, fmt: str) -> HttpResponse:
    unit = selectors.roster_unit_get(user=request.user, unit_id=unit_id)
    members = list(
        selectors.roster_list(user=request.user, unit=unit, on=_today(), include_left=True)
    )
    content, ctype, filename = roster_export(
        actor=request.user, unit=unit, members=members, fmt=fmt
    )
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- campaigns ------------------------------------------------------------------------------


@login_required
@require_GET
def campaign_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    campaigns = list(selectors.campaign_list(user=request.user, status=status)[:100])
    return render(
        request,
        "training/campaign_list.html",
        {
            "campaigns": campaigns,
            "status": status,
            "can_create": bool(_launch_units(request.user)),
            "owed": selectors.owed_sessions(user=request.user, today=_today()),
        },
    )


def _launch_units(user: Any) -> list[Unit]:
    return list(
        Unit.objects.filter(scope_q(user, field="", action=Action.EDIT))
        .active()
        .order_by("path")[:200]
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: AuthenticatedRequest) -> HttpResponse:
    units = _launch_units(request.user)
    if not units:
        raise PermissionDenied(gettext("Bạn không có quyền mở đợt học tập."))
    raw = request.POST.get("document") or request.GET.get("document")
    document = document_get(user=request.user, document_id=parse_id(raw)) if raw else None
    if document is None:
        q = request.GET.get("q", "").strip()
        found = list(document_list(user=request.user, filters={"q": q})[:20]) if q else []
        return render(request, "training/campaign_pick.html", {"q": q, "found": found})
    today = _today()
    indicators = list(
        Indicator.objects.filter(
            aggregation=Aggregation.RATE, plan__in=Plan.objects.visible_to(request.user)
        )
        .select_related("plan")
        .order_by("-plan_id", "position")[:100]
    )
    form = CampaignForm(
        request.POST or None,
        units=units,
        indicators=indicators,
        initial={
            "document": document.pk,
            "starts_on": today,
            "deadline": today + dt.timedelta(days=30),
            "target_percent": 98,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if u.pk == data["unit"])
        try:
            camp = campaign_create(
                actor=request.user,
                unit=unit,
                document=document,
                title=data["title"],
                starts_on=data["starts_on"],
                deadline=data["deadline"],
                target_percent=data["target_percent"],
                indicator=next((i for i in indicators if i.pk == data["indicator"]), None),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, gettext("Đã mở đợt học tập."))
            return redirect("training:campaign", campaign_id=camp.pk)
    return render(request, "training/campaign_new.html", {"form": form, "document": document})


@login_required
@require_GET
def campaign_detail(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    camp = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    today = _today()
    rollup = selectors.campaign_figures(campaign=camp, today=today)
    focus = None
    if request.GET.get("unit"):
        focus = Unit.objects.filter(pk=parse_id(request.GET["unit"], field="unit")).first()
        if focus is None:
            raise NotFound(gettext("Không tìm thấy đơn vị trong đợt học tập."))
    head, rows = selectors.dashboard_rows(
        user=request.user, campaign=camp, rollup=rollup, focus=focus
    )
    sessions = list(selectors.session_list(user=request.user, campaign=camp)[:50])
    return render(
        request,
        "training/campaign_detail.html",
        {
            "campaign": camp,
            "rollup": rollup,
            "head": head,
            "rows": rows,
            "target": rollup.target,
            "sessions": sessions,
            "can_edit": can(request.user, Action.EDIT, camp.unit),
            "can_hold": bool(_session_units(request.user, camp)) and not camp.is_closed,
            "audit_entries": audit_list_for(camp, user=request.user),
        },
    )


@login_required
@require_POST
def campaign_close_view(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    camp = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    try:
        version = request.POST.get("version", "")
        campaign_close(
            actor=request.user,
            campaign=camp,
            expected_version=int(version) if version.isdigit() else None,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gettext("Đã kết thúc đợt học tập; số liệu đã được chốt."))
    return redirect("training:campaign", campaign_id=camp.pk)


# --- sessions -------------------------------------------------------------------------------


def _session_units(user: Any, camp: Any) -> list[Unit]:
    return list(
        Unit.objects.filter(scope_q(user, field="", action=Action.REPORT))
        .filter(path__startswith=camp.unit.path)
        .active()
        .order_by("path")[:200]
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    camp = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    units = _session_units(request.user, camp)
    if not units:
        raise PermissionDenied(gettext("Bạn không có quyền tổ chức buổi học trong đợt này."))
    initial: dict[str, Any] = {
        "held_on": max(_today(), camp.starts_on),
        "starts_at": dt.time(8, 0),
        "ends_at": dt.time(11, 0),
        "is_makeup": request.GET.get("makeup") == "1",
    }
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    form = SessionForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {u.pk: u for u in units}
        try:
            sess = session_create(
                actor=request.user,
                campaign=camp,
                unit=by_id[data["unit"]],
                held_on=data["held_on"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                mode=data["mode"],
                place=data["place"],
                presenter=data["presenter"],
                is_makeup=data["is_makeup"],
                joint_units=[by_id[i] for i in data["joint_units"] if i != data["unit"]],
                points=data["points"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, gettext("Đã tạo buổi học."))
            return redirect("training:session", session_id=sess.pk)
    return render(request, "training/session_new.html", {"campaign": camp, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    sess = selectors.session_get(user=request.user, session_id=session_id)
    can_mark = can(request.user, Action.REPORT, sess.unit) and not sess.is_closed
    if request.method == "POST":
        if not can_mark:
            raise PermissionDenied(gettext("Bạn không có quyền điểm danh buổi học này."))
        marks: dict[int, str] = {}
        for key, value in request.POST.items():
            if key.startswith("m-"):
                marks[parse_id(key[2:])] = value if value in Mark.values else ""
        try:
            attendance_mark(actor=request.user, session=sess, marks=marks)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, gettext("Đã lưu điểm danh."))
        return redirect("training:session", session_id=sess.pk)
    units = list(sess.units.all())
    names = all(selectors.can_see_names(request.user, u) for u in units)
    roster = list(session_roster(sess)) if names else []
    marks = selectors.session_marks(sess) if names else {}
    rows = [(m, marks.get(m.pk, "")) for m in roster]
    return render(
        request,
        "training/session_detail.html",
        {
            "session": sess,
            "units": units,
            "points": list(sess.points.all()),
            "figures": session_figures(sess),
            "names": names,
            "rows": rows,
            "marks": Mark.choices,
            "can_mark": can_mark and names,
            "can_close": can(request.user, Action.REPORT, sess.unit) and not sess.is_closed,
            "target": sess.campaign.target,
            "tests": quiz.session_test_counts(sess),
            "scores": quiz.session_scores(sess)
            if quiz.can_see_scores(request.user, sess.unit)
            else None,
        },
    )


@login_required
@require_GET
def session_signin(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    """The sign-in sheet (danh sách dự học) as DOCX: names, so officers only; audited."""
    sess = selectors.session_get(user=request.user, session_id=session_id)
    if not all(selectors.can_see_names(request.user, u) for u in sess.units.all()):
        raise NotFound(gettext("Không tìm thấy buổi học."))
    members = list(session_roster(sess))
    content, filename = signin_docx(
        actor=request.user, session=sess, members=members, marks=selectors.session_marks(sess)
    )
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def campaign_stats(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    """Σ figures per unit the caller sees, as XLSX (counts and rates only)."""
    camp = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    rollup = selectors.campaign_figures(campaign=camp, today=_today())
    rows = selectors.visible_rows(user=request.user, rollup=rollup)
    response = HttpResponse(
        stats_xlsx(title=camp.title, rollup=rollup, rows=rows), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"thong-ke-hoc-tap-{camp.pk}.xlsx"
    )
    return response


@login_required
@require_POST
def session_close_view(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    sess = selectors.session_get(user=request.user, session_id=session_id)
    try:
        session_close(actor=request.user, session=sess)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gettext("Đã khóa buổi học; số liệu đã được chốt."))
    return redirect("training:session", session_id=sess.pk)


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue().decode()


@login_required
@require_GET
def session_qr(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    sess = selectors.session_get(user=request.user, session_id=session_id)
    if not can(request.user, Action.REPORT, sess.unit):
        raise NotFound(gettext("Không tìm thấy buổi học."))
    url = request.build_absolute_uri(reverse("training:checkin", args=[sess.checkin_token]))
    test_url = request.build_absolute_uri(reverse("training:test", args=[sess.checkin_token]))
    return render(
        request,
        "training/session_qr.html",
        {
            "session": sess,
            "url": url,
            "qr_svg": mark_safe(_qr_svg(url)),  # our own SVG, drawn by qrcode
            "test_url": test_url,
            "test_qr_svg": mark_safe(_qr_svg(test_url)) if sess.campaign.questions.exists() else "",
            "open_now": checkin_window_open(sess, timezone.now()),
            "figures": session_figures(sess),
        },
    )


@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """The public self check-in page (no account): member code and name."""
    sess = selectors.checkin_session(token=token)
    form = CheckinForm(request.POST or None)
    done = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            done = session_checkin(
                token=token,
                member_code=form.cleaned_data["member_code"],
                full_name=form.cleaned_data["full_name"],
                address=get_client_ip_address(request) or "",
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
            status = 400
        else:
            form = CheckinForm()
    return render(
        request,
        "training/checkin.html",
        {
            "session": sess,
            "form": form,
            "done": done,
            "open_now": sess is not None and checkin_window_open(sess, timezone.now()),
        },
        status=status if sess is not None else 404,
    )


# --- the test after the session ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    """The campaign's question bank (editors of its unit) and per-question % correct (counts
    only, over the attempts of the units the user sees)."""
    camp = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    can_edit = can(request.user, Action.EDIT, camp.unit) and not camp.is_closed
    form = QuestionForm(request.POST or None) if can_edit else None
    import_form = QuestionImportForm() if can_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(gettext("Bạn không có quyền soạn câu hỏi của đợt học tập này."))
        if form.is_valid():
            try:
                quiz.question_create(
                    actor=request.user,
                    campaign=camp,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    choices=form.choices(),
                    answer_text=form.cleaned_data["answer_text"],
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, gettext("Đã thêm câu hỏi."))
                return redirect("training:questions", campaign_id=camp.pk)
    paths = None if is_system_admin(request.user) else user_unit_paths(request.user)
    return render(
        request,
        "training/questions.html",
        {
            "campaign": camp,
            "can_edit": can_edit,
            "form": form,
            "import_form": import_form,
            "bank": list(camp.questions.prefetch_related("choices")) if can_edit else [],
            "stats": quiz.question_stats(camp, unit_paths=paths),
        },
    )


@login_required
@require_POST
def questions_import_view(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    camp = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    form = QuestionImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, gettext("Hãy chọn tệp CSV câu hỏi."))
    else:
        try:
            n = quiz.questions_import(
                actor=request.user, campaign=camp, data=form.cleaned_data["file"].read()
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, gettext("Đã nhập %(n)s câu hỏi.") % {"n": n})
    return redirect("training:questions", campaign_id=camp.pk)


def _answers(post: Any, paper: list[Any]) -> dict[int, Any]:
    answers: dict[int, Any] = {}
    for question, _options in paper:
        key = f"q-{question.pk}"
        if question.kind == "short":
            answers[question.pk] = post.get(key, "")[:500]
        else:
            answers[question.pk] = [v for v in post.getlist(key) if v.isdigit()][:20]
    return answers


@require_http_methods(["GET", "POST"])
def take_test(request: HttpRequest, token: str) -> HttpResponse:
    """The public test page of a session (no account): member code, name, the questions."""
    sess = selectors.checkin_session(token=token)
    if sess is None:
        return render(request, "training/test.html", {"session": None}, status=404)
    form = CheckinForm(request.POST or None)
    sheet = quiz.paper(sess)
    score = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            score = quiz.attempt_submit(
                token=token,
                member_code=form.cleaned_data["member_code"],
                full_name=form.cleaned_data["full_name"],
                answers=_answers(request.POST, sheet),
                address=get_client_ip_address(request) or "",
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
            status = 400
    return render(
        request,
        "training/test.html",
        {
            "session": sess,
            "form": form,
            "paper": sheet,
            "score": score,
            "open_now": quiz.test_open(sess, timezone.now()),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_import(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    """Marks from a sign-in sheet or an online meeting's export: read, review, then confirm."""
    sess = selectors.session_get(user=request.user, session_id=session_id)
    if not can(request.user, Action.REPORT, sess.unit) or sess.is_closed:
        raise NotFound(gettext("Không tìm thấy buổi học."))
    if not all(selectors.can_see_names(request.user, u) for u in sess.units.all()):
        raise NotFound(gettext("Không tìm thấy buổi học."))
    roster = list(session_roster(sess))
    if request.method == "POST" and "confirm" in request.POST:
        chosen = {parse_id(v) for v in request.POST.getlist("member")}
        try:
            attendance_mark(
                actor=request.user,
                session=sess,
                marks={mid: Mark.PRESENT for mid in chosen},
                source=MarkSource.IMPORT,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, gettext("Đã ghi có mặt cho %(n)s người từ tệp.") % {"n": len(chosen)}
            )
        return redirect("training:session", session_id=sess.pk)
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    matching = None
    if request.method == "POST" and form.is_valid():
        try:
            matching = match_file(form.cleaned_data["file"].read(), roster)
        except DomainError as exc:
            form.add_error("file", str(exc))
    matched_ids = {m.pk for m in matching.matched} if matching else set()
    return render(
        request,
        "training/session_import.html",
        {
            "session": sess,
            "form": form,
            "matching": matching,
            "others": [m for m in roster if m.pk not in matched_ids],
        },
    )
