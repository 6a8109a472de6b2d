"""Assignments: which unit leads (chủ trì) or supports (phối hợp) which work, where and when.

Read from the outline (``extract_sections``), in the order of the document:

1. **The "Tổ chức thực hiện" section** (role ``organization``, and its subsections). A child
   whose heading names a unit (``2. Văn phòng Sở``; ``1. Đề nghị Cấp ủy Chi bộ, Ban chấp hành
   các đoàn thể: Phối hợp ...``) gives that unit with the child's text as task; a child or a line
   that *starts* with a unit and goes on with what it does (``Ban Tuyên giáo Thành ủy tích cực
   tham mưu ...``) gives the unit before the first verb and the rest as task. A child that names
   no unit is searched the same way one level down.
2. **Assignment lines anywhere**: ``+ Tuyên truyền tại cơ quan: Chi bộ Sở, các đoàn thể, Văn
   phòng Sở.`` (a label, a colon, nothing but units: each a lead, the task is the label and the
   section's heading), ``Đơn vị chủ trì: ...`` / ``Đơn vị phối hợp: ...``.

Role: ``lead``, except a unit whose task begins with ``phối hợp`` and the units after ``phối hợp
với`` (``Văn phòng phối hợp với phòng Bưu chính ..., Trung tâm ... thực hiện``: Văn phòng leads,
the other two support). Units listed as equals are all leads.

Unit names start with an organisational noun (Ban, Sở, Phòng, Văn phòng, Trung tâm, Chi bộ,
Đảng ủy, Tổ, UBND, Ủy ban, Mặt trận, Đoàn, Hội, Liên đoàn, Cấp ủy, Cơ quan, Đơn vị ..., possibly
after ``các``) and end before the first verb written in lower case. Lists are split at commas
and at ``và`` before another organisational noun, but a list of common nouns (``Các cấp ủy, tổ
chức đảng, cơ quan, đơn vị``) or one qualified as a whole (``Các phòng, đơn vị thuộc Sở``) is one
addressee and kept whole. Supporting units named only generically (``các cơ quan liên quan``) are
not listed.

``section`` is the path of numbers (``IV.3``, ``II.1.1``); ``timeframe`` comes from a ``Thời
gian thực hiện: ...`` line of the same section, else the first period or deadline in the task
(``giai đoạn 2023-2025``, ``trước ngày 30/6/2024``, ``Quý III/2024``, ``năm 2024``), else a
recurrence (``thường xuyên``, ``định kỳ``, ``hằng năm``).
"""

from __future__ import annotations

import re

from docparse.extract._fold import fold
from docparse.extract.outline import section_paths
from docparse.model import Assignment, AssignmentRole, Section


def _any(*phrases: str) -> str:
    return "(?:" + "|".join(fold(p).replace(" ", r"\s+") for p in phrases) + ")"


# Organisational nouns, with the words that make them something else ("tổ chức", "hội nghị").
_ORG = (
    r"(?:"
    + "|".join(
        (
            _any("văn phòng", "trung tâm", "chi bộ", "đảng bộ", "đảng ủy", "ubnd", "ủy ban"),
            _any("mặt trận", "đoàn thể", "liên đoàn", "công đoàn", "cấp ủy", "đơn vị", "cơ quan"),
            _any("hđnd", "thường trực", "chi cục", "cục", "viện", "đài", "công an", "bộ chỉ huy"),
            _any("thành đoàn", "tỉnh đoàn", "huyện ủy", "thành ủy", "tỉnh ủy", "quận ủy", "thị ủy"),
            _any("chi đoàn", "chi hội", "thanh tra", "kho bạc", "tòa án", "bưu điện", "bệnh viện"),
            _any("liên hiệp", "hiệp hội", "câu lạc bộ", "chi nhánh", "học viện", "đảng đoàn"),
            _any("ban") + r"(?!\s+" + _any("hành") + ")",
            _any("sở") + r"(?!\s+" + _any("dĩ", "hữu", "thích") + ")",
            _any("phòng") + r"(?!,?\s+" + _any("chống", "ngừa", "cháy") + ")",
            _any("tổ chức") + r"(?=\s+" + _any("đảng", "cơ sở") + ")",
            _any("tổ") + r"(?!\s+" + _any("chức") + ")",
            _any("hội") + r"(?!\s+" + _any("nghị", "thảo", "thi", "diễn", "viên") + ")",
            _any("đoàn") + r"(?!\s+" + _any("kết", "viên") + ")",
            _any("bộ") + r"(?!\s+" + _any("máy") + ")",
            _any("trường") + r"(?!\s+" + _any("hợp") + ")",
            _any("báo") + r"(?!\s+" + _any("cáo", "chí") + ")",
            _any("ngành"),
        )
    )
    + r")(?!\w)"
)
_UNIT_START = re.compile(r"^(?:" + _any("các", "những") + r"\s+)?" + _ORG)
_LEAD_IN = re.compile(r"^(?:[-–+•*]\s*)*(?:" + _any("đề nghị", "giao", "yêu cầu") + r"\s+)?")

