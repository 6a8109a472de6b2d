"""Generated data at scale (``kehoach gen-data``): a whole province for benchmarks and load tests.

A province after the 2025 reform (two levels of local government): the Party committee with its
boards, the Party committees of the province's agencies, the People's Committee with its
departments and offices, the Fatherland Front with the mass organisations, and ~30 communes and
wards, each with its Party committee and cells (villages, residential groups, schools, health
station, police, military), its People's Committee and Front committee.

On top of it: directives of the centre (registry documents), a tree of plans that implement one
another (province → commune or agency → cell, depth 3–4), each issued plan a registry document
citing its parent; tasks with lead and supporting units and dates; a report template per plan
with its periods; progress reports over the past periods with indicator figures and evidence
links; cascade requirements; users at every level with a membership; a few notifications.

Rows are written with ``bulk_create`` in batches (no per-row services: that would take hours),
then ``recompute_all`` rolls progress up once, exactly as the services would have. The data obey
the domain's rules: a leaf task's progress is the figure of its lead unit's latest accepted
report (or 100 when done), parent tasks and plans are roll-ups, reports exist only for a task's
lead or supporting units, rates keep their raw counts.

Everything generated is marked: unit codes start with ``GEN-``, usernames with ``gen.``,
document keys with ``gen:``. ``generate`` refuses to run twice; ``reset`` removes it all.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, connection, transaction

from kehoach.accounts.models import User
from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError
from kehoach.documents.models import Document, DocumentChannel, DocumentTerm, Reference
from kehoach.documents.normalize import code_key, fold
from kehoach.documents.search import document_terms
from kehoach.execution.choices import (
    Aggregation,
    Comparator,
    Cycle,
    EvidenceKind,
    PlanStatus,
    ReportStatus,
    TaskStatus,
)
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import (
    Evidence,
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ProgressSnapshot,
    ReportingPeriod,
    ReportTemplate,
)
from kehoach.execution.models.tasks import Task
from kehoach.execution.periods import CutoffRule, DeadlineRule, periods_between
from kehoach.execution.services.recompute import recompute_all
from kehoach.execution.services.reports import template_attach_plan_tasks
from kehoach.notifications.models import Notification
from kehoach.organizations.choices import Role, UnitEvent, UnitKind
from kehoach.organizations.models import Membership, Unit, UnitVersion

UNIT_PREFIX = "GEN-"
USER_PREFIX = "gen."
DOC_PREFIX = "gen:"
PASSWORD = "kehoach2026"  # the same as the demo's; printed by the command
K = UnitKind


@dataclass(frozen=True)
class Scale:
    """How big the generated world is."""

    communes: int
    cells: tuple[int, int]  # cells per commune (min, max)
    departments: int
    offices: tuple[int, int]  # offices per department
    plans: int
    tasks: int
    reports: int


SCALES: dict[str, Scale] = {
    "small": Scale(
        communes=2, cells=(3, 4), departments=2, offices=(1, 2), plans=12, tasks=150, reports=500
    ),
    "city": Scale(
        communes=10,
        cells=(25, 35),
        departments=8,
        offices=(3, 5),
        plans=100,
        tasks=10_000,
        reports=40_000,
    ),
    "province": Scale(
        communes=30,
        cells=(42, 62),
        departments=18,
        offices=(4, 6),
        plans=500,
        tasks=50_000,
        reports=200_000,
    ),
}

# --- names ------------------------------------------------------------------------------------

PROVINCE = ("Tỉnh Gia Lai", "Gia Lai")
COMMUNE_NAMES = [
    "Phường Pleiku", "Phường Hội Phú", "Phường Thống Nhất", "Phường Diên Hồng", "Phường An Phú",
    "Phường An Nhơn", "Phường Quy Nhơn", "Phường Quy Nhơn Đông", "Phường Bồng Sơn",
    "Phường Hoài Nhơn", "Phường Ayun Pa", "Phường An Khê", "Xã Biển Hồ", "Xã Gào", "Xã Ia Ly",
    "Xã Chư Păh", "Xã Ia Grai", "Xã Đức Cơ", "Xã Chư Prông", "Xã Chư Sê", "Xã Phú Thiện",
    "Xã Krông Pa", "Xã Kông Chro", "Xã Đak Đoa", "Xã Mang Yang", "Xã Kbang", "Xã Đak Pơ",
    "Xã Ia Pa", "Xã Tây Sơn", "Xã Vân Canh", "Xã Phù Cát", "Xã Phù Mỹ", "Xã Tuy Phước",
    "Xã Hoài Ân", "Xã An Lão", "Xã Vĩnh Thạnh", "Xã Ia Hrung", "Xã Chư Pưh", "Xã Đak Sơmei",
    "Xã Ia Dom",
]  # fmt: skip
DEPARTMENTS = [
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Y tế", "SYT"), ("Sở Tài chính", "STC"), ("Sở Nội vụ", "SNV"), ("Sở Tư pháp", "STP"),
    ("Sở Khoa học và Công nghệ", "SKHCN"), ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Công Thương", "SCT"), ("Sở Xây dựng", "SXD"), ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    ("Thanh tra tỉnh", "TTr"), ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND"),
    ("Sở Ngoại vụ", "SNgV"), ("Báo và Phát thanh, Truyền hình Gia Lai", "BPTTH"),
    ("Trường Chính trị tỉnh", "TCT"), ("Đài Khí tượng thủy văn tỉnh", "ĐKTTV"),
    ("Ban Quản lý Khu kinh tế tỉnh", "BQLKKT"), ("Công an tỉnh", "CAT"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS"),
]  # fmt: skip
OFFICES = [
    "Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý văn hóa",
    "Phòng Truyền thông", "Phòng Nghiệp vụ", "Phòng Thanh tra - Pháp chế", "Trung tâm Thông tin",
]  # fmt: skip
PROVINCE_BOARDS = [
    ("Ban Tổ chức Tỉnh ủy", "BTCTU"), ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDVTU"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU"), ("Ban Nội chính Tỉnh ủy", "BNCTU"),
    ("Văn phòng Tỉnh ủy", "VPTU"), ("Ban Chính sách, chiến lược Tỉnh ủy", "BCSCLTU"),
]  # fmt: skip
MASS_ORGS = [
    ("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN"), ("Tỉnh Đoàn", "TĐ"), ("Hội Nông dân tỉnh", "HND"),
    ("Hội Cựu chiến binh tỉnh", "HCCB"), ("Liên đoàn Lao động tỉnh", "LĐLĐ"),
]  # fmt: skip
CELL_KINDS = [
    "Chi bộ thôn {n}", "Chi bộ tổ dân phố {n}", "Chi bộ làng {village}", "Chi bộ thôn {village}",
]  # fmt: skip
CELL_FIXED = [
    "Chi bộ Trường Tiểu học {name}", "Chi bộ Trường Trung học cơ sở {name}",
    "Chi bộ Trường Mầm non {name}", "Chi bộ Trạm Y tế", "Chi bộ Công an", "Chi bộ Quân sự",
    "Chi bộ Cơ quan Ủy ban nhân dân", "Chi bộ Cơ quan Đảng - Mặt trận - Đoàn thể",
]  # fmt: skip
VILLAGES = [
    "Plei Ring", "Plei Ốp", "Ia Nueng", "Đê Kop", "Kon Chră", "Tân Lập", "Thanh Bình", "An Mỹ",
    "Hòa Bình", "Phú Thọ", "Trung Hưng", "Định Công", "Mỹ Thạnh", "Hưng Long", "Tân Sơn",
]  # fmt: skip
COMMUNE_OFFICES = [
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
]  # fmt: skip
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Rơ Châm", "Ksor", "Siu", "Rah Lan", "Nay"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc", "Thu", "Xuân", "Hồng", ""]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quang", "Sơn",
         "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Yến", "H'Bia", "Blơng"]  # fmt: skip
TOPICS = [
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "chuyển đổi số và xây dựng chính quyền số",
    "thực hành tiết kiệm, chống lãng phí",
    "phòng, chống tham nhũng, tiêu cực",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "cải cách hành chính",
    "bảo đảm trật tự, an toàn giao thông",
    "phòng, chống ma túy trong thanh thiếu niên",
    "bảo vệ môi trường và ứng phó với biến đổi khí hậu",
    "phổ biến, giáo dục pháp luật",
    "xây dựng nông thôn mới",
    "kỷ niệm các ngày lễ lớn và sự kiện lịch sử",
    "đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030",
    "vận hành chính quyền địa phương hai cấp",
    "phát triển văn hóa đọc trong cộng đồng",
]
ACTIVITIES = [
    "Tổ chức hội nghị quán triệt {t} đến cán bộ, đảng viên",
    "Đăng tải tin, bài tuyên truyền về {t} trên trang thông tin điện tử",
    "Treo băng rôn, khẩu hiệu tuyên truyền về {t} tại trụ sở và nơi công cộng",
    "Phát thanh trên hệ thống loa truyền thanh cơ sở về {t}",
    "Sinh hoạt chi bộ chuyên đề về {t}",
    "Tổ chức cuộc thi tìm hiểu trực tuyến về {t}",
    "Biên soạn tài liệu hỏi - đáp về {t}",
    "Biểu dương, khen thưởng tập thể, cá nhân tiêu biểu trong {t}",
    "Lồng ghép nội dung {t} vào sinh hoạt của Mặt trận và các đoàn thể",
    "Kiểm tra, giám sát việc thực hiện {t} ở cơ sở",
    "Tổng hợp, báo cáo kết quả thực hiện {t}",
    "Cung cấp thông tin định hướng về {t} cho báo cáo viên, tuyên truyền viên",
]
SECTIONS = ["II.1", "II.2", "II.3", "III.1", "III.2", "IV.1", "IV.2"]
NARRATIVES = [
    "Đã tổ chức {n} buổi, có {m} lượt cán bộ, đảng viên và Nhân dân tham dự.",
    "Đăng tải {n} tin, bài; phát thanh {m} lượt trên loa truyền thanh cơ sở.",
    "Treo {n} băng rôn, khẩu hiệu; phát {m} tờ rơi tại các khu dân cư.",
    "Hoàn thành các nội dung theo kế hoạch; còn {n} nội dung chuyển sang kỳ sau.",
]


@dataclass
class Generated:
    """What was written, for the command's summary and the tests."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # role label → username


