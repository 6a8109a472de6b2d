"""Timings of "Dân hỏi – Chính quyền trả lời" at province size, and a burst of submissions.

Builds (bulk inserts) a desk with six fields, 20 agencies, 60 wards and ``--months`` × ``--per-month``
questions (default 36 × 10,000: three years of a province), two thirds of them answered, then
times through Django's test client, ``--runs`` times each, and prints the median and p95:
the public list, a public search without diacritics, the public statistics, an agency's queue,
the desk's queue; then sends ``--burst`` submissions of the ask form from as many addresses at
once (``--threads`` threads) and counts the errors. Aims (issue 13): public list and search
p95 < 200 ms, agency queue p95 < 300 ms, statistics < 1 s, the burst with 0 errors.
Prints figures, asserts nothing.

    .venv/bin/python bench/qa_bench.py                       # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/qa_bench.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _support import setup_django  # noqa: E402  (bench/ is the script folder)

WORDS = [
    "đường",
    "ngập",
    "nước",
    "cống",
    "rác",
    "thải",
    "đèn",
    "chiếu",
    "sáng",
    "vỉa",
    "hè",
    "lấn",
    "chiếm",
    "cây",
    "xanh",
    "chợ",
    "trường",
    "học",
    "bệnh",
    "viện",
    "giấy",
    "phép",
    "xây",
    "dựng",
    "đất",
    "đai",
    "sổ",
    "đỏ",
    "bảo",
    "hiểm",
    "xã",
    "hội",
    "tiếng",
    "ồn",
    "karaoke",
    "giao",
    "thông",
    "ổ",
    "gà",
    "cầu",
    "hỏng",
    "điện",
    "nước",
    "sinh",
    "hoạt",
    "học",
    "phí",
    "thủ",
    "tục",
    "hành",
    "chính",
]


def build(months: int, per_month: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kehoach.core.text import fold
    from kehoach.core.workdays import add_working_days
    from kehoach.organizations.choices import Role, UnitKind
    from kehoach.organizations.services import membership_grant, unit_create
    from kehoach.qa.choices import QuestionStatus
    from kehoach.qa.codes import code_new
    from kehoach.qa.models import Answer, Question
    from kehoach.qa.services.fields import field_create

    province = unit_create(
        actor=None, kind=UnitKind.PEOPLES_COMMITTEE, name="Ủy ban nhân dân tỉnh Bench", code="B-UBT"
    )
    desk = unit_create(
        actor=None, kind=UnitKind.OFFICE, name="Văn phòng UBND tỉnh Bench", parent=province
    )
    agencies = [
        unit_create(actor=None, kind=UnitKind.DEPARTMENT, name=f"Sở Bench {i}", parent=province)
        for i in range(20)
    ]
    wards = [
        unit_create(
            actor=None,
            kind=UnitKind.PEOPLES_COMMITTEE,
            name=f"Ủy ban nhân dân phường Bench {i}",
            parent=province,
        )
        for i in range(60)
    ]
    fields = [field_create(actor=None, unit=desk, name=f"Lĩnh vực {i}") for i in range(6)]
    user_model = get_user_model()
    officer = user_model.objects.create_user(username="bench.officer", password="x" * 12)
    membership_grant(actor=None, user=officer, unit=agencies[0], role=Role.REPORTER)
    deskman = user_model.objects.create_user(username="bench.desk", password="x" * 12)
    membership_grant(actor=None, user=deskman, unit=desk, role=Role.EDITOR)
    rnd = random.Random(13)
    now = timezone.now()
    total = months * per_month
    batch: list[Question] = []
    answers: list[tuple[str, int]] = []
    start = time.perf_counter()
    for i in range(total):
        created = now - dt.timedelta(
            days=30 * months * (1 - i / total), minutes=rnd.randint(0, 600)
        )
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(15, 60)))
        field = rnd.choice(fields)
        roll = rnd.random()
        agency = rnd.choice(agencies)
        routed = created.date()
        due = add_working_days(routed, 7)
        status = (
            QuestionStatus.PUBLISHED
            if roll < 0.66
            else QuestionStatus.RECEIVED
            if roll < 0.7
            else QuestionStatus.ROUTED
        )
        published = (
            created + dt.timedelta(days=rnd.randint(1, 14))
            if status == QuestionStatus.PUBLISHED
            else None
        )
        code = code_new()
        batch.append(
            Question(
                code=code,
                field=field,
                locality=rnd.choice(wards),
                text=text,
                public_text=text,
                search_text=fold(text),
                receiving_unit=desk,
                agency=None if status == QuestionStatus.RECEIVED else agency,
                routed_on=None if status == QuestionStatus.RECEIVED else routed,
                due_date=None if status == QuestionStatus.RECEIVED else due,
                status=status,
                first_published_at=published,
                first_answered_on=published.date() if published else None,
                received_month=created.date().replace(day=1),
            )
        )
        if len(batch) == 5000:
            Question.objects.bulk_create(batch)
            batch = []
    if batch:
        Question.objects.bulk_create(batch)
    rows = Question.objects.filter(status=QuestionStatus.PUBLISHED).values_list(
        "pk", "agency_id", "first_published_at"
    )
    pending: list[Answer] = []
    for pk, agency_id, published in rows.iterator():
        pending.append(
            Answer(
                question_id=pk,
                unit_id=agency_id,
                text="Đã giao xử lý, kết quả như sau.",
                signer_title="Phó Giám đốc",
                published_at=published,
            )
        )
        if len(pending) == 5000:
            Answer.objects.bulk_create(pending)
            pending = []
    if pending:
        Answer.objects.bulk_create(pending)
    del answers
    print(f"built {total} questions in {time.perf_counter() - start:.1f} s")
    return {"officer": officer, "desk": deskman, "field": fields[0], "ward": wards[0]}


def timed(client: Any, url: str, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--per-month", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--threads", type=int, default=20)
    args = parser.parse_args()
    label = setup_django(os.environ.get("DATABASE_URL"), pg_name="kehoach_qa_bench")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    settings.ALLOWED_HOSTS = ["*"]

    world = build(args.months, args.per_month)
    with connection.cursor() as c:
        c.execute("ANALYZE")
    print(label)
    public = Client()
    for name, url, aim in (
        ("public list", "/hoi-dap/cau-hoi/", 200),
        ("public search", "/hoi-dap/cau-hoi/?q=duong+ngap+nuoc", 200),
        ("public statistics", "/hoi-dap/thong-ke/", 1000),
    ):
        median, p95 = timed(public, url, args.runs)
        print(f"{name}: median {median:.0f} ms, p95 {p95:.0f} ms (aim {aim} ms)")
    for who, name, url, aim in (
        ("officer", "agency queue", "/qa/agency/", 300),
        ("desk", "desk queue", "/qa/", 300),
    ):
        client = Client()
        client.force_login(world[who])
        median, p95 = timed(client, url, args.runs)
        print(f"{name}: median {median:.0f} ms, p95 {p95:.0f} ms (aim {aim} ms)")

    def ask(i: int) -> int:
        client = Client(REMOTE_ADDR=f"10.0.{i // 250}.{i % 250}")
        response = client.post(
            "/hoi-dap/",
            {
                "field": world["field"].pk,
                "locality": world["ward"].pk,
                "text": f"Câu hỏi số {i} trong đợt gửi cùng lúc về đường ngập nước",
                "website": "",
            },
        )
        connection.close()
        return response.status_code

    with override_settings(KEHOACH_JOBS_RUNNER="eager"):
        t = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            codes = list(pool.map(ask, range(args.burst)))
        took = time.perf_counter() - t
    errors = sum(1 for c in codes if c != 302)
    print(
        f"burst: {args.burst} submissions on {args.threads} threads in {took:.1f} s, {errors} errors {sorted(set(codes))}"
    )


if __name__ == "__main__":
    main()
