"""A campaign's figures down the tree, counted from raw rows in a fixed number of queries.

The rule (shown on the dashboard):

- **Expected** (phải dự) in a unit: the people on its roster on the campaign's reference date
  (today, the deadline when it has passed, or the close date), not exempt (miễn sinh hoạt).
- **Attended** (đã dự): those of them marked present at *any* session of the campaign: their own
  unit's, a joint one, or a make-up session (học bù). A person counts once per campaign, in the
  unit whose roster holds them on the reference date, even after a transfer.
- **Excused** (vắng có lý do): expected, not attended, with an excused mark; still not attended.
- A unit's **rate** is Σ attended / Σ expected over its whole subtree: never an average of the
  units' percentages.

Four queries, whatever the size of the tree: the units, the figures per unit (one GROUP BY), the
sessions held per unit (one GROUP BY), and the campaign's indicator when it has one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q

from kehoach.organizations.models import Unit
from kehoach.training.choices import Mark
from kehoach.training.models import Attempt, Attendance, Campaign, Member, StudySession


def rate(attended: int, expected: int) -> Decimal | None:
    """Attended / expected in percent, one decimal; None when nobody is expected."""
    if not expected:
        return None
    return (Decimal(attended) * 100 / Decimal(expected)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class UnitRow:
    unit_id: int
    name: str
    path: str
    depth: int
    parent_id: int | None
    # The unit's own roster.
    own_expected: int = 0
    own_attended: int = 0
    own_excused: int = 0
    own_tested: int = 0
    own_passed: int = 0
    sessions: int = 0
    # The whole subtree, the unit included.
    expected: int = 0
    attended: int = 0
    excused: int = 0
    tested: int = 0
    passed: int = 0
    units_without_session: int = 0
    children: list[int] = field(default_factory=list)

    @property
    def rate(self) -> Decimal | None:
        return rate(self.attended, self.expected)

    @property
    def own_rate(self) -> Decimal | None:
        return rate(self.own_attended, self.own_expected)

    @property
    def pass_rate(self) -> Decimal | None:
        """Passed / tested, from raw counts."""
        return rate(self.passed, self.tested)

    @property
    def absent(self) -> int:
        return self.expected - self.attended

    def below(self, target: Decimal) -> bool:
        value = self.rate
        return value is not None and value < target

    @property
    def holds_sessions(self) -> bool:
        """Whether the unit is expected to hold sessions (its roster has people)."""
        return self.own_expected > 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("children")
        return data


@dataclass
class Rollup:
    campaign_id: int
    as_of: dt.date
    target: Decimal
    rows: dict[int, UnitRow]
    root_id: int

    @property
    def root(self) -> UnitRow:
        return self.rows[self.root_id]

    def ordered(self) -> list[UnitRow]:
        return sorted(self.rows.values(), key=lambda r: r.path)

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "target": str(self.target),
            "root_id": self.root_id,
            "rows": [row.as_dict() for row in self.ordered()],
        }

    @classmethod
    def from_json(cls, campaign_id: int, data: dict[str, Any]) -> Rollup:
        fields = set(UnitRow.__dataclass_fields__)
        rows = {
            int(r["unit_id"]): UnitRow(**{k: v for k, v in r.items() if k in fields})
            for r in data["rows"]
        }
        for row in rows.values():
            if row.parent_id in rows:
                rows[row.parent_id].children.append(row.unit_id)
        return cls(
            campaign_id=campaign_id,
            as_of=dt.date.fromisoformat(data["as_of"]),
            target=Decimal(data["target"]),
            rows=rows,
            root_id=int(data["root_id"]),
        )


def campaign_rollup(campaign: Campaign, *, today: dt.date) -> Rollup:
    """The campaign's figures for every unit of its subtree (frozen ones once it is closed)."""
    if campaign.is_closed and campaign.frozen.get("rows"):
        return Rollup.from_json(campaign.pk, campaign.frozen)
    return compute_rollup(campaign, today=today)


