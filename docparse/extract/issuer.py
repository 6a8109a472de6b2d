"""Names of bodies in running text, and the issuer when the header is missing.

``read_body_name`` reads the name of a body where a sentence names one ("... của *Ban Thường vụ
Tỉnh ủy* về ...", "... của *Sở Thông tin và Truyền thông*, đề nghị ..."): capitalised words and
the lowercase words of names ("Ban Chấp hành Trung ương", "Đảng ủy Khối các cơ quan"), up to
punctuation or a word that starts the rest of the sentence (về, tại, thực hiện, ban hành ...).

The issuer of a document without a header comes from the preamble ("..., Ban Thường vụ Thành
ủy ban hành Kế hoạch ...") and from the closing ("Trên đây là kế hoạch của Đảng ủy Sở Tài
nguyên và Môi trường về ..."). When one name extends the other, the fuller one wins; when they
differ, the preamble's. On a news page ("Chủ tịch UBND TP đã ban hành Kế hoạch ...") the office
holder's title is dropped: the plan is the body's (``UBND TP``), the chairman signs it.
"""

from __future__ import annotations

import re

from docparse.extract.codes import TYPE_NAME_PATTERN

_TOKEN_RE = re.compile(r"[^\s,;.:()\[\]“”\"‘’'!?…]+|[,;.:()\[\]“”\"‘’'!?…]")
# Lowercase words that end a body's name: the sentence goes on.
_STOP = frozenset(
    [
        "về",
        "tại",
        "trên",
        "gắn",
        "nhằm",
        "để",
        "theo",
        "trong",
        "đã",
        "là",
        "với",
        "cho",
        "từ",
        "đến",
        "khi",
        "sau",
        "số",
        "ngày",
        "nhiệm",
        "khóa",
        "khoá",
        "lần",
        "giai",
        "nay",
        "này",
        "thì",
        "mà",
        "được",
        "bị",
        "do",
        "qua",
        "ở",
        "tới",
        "vì",
        "năm",
        "phê",
        "ban",
        "thực",
        "tiếp",
        "đối",
        "đề",
        "yêu",
        "triển",
        "xây",
        "hướng",
        "chỉ",
        "quy",
        "tổ",
        "ký",
        "gửi",
        "kèm",
        "đồng",
        "cùng",
        "như",
        "nhưng",
        "hoặc",
        "hay",
        "cũng",
        "sẽ",
        "đang",
        "vừa",
        "bảo",
        "nâng",
        "tăng",
        "đẩy",
        "phát",
        "lãnh",
        "quán",
        "tuyên",
        "trước",
        "đúng",
        "nêu",
        "ngay",
        "tiến",
        "chịu",
        "có",
    ]
)
_TYPE_START_RE = re.compile(rf"^(?:{TYPE_NAME_PATTERN})\b", re.IGNORECASE)
_OFFICE_RE = re.compile(
    r"^(?:Phó\s+)?(?:Chủ tịch|Giám đốc|Bí thư|Trưởng ban|Thủ trưởng|Bộ trưởng)\s+(?=\S)"
)
_MAX_WORDS = 12
_WINDOW = 160  # characters of text a name is looked for in (names are shorter)
# Words that start the name of another body: a comma before one separates two bodies.
_ORG_HEADS = frozenset(
    [
        "Ban",
        "Bộ",
        "Sở",
        "UBND",
        "HĐND",
        "Ủy",
        "Uỷ",
        "Đảng",
        "Thành",
        "Tỉnh",
        "Huyện",
        "Quận",
        "Thị",
        "Chi",
        "Phòng",
        "Trung",
        "Văn",
        "Cục",
        "Hội",
        "Đoàn",
        "Mặt",
        "Công",
        "Trường",
        "Thường",
        "Các",
    ]
)

_PARTY_NAME_RE = re.compile(
    r"\b(?:Đảng|Thành [uủ][yỷ]|Tỉnh [uủ][yỷ]|Huyện [uủ][yỷ]|Quận [uủ][yỷ]|Thị [uủ][yỷ]|Chi bộ|"
    r"Ban Thường vụ|Ban Chấp hành|Ban Tuyên giáo|Ban Tổ chức|Ban Dân vận|Ủy ban Kiểm tra|"
    r"Bộ Chính trị|Ban Bí thư)\b",
    re.IGNORECASE,
)
_STATE_NAME_RE = re.compile(
    r"\b(?:UBND|HĐND|Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân|Sở|Bộ|Chính phủ|"
    r"Thủ tướng|Quốc hội|Cục|Tổng cục|Chi cục|Phòng)\b",
    re.IGNORECASE,
)


