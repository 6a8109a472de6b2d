"""`kehoach render`: JSON or any readable document in, DOCX or PDF out; bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kehoach.cli import main as kehoach_main
from kehoach.paperwork.cli import main
from kehoach.paperwork.rendering import pdf as pdf_module
from kehoach.paperwork.tests.conftest import SAMPLES_DIR
from kehoach.paperwork.tests.reading import open_docx

STATE_JSON = SAMPLES_DIR / "plan-state.json"


def _one_vietnamese_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_render_is_a_pure_command_of_kehoach(tmp_path):
    out = tmp_path / "out.docx"
    assert kehoach_main(["render", str(STATE_JSON), "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_json_to_docx_in_the_chosen_profile(tmp_path):
    out = tmp_path / "plan.docx"
    assert main([str(STATE_JSON), "--profile", "party", "-o", str(out)]) == 0
    document = open_docx(out.read_bytes())
    texts = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "Số 45-KH/SVHTT" in texts


def test_a_text_document_is_parsed_first(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(
        "KẾ HOẠCH\nTuyên truyền năm 2024\n\nI. MỤC ĐÍCH\n\nNội dung.\n", encoding="utf-8"
    )
    out = tmp_path / "plan.docx"
    assert main([str(source), "-o", str(out)]) == 0
    assert "KẾ HOẠCH" in [p.text for p in open_docx(out.read_bytes()).paragraphs]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        (b'{"a": 1}', ".json", "không phải JSON của docparse"),
        (b"{not json", ".json", "không phải JSON hợp lệ"),
        (b"", ".txt", "Không đọc được văn bản"),
        (b'{"source": {}, "sections": [{"children": 5}]}', ".json", "sai cấu trúc"),
    ],
)
def test_bad_input_gives_one_vietnamese_line_and_exit_2(tmp_path, capsys, content, suffix, message):
    source = tmp_path / f"in{suffix}"
    source.write_bytes(content)
    assert main([str(source), "-o", str(tmp_path / "out.docx")]) == 2
    assert message in _one_vietnamese_line(capsys)


def test_missing_file_unknown_profile_bad_template_and_output_exit_2(tmp_path, capsys):
    out = str(tmp_path / "out.docx")
    assert main([str(tmp_path / "none.json"), "-o", out]) == 2
    assert "Không có tệp" in _one_vietnamese_line(capsys)
    assert main([str(STATE_JSON), "--profile", "party-1999", "-o", out]) == 2
    assert "Không có mẫu định dạng" in _one_vietnamese_line(capsys)
    bad_template = tmp_path / "t.docx"
    bad_template.write_text("x")
    assert main([str(STATE_JSON), "--template", str(bad_template), "-o", out]) == 2
    assert "Tệp mẫu" in _one_vietnamese_line(capsys)
    assert main([str(STATE_JSON), "-o", str(tmp_path / "out.odt")]) == 2
    assert ".docx hoặc .pdf" in _one_vietnamese_line(capsys)
    assert main([str(STATE_JSON), "-o", str(tmp_path / "no" / "dir" / "out.docx")]) == 2
    assert "không ghi được" in _one_vietnamese_line(capsys)
    assert not Path(out).exists()


def test_pdf_without_libreoffice_exits_2_with_the_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    out = tmp_path / "plan.pdf"
    assert main([str(STATE_JSON), "-o", str(out)]) == 2
    assert "LibreOffice" in _one_vietnamese_line(capsys)
    assert not out.exists()


def test_json_from_kehoach_parse_round_trips_through_the_cli(tmp_path):
    data = json.loads(STATE_JSON.read_text(encoding="utf-8"))
    source = tmp_path / "parsed.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main([str(source), "-o", str(tmp_path / "x.docx")]) == 0


def test_render_runs_without_django(tmp_path):
    """`kehoach render` is a pure command: Django is never imported, no settings, no database."""
    import subprocess
    import sys

    out = tmp_path / "plan.docx"
    code = (
        "import sys; from kehoach.cli import main; rc = main(['render', sys.argv[1], '-o', sys.argv[2]]);"
        "assert 'django' not in sys.modules, 'django imported'; sys.exit(rc)"
    )
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(STATE_JSON), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_wrong_arguments_give_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main([str(STATE_JSON)])  # no -o
    assert caught.value.code == 2
    assert "tham số không đúng" in _one_vietnamese_line(capsys)
