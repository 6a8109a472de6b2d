"""`manage.py letterhead_upload UNIT_CODE FILE.docx [--system party|state] [--name NAME]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kehoach.core.exceptions import DomainError
from kehoach.organizations.models import Unit
from kehoach.paperwork.services import letterhead_upload


class Command(BaseCommand):
    help = "Đặt mẫu văn bản (tiêu đề, kiểu chữ) của một đơn vị từ tệp .docx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("unit_code")
        parser.add_argument("file", type=Path)
        parser.add_argument("--system", choices=["party", "state"], default="")
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit_code"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {options['unit_code']}.")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError:
            raise CommandError(f"Không đọc được tệp {path}.") from None
        try:
            letterhead = letterhead_upload(
                actor=None,
                unit=unit,
                name=options["name"] or path.stem,
                content=content,
                filename=path.name,
                system=options["system"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Đã đặt mẫu “{letterhead.name}” cho {unit.name}.")
