"""`make samples`: every source in every profile; without LibreOffice the DOCX files still come."""

from __future__ import annotations

from kehoach.paperwork import make_samples
from kehoach.paperwork.rendering import available_profiles
from kehoach.paperwork.rendering import pdf as pdf_module
from kehoach.paperwork.tests.conftest import SAMPLES_DIR


def test_without_libreoffice_only_docx_files_are_written_and_the_reason_is_said(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    written = make_samples.render_all([SAMPLES_DIR / "plan-party.json"], tmp_path)
    assert sorted(p.name for p in written) == sorted(
        f"plan-party.{p.system}.docx" for p in available_profiles()
    )
    assert all(p.read_bytes()[:2] == b"PK" for p in written)
    assert "LibreOffice" in capsys.readouterr().err


def test_a_source_docparse_cannot_read_is_skipped_with_its_reason(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert make_samples.render_all([empty], tmp_path / "out") == []
    assert "bỏ qua empty.txt" in capsys.readouterr().err
