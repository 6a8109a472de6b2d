"""Registry at province size: search and list latencies (median and p95).

Fills a fresh database with 2,000 units (a province: committees, boards, departments, cells),
20,000 documents with generated Vietnamese titles, bodies, codes and references (bulk inserts,
search index included), then times the same selectors the pages and the API use:

- search: words with and without diacritics, codes typed several ways, filters;
- lists: first page, a deep page, filters (type, year, unit subtree);

each as a province-wide user and as a user of one branch (scoping joins), with the count query
and the page of results. Prints figures, asserts nothing.

    .venv/bin/python bench/registry_bench.py                 # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/registry_bench.py
                                                             # PostgreSQL (a fresh database
                                                             #   kehoach_registry_bench)
Options: --documents N (default 20000), --units N (default 2000), --repeat N (default 5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _support import p95, setup_django, timed  # noqa: E402  (bench/ is the script folder)

if TYPE_CHECKING:  # imported for real once Django is set up
    from kehoach.accounts.models import User
    from kehoach.organizations.models import Unit

TOPICS = [
    "thực hành tiết kiệm, chống lãng phí",
    "chuyển đổi số và chính quyền số",
    "cải cách hành chính",
    "xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "bảo đảm trật tự, an toàn giao thông",
    "phòng, chống ma túy trong thanh thiếu niên",
    "bảo vệ môi trường và ứng phó với biến đổi khí hậu",
    "phổ biến, giáo dục pháp luật",
    "xây dựng nông thôn mới",
    "công tác dân vận của hệ thống chính trị",
    "phòng, chống tham nhũng, tiêu cực",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "phát triển văn hóa đọc trong cộng đồng",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "an toàn thực phẩm",
    "bình đẳng giới và phòng, chống bạo lực gia đình",
    "kỷ niệm các ngày lễ lớn của đất nước",
]
PURPOSES = [
    "Nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên, công chức, viên chức và Nhân dân về {t}.",
    "Tạo sự thống nhất về ý chí và hành động trong toàn Đảng bộ đối với {t}.",
    "Kịp thời biểu dương gương người tốt, việc tốt trong {t}.",
    "Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội trong {t}.",
]
FORMS = [
    "Tuyên truyền trên báo chí, trang thông tin điện tử và mạng xã hội của cơ quan, đơn vị.",
    "Tổ chức hội nghị quán triệt, sinh hoạt chi bộ chuyên đề, tọa đàm.",
    "Phát thanh trên hệ thống loa truyền thanh cơ sở ở các phường, xã.",
    "Treo băng rôn, khẩu hiệu, pano, áp phích tại nơi công cộng.",
    "Phát hành tờ rơi, tài liệu hỏi đáp; tổ chức cuộc thi tìm hiểu trực tuyến.",
    "Phát huy đội ngũ báo cáo viên, tuyên truyền viên cơ sở.",
]
TASKS = [
    "{u} chủ trì, phối hợp với các cơ quan liên quan triển khai kế hoạch này.",
    "{u} theo dõi, đôn đốc, tổng hợp kết quả, định kỳ báo cáo trước ngày 15 tháng 12 hằng năm.",
    "Các chi bộ trực thuộc xây dựng kế hoạch cụ thể, bảo đảm ít nhất 95% đảng viên tham gia.",
]
TYPES = [("KH", "Kế hoạch", 0.55), ("CT", "Chỉ thị", 0.08), ("NQ", "Nghị quyết", 0.07),
         ("HD", "Hướng dẫn", 0.1), ("BC", "Báo cáo", 0.12), ("CV", "Công văn", 0.08)]  # fmt: skip
KINDS_LEVEL1 = ["party_committee", "department", "peoples_committee", "party_board"]


def fill(n_units: int, n_docs: int, rnd: random.Random) -> tuple[dict[str, tuple[User, Unit]], str]:
    """``({"province" | "branch": (user, a unit in their scope)}, a directive's code)``."""
    from django.db import connection, transaction

    from kehoach.accounts.models import User
    from kehoach.documents.models import Document, DocumentTerm, Reference
    from kehoach.documents.normalize import code_key, fold
    from kehoach.documents.search import document_terms
    from kehoach.organizations.models import Membership, Unit

    t0 = time.perf_counter()
    units: list[Unit] = []
    root = Unit(
        id=1,
        code="B-1",
        kind="party_committee",
        name="Tỉnh ủy Thử Nghiệm",
        abbreviation="TU",
        path="/1/",
        depth=0,
    )
    units.append(root)
    level1 = []
    next_id = 2
    for i in range(40):
        u = Unit(id=next_id, code=f"B-{next_id}", kind=KINDS_LEVEL1[i % 4], parent_id=1,
                 name=f"Đơn vị cấp huyện số {i + 1}", abbreviation=f"DV{i + 1}",
                 path=f"/1/{next_id}/", depth=1)  # fmt: skip
        units.append(u)
        level1.append(u)
        next_id += 1
    while next_id <= n_units:
        parent = level1[(next_id - 42) % len(level1)]
        units.append(Unit(id=next_id, code=f"B-{next_id}", kind="party_cell", parent_id=parent.pk,
                          name=f"Chi bộ cơ sở số {next_id}", abbreviation=f"CB{next_id}",
                          path=f"{parent.path}{next_id}/", depth=2))  # fmt: skip
        next_id += 1
    for u in units:
        u.search_text = fold(u.name)
    with transaction.atomic():
        Unit.objects.bulk_create(units, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute(
                "SELECT setval(pg_get_serial_sequence('organizations_unit','id'), %s)", [n_units]
            )

    province = User.objects.create(username="bench.province", full_name="Cán bộ tỉnh")
    branch = User.objects.create(username="bench.branch", full_name="Cán bộ huyện")
    Membership.objects.create(user=province, unit=root, role="viewer")
    Membership.objects.create(user=branch, unit=level1[0], role="viewer")

    weights = [w for *_x, w in TYPES]
    docs: list[Document] = []
    refs: list[tuple[int, str, int]] = []
    directives: list[tuple[str, int]] = []
    start = dt.date(2016, 1, 1)
    for i in range(1, n_docs + 1):
        owner = units[rnd.randrange(len(units))]
        typ, typ_name, _w = rnd.choices(TYPES, weights)[0]
        topic = rnd.choice(TOPICS)
        day = start + dt.timedelta(days=rnd.randrange(3650))
        number = str(rnd.randint(1, 400))
        system = "party" if owner.kind.startswith("party") else "state"
        code = (
            f"{number}-{typ}/{owner.abbreviation}"
            if system == "party"
            else f"{number}/{typ}-{owner.abbreviation}"
        )
        if rnd.random() < 0.03:
            code, number = "", ""
        title = (
            f"{typ_name} về {topic} năm {day.year}"
            if typ != "BC"
            else f"Báo cáo kết quả {topic} {day.year}"
        )
        cited: list[str] = []
        if directives and rnd.random() < 0.6:
            for _ in range(rnd.randint(1, 3)):
                cite, did = rnd.choice(directives)
                cited.append(cite)
                refs.append((i, cite, did))
        paras = [
            f"Thực hiện {', '.join('văn bản số ' + c for c in cited) or 'chỉ đạo của cấp trên'}, {owner.name} ban hành {typ_name.lower()} về {topic} như sau:"
        ]
        paras += ["I. MỤC ĐÍCH, YÊU CẦU"] + [p.format(t=topic) for p in rnd.sample(PURPOSES, 2)]
        paras += ["II. NỘI DUNG VÀ HÌNH THỨC", *rnd.sample(FORMS, 3)]
        paras += ["III. TỔ CHỨC THỰC HIỆN"] + [
            t.format(u=units[rnd.randrange(len(units))].name) for t in TASKS
        ]
        text = "\n\n".join([typ_name.upper(), title, *paras])
        doc = Document(
            id=i, system=system, doc_type=typ, doc_type_name=typ_name, number=number,
            symbol=code.split("-", 1)[-1] if system == "party" else code.split("/", 1)[-1],
            code=code, code_key=code_key(code), issuer_name=owner.name, issuer_unit_id=owner.pk,
            owner_unit_id=owner.pk, date=day, date_text=day.isoformat(), year=day.year, sort_date=day,
            title=title, text=text, search_title=fold(title), search_text=fold(f"{code} {owner.name} {title} {text}"),
            status="reviewed", dedupe_key=f"bench:{i}", parsed={}, version=1,
        )  # fmt: skip
        docs.append(doc)
        if typ in ("CT", "NQ", "KH") and code:
            directives.append((code, i))
    t1 = time.perf_counter()
    with transaction.atomic():
        Document.objects.bulk_create(docs, batch_size=500)
        Reference.objects.bulk_create(
            [Reference(document_id=d, code=c, code_key=code_key(c), target_id=t, position=n)
             for n, (d, c, t) in enumerate(refs)], batch_size=2000)  # fmt: skip
    t2 = time.perf_counter()
    cited_by_doc: dict[int, list[str]] = {}
    for d, cite, _t in refs:
        cited_by_doc.setdefault(d, []).append(cite)
    rows = 0
    table = DocumentTerm._meta.db_table
    sql = f"INSERT INTO {table} (document_id, term, weight, sort_date) VALUES (%s, %s, %s, %s)"
    with transaction.atomic(), connection.cursor() as cursor:
        batch: list[tuple[int, str, int, dt.date]] = []
        for doc in docs:
            terms = document_terms(code=doc.code, title=doc.title, text=doc.text,
                                   issuer_name=doc.issuer_name, cited_codes=cited_by_doc.get(doc.pk, []))  # fmt: skip
            batch.extend((doc.pk, t, w, doc.sort_date) for t, w in terms.items())
            if len(batch) > 20000:
                cursor.executemany(sql, batch)
                rows += len(batch)
                batch = []
        cursor.executemany(sql, batch)
        rows += len(batch)
    t3 = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute(
                "SELECT setval(pg_get_serial_sequence('documents_document','id'), %s)", [n_docs]
            )
            # What autovacuum does after a bulk load: statistics and the visibility map (which
            # lets the covering term index answer without reading the table).
            c.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")
    print(f"filled: {n_units} units, {n_docs} documents ({t1 - t0:.1f} s to generate), "
          f"{len(refs)} references, {rows} index terms; inserts {t2 - t1:.1f} s + index {t3 - t2:.1f} s")  # fmt: skip
    sample_code = next(c for c, _ in directives[len(directives) // 2 :] if c)
    return {"province": (province, level1[3]), "branch": (branch, level1[0])}, sample_code


def report(label: str, samples: dict[str, list[float]]) -> None:
    every = sorted(x for xs in samples.values() for x in xs)
    print(
        f"\n{label}: median {statistics.median(every):.1f} ms, p95 {p95(every):.1f} ms, max {every[-1]:.1f} ms over {len(every)} runs"
    )
    for name, xs in samples.items():
        print(f"  {statistics.median(xs):7.1f} ms  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    label = setup_django(os.environ.get("DATABASE_URL"), pg_name="kehoach_registry_bench")
    from kehoach.documents.selectors import document_list, document_search

    rnd = random.Random(20240616)
    world, code = fill(args.units, args.documents, rnd)
    number, rest = code.split("-", 1) if "-" in code.split("/")[0] else code.split("/", 1)
    searches: dict[str, dict[str, str]] = {
        "tiet kiem (no diacritics)": {"q": "tiet kiem"},
        "thực hành tiết kiệm, chống lãng phí": {"q": "thực hành tiết kiệm, chống lãng phí"},
        "chuyen doi so nam 2024": {"q": "chuyen doi so nam 2024"},
        f"code {code}": {"q": code},
        f"code typed with spaces ({number} {rest.replace('/', ' ').replace('-', ' ').lower()})": {
            "q": f"{number} {rest.replace('/', ' ').replace('-', ' ').lower()}"
        },
        "an toan giao thong + type KH + year 2023": {
            "q": "an toan giao thong",
            "doc_type": "KH",
            "year": "2023",
        },
        "rare word (thiên tai)": {"q": "thiên tai"},
        "tuyen truyen (in every document)": {"q": "tuyen truyen"},
    }
    lists: dict[str, dict[str, str | int]] = {
        "list, first page": {},
        "list, page 200 (or the last)": {"page": 200},
        "list, year 2020": {"year": "2020"},
        "list, type CT": {"doc_type": "CT"},
    }
    for who, (user, unit) in world.items():
        lists["list, unit subtree"] = {"unit": str(unit.pk)}
        s_samples = {}
        for name, search_filters in searches.items():

            def search(f: dict[str, str] = search_filters, u: User = user) -> object:
                return document_search(user=u, filters=f, limit=20)

            s_samples[name] = timed(search, args.repeat)
        l_samples = {}
        for name, filters in lists.items():
            page = int(filters.get("page", 1))
            only = {k: v for k, v in filters.items() if k != "page"}

            def run(f: dict[str, str | int] = only, p: int = page, u: User = user) -> list[object]:
                qs = document_list(user=u, filters=f)
                last = max(1, -(-qs.count() // 20))
                p = min(p, last)  # as Paginator.get_page: past the end shows the last page
                return list(qs[(p - 1) * 20 : p * 20])

            l_samples[name] = timed(run, args.repeat)
        scope = "province-wide user" if who == "province" else "user of one branch (~50 units)"
        report(f"{label} search, {scope}", s_samples)
        report(f"{label} lists, {scope}", l_samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
