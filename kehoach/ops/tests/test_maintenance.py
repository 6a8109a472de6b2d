"""The daily run also removes what killed uploads left in the temporary folder."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.management import call_command

from kehoach.ops.tasks import remind

pytestmark = pytest.mark.django_db


def _leftovers(folder, *, days: float):
    old = folder / "tmpab12cd.upload.pdf"
    old.write_bytes(b"%PDF-" + b"x" * 1000)
    then = time.time() - days * 86400
    os.utime(old, (then, then))
    fresh = folder / "tmpgoing.upload.docx"
    fresh.write_bytes(b"PK")
    return old, fresh


def test_the_remind_command_purges_upload_temp_files_older_than_a_day(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    old, fresh = _leftovers(tmp_path, days=2)
    out = io.StringIO()
    call_command("remind", stdout=out)
    assert not old.exists() and fresh.exists()
    assert "Đã xóa 1 tệp tạm" in out.getvalue()


def test_the_periodic_task_does_the_same(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    old, fresh = _leftovers(tmp_path, days=1.2)
    assert remind.apply().get()["upload_temp_files"] == 1
    assert not old.exists() and fresh.exists()
    assert "upload_temp_files" not in remind.apply().get()  # nothing left: nothing counted
