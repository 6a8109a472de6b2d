"""Writes of the training domain: rosters, campaigns, sessions, attendance, check-in.

Every service checks rights, validates, owns its transaction and writes one audit entry.
Rights: the roster and campaigns need an editor of the unit (``Action.EDIT``); holding a
session and marking attendance need a reporter (``Action.REPORT``), the unit's officers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.audit.services import audit_record, diff, model_snapshot
from kehoach.core.exceptions import DomainError
from kehoach.core.text import fold
from kehoach.core.validation import check_version, clean
from kehoach.documents.selectors import document_scope
from kehoach.notifications.choices import NotificationKind
from kehoach.notifications.services import notify_units
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, is_system, require
from kehoach.training.audit import TrainingAction
from kehoach.training.choices import (
    CampaignStatus,
    Mark,
    MarkSource,
    MemberStatus,
    SessionMode,
    SessionStatus,
)
from kehoach.training.models import (
    Attendance,
    Campaign,
    CheckinFailure,
    Member,
    SessionPoint,
    StudySession,
)
from kehoach.training.rollup import compute_rollup, session_figures

MEMBER_FIELDS = ["full_name", "member_code", "status", "joined_on", "left_on"]
CAMPAIGN_FIELDS = ["title", "target_percent", "deadline", "status", "closed_on"]
SESSION_FIELDS = ["held_on", "status"]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _member_code_taken(unit: Any, code: str, exclude: int | None = None) -> bool:
    qs = Member.objects.filter(unit=unit, member_code=code)
    if exclude:
        qs = qs.exclude(pk=exclude)
    return bool(code) and qs.exists()


def _check_member(member: Member) -> None:
    member.full_name = " ".join((member.full_name or "").split())
    member.member_code = (member.member_code or "").strip()
    if not member.full_name:
        raise DomainError(gettext("Cần nhập họ và tên."), field="full_name")
    if member.joined_on and member.left_on and member.left_on < member.joined_on:
        raise DomainError(
            gettext("Ngày ra khỏi danh sách không được trước ngày vào."), field="left_on"
        )
    if _member_code_taken(member.unit, member.member_code, member.pk):
        raise DomainError(
            gettext("Mã “%(c)s” đã có trong danh sách của đơn vị.") % {"c": member.member_code},
            field="member_code",
        )
    clean(member)


# --- roster ---------------------------------------------------------------------------------


@transaction.atomic
def member_create(
    *,
    actor: Any,
    unit: Unit,
    full_name: str,
    member_code: str = "",
    status: str = MemberStatus.OFFICIAL,
    joined_on: dt.date | None = None,
) -> Member:
    """Add a person to ``unit``'s roster."""
    require(actor, Action.EDIT, unit, gettext("Bạn không có quyền sửa danh sách của đơn vị này."))
    member = Member(
        unit=unit, full_name=full_name, member_code=member_code, status=status, joined_on=joined_on
    )
    _check_member(member)
    member.save()
    audit_record(
        actor=actor,
        action=TrainingAction.MEMBER_CREATE,
        obj=member,
        unit=unit,
        changes=diff({}, model_snapshot(member, ["status", "joined_on"])),
    )
    return member


@transaction.atomic
def member_update(
    *, actor: Any, member: Member, fields: dict[str, Any], expected_version: int | None = None
) -> Member:
    """Change a roster row (name, code, status, dates)."""
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise DomainError(gettext("Không sửa được trường: %(f)s.") % {"f": ", ".join(unknown)})
    member = Member.objects.select_for_update(of=("self",)).select_related("unit").get(pk=member.pk)
    require(
        actor, Action.EDIT, member.unit, gettext("Bạn không có quyền sửa danh sách của đơn vị này.")
    )
    check_version(member, expected_version)
    before = model_snapshot(member, MEMBER_FIELDS)
    for name, value in fields.items():
        setattr(member, name, value)
    _check_member(member)
    changes = diff(before, model_snapshot(member, MEMBER_FIELDS))
    if not changes:
        return member
    member.version += 1
    member.save()
    # Names are personal data: the log keeps that the name changed, not the names.
    if "full_name" in changes:
        changes["full_name"] = ["…", "…"]
    audit_record(
        actor=actor,
        action=TrainingAction.MEMBER_UPDATE,
        obj=member,
        unit=member.unit,
        changes=changes,
    )
    return member


