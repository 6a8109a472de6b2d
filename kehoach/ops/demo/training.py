"""The training demo: a study campaign of the Thành ủy Đà Lạt on a directive of the registry,
rosters of its three cells, two sessions held (one cell not yet), an excused absence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from kehoach.documents.models import Document
from kehoach.organizations.models import Unit
from kehoach.training.choices import Mark, MemberStatus
from kehoach.training.models import Campaign
from kehoach.training.services import (
    attendance_mark,
    campaign_create,
    member_create,
    session_close,
    session_create,
)

CITY = "ThU-DL"
TITLE = "Học tập, quán triệt Chỉ thị về công tác tuyên truyền (mẫu)"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
GIVEN = [
    "Văn An",
    "Thị Bình",
    "Văn Cường",
    "Thị Dung",
    "Minh Đức",
    "Thị Hạnh",
    "Quốc Huy",
    "Thu Lan",
]
# (cell code, people, exempt, present at the session, excused); None: no session yet.
CELLS: list[tuple[str, int, int, int | None, int]] = [
    ("CB-P1", 8, 1, 6, 1),
    ("CB-P2", 6, 0, 6, 0),
    ("CB-TTVH", 5, 0, None, 0),
]


def _document(city: Unit) -> Document | None:
    """A directive the city reads (its own or from above), else any Party document."""
    above = [int(p) for p in city.path.strip("/").split("/") if p]
    docs = Document.objects.filter(owner_unit_id__in=above)
    return (
        docs.filter(doc_type="CT").order_by("id").first()
        or docs.filter(system="party").order_by("id").first()
        or docs.order_by("id").first()
    )


def seed_demo_training(*, actor: Any, stdout: Any) -> None:
    if Campaign.objects.filter(title=TITLE).exists():
        stdout.write("Đợt học tập mẫu: đã có, bỏ qua.")
        return
    city = Unit.objects.filter(code=CITY).first()
    document = _document(city) if city else None
    if city is None or document is None:
        stdout.write("Chưa có Thành ủy hoặc văn bản mẫu: bỏ qua đợt học tập mẫu.")
        return
    today = timezone.localdate()
    cells = {u.code: u for u in Unit.objects.filter(code__in=[c for c, *_ in CELLS])}
    with transaction.atomic():
        campaign = campaign_create(
            actor=None,
            unit=city,
            document=document,
            title=TITLE,
            starts_on=today - dt.timedelta(days=10),
            deadline=today + dt.timedelta(days=20),
        )
        for n, (code, people, exempt, present, excused) in enumerate(CELLS):
            unit = cells.get(code)
            if unit is None:
                continue
            members = [
                member_create(
                    actor=None,
                    unit=unit,
                    full_name=f"{FAMILY[(i + n) % len(FAMILY)]} {GIVEN[(i * 3 + n) % len(GIVEN)]}",
                    member_code=f"{code}-{i + 1:02d}",
                    status=MemberStatus.EXEMPT if i >= people - exempt else MemberStatus.OFFICIAL,
                )
                for i in range(people)
            ]
            if present is None:
                continue
            session = session_create(
                actor=None,
                campaign=campaign,
                unit=unit,
                held_on=today - dt.timedelta(days=3 + n),
                starts_at=dt.time(14, 0),
                ends_at=dt.time(16, 30),
                place="Hội trường " + unit.name,
                presenter="Báo cáo viên Thành ủy",
            )
            marks: dict[int, str] = {m.pk: Mark.PRESENT for m in members[:present]}
            marks |= {m.pk: Mark.EXCUSED for m in members[present : present + excused]}
            attendance_mark(actor=None, session=session, marks=marks)
            session_close(actor=None, session=session)
    stdout.write(f"Đợt học tập mẫu: /training/campaigns/{campaign.pk}/")