# --- helpers ----------------------------------------------------------------------------------


def has_generated_data() -> bool:
    return Unit.objects.filter(code__startswith=UNIT_PREFIX).exists()


def _batched_create(model: Any, rows: list[Any], batch: int = 2000) -> list[Any]:
    for i in range(0, len(rows), batch):
        model.objects.bulk_create(rows[i : i + batch])
    return rows


def _person(rnd: random.Random) -> str:
    middle = rnd.choice(MIDDLE)
    return " ".join(p for p in (rnd.choice(SURNAMES), middle, rnd.choice(GIVEN)) if p)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in fold(text)).strip("-")[:40]


# --- the units -----------------------------------------------------------------------------------


class UnitTree:
    """Units built level by level; a unit's path needs its primary key, known after insertion."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.pending: list[tuple[Unit, Unit | None]] = []
        self.seq = 0

    def add(
        self, parent: Unit | None, kind: str, name: str, short: str = "", abbr: str = ""
    ) -> Unit:
        self.seq += 1
        u = Unit(
            code=f"{UNIT_PREFIX}{self.seq:05d}",
            kind=kind,
            name=name,
            short_name=short[:120],
            abbreviation=abbr[:40],
            valid_from=dt.date(2025, 7, 1),
        )
        u.search_text = fold(" ".join([u.name, u.short_name, u.abbreviation, u.code]))
        self.pending.append((u, parent))
        return u

    def flush(self) -> None:
        """Insert the pending units (their parents are already saved), then set their paths."""
        rows = [u for u, _ in self.pending]
        for u, parent in self.pending:
            u.parent = parent
        _batched_create(Unit, rows)
        for u, parent in self.pending:
            u.path = f"{parent.path if parent else '/'}{u.pk}/"
            u.depth = 0 if parent is None else parent.depth + 1
        Unit.objects.bulk_update(rows, ["path", "depth"], batch_size=1000)
        self.units.extend(rows)
        self.pending = []


@dataclass
class World:
    """The units by role in the province, for the plan and user generators."""

    root: Unit
    party: Unit  # Tỉnh ủy
    state: Unit  # UBND tỉnh
    front: Unit
    boards: list[Unit]
    propaganda: Unit  # Ban Tuyên giáo và Dân vận
    agencies_party: Unit  # Đảng ủy UBND tỉnh
    dept_party: list[Unit]  # Đảng bộ of each department
    dept_cells: dict[int, list[Unit]]
    departments: list[Unit]
    offices: dict[int, list[Unit]]
    commune_party: list[Unit]
    commune_cells: dict[int, list[Unit]]
    commune_state: list[Unit]
    children: dict[int, list[Unit]] = field(default_factory=dict)


def build_units(scale: Scale, rnd: random.Random) -> World:
    t = UnitTree()
    root = t.add(None, K.OTHER, PROVINCE[0], PROVINCE[1], "GL")
    t.flush()
    party = t.add(root, K.PARTY_COMMITTEE, "Tỉnh ủy Gia Lai", "Tỉnh ủy", "TU")
    state = t.add(root, K.PEOPLES_COMMITTEE, "Ủy ban nhân dân tỉnh Gia Lai", "UBND tỉnh", "UBND")
    t.add(root, K.PEOPLES_COUNCIL, "Hội đồng nhân dân tỉnh Gia Lai", "HĐND tỉnh", "HĐND")
    front = t.add(
        root,
        K.MASS_ORGANIZATION,
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Gia Lai",
        "Ủy ban MTTQ tỉnh",
        "MTTQ",
    )
    t.flush()
    boards = [
        t.add(party, K.PARTY_BOARD, n, n.replace(" Tỉnh ủy", ""), a) for n, a in PROVINCE_BOARDS
    ]
    agencies_party = t.add(
        party, K.PARTY_COMMITTEE, "Đảng ủy Ủy ban nhân dân tỉnh", "Đảng ủy UBND tỉnh", "ĐU"
    )
    t.add(
        party, K.PARTY_COMMITTEE, "Đảng ủy các cơ quan Đảng tỉnh", "Đảng ủy các cơ quan Đảng", "ĐU"
    )
    depts = DEPARTMENTS[: scale.departments]
    departments = [t.add(state, K.DEPARTMENT, n, n, a) for n, a in depts]
    for n, a in MASS_ORGS:
        t.add(front, K.MASS_ORGANIZATION, n, n, a)
    communes = rnd.sample(COMMUNE_NAMES, min(scale.communes, len(COMMUNE_NAMES)))
    while len(communes) < scale.communes:
        communes.append(f"Xã Ia {len(communes) + 1}")
    commune_party = [
        t.add(party, K.PARTY_COMMITTEE, f"Đảng ủy {c.lower().capitalize()}"[:300], "Đảng ủy", "ĐU")
        for c in communes
    ]
    for u, c in zip(commune_party, communes, strict=True):
        u.name = f"Đảng ủy {c[0].lower()}{c[1:]}"
        u.search_text = fold(" ".join([u.name, u.short_name, u.abbreviation, u.code]))
    commune_state = [
        t.add(state, K.PEOPLES_COMMITTEE, f"Ủy ban nhân dân {c[0].lower()}{c[1:]}", "UBND", "UBND")
        for c in communes
    ]
    commune_front = [
        t.add(front, K.MASS_ORGANIZATION, f"Ủy ban MTTQ Việt Nam {c[0].lower()}{c[1:]}", "", "MTTQ")
        for c in communes
    ]
    t.flush()
    propaganda = boards[1]
    dept_party = [
        t.add(agencies_party, K.PARTY_COMMITTEE, f"Đảng bộ {d.name}", "Đảng ủy", "ĐU")
        for d in departments
    ]
    offices: dict[int, list[Unit]] = {}
    for d in departments:
        n = rnd.randint(*scale.offices)
        offices[d.pk] = [t.add(d, K.OFFICE, f"{o} - {d.short_name}", o, "") for o in OFFICES[:n]]
    commune_cells: dict[int, list[Unit]] = {}
    for cp, c in zip(commune_party, communes, strict=True):
        n = rnd.randint(*scale.cells)
        place = c.split(" ", 1)[1]
        names = [f.format(name=place) for f in CELL_FIXED]
        i = 1
        while len(names) < n:
            pattern = CELL_KINDS[0 if c.startswith("Xã") else 1] if rnd.random() < 0.8 else None
            if pattern is None:
                names.append(
                    f"Chi bộ {'làng' if rnd.random() < 0.5 else 'thôn'} {rnd.choice(VILLAGES)} {i}"
                )
            else:
                names.append(pattern.format(n=i))
            i += 1
        commune_cells[cp.pk] = [
            t.add(cp, K.PARTY_CELL, f"{name}, {c[0].lower()}{c[1:]}", name, "CB")
            for name in names[:n]
        ]
    for cs in commune_state:
        for o in COMMUNE_OFFICES:
            t.add(cs, K.OFFICE, f"{o} {cs.name.replace('Ủy ban nhân dân ', '')}", o, "")
    for cf in commune_front:
        for n, a in MASS_ORGS[:3]:
            t.add(
                cf,
                K.MASS_ORGANIZATION,
                f"{n.replace(' tỉnh', '')} {cf.name.split(' Nam ')[-1]}",
                "",
                a,
            )
    for b in boards:
        t.add(b, K.PARTY_CELL, f"Chi bộ {b.name}", "Chi bộ", "CB")
    t.flush()
    dept_cells: dict[int, list[Unit]] = {}
    for dp, d in zip(dept_party, departments, strict=True):
        dept_cells[dp.pk] = [
            t.add(
                dp, K.PARTY_CELL, f"Chi bộ {o.short_name}, {d.name}", f"Chi bộ {o.short_name}", "CB"
            )
            for o in offices[d.pk]
        ]
    t.flush()
    versions = [
        UnitVersion(
            unit=u,
            event=UnitEvent.CREATED,
            name=u.name,
            short_name=u.short_name,
            abbreviation=u.abbreviation,
            parent_id=u.parent_id,
            valid_from=u.valid_from,
        )
        for u in t.units
    ]
    _batched_create(UnitVersion, versions)
    children: dict[int, list[Unit]] = defaultdict(list)
    for u in t.units:
        if u.parent_id:
            children[u.parent_id].append(u)
    return World(
        root=root,
        party=party,
        state=state,
        front=front,
        boards=boards,
        propaganda=propaganda,
        agencies_party=agencies_party,
        dept_party=dept_party,
        dept_cells=dept_cells,
        departments=departments,
        offices=offices,
        commune_party=commune_party,
        commune_cells=commune_cells,
        commune_state=commune_state,
        children=dict(children),
    )


# --- users -----------------------------------------------------------------------------------


def build_users(world: World, rnd: random.Random) -> dict[str, User]:
    """A leader and an officer at the province and each commune, a reporter in every cell and
    office; returns the notable ones by label."""
    hashed = make_password(PASSWORD)
    plan: list[tuple[str, Unit, str, str]] = [
        ("gen.lanhdao.tinhuy", world.party, Role.VIEWER, "Phó Bí thư Thường trực Tỉnh ủy"),
        ("gen.chuyenvien.tinhuy", world.party, Role.EDITOR, "Chuyên viên Văn phòng Tỉnh ủy"),
        (
            "gen.bientap.btgdv",
            world.propaganda,
            Role.EDITOR,
            "Chuyên viên Ban Tuyên giáo và Dân vận",
        ),
        ("gen.lanhdao.ubnd", world.state, Role.VIEWER, "Phó Chủ tịch UBND tỉnh"),
        ("gen.quantri", world.root, Role.ADMIN, "Quản trị hệ thống"),
    ]
    for i, u in enumerate(world.commune_party, 1):
        plan.append((f"gen.lanhdao.x{i:02d}", u, Role.VIEWER, "Bí thư Đảng ủy"))
        plan.append((f"gen.bientap.x{i:02d}", u, Role.EDITOR, "Chuyên viên Văn phòng Đảng ủy"))
        for j, cell in enumerate(world.commune_cells[u.pk], 1):
            plan.append((f"gen.baocao.x{i:02d}.cb{j:02d}", cell, Role.REPORTER, "Bí thư chi bộ"))
    for i, u in enumerate(world.commune_state, 1):
        plan.append((f"gen.bientap.ubx{i:02d}", u, Role.EDITOR, "Công chức Văn phòng UBND"))
    for i, d in enumerate(world.departments, 1):
        plan.append((f"gen.bientap.s{i:02d}", d, Role.EDITOR, "Chánh Văn phòng Sở"))
        for j, o in enumerate(world.offices[d.pk], 1):
            plan.append((f"gen.baocao.s{i:02d}.p{j}", o, Role.REPORTER, "Chuyên viên"))
    for i, dp in enumerate(world.dept_party, 1):
        plan.append((f"gen.bientap.ds{i:02d}", dp, Role.EDITOR, "Phó Bí thư Đảng ủy"))
        for j, c in enumerate(world.dept_cells[dp.pk], 1):
            plan.append((f"gen.baocao.ds{i:02d}.cb{j}", c, Role.REPORTER, "Bí thư chi bộ"))
    users = [
        User(
            username=name,
            full_name=_person(rnd),
            position=position,
            password=hashed,
            email=f"{name.removeprefix(USER_PREFIX)}@gialai.gov.vn",
        )
        for name, _u, _r, position in plan
    ]
    _batched_create(User, users)
    _batched_create(
        Membership,
        [
            Membership(user=user, unit=unit, role=role)
            for user, (_n, unit, role, _p) in zip(users, plan, strict=True)
        ],
    )
    by_name = {u.username: u for u in users}
    return {
        "leader.province": by_name["gen.lanhdao.tinhuy"],
        "officer.province": by_name["gen.chuyenvien.tinhuy"],
        "leader.commune": by_name["gen.lanhdao.x01"],
        "officer.commune": by_name["gen.bientap.x01"],
        "reporter.cell": by_name["gen.baocao.x01.cb01"],
        "officer.department": by_name["gen.bientap.s01"],
        "all": users,  # type: ignore[dict-item]
    }


# --- plans and their documents --------------------------------------------------------------------


def _is_party(u: Unit) -> bool:
    return u.kind in (K.PARTY_COMMITTEE, K.PARTY_BOARD, K.PARTY_CELL)


def _issuing_children(world: World, u: Unit) -> list[Unit]:
    """Units below ``u`` that issue their own implementing plans."""
    if u.pk == world.party.pk:
        return [*world.commune_party, world.agencies_party, world.propaganda]
    if u.pk == world.state.pk:
        return [*world.departments, *world.commune_state]
    if u.pk == world.agencies_party.pk:
        return world.dept_party
    kids = world.children.get(u.pk, [])
    if _is_party(u):
        return [k for k in kids if k.kind in (K.PARTY_COMMITTEE, K.PARTY_CELL)]
    return [k for k in kids if k.kind in (K.OFFICE, K.DEPARTMENT, K.PEOPLES_COMMITTEE)]


def _assignees(world: World, u: Unit) -> list[Unit]:
    """Units a plan of ``u`` gives tasks to: its sub-units, or itself when it has none."""
    kids = [k for k in world.children.get(u.pk, []) if k.kind != K.PEOPLES_COUNCIL]
    return kids or [u]


@dataclass
class PlanSpec:
    plan: Plan
    level: int
    topic: str
    directive: Document | None = None  # what it implements (the parent's document or the centre's)
    cycle: str = Cycle.QUARTERLY


def _code(u: Unit, number: int, kind: str = "KH") -> tuple[str, str, str]:
    """(code, number, symbol) in the unit's system: ``15-KH/TU`` or ``15/KH-UBND``."""
    abbr = u.abbreviation or "ĐV"
    if _is_party(u):
        return f"{number}-{kind}/{abbr}", str(number), f"{kind}/{abbr}"
    return f"{number}/{kind}-{abbr}", str(number), f"{kind}-{abbr}"


