"""`kehoach parse FILE [--format json|text]`: JSON, a Vietnamese summary, one-line errors."""

from __future__ import annotations

import json

import pytest

from docparse import cli

PLAN = """Số 44 -KH/ĐUS
KẾ HOẠCH
Đẩy mạnh công tác tuyên truyền

Thực hiện Kế hoạch số 44-KH/ĐUK ngày 27/5/2021 của Đảng ủy Khối các cơ quan. Đảng ủy Sở ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Tổ chức hội nghị quán triệt.
Trên đây là kế hoạch của Đảng ủy Sở Tài nguyên và Môi trường về đẩy mạnh tuyên truyền./.
Nơi nhận:
- Ban Tuyên giáo ĐUK (b/cáo),
- Lưu VT, VPĐUS.
T/M ĐẢNG ỦY
PHÓ BÍ THƯ
Nguyễn Hồng An
"""


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_json_is_the_contract(plan, capsys):
    assert cli.main([str(plan)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "source", "system", "doc_type", "doc_type_name", "number", "symbol", "code", "issuer",
        "place", "date", "title", "period", "references", "sections", "channels", "targets",
        "assignments", "recipients", "archive", "signature", "warnings",
    ]  # fmt: skip
    assert data["code"] == "44-KH/ĐUS"
    assert data["issuer"]["name"] == "Đảng ủy Sở Tài nguyên và Môi trường"


def test_text_is_a_vietnamese_summary(plan, capsys):
    assert cli.main([str(plan), "--format", "text"]) == 0
    out = capsys.readouterr().out
    for expected in (
        "Loại văn bản: Kế hoạch (KH), văn bản Đảng",
        "Số ký hiệu: 44-KH/ĐUS",
        "Cơ quan ban hành: Đảng ủy Sở Tài nguyên và Môi trường",
        "Trích yếu: Đẩy mạnh công tác tuyên truyền",
        "  - 44-KH/ĐUK (KH, Đảng ủy Khối các cơ quan, 2021-05-27)",
        "  - I. MỤC ĐÍCH, YÊU CẦU [mục đích, yêu cầu]",
        "  - Ban Tuyên giáo ĐUK (b/c)",
        "  Lưu: VT, VPĐUS",
        "Người ký: T/M ĐẢNG ỦY / PHÓ BÍ THƯ / Nguyễn Hồng An",
        "Cảnh báo (1):",
    ):
        assert expected in out


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return str(lines[0])


def test_a_missing_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert cli.main([str(tmp_path / "absent.txt")]) == 2
    assert one_line_error(capsys).startswith("kehoach parse: ")


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 50])
def test_an_unreadable_document_is_one_line_and_exit_2(tmp_path, capsys, content):
    path = tmp_path / "bad.bin"
    path.write_bytes(content)
    assert cli.main([str(path)]) == 2
    one_line_error(capsys)


def test_a_directory_is_one_line_and_exit_2(tmp_path, capsys):
    assert cli.main([str(tmp_path)]) == 2
    one_line_error(capsys)


def test_a_usage_error_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--format", "xml", "x.txt"])
    assert exc.value.code == 2
    one_line_error(capsys)


def test_a_bug_inside_docparse_is_still_one_line_but_says_so(plan, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(cli, "parse_document", broken)
    assert cli.main([str(plan)]) == 2
    assert one_line_error(capsys) == "kehoach parse: lỗi nội bộ: ValueError: boom"


def test_an_interruption_is_one_line(plan, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "parse_document", interrupted)
    assert cli.main([str(plan)]) == 2
    assert "đã dừng" in one_line_error(capsys)


def run(*args: str):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "docparse.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_as_a_command_json_on_stdout_and_exit_0(plan):
    done = run(str(plan))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["code"] == "44-KH/ĐUS"


def test_as_a_command_a_bad_file_is_one_line_on_stderr_and_exit_2(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    done = run(str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