def compute_rollup(campaign: Campaign, *, today: dt.date) -> Rollup:
    """Count the campaign from the rosters and marks (see the module's rule)."""
    root = campaign.unit
    ref = campaign.reference_date(today)
    units = list(
        Unit.objects.subtree_of(root)
        .active(ref)
        .order_by("path")
        .values_list("id", "name", "path", "depth", "parent_id")
    )
    rows: dict[int, UnitRow] = {
        uid: UnitRow(unit_id=uid, name=name, path=path, depth=depth, parent_id=parent)
        for uid, name, path, depth, parent in units
    }
    if root.pk not in rows:  # closed since: still the head of its campaign
        rows[root.pk] = UnitRow(
            unit_id=root.pk, name=root.name, path=root.path, depth=root.depth, parent_id=None
        )
    for row in rows.values():
        if row.parent_id in rows and row.unit_id != root.pk:
            rows[row.parent_id].children.append(row.unit_id)

    # Uncorrelated sets of persons (evaluated once by the database, hashed), not EXISTS per row.
    marks = Attendance.objects.filter(session__campaign=campaign).order_by()
    came = marks.filter(mark=Mark.PRESENT).values("member__person")
    excused = marks.filter(mark=Mark.EXCUSED).values("member__person")
    tests = Attempt.objects.filter(campaign=campaign).order_by()
    took = tests.values("person")
    took_passed = tests.filter(passed=True).values("person")
    figures = (
        Member.objects.filter(unit__path__startswith=root.path)
        .expected_on(ref)
        .order_by()
        .values("unit_id")
        .annotate(
            expected=Count("person", distinct=True),
            attended=Count("person", distinct=True, filter=Q(person__in=came)),
            excused=Count(
                "person", distinct=True, filter=Q(person__in=excused) & ~Q(person__in=came)
            ),
            tested=Count("person", distinct=True, filter=Q(person__in=took)),
            passed=Count("person", distinct=True, filter=Q(person__in=took_passed)),
        )
    )
    for item in figures:
        own = rows.get(item["unit_id"])
        if own is None:
            continue
        own.own_expected = item["expected"]
        own.own_attended = item["attended"]
        own.own_excused = item["excused"]
        own.own_tested = item["tested"]
        own.own_passed = item["passed"]
    held = (
        StudySession.units.through.objects.filter(
            studysession__campaign=campaign, studysession__held_on__lte=today
        )
        .order_by()
        .values("unit_id")
        .annotate(n=Count("studysession_id", distinct=True))
    )
    for item in held:
        if item["unit_id"] in rows:
            rows[item["unit_id"]].sessions = item["n"]
    # Every unit's own figures go to itself and each ancestor inside the campaign's subtree.
    for row in rows.values():
        lacking = 1 if row.holds_sessions and not row.sessions else 0
        for part in row.path.strip("/").split("/"):
            above = rows.get(int(part))
            if above is None:
                continue
            above.expected += row.own_expected
            above.attended += row.own_attended
            above.excused += row.own_excused
            above.tested += row.own_tested
            above.passed += row.own_passed
            above.units_without_session += lacking
    return Rollup(
        campaign_id=campaign.pk, as_of=ref, target=campaign.target, rows=rows, root_id=root.pk
    )


@dataclass
class SessionFigures:
    expected: int
    present: int
    excused: int
    absent: int
    unmarked: int

    @property
    def rate(self) -> Decimal | None:
        return rate(self.present, self.expected)


def session_roster(session: StudySession) -> Any:
    """The members a session expects: on the rosters of its units on its date, not exempt."""
    return (
        Member.objects.filter(unit__in=session.units.all())
        .expected_on(session.held_on)
        .select_related("unit")
        .order_by("unit__path", "name_key", "id")
    )


def session_figures(session: StudySession) -> SessionFigures:
    """The session's counts (frozen ones once it is closed); two queries while it is open."""
    if session.is_closed and session.expected_count is not None:
        present = session.present_count or 0
        excused = session.excused_count or 0
        expected = session.expected_count
        return SessionFigures(expected, present, excused, max(expected - present - excused, 0), 0)
    expected_ids = session_roster(session).values("id")
    expected = session_roster(session).count()
    counts = dict(
        Attendance.objects.filter(session=session, member_id__in=expected_ids)
        .order_by()
        .values_list("mark")
        .annotate(n=Count("id"))
    )
    present = counts.get(Mark.PRESENT, 0)
    excused = counts.get(Mark.EXCUSED, 0)
    absent = counts.get(Mark.ABSENT, 0)
    return SessionFigures(
        expected, present, excused, absent, max(expected - present - excused - absent, 0)
    )