@transaction.atomic
def member_transfer(*, actor: Any, member: Member, to_unit: Unit, on: dt.date) -> Member:
    """Move a person to another unit's roster from ``on``: this row ends the day before, a new
    row (same person) starts on ``on``; past sessions keep who was expected where."""
    member = Member.objects.select_for_update(of=("self",)).select_related("unit").get(pk=member.pk)
    message = gettext("Bạn không có quyền chuyển người học giữa hai đơn vị này.")
    require(actor, Action.EDIT, member.unit, message)
    require(actor, Action.EDIT, to_unit, message)
    if to_unit.pk == member.unit_id:
        raise DomainError(gettext("Người học đã thuộc đơn vị này."), field="to_unit")
    if member.left_on is not None:
        raise DomainError(gettext("Người này đã ra khỏi danh sách của đơn vị."))
    if member.joined_on and on <= member.joined_on:
        raise DomainError(gettext("Ngày chuyển phải sau ngày vào danh sách."), field="on")
    member.left_on = on - dt.timedelta(days=1)
    member.version += 1
    member.save()
    code = member.member_code if not _member_code_taken(to_unit, member.member_code) else ""
    moved = Member(
        unit=to_unit,
        person=member.person,
        full_name=member.full_name,
        member_code=code,
        status=member.status,
        joined_on=on,
    )
    _check_member(moved)
    moved.save()
    audit_record(
        actor=actor,
        action=TrainingAction.MEMBER_TRANSFER,
        obj=member,
        unit=member.unit,
        changes={"to_unit": to_unit.name, "left_on": [None, member.left_on.isoformat()]},
    )
    return moved


# --- campaigns ------------------------------------------------------------------------------


def _target(value: Any) -> Decimal:
    try:
        target = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(gettext("Chỉ tiêu phải là một số."), field="target_percent") from None
    if not Decimal(0) <= target <= Decimal(100):
        raise DomainError(gettext("Chỉ tiêu phải từ 0 đến 100%."), field="target_percent")
    return target


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    unit: Unit,
    document: Any,
    title: str = "",
    starts_on: dt.date,
    deadline: dt.date,
    target_percent: Any = None,
    indicator: Any = None,
) -> Campaign:
    """Launch a study campaign of ``document`` for ``unit``'s subtree."""
    require(actor, Action.EDIT, unit, gettext("Bạn không có quyền mở đợt học tập cho đơn vị này."))
    if not is_system(actor) and not document_scope(user=actor).filter(pk=document.pk).exists():
        raise DomainError(
            gettext("Không tìm thấy văn bản này trong kho văn bản."), field="document"
        )
    if deadline < starts_on:
        raise DomainError(
            gettext("Hạn hoàn thành không được trước ngày bắt đầu."), field="deadline"
        )
    if indicator is not None:
        require(actor, Action.VIEW, indicator.plan.unit, gettext("Không tìm thấy chỉ tiêu này."))
        if indicator.aggregation != "rate":
            raise DomainError(
                gettext("Chỉ tiêu gắn với đợt học tập phải là chỉ tiêu tỷ lệ."), field="indicator"
            )
    target = _target(98 if target_percent in (None, "") else target_percent)
    if indicator is not None and indicator.target is not None:
        target = _target(indicator.target)
    code = getattr(document, "code", "") or ""
    campaign = Campaign(
        unit=unit,
        document=document,
        title=(title or "").strip()
        or gettext("Học tập, quán triệt %(doc)s") % {"doc": code or document.title[:200]},
        starts_on=starts_on,
        deadline=deadline,
        target_percent=target,
        indicator=indicator,
        created_by=_user(actor),
    )
    clean(campaign)
    campaign.save()
    audit_record(
        actor=actor,
        action=TrainingAction.CAMPAIGN_CREATE,
        obj=campaign,
        unit=unit,
        changes=diff({}, model_snapshot(campaign, ["title", "target_percent", "deadline"])),
    )
    return campaign


