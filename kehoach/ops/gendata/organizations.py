"""The generated unit tree and its users with their memberships."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from kehoach.accounts.models import User
from kehoach.documents.normalize import fold
from kehoach.ops.gendata.base import (
    CELL_FIXED,
    CELL_KINDS,
    COMMUNE_NAMES,
    COMMUNE_OFFICES,
    DEPARTMENTS,
    MASS_ORGS,
    OFFICES,
    PASSWORD,
    PROVINCE,
    PROVINCE_BOARDS,
    UNIT_PREFIX,
    USER_PREFIX,
    VILLAGES,
    K,
    Scale,
    _batched_create,
    _person,
)
from kehoach.organizations.choices import Role, UnitEvent
from kehoach.organizations.models import Membership, Unit, UnitVersion

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
        n_offices = rnd.randint(*scale.offices)
        offices[d.pk] = [
            t.add(d, K.OFFICE, f"{o} - {d.short_name}", o, "") for o in OFFICES[:n_offices]
        ]
    commune_cells: dict[int, list[Unit]] = {}
    for cp, c in zip(commune_party, communes, strict=True):
        n_cells = rnd.randint(*scale.cells)
        place = c.split(" ", 1)[1]
        names = [f.format(name=place) for f in CELL_FIXED]
        i = 1
        while len(names) < n_cells:
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
            for name in names[:n_cells]
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
