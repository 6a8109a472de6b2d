"""``kehoach parse FILE [--format json|text]``: the structure of one document.

``json`` prints the contract's JSON object (DESIGN.md §5); ``text`` a summary in Vietnamese for
people. Anything that goes wrong prints one line on stderr and exits 2: a document that cannot
be read (``ParseError``), a missing or unreadable file, an interruption, and a bug inside
docparse too (``lỗi nội bộ: ...``), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from docparse.api import parse_document
from docparse.errors import ParseError
from docparse.extract.codes import type_name_for_code
from docparse.model import ParsedDocument, Section

EXIT_ERROR = 2
_ROLE_NAMES = {
    "purpose": "mục đích",
    "requirements": "yêu cầu",
    "purpose_requirements": "mục đích, yêu cầu",
    "content": "nội dung",
    "forms": "hình thức",
    "tasks": "nhiệm vụ",
    "organization": "tổ chức thực hiện",
    "timeline": "thời gian",
    "funding": "kinh phí",
    "other": "khác",
}
_SYSTEM_NAMES = {"party": "Đảng", "state": "Nhà nước"}
_ROLE_ASSIGN = {"lead": "chủ trì", "support": "phối hợp"}


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 2 (its usual code)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"kehoach parse: {message}\n")


def _fail(message: str) -> int:
    print(f"kehoach parse: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_ERROR


def _outline(sections: Sequence[Section], depth: int, out: list[str]) -> None:
    for s in sections:
        label = f"{s.number}. " if s.number else ""
        role = _ROLE_NAMES.get(s.role, s.role)
        out.append(f"{'  ' * depth}- {label}{s.heading} [{role}]")
        _outline(s.children, depth + 1, out)


def render_text(doc: ParsedDocument) -> str:
    """A readable Vietnamese summary of ``doc``."""
    dash = "—"
    out: list[str] = []

    def field(label: str, value: str | None) -> None:
        out.append(f"{label}: {value if value else dash}")

    type_label = doc.doc_type_name or doc.doc_type
    if type_label and doc.doc_type and doc.doc_type_name:
        type_label = f"{doc.doc_type_name} ({doc.doc_type})"
    if type_label and doc.system:
        type_label = f"{type_label}, văn bản {_SYSTEM_NAMES[doc.system]}"
    field("Loại văn bản", type_label)
    code = doc.code
    if code is None and doc.symbol:
        code = (
            f"(chưa có số)/{doc.symbol}" if doc.system == "state" else f"(chưa có số)-{doc.symbol}"
        )
    field("Số ký hiệu", code)
    issuer = doc.issuer.name
    if issuer and doc.issuer.superior:
        issuer = f"{issuer} (trực thuộc {doc.issuer.superior})"
    field("Cơ quan ban hành", issuer)
    date = doc.date
    if date and doc.place:
        date = f"{doc.place}, {date}"
    field("Ngày", date or doc.place)
    field("Trích yếu", doc.title)
    if doc.period.start or doc.period.end:
        field("Thời kỳ", f"{doc.period.start or '?'} – {doc.period.end or '?'}")

    out.append(f"Văn bản được dẫn chiếu ({len(doc.references)}):")
    for r in doc.references:
        type_name = type_name_for_code(r.doc_type) if r.doc_type else None
        name = r.code or f"{type_name or r.doc_type or ''} số {r.number or '?'}".strip()
        facts = [x for x in (r.doc_type if r.code else None, r.issuer, r.date or r.year) if x]
        line = f"  - {name}"
        if facts:
            line += f" ({', '.join(facts)})"
        if r.title:
            line += f": {r.title}"
        out.append(line)

    out.append("Bố cục:")
    if doc.sections:
        _outline(doc.sections, 1, out)
    else:
        out.append(f"  {dash}")

    channels = ", ".join(c.code for c in doc.channels)
    field("Hình thức/kênh", channels)
    out.append(f"Chỉ tiêu ({len(doc.targets)}):")
    for t in doc.targets:
        unit = t.unit or ""
        out.append(f"  - {t.comparator} {t.value}{unit}: {t.text}")
    out.append(f"Phân công ({len(doc.assignments)}):")
    for a in doc.assignments:
        line = f"  - {a.unit} ({_ROLE_ASSIGN.get(a.role, a.role)})"
        if a.task:
            line += f": {a.task}"
        if a.timeframe:
            line += f" [{a.timeframe}]"
        out.append(line)
    out.append(f"Nơi nhận ({len(doc.recipients)}):")
    for rc in doc.recipients:
        out.append(f"  - {rc.name}" + (f" ({rc.purpose})" if rc.purpose else ""))
    if doc.archive:
        out.append(f"  Lưu: {doc.archive}")
    sig = " / ".join(
        x for x in (doc.signature.authority, doc.signature.title, doc.signature.name) if x
    )
    field("Người ký", sig)
    out.append(f"Cảnh báo ({len(doc.warnings)}):")
    for w in doc.warnings:
        out.append(f"  - {w}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="kehoach parse", description="Đọc cấu trúc một văn bản (kế hoạch ...).")
    parser.add_argument("file", help="tệp .txt, .docx, .pdf hoặc .html")
    parser.add_argument("--format", choices=["json", "text"], default="json")
    args = parser.parse_args(argv)
    try:
        doc = parse_document(args.file)
        output = doc.to_json() if args.format == "json" else render_text(doc)
    except ParseError as exc:
        return _fail(str(exc))
    except FileNotFoundError:
        return _fail(f"không tìm thấy tệp {args.file} (file not found)")
    except IsADirectoryError:
        return _fail(f"{args.file} là thư mục, không phải tệp (is a directory)")
    except PermissionError:
        return _fail(f"không có quyền đọc tệp {args.file} (permission denied)")
    except OSError as exc:
        return _fail(f"không đọc được tệp {args.file}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        return _fail("đã dừng (interrupted)")
    except Exception as exc:  # a bug in docparse: still one line, but say it is ours
        return _fail(f"lỗi nội bộ: {type(exc).__name__}: {exc}")
    try:
        sys.stdout.write(output + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