def build_plans(
    world: World, scale: Scale, rnd: random.Random, today: dt.date
) -> tuple[list[PlanSpec], list[Document]]:
    """Directives of the centre, then the plan tree level by level (depth up to 4)."""
    n_directives = max(2, scale.plans // 25)
    directives = []
    for i in range(n_directives):
        topic = TOPICS[i % len(TOPICS)]
        kind, kind_name, issuer = rnd.choice(
            [("CT", "Chỉ thị", "Ban Bí thư"), ("NQ", "Nghị quyết", "Bộ Chính trị"),
             ("KL", "Kết luận", "Bộ Chính trị"), ("HD", "Hướng dẫn", "Ban Tuyên giáo và Dân vận Trung ương")]
        )  # fmt: skip
        number = 20 + i * 3 + rnd.randint(0, 2)
        # Directives of the last two years: old plans are finished, recent ones run past today.
        day = today - dt.timedelta(days=rnd.randint(60, 700))
        code = f"{number}-{kind}/TW"
        title = f"Tăng cường sự lãnh đạo của Đảng đối với công tác {topic}"
        directives.append(
            _document(code, str(number), f"{kind}/TW", kind, kind_name, issuer, None, world.party, day, title, f"{DOC_PREFIX}tw:{i}")
        )  # fmt: skip
    _batched_create(Document, directives)

    quotas = [max(2, round(scale.plans * 0.05))]
    rest = scale.plans - quotas[0]
    quotas += [round(rest * 0.34), round(rest * 0.5)]
    quotas.append(scale.plans - sum(quotas))
    numbers: dict[int, int] = defaultdict(int)
    specs: list[PlanSpec] = []
    level_specs: list[PlanSpec] = []
    for i in range(quotas[0]):
        unit = [world.party, world.party, world.state, world.propaganda][i % 4]
        directive = directives[i % len(directives)]
        topic = TOPICS[(i % len(directives)) % len(TOPICS)]
        start = directive.date + dt.timedelta(days=rnd.randint(15, 60))  # type: ignore[operator]
        level_specs.append(_plan_spec(unit, None, directive, topic, 1, start, today, rnd))
    for level in (2, 3, 4):
        _save_plans(level_specs, numbers, rnd, today)
        specs.extend(level_specs)
        # A draft plan has no implementing plans yet.
        candidates = [
            (s, u)
            for s in level_specs
            if s.plan.status != PlanStatus.DRAFT
            for u in _issuing_children(world, s.plan.unit)
        ]
        quota = quotas[level - 1] if level - 1 < len(quotas) else 0
        if level == 4:
            quota = scale.plans - len(specs)
        elif level == 3:
            quota = min(quota, scale.plans - len(specs))
        picked = rnd.sample(candidates, min(quota, len(candidates)))
        picked.sort(key=lambda su: (su[0].plan.pk, su[1].pk))
        level_specs = [
            _plan_spec(
                u, s, s.plan.document, s.topic, level,
                s.plan.period_start + dt.timedelta(days=rnd.randint(7, 45)), today, rnd,  # type: ignore[operator]
            )
            for s, u in picked
        ]  # fmt: skip
        if not level_specs:
            break
    if level_specs:
        _save_plans(level_specs, numbers, rnd, today)
        specs.extend(level_specs)
    # Top up at level 2 when the tree ran out of units (small worlds).
    while len(specs) < scale.plans:
        s = specs[len(specs) % max(1, quotas[0])]
        u = rnd.choice(_issuing_children(world, s.plan.unit))
        extra = [_plan_spec(u, s, s.plan.document, s.topic, 2, s.plan.period_start, today, rnd)]  # type: ignore[arg-type]
        _save_plans(extra, numbers, rnd, today)
        specs.extend(extra)
    return specs, directives


def _plan_spec(
    unit: Unit,
    parent: PlanSpec | None,
    directive: Document | None,
    topic: str,
    level: int,
    issued_on: dt.date,
    today: dt.date,
    rnd: random.Random,
) -> PlanSpec:
    issued_on = min(issued_on, today - dt.timedelta(days=3))
    # Most plans are issued; the youngest cells still have drafts; a few old ones are closed.
    r = rnd.random()
    status = PlanStatus.ISSUED
    if level >= 3 and r < 0.06:
        status = PlanStatus.DRAFT
    elif r > 0.985:
        status = PlanStatus.CLOSED
    end = issued_on + dt.timedelta(days=rnd.choice([365, 540, 730]))
    title = f"Tuyên truyền, triển khai thực hiện công tác {topic} năm {issued_on.year}" + (
        f" - {issued_on.year + 1}" if end.year > issued_on.year else ""
    )
    if directive is not None and directive.code and level == 1:
        title = f"Thực hiện {directive.doc_type_name} số {directive.code} về {topic}"
    plan = Plan(
        unit=unit,
        title=title,
        status=status,
        parent=parent.plan if parent else None,
        parent_document=directive,
        period_start=issued_on,
        period_end=end,
        issued_on=issued_on if status != PlanStatus.DRAFT else None,
        signer=_person(rnd) if status != PlanStatus.DRAFT else "",
        weight=Decimal(rnd.choice([1, 1, 1, 2])),
        preamble=_preamble(directive, unit, title),
        sections=_sections(topic),
    )
    # Province plans report by quarter, communes and agencies by quarter or month, cells mostly
    # monthly (after their cell's monthly meeting).
    monthly = rnd.random() < (0.0 if level == 1 else 0.4 if level == 2 else 0.75)
    cycle = Cycle.MONTHLY if monthly else Cycle.QUARTERLY
    return PlanSpec(plan=plan, level=level, topic=topic, directive=directive, cycle=cycle)


def _preamble(directive: Document | None, unit: Unit, title: str) -> str:
    if directive is None:
        return ""
    date = f"ngày {directive.date:%d/%m/%Y}" if directive.date else ""
    return (
        f"Thực hiện {directive.doc_type_name} số {directive.code}, {date} của {directive.issuer_name} "
        f"về {directive.title[0].lower()}{directive.title[1:]}, {unit.name} ban hành Kế hoạch "
        f"{title[0].lower()}{title[1:]} như sau:"
    )


def _sections(topic: str) -> list[dict[str, Any]]:
    return [
        {"number": "I", "heading": "MỤC ĐÍCH, YÊU CẦU", "role": "purpose",
         "text": f"Nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên và Nhân dân về {topic}.", "children": []},
        {"number": "II", "heading": "NỘI DUNG TUYÊN TRUYỀN", "role": "content",
         "text": f"Tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà nước về {topic}.", "children": []},
        {"number": "III", "heading": "HÌNH THỨC TUYÊN TRUYỀN", "role": "forms",
         "text": "Hội nghị, sinh hoạt chi bộ; trang thông tin điện tử; loa truyền thanh cơ sở; băng rôn, khẩu hiệu.", "children": []},
        {"number": "IV", "heading": "TỔ CHỨC THỰC HIỆN", "role": "organization",
         "text": "Các đơn vị xây dựng kế hoạch cụ thể, định kỳ báo cáo kết quả.", "children": []},
    ]  # fmt: skip


def _document(
    code: str,
    number: str,
    symbol: str,
    kind: str,
    kind_name: str,
    issuer_name: str,
    issuer: Unit | None,
    owner: Unit,
    day: dt.date,
    title: str,
    key: str,
    text: str = "",
) -> Document:
    party = "/" in symbol and not symbol.startswith(f"{kind}-")
    text = text or f"{kind_name.upper()}\n{title}"
    return Document(
        system="party" if party else "state",
        doc_type=kind,
        doc_type_name=kind_name,
        number=number,
        symbol=symbol,
        code=code,
        code_key=code_key(code),
        issuer_name=issuer_name,
        issuer_unit=issuer,
        owner_unit=owner,
        place="Gia Lai",
        date=day,
        date_text=day.isoformat(),
        year=day.year,
        sort_date=day,
        title=title,
        text=text,
        search_title=fold(title),
        search_text=fold(f"{code} {issuer_name} {title} {text}"),
        status="reviewed",
        dedupe_key=key,
        parsed={},
    )


def _save_plans(
    specs: list[PlanSpec], numbers: dict[int, int], rnd: random.Random, today: dt.date
) -> None:
    """Insert a level of plans with their registry documents, then set the paths."""
    docs: list[Document] = []
    for s in specs:
        p = s.plan
        if p.status == PlanStatus.DRAFT:
            continue
        numbers[p.unit.pk] += rnd.randint(1, 6)
        code, number, symbol = _code(p.unit, numbers[p.unit.pk])
        p.code = code
        text = "\n\n".join(
            ["KẾ HOẠCH", p.title, p.preamble]
            + [f"{sec['number']}. {sec['heading']}\n{sec['text']}" for sec in p.sections]
        )
        doc = _document(
            code, number, symbol, "KH", "Kế hoạch", p.unit.name, p.unit, p.unit,
            p.issued_on, p.title, f"{DOC_PREFIX}{p.unit.code}:{code}", text,  # type: ignore[arg-type]
        )  # fmt: skip
        docs.append(doc)
        p.document = doc
    _batched_create(Document, docs, 500)
    for s in specs:
        if s.plan.document is not None:
            s.plan.document_id = s.plan.document.pk
    rows = [s.plan for s in specs]
    _batched_create(Plan, rows, 500)
    for p in rows:
        p.path = f"{p.parent.path if p.parent else '/'}{p.pk}/"
    Plan.objects.bulk_update(rows, ["path"], batch_size=1000)
    refs = [
        Reference(
            document_id=s.plan.document_id,
            position=0,
            code=s.directive.code,
            code_key=s.directive.code_key,
            doc_type=s.directive.doc_type,
            number=s.directive.number,
            symbol=s.directive.symbol,
            year=s.directive.year,
            issuer_name=s.directive.issuer_name,
            date=s.directive.date,
            date_text=s.directive.date_text,
            title=s.directive.title,
            target=s.directive,
        )
        for s in specs
        if s.plan.document_id and s.directive is not None
    ]
    _batched_create(Reference, refs)


def index_documents(docs: Iterable[Document]) -> int:
    """The registry's search terms for the generated documents (so search finds them)."""
    cited: dict[int, list[str]] = defaultdict(list)
    docs = list(docs)
    for r in Reference.objects.filter(document__in=docs).values("document_id", "code"):
        cited[r["document_id"]].append(r["code"])
    rows: list[DocumentTerm] = []
    # The registry may copy the document's date onto its terms (for ranking without a join).
    dated = any(f.name == "sort_date" for f in DocumentTerm._meta.get_fields())
    for d in docs:
        terms = document_terms(
            code=d.code, title=d.title, text=d.text, issuer_name=d.issuer_name,
            cited_codes=cited.get(d.pk, []),
        )  # fmt: skip
        extra = {"sort_date": d.sort_date} if dated else {}
        rows.extend(
            DocumentTerm(document_id=d.pk, term=t, weight=w, **extra) for t, w in terms.items()
        )
    _batched_create(DocumentTerm, rows, 5000)
    return len(rows)


def build_requirements(specs: list[PlanSpec], world: World, rnd: random.Random) -> int:
    """Province and commune plans require sub-units to implement them within 30–45 days."""
    children: dict[tuple[int, int], Plan] = {}
    for s in specs:
        if s.plan.parent_id:
            children.setdefault((s.plan.parent_id, s.plan.unit_id), s.plan)
    rows = []
    for s in specs:
        if s.level > 2 or s.plan.document_id is None:
            continue
        due = s.plan.issued_on + dt.timedelta(days=rnd.choice([30, 45]))  # type: ignore[operator]
        for u in _issuing_children(world, s.plan.unit):
            child = children.get((s.plan.pk, u.pk))
            # The units that implemented the plan had been required to; a few more were asked
            # and have not issued theirs yet (late, or not yet due for recent plans).
            if child is None and rnd.random() > (0.15 if s.level == 1 else 0.03):
                continue
            rows.append(
                PlanRequirement(
                    directive_id=s.plan.document_id, required_by=s.plan.unit, unit=u,
                    due_date=due, issued_plan=child,
                )
            )  # fmt: skip
    _batched_create(PlanRequirement, rows)
    return len(rows)


# --- tasks --------------------------------------------------------------------------------------


def _status_progress(
    rnd: random.Random, start: dt.date, due: dt.date, today: dt.date
) -> tuple[str, Decimal]:
    """A realistic status and progress from where ``today`` falls between start and due."""
    r = rnd.random()
    if r < 0.03:
        return TaskStatus.CANCELLED, Decimal(0)
    if r < 0.05:
        return TaskStatus.NOT_APPLICABLE, Decimal(0)
    if today < start:
        return TaskStatus.NOT_STARTED, Decimal(0)
    span = max(1, (due - start).days)
    expected = min(100.0, 100.0 * (today - start).days / span)
    if due < today:
        if r < 0.78:
            return TaskStatus.DONE, Decimal(100)
        return TaskStatus.IN_PROGRESS, Decimal(rnd.randint(20, 90))
    if r < 0.12:
        return TaskStatus.DONE, Decimal(100)
    if expected < 5 and r < 0.5:
        return TaskStatus.NOT_STARTED, Decimal(0)
    # On track, a little behind (amber) or far behind (red).
    value = max(0.0, min(99.0, expected + rnd.choice([5, 0, -5, -15, -35])))
    return TaskStatus.IN_PROGRESS, Decimal(round(value))


def build_tasks(
    specs: list[PlanSpec], world: World, scale: Scale, rnd: random.Random, today: dt.date
) -> list[Task]:
    weights = {1: 3.0, 2: 2.0, 3: 0.8, 4: 0.8}
    total_w = sum(weights[s.level] for s in specs)
    tops: list[Task] = []
    subs: list[tuple[Task, Task]] = []
    supports: list[tuple[Task, list[Unit]]] = []
    made = 0
    for i, s in enumerate(specs):
        p = s.plan
        want = round(scale.tasks * weights[s.level] / total_w)
        if i == len(specs) - 1:
            want = scale.tasks - made
        want = max(want, 1)
        people = _assignees(world, p.unit)
        position = 0
        n = 0
        while n < want:
            lead = rnd.choice(people)
            # Tasks spread over the plan's time: some done, some running, some not started.
            span = (p.period_end - p.period_start).days  # type: ignore[operator]
            start = p.period_start + dt.timedelta(days=rnd.randint(0, max(0, span * 2 // 3)))  # type: ignore[operator]
            due = start + dt.timedelta(days=rnd.randint(20, 240))
            due = min(due, p.period_end)  # type: ignore[type-var]
            start = min(start, due)
            title = rnd.choice(ACTIVITIES).format(t=s.topic)
            status, progress = _status_progress(rnd, start, due, today)
            if p.status == PlanStatus.DRAFT:
                status, progress = TaskStatus.NOT_STARTED, Decimal(0)
            position += 1
            task = Task(
                plan=p, section=rnd.choice(SECTIONS), title=title, lead_unit=lead,
                start_date=start, due_date=due, status=status, progress=progress,
                weight=Decimal(rnd.choice([1, 1, 1, 2, 3])), position=position,
            )  # fmt: skip
            tops.append(task)
            n += 1
            helpers = [u for u in people if u.pk != lead.pk]
            k = rnd.choice([0, 1, 1, 2, 3]) if helpers else 0
            if k:
                supports.append((task, rnd.sample(helpers, min(k, len(helpers)))))
            # A quarter of the tasks are split into sub-tasks, one per unit.
            if want - n >= 3 and rnd.random() < 0.25 and len(people) > 1:
                size = min(len(people), rnd.randint(2, 4), want - n)
                for j, u in enumerate(rnd.sample(people, size), 1):
                    sub_status, sub_progress = _status_progress(rnd, start, due, today)
                    if p.status == PlanStatus.DRAFT:
                        sub_status, sub_progress = TaskStatus.NOT_STARTED, Decimal(0)
                    sub = Task(
                        plan=p, section=f"{task.section}.{j}", title=f"{title} tại {u.short_name or u.name}",
                        lead_unit=u, start_date=start, due_date=due, status=sub_status,
                        progress=sub_progress, position=position * 100 + j,
                    )  # fmt: skip
                    subs.append((task, sub))
                    # The parent task's lead unit supports each sub-unit more often than not.
                    if u.pk != lead.pk and rnd.random() < 0.6:
                        supports.append((sub, [lead]))
                    n += 1
        made += n
    _batched_create(Task, tops)
    for parent, child in subs:
        child.parent = parent
    _batched_create(Task, [c for _, c in subs])
    Support = Task.supporting_units.through
    _batched_create(
        Support, [Support(task_id=t.pk, unit_id=u.pk) for t, us in supports for u in us], 5000
    )
    tasks = tops + [c for _, c in subs]
    with_children = {p.pk for p, _ in subs}
    for t in tasks:
        t.has_children = t.pk in with_children  # type: ignore[attr-defined]
        t.support_ids = []  # type: ignore[attr-defined]
    by_id = {t.pk: t for t in tasks}
    for t, us in supports:
        by_id[t.pk].support_ids = [u.pk for u in us]  # type: ignore[attr-defined]
    return tasks


# --- templates, periods, indicators, reports ----------------------------------------------------------

INDICATORS = [
    ("Số tin, bài tuyên truyền đăng trên trang thông tin điện tử", "tin, bài", Aggregation.SUM, Comparator.GE, 40, "", ""),
    ("Tỷ lệ đảng viên tham gia học tập, quán triệt", "%", Aggregation.RATE, Comparator.GE, 95, "số đảng viên dự", "tổng số đảng viên"),
    ("Số buổi sinh hoạt chuyên đề của mỗi chi bộ", "buổi", Aggregation.MINIMUM, Comparator.GE, 2, "", ""),
    ("Tổ chức hội nghị quán triệt", "", Aggregation.ALL_DONE, Comparator.EQ, 1, "", ""),
]  # fmt: skip


def build_templates(
    specs: list[PlanSpec], rnd: random.Random, today: dt.date
) -> dict[int, list[ReportingPeriod]]:
    """One periodic report per plan (received by the plan's unit), periods over the plan's time."""
    templates = []
    for s in specs:
        name = {Cycle.MONTHLY: "Báo cáo tháng", Cycle.QUARTERLY: "Báo cáo quý",
                Cycle.HALF_YEAR: "Báo cáo 6 tháng"}.get(s.cycle, "Báo cáo")  # fmt: skip
        templates.append(
            ReportTemplate(unit=s.plan.unit, plan=s.plan, name=f"{name} kết quả thực hiện kế hoạch", cycle=s.cycle)
        )  # fmt: skip
    _batched_create(ReportTemplate, templates)
    for t in templates:  # the same rule as template_create: the plan's tasks owe its report
        template_attach_plan_tasks(template=t)
    periods: list[ReportingPeriod] = []
    by_plan: dict[int, list[ReportingPeriod]] = {}
    cache: dict[tuple[str, dt.date, dt.date], list[Any]] = {}
    for s, t in zip(specs, templates, strict=True):
        key = (t.cycle, s.plan.period_start, s.plan.period_end)
        if key not in cache:
            cache[key] = periods_between(
                t.cycle, key[1], key[2], CutoffRule(t.cutoff_day),  # type: ignore[arg-type]
                DeadlineRule(t.deadline_kind, t.deadline_value),
            )  # fmt: skip
        mine = [
            ReportingPeriod(template=t, key=w.key, label=w.label, start=w.start, end=w.end, deadline=w.deadline)
            for w in cache[key]
        ]  # fmt: skip
        periods.extend(mine)
        by_plan[s.plan.pk] = mine
    _batched_create(ReportingPeriod, periods, 5000)
    return by_plan


def build_indicators(
    specs: list[PlanSpec], world: World, rnd: random.Random
) -> dict[int, list[Indicator]]:
    rows: list[Indicator] = []
    by_plan: dict[int, list[Indicator]] = defaultdict(list)
    for s in specs:
        for pos, (name, mu, agg, cmp, target, num, den) in enumerate(
            rnd.sample(INDICATORS, rnd.randint(2, 4)), 1
        ):
            ind = Indicator(
                plan=s.plan, name=name, measure_unit=mu, comparator=cmp,
                target=Decimal(target * (3 if agg == Aggregation.SUM and s.level == 1 else 1)),
                aggregation=agg, numerator_label=num, denominator_label=den, position=pos,
            )  # fmt: skip
            rows.append(ind)
            by_plan[s.plan.pk].append(ind)
    _batched_create(Indicator, rows)
    targets = []
    for s in specs:
        people = _assignees(world, s.plan.unit)
        for ind in by_plan[s.plan.pk]:
            if ind.aggregation == Aggregation.SUM and len(people) > 1:
                for u in people[:6]:
                    targets.append(IndicatorTarget(indicator=ind, unit=u, target=Decimal(rnd.choice([4, 6, 8, 12]))))  # fmt: skip
    _batched_create(IndicatorTarget, targets)
    return by_plan


def build_reports(
    specs: list[PlanSpec],
    tasks: list[Task],
    periods: dict[int, list[ReportingPeriod]],
    indicators: dict[int, list[Indicator]],
    users: dict[int, User],
    scale: Scale,
    rnd: random.Random,
    today: dt.date,
) -> tuple[int, int, int, list[Task]]:
    """Reports of the lead (every past period) and of some supporting units, thinned to the
    scale's count; a leaf task's progress follows its lead unit's latest accepted report."""
    plan_status = {s.plan.pk: s.plan.status for s in specs}
    slots: list[tuple[Task, ReportingPeriod, int, bool]] = []
    for t in tasks:
        if t.has_children or plan_status[t.plan_id] == PlanStatus.DRAFT:  # type: ignore[attr-defined]
            continue
        if t.status in (TaskStatus.CANCELLED, TaskStatus.NOT_APPLICABLE):
            continue
        for p in periods[t.plan_id]:
            if (
                p.start > today
                or p.end < t.start_date
                or p.start > t.due_date + dt.timedelta(days=31)
            ):  # type: ignore[operator]
                continue
            slots.append((t, p, t.lead_unit_id, True))  # type: ignore[arg-type]
            for uid in t.support_ids:  # type: ignore[attr-defined]
                slots.append((t, p, uid, False))
    keep = min(1.0, scale.reports / max(1, len(slots)))
    chosen = [s for s in slots if keep >= 1 or rnd.random() < keep]
    if len(chosen) > scale.reports:
        chosen = chosen[: scale.reports]
    # Group by (task, unit) to make each series of progress figures increase over time.
    series: dict[tuple[int, int], list[tuple[Task, ReportingPeriod, bool]]] = defaultdict(list)
    for t, p, uid, lead in chosen:
        series[(t.pk, uid)].append((t, p, lead))
    reports: list[ProgressReport] = []
    changed: list[Task] = []
    now = dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)
    for (_tid, uid), items in series.items():
        items.sort(key=lambda x: x[1].start)
        t = items[0][0]
        final = float(t.progress)
        n = len(items)
        last_accepted = None
        for i, (_t, p, lead) in enumerate(items, 1):
            figure = Decimal(round(final * i / n)) if final else Decimal(0)
            current = p.deadline >= today - dt.timedelta(days=10)
            r = rnd.random()
            if not current or r < 0.55:  # past periods have all been reviewed
                status = ReportStatus.ACCEPTED
            elif r < 0.8:
                status = ReportStatus.SUBMITTED
            elif r < 0.88:
                status = ReportStatus.RETURNED
            else:
                status = ReportStatus.DRAFT
            submitted = min(now, dt.datetime.combine(p.deadline, dt.time(10), tzinfo=dt.UTC)) - dt.timedelta(days=rnd.randint(0, 6))  # fmt: skip
            reviewer = users.get(t.plan.unit_id)
            reporter = users.get(uid)
            report = ProgressReport(
                task=t, unit_id=uid, period=p, progress=figure, status=status,
                narrative=rnd.choice(NARRATIVES).format(n=rnd.randint(1, 12), m=rnd.randint(20, 400)),
                submitted_at=submitted if status != ReportStatus.DRAFT else None,
                submitted_by=reporter if status != ReportStatus.DRAFT else None,
                reviewed_at=submitted + dt.timedelta(days=2) if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED) else None,
                reviewed_by=reviewer if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED) else None,
                reviewer_comment="Đề nghị bổ sung số liệu cụ thể và minh chứng." if status == ReportStatus.RETURNED else "",
            )  # fmt: skip
            reports.append(report)
            if lead and status == ReportStatus.ACCEPTED:
                last_accepted = figure
        lead_series = items[0][2]
        if lead_series and t.status != TaskStatus.DONE and last_accepted not in (None, t.progress):
            t.progress = last_accepted
            changed.append(t)
    _batched_create(ProgressReport, reports, 2000)
    Task.objects.bulk_update(changed, ["progress"], batch_size=2000)
    values: list[IndicatorValue] = []
    evidence: list[Evidence] = []
    for rep in reports:
        inds = indicators.get(rep.task.plan_id, [])
        if not inds or rnd.random() < 0.15:
            continue
        ind = inds[rep.task.position % len(inds)]
        if ind.aggregation == Aggregation.RATE:
            den = Decimal(rnd.randint(12, 60))
            num = min(den, Decimal(round(float(den) * rnd.uniform(0.85, 1.0))))
            values.append(IndicatorValue(report=rep, indicator=ind, value=num, denominator=den))
        elif ind.aggregation == Aggregation.ALL_DONE:
            values.append(IndicatorValue(report=rep, indicator=ind, value=Decimal(1 if rnd.random() < 0.9 else 0)))  # fmt: skip
        else:
            values.append(
                IndicatorValue(report=rep, indicator=ind, value=Decimal(rnd.randint(0, 9)))
            )
        if rep.status != ReportStatus.DRAFT and rnd.random() < 0.25:
            evidence.append(
                Evidence(
                    report=rep, kind=EvidenceKind.LINK,
                    url=f"https://gialai.gov.vn/tin-tuc/{_slug(rep.task.title)}-{rep.period.key.lower()}-{rep.unit_id}",
                    caption="Tin bài trên trang thông tin điện tử", taken_on=rep.period.end,
                )
            )  # fmt: skip
    _batched_create(IndicatorValue, values, 5000)
    _batched_create(Evidence, evidence, 2000)
    return len(reports), len(values), len(evidence), changed


def build_notifications(tasks: list[Task], users: dict[int, User], rnd: random.Random) -> int:
    """New-assignment messages for the reporters of the lead units (at most 40 each)."""
    per_user: dict[int, int] = defaultdict(int)
    rows = []
    for t in tasks:
        user = users.get(t.lead_unit_id)  # type: ignore[arg-type]
        if user is None or per_user[user.pk] >= 40:
            continue
        per_user[user.pk] += 1
        rows.append(
            Notification(
                user=user, kind="assigned", key=f"assigned:task={t.pk}",
                title=f"Được giao nhiệm vụ: {t.title[:200]}", url=f"/tasks/{t.pk}/",
            )
        )  # fmt: skip
    _batched_create(Notification, rows, 5000)
    return len(rows)


# --- the whole -------------------------------------------------------------------------------


def generate(
    scale: str,
    *,
    seed: int = 1,
    today: dt.date | None = None,
    log: Callable[[str], None] = lambda _msg: None,
) -> Generated:
    """Fill the database with a generated province (refused when one is already there)."""
    if scale not in SCALES:
        raise DomainError(f"Quy mô không hợp lệ: {scale} (chọn small, city hoặc province).")
    if has_generated_data():
        raise DomainError(
            "Cơ sở dữ liệu đã có dữ liệu sinh tự động; thêm --reset để xóa và sinh lại."
        )
    sc = SCALES[scale]
    today = today or dt.date.today()
    rnd = random.Random(seed)
    out = Generated()
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        out.seconds[name] = round(now - clock, 2)
        clock = now
        log(f"  {name}: {out.seconds[name]:.1f} s")

    with transaction.atomic():
        world = build_units(sc, rnd)
        out.counts["units"] = Unit.objects.filter(code__startswith=UNIT_PREFIX).count()
        notable = build_users(world, rnd)
        all_users: list[User] = notable.pop("all")  # type: ignore[assignment]
        out.counts["users"] = len(all_users)
        out.users = {k: v.username for k, v in notable.items()}
        step("units and users")
        specs, directives = build_plans(world, sc, rnd, today)
        out.counts["plans"] = len(specs)
        docs = [s.plan.document for s in specs if s.plan.document is not None]
        out.counts["documents"] = len(docs) + len(directives)
        out.counts["search terms"] = index_documents([*directives, *docs])
        out.counts["requirements"] = build_requirements(specs, world, rnd)
        step("plans, documents and requirements")
        tasks = build_tasks(specs, world, sc, rnd, today)
        out.counts["tasks"] = len(tasks)
        step("tasks")
        periods = build_templates(specs, rnd, today)
        out.counts["periods"] = sum(len(v) for v in periods.values())
        indicators = build_indicators(specs, world, rnd)
        out.counts["indicators"] = sum(len(v) for v in indicators.values())
        unit_user: dict[int, User] = {}
        memberships = Membership.objects.filter(user__in=all_users).values_list(
            "unit_id", "user_id"
        )
        user_by_id = {u.pk: u for u in all_users}
        for unit_id, user_id in memberships.order_by("role", "id"):
            unit_user.setdefault(unit_id, user_by_id[user_id])
        n_reports, n_values, n_evidence, _changed = build_reports(
            specs, tasks, periods, indicators, unit_user, sc, rnd, today
        )
        out.counts["reports"] = n_reports
        out.counts["indicator values"] = n_values
        out.counts["evidence"] = n_evidence
        step("report templates, periods, indicators and reports")
        out.counts["notifications"] = build_notifications(tasks, unit_user, rnd)
        t0 = time.perf_counter()
        written = recompute_all()
        out.seconds["roll-up recompute"] = round(time.perf_counter() - t0, 2)
        out.counts["roll-up rows written"] = sum(written)
        step("notifications and roll-up")
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")
    return out


def reset(log: Callable[[str], None] = lambda _msg: None) -> int:
    """Remove every generated row; returns the number of units removed.

    Children are removed before their parents with one DELETE per table (a collector walking
    200,000 reports one by one would take minutes). Rows people added on generated units through
    the pages (reports, tasks, audit entries) go with them.
    """
    gen_units = Unit.objects.filter(code__startswith=UNIT_PREFIX)
    gen_users = User.objects.filter(username__startswith=USER_PREFIX)
    gen_plans = Plan.objects.filter(unit__code__startswith=UNIT_PREFIX)
    gen_docs = Document.objects.filter(dedupe_key__startswith=DOC_PREFIX)
    unit_ids = list(gen_units.values_list("pk", flat=True))
    plan_ids = list(gen_plans.values_list("pk", flat=True))
    Support = Task.supporting_units.through
    steps: list[tuple[str, Any]] = [
        ("notifications", Notification.objects.filter(user__username__startswith=USER_PREFIX)),
        ("indicator values", IndicatorValue.objects.filter(indicator__plan_id__in=plan_ids)),
        ("evidence", Evidence.objects.filter(report__task__plan_id__in=plan_ids)),
        ("progress snapshots", ProgressSnapshot.objects.filter(plan_id__in=plan_ids)),
        ("indicator snapshots", IndicatorSnapshot.objects.filter(indicator__plan_id__in=plan_ids)),
        ("reports", ProgressReport.objects.filter(task__plan_id__in=plan_ids)),
        ("unit targets", IndicatorTarget.objects.filter(indicator__plan_id__in=plan_ids)),
        ("indicators", Indicator.objects.filter(plan_id__in=plan_ids)),
        ("supporting units", Support.objects.filter(task__plan_id__in=plan_ids)),
        ("tasks", Task.objects.filter(plan_id__in=plan_ids)),
        ("periods", ReportingPeriod.objects.filter(template__unit_id__in=unit_ids)),
        ("report templates", ReportTemplate.objects.filter(unit_id__in=unit_ids)),
        ("requirements", PlanRequirement.objects.filter(unit_id__in=unit_ids)),
        ("plans", Plan.objects.filter(pk__in=plan_ids)),
        ("search terms", DocumentTerm.objects.filter(document__dedupe_key__startswith=DOC_PREFIX)),
        ("references", Reference.objects.filter(document__dedupe_key__startswith=DOC_PREFIX)),
        ("channels", DocumentChannel.objects.filter(document__dedupe_key__startswith=DOC_PREFIX)),
        ("documents", gen_docs),
        ("memberships", Membership.objects.filter(unit_id__in=unit_ids)),
        ("unit history", UnitVersion.objects.filter(unit_id__in=unit_ids)),
        ("audit entries", AuditEntry.objects.filter(unit_id__in=unit_ids)),
    ]
    try:
        with transaction.atomic():
            # Other rows pointing at generated ones lose the link rather than block the reset.
            Reference.objects.filter(target__dedupe_key__startswith=DOC_PREFIX).update(target=None)
            Plan.objects.filter(parent_document__dedupe_key__startswith=DOC_PREFIX).update(
                parent_document=None
            )
            for name, qs in steps:
                n = qs._raw_delete(qs.db)  # children first, so no cascade is needed
                log(f"  {name}: {n}")
            Unit.objects.filter(pk__in=unit_ids).update(parent=None, successor=None)
            n_units = gen_units._raw_delete(gen_units.db)
            log(f"  units: {n_units}")
            n_users, _ = gen_users.delete()
            log(f"  users (with their rows): {n_users}")
    except IntegrityError as exc:
        raise DomainError(
            "Không xóa được dữ liệu sinh tự động: dữ liệu khác đang gắn với nó "
            f"({str(exc).splitlines()[0][:200]})."
        ) from exc
    return n_units
