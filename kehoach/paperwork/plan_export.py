"""A kehoach plan (drafted in the browser, or issued) as an official document to sign.

``plan_to_official(plan, profile)`` builds the renderer's ``OfficialDocument`` from the plan and
its unit; ``plan_export`` renders it to DOCX or PDF on the unit's letterhead. Reads only.

Decisions (docs/paperwork.md, "Plans drafted in kehoach"):

- system: the unit's kind (``Unit.is_party``); a ``profile`` of the other system re-writes the
  symbol and the authority prefix in its grammar;
- a draft has a blank number (``Số     -KH/ThU``, ``Số:      /KH-STTTT``) and a blank day and
  month (``ngày      tháng      năm 2026``, this year); an issued plan its number and date;
- names are the unit's and its parent's as of the plan's date (``Unit.name_at``); a Party
  committee under a Party committee prints its superior as the Đảng bộ (``Tỉnh ủy Lâm Đồng`` →
  ``Đảng bộ tỉnh Lâm Đồng``), as Hướng dẫn 36-HD/VPTW writes it;
- place: the issued document's ``place``, else taken from the name of the unit or its nearest
  ancestor that names an area (``Thành ủy Đà Lạt`` → ``Đà Lạt``), else the renderer's blank;
- the outline is the plan's ``sections``; when none of the top sections is "Tổ chức thực hiện"
  and the plan has tasks, one is added after them: one item per lead unit (in the order of the
  plan's top-level tasks), its tasks as "- Chủ trì: ... (phối hợp: ...; thời gian: ...).";
  tasks without a lead unit are lines of the section itself. A "Tổ chức thực hiện" the officer
  left blank or wrote as general words only gets the same items after its words; one written
  unit by unit (with sub-sections) is left as written. Empty sections are never printed, and the
  top-level numbers close up (I, II, III);
- Nơi nhận: the superior unit (b/c), every unit given a task other than the plan's own (t/h),
  and the archive line of the profile (``Lưu: VT`` / ``Lưu Văn phòng``);
- signature: the authority of the unit's kind (``T/M BAN THƯỜNG VỤ``, ``TM. ỦY BAN NHÂN
  DÂN``, ...); when issued, the signer's title (written before the name in ``signer``, else the
  usual title of the kind) and name; a draft leaves title and name blank.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import timezone

from docparse.model import ParsedDocument
from kehoach.core.text import fold
from kehoach.execution.choices import PlanStatus
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.models import Unit
from kehoach.paperwork.exports import CONTENT_TYPES, PDF_TIMEOUT_S, ExportedFile
from kehoach.paperwork.rendering import Profile, official_from_parsed, select_profile
from kehoach.paperwork.rendering.docx_writer import render_official
from kehoach.paperwork.rendering.model import OfficialDocument, RecipientLine, SignatureBlock
from kehoach.paperwork.rendering.pdf import docx_to_pdf
from kehoach.paperwork.rendering.text import authority_for, symbol_for
from kehoach.paperwork.selectors import letterhead_for

ORGANIZATION_HEADING = "TỔ CHỨC THỰC HIỆN"
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII")

# "Thành ủy Đà Lạt" → ("thành phố", "Đà Lạt"): the area a Party committee leads.
_COMMITTEE = re.compile(r"^(Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+ủy\s+(.+)$", re.IGNORECASE)
_COMMITTEE_AREA = {"tỉnh": "tỉnh ", "thành": "thành phố ", "huyện": "huyện ", "quận": "quận "}
_COMMITTEE_AREA.update({"thị": "thị xã ", "đảng": ""})
# "... tỉnh Bình Phước", "UBND thành phố Đà Lạt", "Đảng ủy phường 1": the area named last.
_AREA = re.compile(
    r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+(.+)$", re.IGNORECASE
)
_TITLES = (
    "Phó Bí thư",
    "Bí thư",
    "Phó Chủ tịch",
    "Chủ tịch",
    "Phó Giám đốc",
    "Giám đốc",
    "Phó Trưởng ban",
    "Trưởng ban",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Phó Chánh Văn phòng",
    "Chánh Văn phòng",
)


def plan_system(plan: Any) -> str:
    return "party" if plan.unit.is_party else "state"


def plan_date(plan: Any) -> dt.date:
    """The date names are taken at: the issue date, else today (a draft is signed soon)."""
    return plan.issued_on or timezone.localdate()


def plan_profile(plan: Any, name: str | None = None) -> Profile:
    """``name`` (``state``/``party``/a profile name), else the profile of the unit's system
    valid on the plan's date. Raises ``ProfileError`` for an unknown name."""
    return select_profile(system=plan_system(plan), date=plan_date(plan), name=name or None)