def read_body_name(text: str) -> str | None:
    """The name of a body at the start of ``text`` (``Bộ Chính trị về ...`` → ``Bộ Chính trị``)."""
    words: list[str] = []
    tokens = _TOKEN_RE.findall(text, 0, _WINDOW)
    i = 0
    while i < len(tokens) and len(words) < _MAX_WORDS:
        tok = tokens[i]
        if not tok[0].isalnum() and tok not in ("&", "-", "–", ","):
            break
        if not words:
            if not tok[0].isupper():
                return None
            words.append(tok)
            i += 1
            continue
        if tok[0].isdigit():
            break
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in ("-", "–") and nxt[:1].isupper():
            words.append(tok)  # "Bộ Lao động - Thương binh và Xã hội"
            i += 1
            continue
        if tok == ",":
            # "Bộ Văn hóa, Thể thao và Du lịch": a comma inside a name, before "X và Y".
            ahead = tokens[i + 1 : i + 6]
            if (
                nxt[:1].isupper()
                and nxt not in _ORG_HEADS
                and "và" in ahead
                and "," not in ahead[: ahead.index("và")]
                and not _TYPE_START_RE.match(" ".join(ahead[:3]))
            ):
                words[-1] += ","
                i += 1
                continue
            break
        if tok in ("và", "&"):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            rest = " ".join(tokens[i + 1 : i + 4])
            if nxt[:1].isupper() and not _TYPE_START_RE.match(rest):
                words.append(tok)
                i += 1
                continue
            break
        if tok[0].islower() and tok in _STOP:
            break
        if tok[0].isupper() and _TYPE_START_RE.match(" ".join(tokens[i : i + 3])):
            break
        words.append(tok)
        i += 1
    while words and (words[-1] in ("và", "&") or words[-1] in ("các", "của")):
        words.pop()
    return " ".join(words) if words else None


_PREAMBLE_ISSUE_RE = re.compile(
    rf"(?:(?:đã|vừa)\s+)?(?:ban hành|xây dựng)\s+(?:{TYPE_NAME_PATTERN})", re.IGNORECASE
)
_BOUNDARY = ",;.:–—(\n"


def issuer_from_preamble(text: str) -> str | None:
    """``..., Ban Thường vụ Thành ủy ban hành Kế hoạch ...`` → ``Ban Thường vụ Thành ủy``."""
    matches = list(_PREAMBLE_ISSUE_RE.finditer(text))
    for m in reversed(matches):
        head = text[: m.start()].rstrip()
        cut = max(head.rfind(c) for c in _BOUNDARY)
        segment = head[cut + 1 :].strip(" -\t")
        # "Đảng ủy Sở Văn hóa, Thể thao và Du lịch ban hành": the name has a comma in it.
        while cut > 0 and head[cut] == "," and segment[:1].isupper():
            before = head[:cut]
            prev_cut = max(before.rfind(c) for c in _BOUNDARY)
            longer = f"{before[prev_cut + 1 :].strip()}, {segment}"
            if read_body_name(longer) != longer:
                break
            segment, cut = longer, prev_cut
        if not segment or not segment[0].isupper() or len(segment.split()) > _MAX_WORDS:
            continue
        name = read_body_name(segment)
        if name != segment:
            continue
        return _OFFICE_RE.sub("", name) or name
    return None


_CLOSING_OWN_RE = re.compile(
    rf"^Trên đây là\s+(?:{TYPE_NAME_PATTERN})(?:\s+này)?\s+của\s+", re.IGNORECASE
)
_OF_RE = re.compile(r"\bcủa\s+")
_REQUEST_RE = re.compile(r"^\s*,\s*(?:đề nghị|yêu cầu|đề xuất|giao)\b", re.IGNORECASE)


def issuer_from_closing(text: str) -> str | None:
    """``Trên đây là kế hoạch của X về ...`` or ``Trên đây là kế hoạch ... của X, đề nghị``."""
    m = _CLOSING_OWN_RE.match(text)
    if m:
        return read_body_name(text[m.end() :])
    found: str | None = None
    for of in _OF_RE.finditer(text):
        name = read_body_name(text[of.end() :])
        if name is None:
            continue
        after = text[of.end() + len(name) :]
        if text[of.end() :].startswith(name) and _REQUEST_RE.match(after):
            found = name
    return found


def choose_issuer(
    header: str | None, preamble: str | None, closing: str | None
) -> tuple[str | None, str | None]:
    """(name, where it came from): the header's; else the fuller of preamble and closing."""
    if header:
        for cand in (closing, preamble):
            if cand and cand.casefold() == header.casefold():
                return cand, "header"
        return header, "header"
    if preamble and closing:
        a, b = preamble.casefold(), closing.casefold()
        if a in b:
            return closing, "closing"
        return preamble, "preamble"
    if closing:
        return closing, "closing"
    if preamble:
        return preamble, "preamble"
    return None, None


def system_of_name(name: str | None) -> str | None:
    """``party`` for Party bodies (Đảng ủy, Tỉnh ủy, Ban Thường vụ ...), ``state`` for UBND, Sở ..."""
    if not name:
        return None
    if _PARTY_NAME_RE.search(name):
        return "party"
    if _STATE_NAME_RE.search(name):
        return "state"
    return None
