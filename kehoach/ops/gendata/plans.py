"""Plans and their registry documents, citations and cascade requirements."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kehoach.documents.models import Document, DocumentTerm, Reference
from kehoach.documents.normalize import code_key, fold
from kehoach.documents.search import document_terms
from kehoach.execution.choices import (
    Cycle,
    PlanStatus,
)
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.ops.gendata.base import DOC_PREFIX, TOPICS, K, Scale, _batched_create, _person, dated
from kehoach.ops.gendata.organizations import World
from kehoach.organizations.models import Unit

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
        start = dated(directive.date) + dt.timedelta(days=rnd.randint(15, 60))
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
                dated(s.plan.period_start) + dt.timedelta(days=rnd.randint(7, 45)), today, rnd,
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
        due = dated(s.plan.issued_on) + dt.timedelta(days=rnd.choice([30, 45]))
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