def plan_to_official(plan: Any, profile: Profile | str | None = None) -> OfficialDocument:
    """The plan as the renderer's document, in ``profile``'s grammar (see the module notes)."""
    if not isinstance(profile, Profile):
        profile = plan_profile(plan, profile)
    unit: Unit = plan.unit
    system = plan_system(plan)
    issued = plan.status != PlanStatus.DRAFT and bool(plan.code)
    on = plan_date(plan)
    parent = unit.parent if unit.parent_id else None
    # Names as of the date come from the versions: one query for the unit and its parent.
    prefetch_related_objects([u for u in (unit, parent) if u is not None], "versions")
    tasks = _top_tasks(plan)
    sections = _outline(list(plan.sections or []), tasks, on)
    parsed = ParsedDocument.from_dict({"system": system, "sections": sections})
    body = official_from_parsed(parsed, profile).body

    number, symbol = _number_symbol(plan, issued)
    document = plan.document if plan.document_id else None
    return OfficialDocument(
        superior=_superior(unit, parent, on),
        issuer=unit.name_at(on),
        number=number,
        symbol=symbol_for(symbol, source_system=system, profile=profile),
        place=(document.place if document is not None and document.place else None)
        or _place(unit, on),
        date=on.isoformat() if issued else str(on.year),
        type_name="Kế hoạch",
        title=plan.title,
        preamble=tuple(line.strip() for line in (plan.preamble or "").split("\n") if line.strip()),
        body=body,
        signature=_signature(unit, plan.signer if issued else "", profile, on),
        recipients=tuple(_recipients(unit, parent, tasks, on)),
        archive=None,
    )


def plan_export(
    *, plan: Any, profile: str | None, fmt: str, letterhead: bool = True
) -> ExportedFile:
    """DOCX or PDF of a plan, on the letterhead of its unit (or the nearest ancestor's).

    Raises ``ProfileError``, ``TemplateError`` or ``PdfUnavailable`` with a Vietnamese message.
    """
    chosen = plan_profile(plan, profile)
    official = plan_to_official(plan, chosen)
    template = None
    if letterhead:
        found = letterhead_for(unit=plan.unit, system=chosen.system)
        if found is not None:
            with found.file.open("rb") as handle:
                template = handle.read()
    content = render_official(official, chosen, template=template)
    if fmt == "pdf":
        content = docx_to_pdf(content, timeout=PDF_TIMEOUT_S)
    issued = plan.status != PlanStatus.DRAFT and bool(plan.code)
    code = re.sub(r"[^\w-]+", "-", plan.code).strip("-") if issued else f"du-thao-{plan.pk}"
    filename = f"KH-{code}-{chosen.system}.{fmt}"
    return ExportedFile(filename=filename, content_type=CONTENT_TYPES[fmt], content=content)


# -- header ------------------------------------------------------------------------------------


def _number_symbol(plan: Any, issued: bool) -> tuple[str | None, str]:
    from kehoach.documents.services import split_code
    from kehoach.execution.services.issuing import default_symbol

    if issued:
        number, symbol, _ = split_code(plan.code)
        if number and symbol:
            return number, symbol
    return None, default_symbol(plan.unit)


