"""A study campaign at scale: the full roll-up, the dashboard and self check-ins per second.

Fills a fresh database with a head unit and ``--units`` cells below it (through the services),
``--per-unit`` roster members in each (bulk), a campaign, one session per cell with every member
marked (nine in ten present, bulk), then times ``compute_rollup`` (the full roll-up the dashboard
reads) over ``--runs`` runs (median and p95) and ``session_checkin`` for ``--checkins`` members of
one session, one after the other in this process (the service's own cost; the HTTP stack and
several workers come on top). Prints figures, asserts nothing. Issue 11's aims: a province of
150,000 members in 2,000 units: dashboard p95 < 300 ms, full roll-up < 2 s, ≥ 50 check-ins/s.

    .venv/bin/python bench/training_bench.py                          # 200 cells × 75 (SQLite)
    .venv/bin/python bench/training_bench.py --units 2000 --per-unit 75
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/training_bench.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _support import setup_django  # noqa: E402  (bench/ is the script folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--per-unit", type=int, default=75)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--checkins", type=int, default=500)
    args = parser.parse_args()
    label = setup_django(os.environ.get("DATABASE_URL"), pg_name="kehoach_training_bench")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kehoach.documents.tests.factories import DocumentFactory
    from kehoach.organizations.choices import UnitKind
    from kehoach.organizations.services import unit_create
    from kehoach.training.choices import Mark
    from kehoach.training.models import Attendance, Member, StudySession
    from kehoach.training.rollup import compute_rollup
    from kehoach.training.services import campaign_create, session_checkin

    t0 = time.perf_counter()
    head = unit_create(actor=None, name="Đảng bộ tỉnh (bench)", kind=UnitKind.PARTY_COMMITTEE)
    cells = [
        unit_create(actor=None, name=f"Chi bộ {i}", kind=UnitKind.PARTY_CELL, parent=head)
        for i in range(args.units)
    ]
    Member.objects.bulk_create(
        [
            Member(
                unit=c,
                full_name=f"Đảng viên {c.pk}-{j}",
                name_key=f"dang vien {c.pk}-{j}",
                member_code=f"{c.pk}-{j}",
            )
            for c in cells
            for j in range(args.per_unit + (args.checkins if c is cells[0] else 0))
        ],
        batch_size=5000,
    )
    today = timezone.localdate()
    document = DocumentFactory(  # type: ignore[no-untyped-call]
        owner_unit=head, title="Chỉ thị (bench)", number="27", symbol="CT/TW"
    )
    campaign = campaign_create(
        actor=None,
        unit=head,
        document=document,
        starts_on=today - dt.timedelta(days=5),
        deadline=today + dt.timedelta(days=25),
    )
    now = timezone.localtime()
    sessions = StudySession.objects.bulk_create(
        [
            StudySession(
                campaign=campaign,
                unit=c,
                held_on=now.date(),
                starts_at=(now - dt.timedelta(minutes=10)).time(),
                ends_at=min(now + dt.timedelta(hours=1), now.replace(hour=23, minute=59)).time(),
                checkin_token=f"bench-{c.pk}",
            )
            for c in cells
        ]
    )
    through = StudySession.units.through
    through.objects.bulk_create(
        [through(studysession_id=s.pk, unit_id=s.unit_id) for s in sessions], batch_size=5000
    )
    session_of = {s.unit_id: s for s in sessions}
    marks = []
    for i, (mid, uid) in enumerate(
        Member.objects.exclude(unit=cells[0]).values_list("id", "unit_id").iterator()
    ):
        mark = Mark.PRESENT if i % 10 else Mark.ABSENT
        marks.append(Attendance(session=session_of[uid], member_id=mid, mark=mark))
    Attendance.objects.bulk_create(marks, batch_size=5000)
    members = Member.objects.count()
    print(
        f"{label}: {len(cells)} cells, {members} members, {len(marks)} marks "
        f"built in {time.perf_counter() - t0:.1f} s"
    )

    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            rollup = compute_rollup(campaign, today=today)
        times.append(time.perf_counter() - t)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    root = rollup.root
    print(
        f"roll-up: median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"{len(queries)} queries; {root.attended}/{root.expected} = {root.rate}%"
    )

    first = session_of[cells[0].pk]
    people = list(Member.objects.filter(unit=cells[0]).order_by("id")[: args.checkins])
    t = time.perf_counter()
    for m in people:
        session_checkin(
            token=first.checkin_token,
            member_code=m.member_code,
            full_name=m.full_name,
            address="10.0.0.1",
        )
    elapsed = time.perf_counter() - t
    print(
        f"check-ins: {len(people)} in {elapsed:.2f} s = {len(people) / elapsed:.0f}/s "
        "(one process, the service; aim ≥ 50/s over HTTP on 2 cores)"
    )


if __name__ == "__main__":
    main()
