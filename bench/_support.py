"""What the Django benchmarks share: a database to fill (SQLite or PostgreSQL) and timing.

Benchmarks print figures and assert nothing (tests pin query counts, not times).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django(
    database_url: str | None, *, pg_name: str, keep: bool = False, sqlite_dir: str | None = None
) -> str:
    """Point Django at the bench's own database, migrate it, refresh planner statistics, and
    return a label. PostgreSQL: database ``pg_name`` on the server of ``database_url``, made
    anew unless ``keep``. SQLite: ``sqlite_dir`` (kept between runs) or a new temporary folder."""
    if database_url:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [pg_name]
            ).fetchone()
            if exists and not keep:
                conn.execute(f"DROP DATABASE {pg_name} WITH (FORCE)")
            if not (exists and keep):
                conn.execute(f"CREATE DATABASE {pg_name}")
        parsed = urlparse(database_url)
        os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{pg_name}"))
        label = f"PostgreSQL ({pg_name})"
    else:
        os.environ.pop("DATABASE_URL", None)
        var_dir = sqlite_dir or tempfile.mkdtemp(prefix="kehoach-bench-")
        os.environ["KEHOACH_VAR_DIR"] = var_dir
        label = f"SQLite ({var_dir}/db.sqlite3)"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    # Fresh planner statistics: an index added after the data were loaded is otherwise ignored
    # by SQLite's planner (580 ms instead of 18 ms for indicator results, seen on gen-data).
    with connection.cursor() as c:
        c.execute("ANALYZE")
    return label


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls of ``fn``, after one warm-up call."""
    fn()  # connections, template and query caches
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, round(0.95 * len(s)) - 1))]
