"""Scoped reads of the training domain.

- A campaign is read by the users of its unit's subtree and by the units below it (they hold
  its sessions): ``scope_q`` on the unit plus the units above the user's (``superior_unit_ids``).
- A session by the users of its units (host and joint) and of the units above them.
- **Names** on a roster or a sign-in list only by the unit's own officers and those above
  (``can_see_names``: a reporter or more on the unit); everyone else who sees the unit sees counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from kehoach.core.exceptions import NotFound
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import (
    Action,
    can,
    is_system_admin,
    scope_q,
    superior_unit_ids,
    user_unit_paths,
)
from kehoach.training.choices import CampaignStatus, MemberStatus
from kehoach.training.models import Attendance, Campaign, Member, StudySession
from kehoach.training.rollup import Rollup, campaign_rollup

NAMES_ACTION = Action.REPORT


def can_see_names(user: Any, unit: Unit) -> bool:
    """Names of ``unit``'s people: its own officers (reporter or more) and those above."""
    return can(user, NAMES_ACTION, unit)


# --- roster ---------------------------------------------------------------------------------


def roster_units(*, user: Any) -> Any:
    """Units whose roster the user may read by name."""
    return Unit.objects.filter(scope_q(user, field="", action=NAMES_ACTION)).order_by("path")


def roster_unit_get(*, user: Any, unit_id: int) -> Unit:
    """A unit whose roster counts the user may see (names need ``can_see_names``)."""
    unit = Unit.objects.filter(scope_q(user, field="")).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    return unit


def roster_list(
    *, user: Any, unit: Unit, on: dt.date, include_left: bool = False
) -> QuerySet[Member]:
    """The unit's roster by name (officers only: ``NotFound`` for others)."""
    if not can_see_names(user, unit):
        raise NotFound("Không tìm thấy danh sách.")
    qs = Member.objects.filter(unit=unit)
    if not include_left:
        qs = qs.active_on(on)
    return qs.order_by("name_key", "id")


