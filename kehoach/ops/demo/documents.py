"""Demo documents: the five seed plans (or the project's own samples) imported through the
import service, issuers linked to demo units by name. Idempotent: a second run adds nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from kehoach.core.exceptions import DomainError
from kehoach.documents.choices import DocumentStatus
from kehoach.documents.services import document_import_save, document_import_start, initial_data
from kehoach.organizations.models import Unit

SAMPLES_DIR = Path(settings.BASE_DIR) / "docparse" / "tests" / "samples"


def demo_sources() -> list[Path]:
    """The seed files beside the repository when present, else the project's own samples."""
    seeds = Path(settings.SHARED_SEEDS_DIR)
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    return files or sorted(SAMPLES_DIR.glob("*.txt"))


def seed_demo_documents(*, actor: Any, stdout: Any) -> int:
    """Import the demo documents as ``actor``; returns how many were created."""
    created = 0
    fallback_owner = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    for path in demo_sources():
        try:
            imp = document_import_start(actor=actor, content=path.read_bytes(), filename=path.name)
        except DomainError as exc:
            stdout.write(f"Bỏ qua {path.name}: {exc.message}")
            continue
        if imp.existing_id:
            if imp.file:
                imp.file.delete(save=False)
            imp.delete()
            continue
        data = initial_data(imp, user=actor)
        data.owner_unit = (
            data.owner_unit if data.issuer_unit else (data.owner_unit or fallback_owner)
        )
        try:
            document_import_save(
                actor=actor, document_import=imp, data=data, status=DocumentStatus.DRAFT
            )
        except DomainError as exc:
            stdout.write(f"Không lưu được {path.name}: {exc.message}")
            continue
        created += 1
    stdout.write(f"Văn bản mẫu: {created} mới.")
    return created