def _superior(unit: Unit, parent: Unit | None, on: dt.date) -> str | None:
    if parent is None:
        return None
    name = parent.name_at(on)
    if unit.kind == UnitKind.PARTY_COMMITTEE and parent.kind == UnitKind.PARTY_COMMITTEE:
        match = _COMMITTEE.match(name.strip())
        if match:
            return f"Đảng bộ {_COMMITTEE_AREA[match.group(1).lower()]}{match.group(2)}"
    return name


def _area(name: str) -> str | None:
    name = name.strip()
    match = _COMMITTEE.match(name)
    if match and match.group(1).lower() != "đảng":
        return match.group(2).strip()
    match = _AREA.search(name)
    return match.group(1).strip() if match else None


def _place(unit: Unit, on: dt.date) -> str | None:
    """The area named by the unit or its nearest ancestor (one query for the ancestors)."""
    found = _area(unit.name_at(on))
    if found:
        return found
    ids = [pk for pk in unit.ancestor_ids() if pk != unit.pk]
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    for pk in reversed(ids):
        found = _area(names.get(pk, ""))
        if found:
            return found
    return None


# -- outline -----------------------------------------------------------------------------------


def _top_tasks(plan: Any) -> list[Any]:
    return list(
        plan.tasks.filter(parent__isnull=True)
        .select_related("lead_unit")
        .prefetch_related("lead_unit__versions", "supporting_units__versions")
        .order_by("position", "id")
    )


def _is_organization(section: dict[str, Any]) -> bool:
    return section.get("role") == "organization" or "to chuc thuc hien" in fold(
        section.get("heading") or ""
    )


def _is_empty(section: dict[str, Any]) -> bool:
    return not (section.get("text") or "").strip() and all(
        _is_empty(c) for c in section.get("children") or []
    )


def _outline(sections: list[dict[str, Any]], tasks: list[Any], on: dt.date) -> list[dict[str, Any]]:
    """The plan's sections as printed: an empty "Tổ chức thực hiện" (a draft's, or a section the
    officer left blank) written from the tasks, one added after the others when there is none,
    every other empty section left out (an official plan never prints an empty heading) and
    the top-level numbers closed up again."""
    out: list[dict[str, Any]] = []
    placed = not tasks
    for section in sections:
        if not placed and _is_organization(section):
            placed = True
            if not section.get("children"):
                # Written as general words only (or blank): the tasks follow, unit by unit.
                made = _organization_section(out, tasks, on)
                text = "\n".join(
                    t for t in ((section.get("text") or "").strip(), made["text"]) if t
                )
                section = {**made, "number": section.get("number"), "text": text}
                section["heading"] = made["heading"]
        if not _is_empty(section):
            out.append(section)
    if not placed:
        out.append(_organization_section(out, tasks, on))
    return _renumber(out)


