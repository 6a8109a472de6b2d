"""Builders for training tests: a campaign over the two-branch world, rosters, sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kehoach.documents.tests.factories import DocumentFactory
from kehoach.training.choices import MemberStatus
from kehoach.training.models import Member
from kehoach.training.services import campaign_create, member_create, session_create

START = dt.date(2026, 3, 1)
DEADLINE = dt.date(2026, 3, 31)


def roster(unit: Any, n: int, *, prefix: str = "", exempt: int = 0) -> list[Member]:
    """``n`` people on ``unit``'s roster (codes P1…), the last ``exempt`` of them exempt."""
    tag = prefix or f"U{unit.pk}-"
    return [
        member_create(
            actor=None,
            unit=unit,
            full_name=f"Người Thứ {tag}{i}",
            member_code=f"{tag}{i}",
            status=MemberStatus.EXEMPT if i > n - exempt else MemberStatus.OFFICIAL,
        )
        for i in range(1, n + 1)
    ]


def campaign(unit: Any, **kwargs: Any) -> Any:
    document = kwargs.pop("document", None) or DocumentFactory(
        owner_unit=unit, title="Chỉ thị về công tác tuyên truyền", code="27-CT/TW"
    )
    return campaign_create(
        actor=kwargs.pop("actor", None),
        unit=unit,
        document=document,
        starts_on=kwargs.pop("starts_on", START),
        deadline=kwargs.pop("deadline", DEADLINE),
        **kwargs,
    )


def session(campaign: Any, unit: Any, day: int = 10, **kwargs: Any) -> Any:
    return session_create(
        actor=kwargs.pop("actor", None),
        campaign=campaign,
        unit=unit,
        held_on=dt.date(2026, 3, day),
        starts_at=dt.time(8, 0),
        ends_at=dt.time(11, 0),
        **kwargs,
    )
