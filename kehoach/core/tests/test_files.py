"""Stored files: random names, types from the content, sent inert, never public."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import re
import subprocess
import sys
import time
import tracemalloc
import types
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory
from django.urls import clear_url_caches

from kehoach.core import files
from kehoach.core.exceptions import NotFound
from kehoach.core.files import PrivateFileField, RandomName, serve_file, sniff, sniff_file

KEHOACH = Path(__file__).resolve().parents[2]
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04"
HTML_IN_GIF = GIF + b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG_IN_GIF = GIF + b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(*names: str, mimetype: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if mimetype is not None:
            z.writestr("mimetype", mimetype)
        for name in names:
            z.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (b"%PDF-1.7\n", "x.pdf", files.PDF),
        (b"\r\n\x00\x00junk%PDF-1.4\n", "scan", files.PDF),
        (GIF + b"%PDF-1.4", "x.pdf", files.GIF),
        (PNG, "x.png", files.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "x.jpg", files.JPEG),
        (GIF, "x.gif", files.GIF),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "x.webp", files.WEBP),
        (b"II*\x00\x08\x00", "scan.tif", files.TIFF),
        (_zip("word/document.xml", "[Content_Types].xml"), "x.zip", files.DOCX),
        (_zip("xl/workbook.xml"), "bang.docx", files.XLSX),
        (_zip("ppt/presentation.xml"), "x", files.PPTX),
        (_zip("content.xml", mimetype=b"application/vnd.oasis.opendocument.text"), "", files.ODT),
        (_zip("photos/a.jpg"), "anh.docx", files.ZIP),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "so-lieu.xls", files.XLS),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "x.html", files.DOC),
        ("Kế hoạch số 121-KH/ThU\n".encode(), "121.txt", files.TEXT),
        ("Đơn vị;Số\nChi bộ A1;3\n".encode(), "so.csv", files.CSV),
        ("Văn bản".encode("utf-16"), "x.txt", files.TEXT),
        (b"<!DOCTYPE html><html><body>x</body></html>", "x.txt", files.HTML),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "x.png", files.SVG),
        (b'<?xml version="1.0"?><root/>', "x.xml", files.XML),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "x.pdf", files.BINARY),
        (b"", "x.pdf", files.BINARY),
        # A file that begins like a GIF is a GIF, whatever it carries and is named.
        (HTML_IN_GIF, "anh.html", files.GIF),
        (SVG_IN_GIF, "anh.svg", files.GIF),
    ],
)
def test_the_type_is_read_from_the_content_and_the_name_only_breaks_ties(content, name, kind):
    assert sniff_file(io.BytesIO(content), name=name) == kind


def test_a_huge_member_named_mimetype_is_not_unpacked():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", b"\0" * (50 * 1024 * 1024))  # 50 MB that packs to 50 KB
    assert len(buf.getvalue()) < 200_000
    tracemalloc.start()
    try:
        assert sniff_file(buf, name="bomb.odt") == files.ZIP
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_an_archive_of_very_many_members_is_not_listed(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_ENTRIES", 3)
    assert sniff_file(io.BytesIO(_zip("word/document.xml", "a", "b")), name="x.docx") == files.DOCX
    many = _zip("word/document.xml", "a", "b", "c")
    assert sniff_file(io.BytesIO(many), name="x.docx") == files.ZIP


def test_a_utf8_character_cut_by_the_head_does_not_make_a_text_binary():
    text = ("Nghị quyết " * 2000).encode()
    cut = text[: files.HEAD_BYTES]
    assert sniff(cut, name="a.txt") == files.TEXT


def test_html_svg_and_unknown_content_are_never_sent_as_a_type_a_browser_runs():
    for kind in (files.HTML, files.SVG, files.XML, files.BINARY):
        assert kind.mime == "application/octet-stream" and not kind.inline
    inline = {k for k in vars(files).values() if isinstance(k, files.FileKind) and k.inline}
    assert inline == {files.PDF, files.PNG, files.JPEG, files.GIF, files.WEBP}


def _field(folder: str = "test") -> PrivateFileField:
    field = PrivateFileField(upload_to=RandomName(folder))
    field.set_attributes_from_name("file")
    return field


def _stored(content: bytes, name: str, folder: str = "test") -> FieldFile:
    owner = types.SimpleNamespace()
    fieldfile = files.PrivateFieldFile(owner, _field(folder), None)
    fieldfile.save(name, ContentFile(content), save=False)
    return fieldfile


def test_stored_names_are_random_with_the_extension_of_the_content():
    first = _stored(HTML_IN_GIF, "anh-cb1.html", "evidence")
    second = _stored(HTML_IN_GIF, "anh-cb1.html", "evidence")
    today = dt.date.today()
    pattern = rf"evidence/{today:%Y/%m}/[0-9a-f]{{32}}\.gif"
    assert re.fullmatch(pattern, first.name), first.name
    assert re.fullmatch(pattern, second.name) and first.name != second.name
    assert "anh" not in first.name
    assert default_storage.open(first.name).read() == HTML_IN_GIF
    # a path in the uploaded name goes nowhere either
    assert _stored(b"x", "../../etc/passwd").name.startswith(f"test/{today:%Y/%m}/")


def test_random_name_ignores_an_odd_extension():
    name = RandomName("x")(None, "a.<script>")
    assert name.endswith(".bin") and RandomName("x") == RandomName("x")


def test_every_stored_file_of_kehoach_is_private_with_a_random_name():
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("kehoach."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, files.models.FileField):
                found.append(f"{model._meta.label}.{field.name}")
                assert isinstance(field, PrivateFileField), found[-1]
                assert isinstance(field.upload_to, RandomName), found[-1]
    assert {
        "documents.DocumentFile.file",
        "documents.DocumentImport.file",
        "execution.Evidence.file",
        "jobs.Job.input_file",
        "jobs.Job.result_file",
        "paperwork.Letterhead.file",
    } <= set(found)


def test_no_code_sends_a_file_or_links_media_but_serve_file():
    offenders = []
    for path in KEHOACH.rglob("*"):
        if "tests" in path.parts or path.suffix not in (".py", ".html") or path.name == "files.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(
            r"\bFileResponse\(|X-Accel-Redirect|MEDIA_URL|\.file\.url\b|_file\.url\b", text
        ):
            offenders.append(str(path.relative_to(KEHOACH)))
    assert offenders == []


def _get():
    return RequestFactory().get("/x/")


def test_an_image_may_show_inline_with_nosniff_when_the_view_allows_it():
    stored = _stored(PNG, "bang-ron.png")
    response = serve_file(_get(), stored, download_name="Băng rôn.png", inline_ok=True)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "filename*=utf-8''B%C4%83ng%20r%C3%B4n.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
    attached = serve_file(_get(), stored, download_name="a.png")
    assert attached["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "content",
    [
        b"<!doctype html><script>alert(1)</script>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    ],
)
def test_html_and_svg_are_always_opaque_attachments(content):
    stored = _stored(content, "x.png")
    response = serve_file(_get(), stored, download_name="anh.png", inline_ok=True)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not re.search(r"filename=\"anh\.png\"", response["Content-Disposition"])


def test_a_download_name_cannot_carry_a_path_or_a_header_break():
    assert (
        files.safe_download_name("../../a\r\nSet-Cookie: x.png", files.PNG) == "aSet-Cookie: x.png"
    )
    assert files.safe_download_name("C:\\Users\\anh.html", files.GIF) == "anh.gif"
    assert files.safe_download_name("", files.PDF) == "tep.pdf"
    assert files.safe_download_name(".htaccess", files.TEXT) == ".htaccess.txt"


def test_a_gif_named_html_is_sent_as_a_gif_under_a_gif_name():
    stored = _stored(HTML_IN_GIF, "anh.html")
    response = serve_file(_get(), stored, download_name="anh.html", inline_ok=True)
    assert response["Content-Type"] == "image/gif"
    assert 'filename="anh.gif"' in response["Content-Disposition"]


def test_with_the_accel_prefix_the_proxy_sends_the_bytes(settings):
    settings.KEHOACH_FILE_ACCEL_PREFIX = "/protected/"
    stored = _stored(b"%PDF-1.7\n" + b"x" * 100, "bao-cao.pdf")
    response = serve_file(_get(), stored, download_name="Báo cáo.pdf", inline_ok=True)
    assert response["X-Accel-Redirect"] == f"/protected/{stored.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_stored_file_is_not_found():
    stored = _stored(PNG, "a.png")
    default_storage.delete(stored.name)
    with pytest.raises(NotFound):
        serve_file(_get(), stored, download_name="a.png")


def test_media_is_not_served_even_with_debug_on(client, settings):
    """`make demo` runs with DEBUG on: /media/ used to serve every upload without a login."""
    name = _stored(PNG, "anh-cb1.png", "evidence").name
    settings.DEBUG = True
    import config.urls

    try:
        importlib.reload(config.urls)
        clear_url_caches()
        response = client.get(f"/media/{name}")
        assert response.status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


def _age(path: Path, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_temporary_upload_files_older_than_a_day_are_purged(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    old, fresh = tmp_path / "tmpold.upload.pdf", tmp_path / "tmpnew.upload.pdf"
    old.write_bytes(b"x" * 100)
    fresh.write_bytes(b"x" * 100)
    _age(old, 2)
    assert files.upload_temp_purge(older_than=dt.timedelta(days=1)) == 1
    assert not old.exists() and fresh.exists()


def test_large_uploads_are_spooled_in_kehoachs_own_temporary_folder(settings):
    upload = TemporaryUploadedFile("a.pdf", "application/pdf", 0, None)
    try:
        assert Path(upload.temporary_file_path()).parent == Path(settings.FILE_UPLOAD_TEMP_DIR)
    finally:
        upload.close()


def test_a_killed_upload_leaves_a_file_that_the_purge_removes(settings, tmp_path):
    """A worker killed mid-upload never closes its TemporaryUploadedFile: the file stays."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    code = (
        "import os, signal, django; django.setup()\n"
        "from django.core.files.uploadedfile import TemporaryUploadedFile\n"
        "f = TemporaryUploadedFile('big.pdf', 'application/pdf', 0, None)\n"
        "f.write(b'%PDF-' + b'x' * 100000); f.flush()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "KEHOACH_VAR_DIR": str(tmp_path / "var"),
        "KEHOACH_UPLOAD_TEMP_DIR": str(folder),
    }
    before = set(folder.iterdir())
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=KEHOACH.parent, check=False)
    assert done.returncode == -9
    left = set(folder.iterdir()) - before
    assert len(left) == 1
    (leftover,) = left
    assert files.upload_temp_purge() == 0  # not a day old yet: it might be an upload going on
    _age(leftover, 1.5)
    assert files.upload_temp_purge() == 1
    assert not leftover.exists()
