"""Execution at province size: page latencies (median, p95) and the roll-up.

Works on a database filled by ``kehoach gen-data`` (``kehoach/plans/gendata.py``: a province of
about 2,000 units, 500 plans in a cascade of depth 4, 50,000 tasks, ~200,000 progress reports).
The database is kept between runs, so the minute or two of generation is paid once:

- SQLite: ``$KEHOACH_VAR_DIR/db.sqlite3`` (default ``/tmp/kehoach-exec-bench``);
- PostgreSQL when ``DATABASE_URL`` is given: a database ``kehoach_bench`` on that server
  (created when missing; ``--drop`` removes it at the end).

If it holds no generated data yet, the bench migrates it and runs gen-data (``--fresh``
regenerates). Then, through the Django test client (the whole view: middleware, selectors,
template), logged in as users at several levels of the tree, it times:

- the leader's dashboard (province, a commune, drill-down), "Việc của tôi", plan pages (the
  largest province plan, a commune's, a cell's), the plan list, the review queue, a task page,
  the compliance matrix, the inbox;
- a task update (its plan and the ancestor plans recomputed);
- a full roll-up recompute of the province, as it is and after resetting every leaf (every
  row rewritten).

Prints median and p95 per page and the queries each page runs; asserts nothing.
Aims (issue 4): p95 under 300 ms per page; full recompute under 10 s.

    .venv/bin/python bench/execution_bench.py [--scale province] [--repeat 20] [--fresh]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/execution_bench.py --drop
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _support import p95, setup_django, timed  # noqa: E402  (bench/ is the script folder)

PG_NAME = "kehoach_bench"


def drop_pg(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")


def count_queries(fn) -> int:  # type: ignore[no-untyped-def]
    """Queries ``fn`` runs, counted at the cursor."""
    from django.db import connection

    seen = []

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return len(seen)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", default="province")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--fresh", action="store_true", help="regenerate the data")
    ap.add_argument("--drop", action="store_true", help="PostgreSQL: drop the database at the end")
    ap.add_argument("--only", default="", help="time only the pages whose name contains this")
    args = ap.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    label = setup_django(
        database_url,
        pg_name=PG_NAME,
        keep=not args.fresh,
        sqlite_dir=os.environ.get("KEHOACH_VAR_DIR", "/tmp/kehoach-exec-bench"),
    )

    from django.conf import settings
    from django.core import signals
    from django.db import close_old_connections, connection
    from django.db.models import Count
    from django.test import Client

    from kehoach.accounts.models import User
    from kehoach.execution.models.plans import Plan
    from kehoach.execution.models.reports import ProgressReport
    from kehoach.execution.models.tasks import Task
    from kehoach.execution.services.recompute import recompute_all
    from kehoach.execution.services.tasks import task_update
    from kehoach.ops.gendata import generate, has_generated_data, reset
    from kehoach.organizations.models import Unit

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # no query log: time what production runs
    # One connection across requests (as with persistent connections in production).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    if args.fresh and has_generated_data():
        reset()
    if not has_generated_data():
        t0 = time.perf_counter()
        out = generate(args.scale, seed=args.seed)
        print(f"{label}: gen-data --scale {args.scale} in {time.perf_counter() - t0:.1f} s")
        print("  " + ", ".join(f"{k} {v:,}" for k, v in out.counts.items()))
    else:
        print(f"{label}: using the generated data already there")
    print(
        f"  {Unit.objects.count():,} units, {Plan.objects.count():,} plans, "
        f"{Task.objects.count():,} tasks, "
        f"{ProgressReport.objects.count():,} reports"
    )

    clients: dict[str, Client] = {}

    def client_for(username: str) -> Client:
        if username not in clients:
            c = Client()
            c.force_login(User.objects.get(username=username))
            clients[username] = c
        return clients[username]

    leader = "gen.lanhdao.tinhuy"
    commune_leader = "gen.lanhdao.x01"
    commune_officer = "gen.bientap.x01"
    province_officer = "gen.chuyenvien.tinhuy"
    department_officer = "gen.bientap.s01"
    commune_unit = User.objects.get(username=commune_officer).memberships.get().unit
    by_tasks = Plan.objects.annotate(n=Count("tasks")).order_by("-n", "id")
    big_plan = by_tasks.filter(parent__isnull=True).first()
    commune_plan = by_tasks.filter(unit=commune_unit).first()
    cell_plan = by_tasks.filter(unit__parent=commune_unit).first()
    # The reporter of the cell that has the most tasks among the commune's cells.
    cell_reporter = (
        User.objects.filter(
            username__startswith="gen.baocao.", memberships__unit__parent=commune_unit
        )
        .annotate(n=Count("memberships__unit__led_tasks"))
        .order_by("-n", "username")
        .first()
    )
    task = Task.objects.filter(plan=commune_plan, reports__isnull=False).order_by("id").first()
    assert big_plan and commune_plan and cell_plan and cell_reporter and task, "no generated data"
    pages = [
        ("dashboard, province leader", leader, "/plans/dashboard/"),
        ("dashboard, drill-down to a commune", leader, f"/plans/dashboard/?unit={commune_unit.pk}"),
        ("dashboard, commune leader", commune_leader, "/plans/dashboard/"),
        ("dashboard, department officer", department_officer, "/plans/dashboard/"),
        ("việc của tôi, cell reporter", cell_reporter.username, "/tasks/mine/"),
        ("việc của tôi, commune officer", commune_officer, "/tasks/mine/"),
        (f"plan page, province ({big_plan.n} tasks)", province_officer, f"/plans/{big_plan.pk}/"),
        (f"plan page, commune ({commune_plan.n} tasks)", commune_officer, f"/plans/{commune_plan.pk}/"),
        (f"plan page, cell ({cell_plan.n} tasks)", commune_officer, f"/plans/{cell_plan.pk}/"),
        ("plan list, province leader", leader, "/plans/"),
        ("plan list, page 10, filtered", leader, "/plans/?status=issued&page=10"),
        ("plan list, commune officer", commune_officer, "/plans/"),
        ("task page with its reports", commune_officer, f"/tasks/{task.pk}/"),
        ("review queue, province officer", province_officer, "/reports/review/"),
        ("review queue, commune officer", commune_officer, "/reports/review/"),
        ("compliance matrix, province leader", leader, "/plans/compliance/"),
        ("compliance matrix, commune officer", commune_officer, "/plans/compliance/"),
        ("inbox, cell reporter", cell_reporter.username, "/notifications/"),
    ]  # fmt: skip
    print(f"\n{label}, {args.repeat} runs per page")
    print(f"{'page':<46} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>6}")
    worst = 0.0
    for name, username, url in pages:
        if args.only and args.only not in name:
            continue
        client = client_for(username)
        size = 0

        def get(client=client, url=url) -> None:  # type: ignore[no-untyped-def]
            nonlocal size
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)
            size = len(r.content)

        n = count_queries(get)
        samples = timed(get, args.repeat)
        worst = max(worst, p95(samples))
        print(
            f"{name:<46} {statistics.median(samples):>10.1f} {p95(samples):>8.1f} {n:>8} "
            f"{size // 1024:>6}"
        )
    print(f"worst page p95: {worst:.1f} ms (aim < 300 ms)")

    leaf = Task.objects.filter(plan=cell_plan, children__isnull=True).order_by("id").first()
    assert leaf is not None, "the cell plan has no leaf task"
    values = iter(range(10**6))

    def update() -> None:
        task_update(actor=None, task=leaf, progress=next(values) % 100)

    n = count_queries(update)
    samples = timed(update, args.repeat)
    print(
        f"\n{'task update + ancestor plans recomputed':<46} {statistics.median(samples):>10.1f} "
        f"{p95(samples):>8.1f} {n:>8}"
    )
    t0 = time.perf_counter()
    written = recompute_all()
    print(f"full roll-up recompute: {time.perf_counter() - t0:.2f} s (rows written {written})")
    # Every leaf to 0 and back: the recompute then rewrites every parent task and plan.
    from django.db import transaction

    leaves = Task.objects.filter(children__isnull=True)
    with transaction.atomic():
        leaves.update(progress=0)
        t0 = time.perf_counter()
        written = recompute_all()
        elapsed = time.perf_counter() - t0
        transaction.set_rollback(True)  # keep the generated figures
    print(f"full roll-up recompute, every leaf changed: {elapsed:.2f} s (rows written {written})")
    connection.close()
    if args.drop and database_url:
        drop_pg(database_url)
        print(f"dropped {PG_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