def roster_counts(*, unit: Unit, on: dt.date) -> dict[str, int]:
    """Counts by status of the unit's roster on ``on`` (one query; shown to everyone)."""
    rows = dict(
        Member.objects.filter(unit=unit)
        .active_on(on)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    total = sum(rows.values())
    exempt = rows.get(MemberStatus.EXEMPT, 0)
    return {
        "total": total,
        "official": rows.get(MemberStatus.OFFICIAL, 0),
        "probationary": rows.get(MemberStatus.PROBATIONARY, 0),
        "exempt": exempt,
        "expected": total - exempt,
    }


def member_get(*, user: Any, member_id: int) -> Member:
    member = Member.objects.select_related("unit").filter(pk=member_id).first()
    if member is None or not can_see_names(user, member.unit):
        raise NotFound("Không tìm thấy người học.")
    return member


# --- campaigns ------------------------------------------------------------------------------


def campaign_scope_q(user: Any) -> Q:
    if is_system_admin(user):
        return Q()
    return scope_q(user, field="unit") | Q(unit_id__in=superior_unit_ids(user))


def campaign_list(*, user: Any, status: str = "") -> QuerySet[Campaign]:
    qs = (
        Campaign.objects.filter(campaign_scope_q(user))
        .select_related("unit", "document")
        .order_by("-starts_on", "-id")
    )
    if status in CampaignStatus.values:
        qs = qs.filter(status=status)
    return qs


def campaign_get(*, user: Any, campaign_id: int) -> Campaign:
    campaign = (
        Campaign.objects.filter(campaign_scope_q(user))
        .select_related("unit", "document", "indicator")
        .filter(pk=campaign_id)
        .first()
    )
    if campaign is None:
        raise NotFound("Không tìm thấy đợt học tập.")
    return campaign


def dashboard_rows(
    *, user: Any, campaign: Campaign, rollup: Rollup, focus: Unit | None = None
) -> tuple[Any, list[Any]]:
    """The row to start from and its children, cut to what the user may see.

    A user of a cell sees the cell (and below); an officer of the campaign's unit sees it all.
    ``focus`` drills down to a unit the user may see.
    """
    visible_paths = user_unit_paths(user)
    admin = is_system_admin(user)

    def sees(row: Any) -> bool:
        return admin or any(row.path.startswith(p) for p in visible_paths)

    if focus is not None:
        row = rollup.rows.get(focus.pk)
        if row is None or not sees(row):
            raise NotFound("Không tìm thấy đơn vị trong đợt học tập.")
        return row, [
            rollup.rows[c] for c in sorted(row.children, key=lambda c: rollup.rows[c].path)
        ]
    if sees(rollup.root):
        row = rollup.root
        return row, [
            rollup.rows[c] for c in sorted(row.children, key=lambda c: rollup.rows[c].path)
        ]
    # Below the campaign's unit: the user's own highest units inside it.
    tops = [
        r
        for r in rollup.ordered()
        if sees(r) and not (r.parent_id in rollup.rows and sees(rollup.rows[r.parent_id]))
    ]
    return None, tops


def campaign_figures(*, campaign: Campaign, today: dt.date) -> Rollup:
    return campaign_rollup(campaign, today=today)


# --- sessions -------------------------------------------------------------------------------


def session_scope_q(user: Any) -> Q:
    if is_system_admin(user):
        return Q()
    ids = StudySession.units.through.objects.filter(scope_q(user, field="unit")).values(
        "studysession_id"
    )
    return scope_q(user, field="unit") | Q(pk__in=ids)


def session_list(*, user: Any, campaign: Campaign | None = None) -> QuerySet[StudySession]:
    qs = StudySession.objects.filter(session_scope_q(user)).select_related("unit", "campaign")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.order_by("-held_on", "-starts_at", "-id")


def session_get(*, user: Any, session_id: int) -> StudySession:
    session = (
        StudySession.objects.filter(session_scope_q(user))
        .select_related("unit", "campaign__unit", "campaign__document")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise NotFound("Không tìm thấy buổi học.")
    return session


def session_marks(session: StudySession) -> dict[int, str]:
    return dict(Attendance.objects.filter(session=session).values_list("member_id", "mark"))


# --- what a unit owes ------------------------------------------------------------------------


def owed_sessions(*, user: Any, today: dt.date) -> list[tuple[Campaign, Unit]]:
    """Open campaigns in which a unit the user reports for has people and has held no session."""
    paths = user_unit_paths(user, Action.REPORT)
    if not paths:
        return []
    # Paths hold the ids: the units themselves and every unit above them, without a query.
    ancestors = {int(p) for path in paths for p in path.strip("/").split("/") if p}
    campaigns = list(
        Campaign.objects.filter(status=CampaignStatus.OPEN, unit_id__in=ancestors)
        .select_related("unit")
        .order_by("deadline", "id")[:20]
    )
    out: list[tuple[Campaign, Unit]] = []
    if not campaigns:
        return out
    units = list(Unit.objects.filter(path__in=paths).active(today).order_by("path")[:20])
    held = set(
        StudySession.units.through.objects.filter(
            studysession__campaign__in=campaigns, unit__in=units
        ).values_list("studysession__campaign_id", "unit_id")
    )
    with_people = set(
        Member.objects.filter(unit__in=units)
        .expected_on(today)
        .order_by()
        .values_list("unit_id", flat=True)
        .distinct()
    )
    for campaign in campaigns:
        for unit in units:
            if (
                unit.path.startswith(campaign.unit.path)
                and unit.pk in with_people
                and (campaign.pk, unit.pk) not in held
            ):
                out.append((campaign, unit))
    return out


def checkin_session(*, token: str) -> StudySession | None:
    """The session of a check-in QR (public page: the caller shows only its title and date)."""
    if not token or len(token) > 64:
        return None
    return (
        StudySession.objects.select_related("campaign__document")
        .filter(checkin_token=token)
        .first()
    )


def visible_rows(*, user: Any, rollup: Rollup) -> list[Any]:
    """Every row of the roll-up whose unit the user sees (the API's flat list)."""
    if is_system_admin(user):
        return rollup.ordered()
    paths = user_unit_paths(user)
    return [r for r in rollup.ordered() if any(r.path.startswith(p) for p in paths)]
