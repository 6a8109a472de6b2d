"""Time to compile a results report and render it (DOCX in both formats, XLSX) at province size.

Builds (bulk inserts) a Party committee with 1,000 cells and one plan with 10,000 tasks, 9,000
progress reports for Quarter III/2026 with figures on three indicators and 900 evidence links
(``kehoach.results.tests.bulk``), then times ``results_compile`` (the queries and the narrative
proposals) and the exports, and prints the number of queries of the compilation.
Aim: under 5 s in total. Prints figures, asserts nothing.

    .venv/bin/python bench/results_bench.py                  # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/results_bench.py
                                                             # PostgreSQL (a fresh database
                                                             #   kehoach_results_bench)
Options: --units N (default 1000), --tasks-per-unit N (default 10).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _support import setup_django  # noqa: E402  (bench/ is the script folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--tasks-per-unit", type=int, default=10)
    args = parser.parse_args()
    label = setup_django(os.environ.get("DATABASE_URL"), pg_name="kehoach_results_bench")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kehoach.results.exports import results_export
    from kehoach.results.services import results_compile
    from kehoach.results.tests.bulk import build_bulk_plan

    t0 = time.perf_counter()
    world = build_bulk_plan(units=args.units, tasks_per_unit=args.tasks_per_unit)
    print(
        f"{label}: built {len(world.units)} units, {world.tasks} tasks, {world.reports} reports "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    today = dt.date(2026, 10, 1)
    timings: dict[str, float] = {}
    t = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        report = results_compile(actor=None, plan=world.plan, period=world.period, today=today)
    timings["compile"] = time.perf_counter() - t
    sizes = {}
    for name, fmt, profile in (
        ("docx (state)", "docx", "state"),
        ("docx (party)", "docx", "party"),
        ("xlsx", "xlsx", None),
    ):
        t = time.perf_counter()
        sizes[name] = len(results_export(report=report, fmt=fmt, profile=profile).content)
        timings[name] = time.perf_counter() - t
    print(f"compile: {timings['compile']:.2f} s, {len(queries)} queries")
    for name in sizes:
        print(f"{name}: {timings[name]:.2f} s, {sizes[name] / 1024:.0f} KiB")
    total = timings["compile"] + timings["docx (state)"] + timings["xlsx"]
    print(f"compile + one DOCX + XLSX: {total:.2f} s (aim: under 5 s)")


if __name__ == "__main__":
    main()