@transaction.atomic
def campaign_close(
    *,
    actor: Any,
    campaign: Campaign,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> Campaign:
    """End the campaign and freeze its figures (later roster changes leave them be)."""
    campaign = (
        Campaign.objects.select_for_update(of=("self",)).select_related("unit").get(pk=campaign.pk)
    )
    require(
        actor, Action.EDIT, campaign.unit, gettext("Bạn không có quyền kết thúc đợt học tập này.")
    )
    check_version(campaign, expected_version)
    if campaign.is_closed:
        raise DomainError(gettext("Đợt học tập đã kết thúc."))
    today = today or timezone.localdate()
    before = model_snapshot(campaign, CAMPAIGN_FIELDS)
    campaign.closed_on = min(today, campaign.deadline)
    rollup = compute_rollup(campaign, today=today)
    campaign.frozen = rollup.to_json()
    campaign.status = CampaignStatus.CLOSED
    campaign.version += 1
    campaign.save()
    changes = diff(before, model_snapshot(campaign, CAMPAIGN_FIELDS))
    changes |= {"expected": [None, rollup.root.expected], "attended": [None, rollup.root.attended]}
    audit_record(
        actor=actor,
        action=TrainingAction.CAMPAIGN_CLOSE,
        obj=campaign,
        unit=campaign.unit,
        changes=changes,
    )
    return campaign


# --- sessions -------------------------------------------------------------------------------


def _in_subtree(unit: Unit, root: Unit) -> bool:
    return unit.path.startswith(root.path)


@transaction.atomic
def session_create(
    *,
    actor: Any,
    campaign: Campaign,
    unit: Unit,
    held_on: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    mode: str = SessionMode.IN_PERSON,
    place: str = "",
    presenter: str = "",
    is_makeup: bool = False,
    joint_units: Iterable[Unit] = (),
    points: Iterable[tuple[str, int]] = (),
) -> StudySession:
    """Schedule a session of ``campaign`` held by ``unit`` (with the joint units' rosters)."""
    message = gettext("Bạn không có quyền tổ chức buổi học cho đơn vị này.")
    require(actor, Action.REPORT, unit, message)
    campaign = Campaign.objects.select_related("unit").get(pk=campaign.pk)
    if campaign.is_closed:
        raise DomainError(gettext("Đợt học tập đã kết thúc, không thêm buổi học được."))
    units = {unit.pk: unit}
    for other in joint_units:
        require(actor, Action.REPORT, other, message)
        units[other.pk] = other
    for member_unit in units.values():
        if not _in_subtree(member_unit, campaign.unit):
            raise DomainError(
                gettext("Đơn vị “%(u)s” không thuộc phạm vi của đợt học tập.")
                % {"u": member_unit.name},
                field="unit",
            )
    if held_on < campaign.starts_on:
        raise DomainError(gettext("Ngày học trước ngày bắt đầu đợt học tập."), field="held_on")
    if ends_at <= starts_at:
        raise DomainError(gettext("Giờ kết thúc phải sau giờ bắt đầu."), field="ends_at")
    if mode not in SessionMode.values:
        raise DomainError(gettext("Hình thức học không hợp lệ."), field="mode")
    session = StudySession(
        campaign=campaign,
        unit=unit,
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        place=(place or "").strip(),
        presenter=(presenter or "").strip(),
        is_makeup=is_makeup,
        created_by=_user(actor),
    )
    clean(session)
    session.save()
    session.units.set(list(units.values()))
    for name, headcount in points:
        name = (name or "").strip()
        if not name:
            continue
        if headcount < 0:
            raise DomainError(gettext("Số người dự ở điểm cầu không được âm."), field="points")
        SessionPoint.objects.create(session=session, name=name[:200], headcount=headcount)
    audit_record(
        actor=actor,
        action=TrainingAction.SESSION_CREATE,
        obj=session,
        unit=unit,
        changes=diff({}, model_snapshot(session, ["held_on", "mode", "is_makeup"])),
    )
    return session


def _check_open(session: StudySession) -> None:
    if session.is_closed:
        raise DomainError(gettext("Buổi học đã khóa, không điểm danh được nữa."))
    if session.campaign.is_closed:
        raise DomainError(gettext("Đợt học tập đã kết thúc."))


@transaction.atomic
def attendance_mark(
    *,
    actor: Any,
    session: StudySession,
    marks: dict[int, str],
    source: str = MarkSource.MANUAL,
) -> dict[str, int]:
    """Record the marks ``{member id: mark}`` of a session; a member not expected at it is
    refused (nothing saved). An empty mark clears the member's mark."""
    session = (
        StudySession.objects.select_for_update(of=("self",))
        .select_related("unit", "campaign")
        .get(pk=session.pk)
    )
    require(
        actor, Action.REPORT, session.unit, gettext("Bạn không có quyền điểm danh buổi học này.")
    )
    _check_open(session)
    roster = set(
        Member.objects.filter(unit__in=session.units.all())
        .active_on(session.held_on)
        .values_list("id", flat=True)
    )
    unknown = [mid for mid in marks if mid not in roster]
    if unknown:
        raise DomainError(
            gettext("Có người không thuộc danh sách của buổi học; chưa lưu điểm danh.")
        )
    bad = [m for m in marks.values() if m and m not in Mark.values]
    if bad:
        raise DomainError(gettext("Giá trị điểm danh không hợp lệ."))
    existing = {
        a.member_id: a
        for a in Attendance.objects.filter(session=session, member_id__in=list(marks))
    }
    counts = {"present": 0, "excused": 0, "absent": 0, "cleared": 0}
    creates = []
    updates = []
    for member_id, mark in marks.items():
        current = existing.get(member_id)
        if not mark:
            if current is not None:
                current.delete()
                counts["cleared"] += 1
            continue
        counts[mark] += 1
        if current is None:
            creates.append(
                Attendance(
                    session=session,
                    member_id=member_id,
                    mark=mark,
                    source=source,
                    marked_by=_user(actor),
                )
            )
        elif current.mark != mark:
            current.mark = mark
            current.source = source
            current.marked_by = _user(actor)
            updates.append(current)
    Attendance.objects.bulk_create(creates)
    if updates:
        now = timezone.now()
        for item in updates:
            item.updated_at = now
        Attendance.objects.bulk_update(updates, ["mark", "source", "marked_by", "updated_at"])
    audit_record(
        actor=actor,
        action=TrainingAction.ATTENDANCE_MARK,
        obj=session,
        unit=session.unit,
        changes={k: v for k, v in counts.items() if v},
    )
    return counts


@transaction.atomic
def session_close(
    *, actor: Any, session: StudySession, expected_version: int | None = None
) -> StudySession:
    """Close a session: no more marks, its counts frozen."""
    session = (
        StudySession.objects.select_for_update(of=("self",))
        .select_related("unit", "campaign")
        .get(pk=session.pk)
    )
    require(actor, Action.REPORT, session.unit, gettext("Bạn không có quyền khóa buổi học này."))
    check_version(session, expected_version)
    if session.is_closed:
        raise DomainError(gettext("Buổi học đã khóa."))
    before = model_snapshot(session, SESSION_FIELDS)
    figures = session_figures(session)
    session.expected_count = figures.expected
    session.present_count = figures.present
    session.excused_count = figures.excused
    session.status = SessionStatus.CLOSED
    session.version += 1
    session.save()
    changes = diff(before, model_snapshot(session, SESSION_FIELDS))
    changes |= {"expected": [None, figures.expected], "present": [None, figures.present]}
    target = session.campaign.target
    if figures.rate is not None and figures.rate < target:
        _notify_below(session, figures.present, figures.expected, figures.rate, target)
    audit_record(
        actor=actor,
        action=TrainingAction.SESSION_CLOSE,
        obj=session,
        unit=session.unit,
        changes=changes,
    )
    return session


def _notify_below(
    session: StudySession, present: int, expected: int, rate: Decimal, target: Decimal
) -> None:
    """The unit and the unit above it hear that a closed session fell short (counts only)."""
    unit = session.unit
    units = [unit.pk] + ([unit.parent_id] if unit.parent_id else [])
    title = gettext("Buổi học của %(u)s dưới chỉ tiêu: %(p)s/%(e)s (%(r)s%%)") % {
        "u": unit.name,
        "p": present,
        "e": expected,
        "r": str(rate).replace(".", ","),
    }
    body = gettext(
        "Buổi học ngày %(d)s đã khóa với tỷ lệ tham gia dưới chỉ tiêu %(t)s%%. "
        "Hãy tổ chức buổi học bù cho những người vắng."
    ) % {"d": f"{session.held_on:%d/%m/%Y}", "t": f"{target:f}".rstrip("0").rstrip(".")}
    url = f"/training/campaigns/{session.campaign_id}/sessions/new/?makeup=1&unit={unit.pk}"
    key = f"study_below:session={session.pk}"
    transaction.on_commit(
        lambda: notify_units(
            unit_ids=units,
            kind=NotificationKind.STUDY_BELOW,
            key=key,
            title=title,
            body=body,
            url=url,
        )
    )


# --- self check-in --------------------------------------------------------------------------

CHECKIN_FAILURE_LIMIT = 10
CHECKIN_FAILURE_WINDOW = dt.timedelta(minutes=10)


@dataclass
class CheckinResult:
    member_name: str
    already: bool


def code_variants(code: str) -> list[str]:
    """A typed member code as written, in capitals and in small letters: an ``IN`` the unique
    index of (unit, code) answers, where a case-insensitive match would scan the roster."""
    code = (code or "").strip()
    return sorted({code, code.upper(), code.lower()})


def checkin_window_open(session: StudySession, now: dt.datetime) -> bool:
    """From 30 minutes before the start to 30 minutes after the end, on the session's day."""
    local = timezone.localtime(now)
    start = dt.datetime.combine(session.held_on, session.starts_at) - dt.timedelta(minutes=30)
    end = dt.datetime.combine(session.held_on, session.ends_at) + dt.timedelta(minutes=30)
    naive = local.replace(tzinfo=None)
    return start <= naive <= end


def checkin_throttled(session: StudySession, address: str, now: dt.datetime) -> bool:
    """Too many wrong codes from one address for this session in the last ten minutes."""
    return (
        CheckinFailure.objects.filter(
            session=session, address=address, at__gte=now - CHECKIN_FAILURE_WINDOW
        ).count()
        >= CHECKIN_FAILURE_LIMIT
    )


def _refuse(session: StudySession, address: str, now: dt.datetime, message: str) -> DomainError:
    # Recorded outside the check-in's transaction so that the count survives the refusal.
    CheckinFailure.objects.create(session=session, address=address[:45], at=now)
    return DomainError(message)


def session_checkin(
    *, token: str, member_code: str, full_name: str, address: str, now: dt.datetime | None = None
) -> CheckinResult:
    """A member checks themself in with their code and name (no account). Counted once."""
    now = now or timezone.now()
    session = (
        StudySession.objects.select_related("campaign", "unit").filter(checkin_token=token).first()
    )
    if session is None:
        raise DomainError(gettext("Mã QR không hợp lệ hoặc không phải của buổi học này."))
    if checkin_throttled(session, address, now):
        raise DomainError(gettext("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút."))
    if session.is_closed or session.campaign.is_closed or not checkin_window_open(session, now):
        raise DomainError(gettext("Mã QR chỉ dùng được trong thời gian diễn ra buổi học."))
    code = (member_code or "").strip()
    name_key = fold(full_name)
    if not code or not name_key:
        raise DomainError(gettext("Cần nhập mã người học và họ tên."))
    candidates = [
        m
        for m in Member.objects.filter(
            unit__in=session.units.all(), member_code__in=code_variants(code)
        )
        .active_on(session.held_on)
        .order_by("id")
        if m.name_key == name_key
    ]
    if not candidates:
        raise _refuse(
            session,
            address,
            now,
            gettext(
                "Mã người học và họ tên không có trong danh sách của buổi học. "
                "Vui lòng báo với người điểm danh."
            ),
        )
    member = candidates[0]
    with transaction.atomic():
        locked = StudySession.objects.select_for_update(of=("self",)).get(pk=session.pk)
        if locked.is_closed:
            raise DomainError(gettext("Buổi học đã khóa, không điểm danh được nữa."))
        mark = Attendance.objects.filter(session=session, member=member).first()
        if mark is not None and mark.mark == Mark.PRESENT:
            return CheckinResult(member_name=member.full_name, already=True)
        try:
            with transaction.atomic():
                if mark is None:
                    Attendance.objects.create(
                        session=session, member=member, mark=Mark.PRESENT, source=MarkSource.CHECKIN
                    )
                else:
                    mark.mark = Mark.PRESENT
                    mark.source = MarkSource.CHECKIN
                    mark.save(update_fields=["mark", "source", "updated_at"])
        except IntegrityError:  # the same person scanned twice at once
            return CheckinResult(member_name=member.full_name, already=True)
        audit_record(
            actor=None,
            action=TrainingAction.ATTENDANCE_MARK,
            obj=session,
            unit=session.unit,
            changes={"present": 1, "source": MarkSource.CHECKIN.value},
        )
    return CheckinResult(member_name=member.full_name, already=False)
