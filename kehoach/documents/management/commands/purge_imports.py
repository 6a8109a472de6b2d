"""Delete document imports nobody saved (and their uploaded files) after some days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.documents.services import document_imports_purge


class Command(BaseCommand):
    help = "Xóa các lượt nhập văn bản chưa lưu quá số ngày cho trước (mặc định 7) cùng tệp tải lên."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        days = max(0, options["days"])
        count = document_imports_purge(older_than=dt.timedelta(days=days))
        self.stdout.write(f"Đã xóa {count} lượt nhập chưa lưu (cũ hơn {days} ngày).")