# Words that start what a unit does: the unit's name ends before the first of them written in
# lower case ("Ban Tuyên giáo Thành ủy tích cực tham mưu", but "Ban Tổ chức Tỉnh ủy").
_PREDICATE = re.compile(
    r"(?<=\s)(?:"
    + _any(
        "tích cực",
        "tăng cường",
        "đẩy mạnh",
        "chủ trì",
        "phối hợp",
        "chịu trách nhiệm",
        "có trách nhiệm",
        "thực hiện",
        "triển khai",
        "chỉ đạo",
        "hướng dẫn",
        "theo dõi",
        "tham mưu",
        "xây dựng",
        "căn cứ",
        "cần",
        "phải",
        "chủ động",
        "quán triệt",
        "tuyên truyền",
        "phổ biến",
        "đôn đốc",
        "kiểm tra",
        "là",
        "nghiên cứu",
        "bố trí",
        "thường xuyên",
        "định kỳ",
        "kịp thời",
        "rà soát",
        "phát huy",
        "cung cấp",
        "sản xuất",
        "đăng tải",
        "lãnh đạo",
        "vận động",
        "tiếp tục",
        "nâng cao",
        "bảo đảm",
        "đảm bảo",
        "có",
        "được",
        "sẽ",
        "hưởng ứng",
        "giám sát",
        "tập trung",
        "tổng hợp",
        "báo cáo",
        "biên tập",
        "phát động",
        "mở",
        "duy trì",
        "lồng ghép",
        "ban hành",
        "bám sát",
        "hỗ trợ",
        "trực tiếp",
        "định hướng",
        "đăng",
        "nắm",
    )
    + r"|"
    + _any("tổ chức")
    + r"(?!\s+"
    + _any("đảng", "cơ sở", "chính trị", "xã hội", "đoàn thể", "thành viên", "hội")
    + ")"
    + r")(?!\w)"
)
_SUPPORT_START = re.compile(r"^" + _any("phối hợp"))
_SUPPORT_WITH = re.compile(
    _any("phối hợp với", "phối hợp cùng")
    + r"\s+(?P<units>.+?)(?=\s+"
    + _any("thực hiện", "triển khai", "tổ chức", "để", "trong", "theo dõi", "tham mưu")
    + r"(?!\w)|[;.:]|$)"
)
# "Đơn vị chủ trì:", "Cơ quan phối hợp thực hiện:", "Đơn vị thực hiện:", or just "Chủ trì:".
_ROLE_LABEL = re.compile(
    r"^(?:"
    + _any("đơn vị", "cơ quan")
    + r"\s+(?P<role>"
    + _any("chủ trì", "phối hợp", "thực hiện", "chịu trách nhiệm")
    + r")|(?P<bare>"
    + _any("chủ trì", "phối hợp")
    + r")(?:\s+"
    + _any("thực hiện")
    + r")?$)"
)
_TIME_LINE = re.compile(
    r"^(?:[-–+•*]\s*)*" + _any("thời gian") + r"(?:\s+\w+){0,2}\s*:\s*(?P<value>.+?)[.;]?$"
)
_TIMEFRAMES = re.compile(
    _any("giai đoạn")
    + r"\s*\d{4}\s*[-–]\s*\d{4}"
    + r"|"
    + _any("từ năm", "trong năm", "năm")
    + r"\s*\d{4}(?:\s*[-–]\s*\d{4}|\s+"
    + _any("đến năm")
    + r"\s*\d{4})?"
    + r"|(?:"
    + _any("trước ngày", "trước", "đến ngày", "chậm nhất ngày", "trong ngày")
    + r")\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    + r"|(?:"
    + _any("trong", "trước")
    + r"\s+)?"
    + _any("quý")
    + r"\s*[ivx1-4]+\s*(?:/|"
    + _any("năm")
    + r")\s*\d{4}"
    + r"|(?:"
    + _any("trong")
    + r"\s+)?"
    + _any("tháng")
    + r"\s*\d{1,2}\s*/\s*\d{4}"
)
_RECURRENCE = re.compile(
    r"(?<!\w)"
    + _any(
        "thường xuyên", "định kỳ", "hằng năm", "hàng năm", "hằng quý", "hằng tháng", "hàng tháng"
    )
    + r"(?!\w)"
)
_ASSIGNMENT_LINE = re.compile(r"^(?:[-–+•*]\s*)+(?P<label>[^:]{3,80}?)\s*:\s*(?P<units>.+)$")
_TRAILING = re.compile(r"[\s.;,:]+$")
_UNIT_TAIL = re.compile(r"\s+(?:" + _any("thực hiện", "cùng thực hiện") + r")\s*$")
_LIST_SEP = re.compile(r"\s*[,;]\s*")
_AND = re.compile(r"\s+(?:" + _any("và", "với") + r")\s+")
_QUALIFIED = re.compile(r"(?<!\w)" + _any("thuộc", "trực thuộc", "của") + r"(?!\w)")
_MAX_UNIT_WORDS = 14
_GENERIC_WORDS = re.compile(r"(?<!\w)" + _any("liên quan", "có liên quan") + r"(?!\w)")


def _starts_with_unit(text: str) -> bool:
    return _UNIT_START.match(fold(text)) is not None


def _has_proper_name(text: str) -> bool:
    """A capitalised word after the first: ``Văn phòng Sở``, not ``các cơ quan liên quan``."""
    return any(word[:1].isupper() for word in text.split()[1:])


def _generic(unit: str) -> bool:
    """``các cơ quan liên quan``, ``các đơn vị``: a partner named by its kind, not by its name."""
    folded = fold(unit)
    if _GENERIC_WORDS.search(folded):
        return True
    return folded.startswith((fold("các "), fold("những "))) and not _has_proper_name(unit)


def split_units(names: str) -> list[str]:
    """``Chi bộ Sở, các đoàn thể, Văn phòng Sở`` → three units; generic lists stay whole."""
    names = _UNIT_TAIL.sub("", _TRAILING.sub("", names.strip()))
    if not names:
        return []
    parts = _LIST_SEP.split(names)
    if len(parts) > 1 and (
        not _has_proper_name(names)
        or (_QUALIFIED.search(fold(parts[-1])) and not all(_has_proper_name(p) for p in parts[:-1]))
    ):
        return [names]
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and not _starts_with_unit(part):
            out[-1] = f"{out[-1]}, {part}"
            continue
        cuts = [m.span() for m in _AND.finditer(fold(part))]
        bounds = [0, *[x for span in cuts for x in span], len(part)]
        pieces = [part[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
        current = pieces[0]
        for piece in pieces[1:]:
            if _starts_with_unit(piece):
                out.append(current)
                current = piece
            else:
                current = f"{current} và {piece}"
        out.append(current)
    return out


def _unit_and_task(text: str) -> tuple[str, str] | None:
    """(unit names, what they do) when ``text`` starts with a unit, else None."""
    lead = _LEAD_IN.match(fold(text))
    text = text[lead.end() if lead else 0 :]
    folded = fold(text)
    if not _UNIT_START.match(folded):
        return None
    for match in _PREDICATE.finditer(folded):
        if text[match.start()].islower():
            names = text[: match.start()].strip(" ,:")
            return names, text[match.start() :].strip()
    colon = text.find(":")
    if colon != -1:
        return text[:colon].strip(), text[colon + 1 :].strip()
    return text.strip(), ""


def _timeframe(task: str, section_text: str) -> str | None:
    for line in section_text.split("\n"):
        match = _TIME_LINE.match(fold(line))
        if match:
            return _TRAILING.sub("", line[match.start("value") : match.end("value")])
    folded = fold(task)
    match = _TIMEFRAMES.search(folded)
    if match:
        return task[match.start() : match.end()]
    for match in _RECURRENCE.finditer(folded):
        # "nhiệm vụ trọng tâm, thường xuyên, liên tục" qualifies a noun: not a time frame.
        if folded[max(0, match.start() - 2) : match.start()] != ", " and not folded[
            match.end() :
        ].startswith(","):
            return task[match.start() : match.end()]
    return None


def _supporters(task: str) -> list[str]:
    """Named units after ``phối hợp với``, up to the verb of what they do together."""
    out: list[str] = []
    for match in _SUPPORT_WITH.finditer(fold(task)):
        raw = task[match.start("units") : match.end("units")]
        for verb in _PREDICATE.finditer(fold(raw)):
            if raw[verb.start()].islower():
                raw = raw[: verb.start()]
                break
        for unit in split_units(raw):
            if _starts_with_unit(unit) and not _generic(unit):
                out.append(unit)
    return out


def _emit(
    out: list[Assignment],
    units: list[str],
    task: str,
    path: str | None,
    section_text: str,
    role: AssignmentRole | None = None,
) -> None:
    task = task.strip()
    timeframe = _timeframe(task, section_text)
    # "Phối hợp triển khai ..." asks the unit to support; "phối hợp với Báo X đăng tải ..." has
    # it lead the work and the named partners support.
    folded = fold(task)
    supports = _SUPPORT_START.match(folded) is not None and not _SUPPORT_WITH.match(folded)
    own_role: AssignmentRole = role or ("support" if supports else "lead")
    for unit in units:
        if len(unit.split()) <= _MAX_UNIT_WORDS:
            out.append(Assignment(unit, own_role, task or None, path, timeframe))
    for unit in _supporters(task):
        out.append(Assignment(unit, "support", task or None, path, timeframe))


def _section_body(section: Section) -> str:
    """The section's text and everything under it, as lines."""
    lines = [section.text] if section.text else []
    for child in section.children:
        for node in child.walk():
            lines.append(node.heading)
            if node.text:
                lines.append(node.text)
    return "\n".join(lines)


def _from_organization(
    section: Section, paths: dict[int, str | None], out: list[Assignment]
) -> None:
    """Units named by the children and lines of an organization section."""
    path = paths.get(id(section))
    for line in section.text.split("\n") if section.text else ():
        found = _unit_and_task(line)
        if found and found[1]:
            _emit(out, split_units(found[0]), found[1], path, section.text)
    for child in section.children:
        child_path = paths.get(id(child))
        found = _unit_and_task(child.heading)
        if found is None:
            _from_organization(child, paths, out)
            continue
        names, task = found
        body = _section_body(child)
        if task and body:
            # A heading cut from a long paragraph ends with its comma or semicolon: the text
            # goes on with the same sentence.
            task = f"{task} {body}" if task[-1] in ",;" else f"{task}\n{body}"
        _emit(out, split_units(names), task or body, child_path, child.text)


def _from_lines(section: Section, path: str | None, out: list[Assignment]) -> None:
    """``+ Tuyên truyền tại cơ quan: Chi bộ Sở, ...`` and ``Đơn vị chủ trì: ...`` lines."""
    for line in section.text.split("\n") if section.text else ():
        match = _ASSIGNMENT_LINE.match(line)
        if not match:
            continue
        label = match.group("label").strip()
        units_text = _TRAILING.sub("", match.group("units"))
        folded_label = fold(label)
        if _TIME_LINE.match(fold(line)):
            continue
        role_label = _ROLE_LABEL.match(folded_label)
        if role_label:
            said = role_label.group("role") or role_label.group("bare")
            role: AssignmentRole = "support" if said.startswith(fold("phối")) else "lead"
            _emit(out, split_units(units_text), section.heading, path, section.text, role)
            continue
        lead_part = units_text
        support_match = _SUPPORT_WITH.search(fold(units_text))
        start_with = re.search(r"\s" + _any("phối hợp"), fold(units_text))
        if support_match and start_with:
            lead_part = units_text[: start_with.start()]
        leads = split_units(lead_part)
        supports = _supporters(units_text) if support_match else []
        if not leads or not all(_starts_with_unit(u) for u in leads):
            continue
        if any(lead_part[m.start()].islower() for m in _PREDICATE.finditer(fold(lead_part))):
            continue  # "các chi bộ, đơn vị tổ chức đăng tải ...": a sentence, not units
        if any(len(u.split()) > _MAX_UNIT_WORDS for u in leads):
            continue
        task = f"{label}: {section.heading}" if section.heading else label
        timeframe = _timeframe("", section.text)
        for unit in leads:
            out.append(Assignment(unit, "lead", task, path, timeframe))
        for unit in supports:
            out.append(Assignment(unit, "support", task, path, timeframe))


def extract_assignments(sections: tuple[Section, ...]) -> tuple[Assignment, ...]:
    """Every unit given work in the outline, in document order, without duplicates."""
    out: list[Assignment] = []
    organization_done: set[int] = set()
    walk = section_paths(sections)
    paths = {id(section): path for path, section in walk}
    for path, section in walk:
        if id(section) in organization_done:
            _from_lines(section, path, out)
            continue
        if section.role == "organization":
            _from_organization(section, paths, out)
            organization_done.update(id(s) for s in section.walk())
        _from_lines(section, path, out)
    seen: set[tuple[str, str, str | None, str | None]] = set()
    unique: list[Assignment] = []
    for assignment in out:
        key = (assignment.unit, assignment.role, assignment.task, assignment.section)
        if key not in seen:
            seen.add(key)
            unique.append(assignment)
    return tuple(unique)
