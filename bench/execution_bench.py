"""Execution at province size: dashboard, "việc của tôi", plan page and roll-up latencies.

Fills a fresh database with ``kehoach gen-data`` (about 2,000 units, 500 plans in a cascade,
50,000 tasks, 180,000 progress reports), then times, through the Django test client (the full
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
    counts = generate(args.scale, log=lambda s: None)
    print(f"{label}: generated {counts} in {time.perf_counter() - t0:.1f} s")

    def client_for(username: str) -> Client:
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    leader, officer, reporter = (
        client_for(u) for u in ("gen.leader", "gen.officer", "gen.reporter")
    )
    officer_unit = User.objects.get(username="gen.officer").memberships.get().unit
    cell_plan = Plan.objects.filter(unit__parent=officer_unit).order_by("id").first()
    city_plan = Plan.objects.get(unit=officer_unit)
    rows = [
        ("dashboard (leader, province)", leader, "/plans/dashboard/"),
        ("dashboard (officer, district)", officer, "/plans/dashboard/"),
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

    leaf = Task.objects.filter(plan=cell_plan, parent__isnull=False).order_by("id").first()
    values = iter(range(10**6))

    def update():
        task_update(actor=None, task=leaf, progress=next(values) % 100)

    n = count_queries(update)
    med, p95 = timed(update, args.repeat)
    print(f"{'task update + ancestors recompute':<42} {med:>10.1f} {p95:>8.1f} {n:>8}")
    t0 = time.perf_counter()
    written = recompute_all()
    print(f"full roll-up recompute: {time.perf_counter() - t0:.2f} s (rows written {written})")
    Task.objects.filter(parent__isnull=False).update(progress=0)
    t0 = time.perf_counter()
    written = recompute_all()
    print(
        f"full roll-up after resetting every leaf: {time.perf_counter() - t0:.2f} s "
        f"(rows written {written})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
