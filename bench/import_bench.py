"""Saving an import with many citations: time and peak memory at 100 / 1,000 / 5,000 references.

Fills a fresh database with one province (a root, a branch, an editor) and a registry of the
cited directives (most codes once, some twice in different terms, so that resolution meets
unique, ambiguous and missing targets), then for each size reads a generated plan citing that
many directives (untimed: docparse) and times ``document_import_save``, the service the review
page and the API call, which writes the references and resolves them. Each size is saved twice,
once timed and once under ``tracemalloc`` for the peak of Python allocations (tracemalloc slows
the run, so the two are apart); the process's peak RSS (``resource.getrusage``) is printed too.
5,000 is above the default maximum (``KEHOACH_IMPORT_MAX_REFERENCES``, 2,000), so the bench
raises it. Prints figures, asserts nothing. Aim: 1,000 references in under 2 s and 300 MB.

    .venv/bin/python bench/import_bench.py                   # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/import_bench.py
Options: --sizes 100,1000,5000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _support import setup_django  # noqa: E402  (bench/ is the script folder)


def plan_text(n_refs: int, number: int) -> str:
    """A plan whose grounds cite ``n_refs`` directives, one line each."""
    lines = [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "THÀNH ỦY NHÁNH A",
        "*",
        f"Số {number}-KH/ThUA",
        "Nhánh A, ngày 16 tháng 6 năm 2024",
        "",
        "KẾ HOẠCH",
        f"thực hiện {n_refs} chỉ thị của Bộ Chính trị",
        "",
        "Căn cứ:",
    ]
    for i in range(1, n_refs + 1):
        year = 2000 + i % 24
        lines.append(
            f"- Chỉ thị số {i}-CT/TW, ngày 25/12/{year} của Bộ Chính trị về công tác số {i};"
        )
    lines += ["", "I. MỤC ĐÍCH, YÊU CẦU", "1. Tuyên truyền sâu rộng trên báo chí."]
    return "\n".join(lines)


def fill(max_refs: int) -> tuple[Any, Any]:
    """The editor and the registry: directives 1..max_refs-CT/TW, every tenth one twice."""
    from kehoach.accounts.models import User
    from kehoach.documents.models import Document
    from kehoach.documents.normalize import code_key
    from kehoach.organizations.choices import Role, UnitKind
    from kehoach.organizations.services import membership_grant, unit_create

    root = unit_create(
        actor=None, kind=UnitKind.PARTY_COMMITTEE, name="Tỉnh ủy Thử Nghiệm", abbreviation="TU",
        code="B-1",
    )  # fmt: skip
    branch = unit_create(
        actor=None, kind=UnitKind.PARTY_COMMITTEE, name="Thành ủy Nhánh A", abbreviation="ThUA",
        code="B-2", parent=root,
    )  # fmt: skip
    editor = User.objects.create(username="bench.editor", full_name="Biên tập viên")
    membership_grant(actor=None, user=editor, unit=branch, role=Role.EDITOR)
    docs = []
    for i in range(1, max_refs + 1):
        years = [2000 + i % 24] + ([2000 + (i + 7) % 24] if i % 10 == 0 else [])
        for year in years:
            code = f"{i}-CT/TW"
            docs.append(
                Document(
                    doc_type="CT", code=code, code_key=code_key(code), owner_unit=root,
                    issuer_name="Bộ Chính trị", date=dt.date(year, 12, 25), year=year,
                    sort_date=dt.date(year, 12, 25), title=f"Chỉ thị về công tác số {i}",
                    dedupe_key=f"code:{code_key(code)}|bo chinh tri|{year}",
                )
            )  # fmt: skip
    Document.objects.bulk_create(docs, batch_size=1000)
    return editor, branch


def save_once(editor: Any, n_refs: int, number: int) -> tuple[float, int]:
    """Seconds of one ``document_import_save`` and how many references it wrote."""
    from kehoach.documents.models import Reference
    from kehoach.documents.services import document_import_save, document_import_start, initial_data

    imp = document_import_start(actor=editor, text=plan_text(n_refs, number))
    data = initial_data(imp, user=editor)
    t0 = time.perf_counter()
    doc = document_import_save(actor=editor, document_import=imp, data=data)
    seconds = time.perf_counter() - t0
    return seconds, Reference.objects.filter(document=doc).count()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    label = setup_django(os.environ.get("DATABASE_URL"), pg_name="kehoach_import_bench")
    from django.conf import settings
    from django.db import connection, reset_queries

    settings.KEHOACH_IMPORT_MAX_REFERENCES = max(sizes)  # the bench goes past the default
    settings.DEBUG = True  # count the queries
    editor, _branch = fill(max(sizes))
    print(f"Saving an import with N references — {label}")
    print(
        f"{'N':>6} {'refs':>6} {'time (s)':>9} {'queries':>8} {'peak alloc (MB)':>16} {'max RSS (MB)':>13}"
    )
    number = 1
    for n in sizes:
        reset_queries()
        seconds, written = save_once(editor, n, number)
        queries = len(connection.queries)
        number += 1
        tracemalloc.start()
        save_once(editor, n, number)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        number += 1
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(
            f"{n:>6} {written:>6} {seconds:>9.2f} {queries:>8} {peak / 2**20:>16.1f} {rss:>13.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