def _renumber(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    numbers = [str(s.get("number") or "") for s in sections]
    if numbers and all(n.isdigit() for n in numbers):
        fresh = [str(i) for i in range(1, len(sections) + 1)]
    elif numbers and all(n in _ROMANS for n in numbers):
        fresh = [_ROMANS[min(i, len(_ROMANS) - 1)] for i in range(len(sections))]
    else:
        return sections
    return [{**s, "number": n} for s, n in zip(sections, fresh, strict=True)]


def _next_number(sections: list[dict[str, Any]]) -> str:
    numbers = [str(s.get("number") or "") for s in sections]
    if numbers and all(n.isdigit() for n in numbers):
        return str(len(numbers) + 1)
    return _ROMANS[min(len(numbers), len(_ROMANS) - 1)]


def _vi_date(value: dt.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _time_frame(task: Any) -> str:
    if task.start_date and task.due_date:
        return f"từ ngày {_vi_date(task.start_date)} đến ngày {_vi_date(task.due_date)}"
    if task.due_date:
        return f"hoàn thành trước ngày {_vi_date(task.due_date)}"
    if task.start_date:
        return f"từ ngày {_vi_date(task.start_date)}"
    return ""


def _task_line(task: Any, on: dt.date) -> str:
    title = task.title.strip().rstrip(".;,")
    details = []
    supporting = [u.name_at(on) for u in task.supporting_units.all()]
    if supporting:
        details.append("phối hợp: " + ", ".join(supporting))
    frame = _time_frame(task)
    if frame:
        details.append("thời gian: " + frame)
    tail = f" ({'; '.join(details)})" if details else ""
    verb = "Chủ trì: " if task.lead_unit_id else ""
    return f"- {verb}{title[:1].upper()}{title[1:]}{tail}."


def _organization_section(
    sections: list[dict[str, Any]], tasks: list[Any], on: dt.date
) -> dict[str, Any]:
    """ "Tổ chức thực hiện": tasks without a lead unit as the section's own lines, then one item
    per lead unit with its tasks, in the plan's order."""
    unassigned = [t for t in tasks if t.lead_unit_id is None]
    groups: dict[int, list[Any]] = {}
    for task in tasks:
        if task.lead_unit_id is not None:
            groups.setdefault(task.lead_unit_id, []).append(task)
    children = [
        {
            "number": str(index),
            "heading": items[0].lead_unit.name_at(on),
            "role": "organization",
            "text": "\n".join(_task_line(t, on) for t in items),
            "children": [],
        }
        for index, items in enumerate(groups.values(), start=1)
    ]
    return {
        "number": _next_number(sections),
        "heading": ORGANIZATION_HEADING,
        "role": "organization",
        "text": "\n".join(_task_line(t, on) for t in unassigned),
        "children": children,
    }


# -- closing -----------------------------------------------------------------------------------


def _recipients(
    unit: Unit, parent: Unit | None, tasks: list[Any], on: dt.date
) -> list[RecipientLine]:
    lines = [RecipientLine(parent.name_at(on), "b/c")] if parent is not None else []
    seen = {unit.pk} | ({parent.pk} if parent is not None else set())
    for task in tasks:
        for other in [task.lead_unit, *task.supporting_units.all()]:
            if other is not None and other.pk not in seen:
                seen.add(other.pk)
                lines.append(RecipientLine(other.name_at(on), "t/h"))
    return lines


def _authority(unit: Unit, on: dt.date) -> tuple[str | None, str | None]:
    """(authority line, usual signer title) of a unit's kind, in the T/M grammar."""
    name = fold(unit.name_at(on))
    kind = unit.kind
    if kind == UnitKind.PARTY_COMMITTEE:
        return "T/M BAN THƯỜNG VỤ", "BÍ THƯ"
    if kind == UnitKind.PARTY_CELL:
        return ("T/M CHI BỘ" if name.startswith("chi bo") else "T/M ĐẢNG ỦY"), "BÍ THƯ"
    if kind == UnitKind.PEOPLES_COMMITTEE:
        return "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    if kind == UnitKind.PEOPLES_COUNCIL:
        return "TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"
    for prefix, title in (
        ("so ", "GIÁM ĐỐC"),
        ("van phong", "CHÁNH VĂN PHÒNG"),
        ("ban ", "TRƯỞNG BAN"),
        ("phong ", "TRƯỞNG PHÒNG"),
    ):
        if name.startswith(prefix):
            return None, title
    return None, None


def _signature(unit: Unit, signer: str, profile: Profile, on: dt.date) -> SignatureBlock:
    authority, usual_title = _authority(unit, on)
    authority = authority_for(authority, profile)
    signer = (signer or "").strip()
    if not signer:
        return SignatureBlock(authority=authority)
    title, name = usual_title, signer
    for known in _TITLES:
        if fold(signer).startswith(fold(known) + " "):
            title, name = known.upper(), signer[len(known) :].strip(" ,:-")
            break
    if authority is None and title and title.startswith("PHÓ "):
        # "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC": a deputy signs for the head of a single-head body.
        authority = authority_for(f"KT. {title[4:]}", profile)
    return SignatureBlock(authority=authority, title=title, name=name)
