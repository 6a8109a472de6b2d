"""`kehoach render FILE.json|FILE [--profile state|party|NAME] [--template T.docx] -o OUT.docx|OUT.pdf`.

Pure: no Django, no database. FILE is docparse JSON (``kehoach parse --format json``) or any
document docparse reads, which is parsed first. Bad input: one Vietnamese line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from docparse.errors import ParseError
from docparse.model import ParsedDocument
from kehoach.paperwork.rendering import ProfileError, render_docx
from kehoach.paperwork.rendering.docx_writer import TemplateError
from kehoach.paperwork.rendering.pdf import PdfUnavailable, docx_to_pdf


class InputError(ValueError):
    """Input that cannot be rendered; the message is Vietnamese."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, in Vietnamese, instead of argparse's usage block.
        print(
            f"kehoach render: tham số không đúng ({message}); xem kehoach render --help",
            file=sys.stderr,
        )
        raise SystemExit(2)


def load_document(path: Path) -> ParsedDocument:
    """docparse JSON when the file is a JSON object with the contract's keys, else parse it."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"Không có tệp {path}.") from None
    except OSError:
        raise InputError(f"Không đọc được tệp {path}.") from None
    if path.suffix.lower() == ".json" or raw.lstrip()[:1] == b"{":
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            if path.suffix.lower() == ".json":
                raise InputError(f"Tệp {path.name} không phải JSON hợp lệ.") from None
        else:
            if not isinstance(data, dict) or "source" not in data or "sections" not in data:
                raise InputError(f"Tệp {path.name} không phải JSON của docparse (kehoach parse).")
            try:
                return ParsedDocument.from_dict(data)
            except (TypeError, KeyError, ValueError, AttributeError) as exc:
                raise InputError(
                    f"JSON của docparse trong {path.name} sai cấu trúc: {exc}"
                ) from None
    from docparse import parse_document

    try:
        return parse_document(raw, filename=path.name)
    except ParseError as exc:
        raise InputError(f"Không đọc được văn bản {path.name}: {exc.message_vi}") from None


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="kehoach render",
        description="Xuất kế hoạch ra DOCX/PDF theo thể thức Nhà nước (NĐ 30/2020) hoặc của Đảng (HD 36).",
    )
    parser.add_argument("file", type=Path, help="JSON của docparse, hoặc văn bản TXT/DOCX/PDF/HTML")
    parser.add_argument(
        "--profile",
        help="state, party, hoặc tên mẫu định dạng (mặc định: theo hệ thống và ngày văn bản)",
    )
    parser.add_argument(
        "--profile-dir", action="append", default=[], type=Path, help="thư mục mẫu định dạng thêm"
    )
    parser.add_argument(
        "--template", type=Path, help="tệp .docx mẫu của cơ quan (kiểu chữ, tiêu đề trang)"
    )
    parser.add_argument("-o", "--output", required=True, type=Path, help="tệp ra: .docx hoặc .pdf")
    args = parser.parse_args(argv)
    try:
        if args.output.suffix.lower() not in (".docx", ".pdf"):
            raise InputError("Tệp ra phải có đuôi .docx hoặc .pdf.")
        if args.template is not None and not args.template.is_file():
            raise InputError(f"Không có tệp mẫu {args.template}.")
        doc = load_document(args.file)
        data = render_docx(
            doc, profile=args.profile, template=args.template, profile_dirs=args.profile_dir
        )
        if args.output.suffix.lower() == ".pdf":
            data = docx_to_pdf(data)
        args.output.write_bytes(data)
    except (InputError, ProfileError, TemplateError, PdfUnavailable) as exc:
        print(f"kehoach render: {exc}", file=sys.stderr)
        return 2
    except OSError:
        print(f"kehoach render: không ghi được tệp {args.output}.", file=sys.stderr)
        return 2
    return 0
