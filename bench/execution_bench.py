"""Execution at province size: dashboard, "việc của tôi", plan page and roll-up latencies.

Fills a fresh database with ``kehoach gen-data`` (``kehoach/plans/gendata.py``: a province of
about 2,000 units, 500 plans in a cascade, 50,000 tasks, 200,000 progress reports), then times, through the Django test client (the full
view: selectors, template, middleware):

- the leader's dashboard (province-wide), the plan list, the review queue;
- "Việc của tôi" of a cell reporter; a cell plan's page (100 tasks);
- a task update (its plan and the ancestor plans recomputed);
- a full roll-up recompute of the province (every task and plan).

Prints median and p95, asserts nothing. Aims (issue 4): p95 under 300 ms per page; full
roll-up under 10 s.

    .venv/bin/python bench/execution_bench.py [--scale small] [--repeat 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/execution_bench.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str | None) -> str:
    if database_url:
        import psycopg

        parsed = urlparse(database_url)
        name = "kehoach_execution_bench"
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))
        label = "PostgreSQL"
    else:
        os.environ.pop("DATABASE_URL", None)
        label = "SQLite"
    os.environ["KEHOACH_VAR_DIR"] = tempfile.mkdtemp(prefix="kehoach-exec-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return label


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm up
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def count_queries(fn) -> int:
    """Queries ``fn`` runs, counted at the cursor (whatever the request signals do)."""
    from django.db import connection

    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return len(seen)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="province")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    label = setup_django(os.environ.get("DATABASE_URL"))

    from django.conf import settings
    from django.db.models import Count
    from django.test import Client

    from kehoach.accounts.models import User
    from kehoach.plans.gendata import generate
    from kehoach.plans.models import Plan
    from kehoach.tasks.models import Task
    from kehoach.tasks.recompute import recompute_all
    from kehoach.tasks.services import task_update

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # no query log: time what production runs
    # Keep one connection across requests so the query counts below see every query.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    t0 = time.perf_counter()
    out = generate(args.scale, log=lambda s: None)
    print(f"{label}: generated {out.counts} in {time.perf_counter() - t0:.1f} s")

    def client_for(username: str) -> Client:
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    leader = client_for(out.users["leader.province"])
    officer = client_for(out.users["officer.commune"])
    reporter = client_for(out.users["reporter.cell"])
    officer_unit = User.objects.get(username=out.users["officer.commune"]).memberships.get().unit
    city_plan = (
        Plan.objects.filter(unit=officer_unit).annotate(n=Count("tasks")).order_by("-n").first()
    )
    cell_plan = (
        Plan.objects.filter(parent=city_plan).annotate(n=Count("tasks")).order_by("-n").first()
        or city_plan
    )
    rows = [
        ("dashboard (leader, province)", leader, "/plans/dashboard/"),
        ("dashboard (officer, commune)", officer, "/plans/dashboard/"),
        ("plan list (leader)", leader, "/plans/"),
        ("review queue (officer)", officer, "/reports/review/"),
        ("việc của tôi (cell reporter)", reporter, "/tasks/mine/"),
        (f"plan page ({cell_plan.tasks.count()} tasks)", officer, f"/plans/{cell_plan.pk}/"),
        (
            f"plan page, district ({city_plan.tasks.count()} tasks)",
            officer,
            f"/plans/{city_plan.pk}/",
        ),
    ]
    print(f"{'page':<42} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, client, url in rows:

        def get(client=client, url=url):
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)

        n = count_queries(get)
        med, p95 = timed(get, args.repeat)
        print(f"{name:<42} {med:>10.1f} {p95:>8.1f} {n:>8}")

    leaf = Task.objects.filter(plan=cell_plan, children__isnull=True).order_by("id").first()
    values = iter(range(10**6))

    def update():
        task_update(actor=None, task=leaf, progress=next(values) % 100)

    n = count_queries(update)
    med, p95 = timed(update, args.repeat)
    print(f"{'task update + ancestors recompute':<42} {med:>10.1f} {p95:>8.1f} {n:>8}")
    t0 = time.perf_counter()
    written = recompute_all()
    print(f"full roll-up recompute: {time.perf_counter() - t0:.2f} s (rows written {written})")
    parents = Task.objects.filter(parent__isnull=False).values("parent_id")
    Task.objects.exclude(pk__in=parents).update(progress=0)
    t0 = time.perf_counter()
    written = recompute_all()
    print(
        f"full roll-up after resetting every leaf: {time.perf_counter() - t0:.2f} s "
        f"(rows written {written})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
