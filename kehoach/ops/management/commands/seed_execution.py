"""``kehoach seed_execution``: demo plans, tasks, reports and indicators (after seed_demo)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from kehoach.accounts.models import User
from kehoach.core.exceptions import DomainError
from kehoach.ops.demo.execution import seed_demo_execution


class Command(BaseCommand):
    help = "Tạo kế hoạch, nhiệm vụ, báo cáo mẫu (chạy sau seed_demo); chạy lại không tạo trùng."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # The seeded assignments and reviews notify people: keep those e-mails off the console.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                admin = (
                    User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
                )
                seed_demo_execution(actor=admin, stdout=self.stdout)
        except DomainError as exc:
            raise CommandError(f"Không tạo được kế hoạch mẫu: {exc.message}") from exc
