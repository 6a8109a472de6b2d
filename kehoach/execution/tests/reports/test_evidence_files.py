"""Evidence files are sent only to those who see the report, inert, under random stored names."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.core import files
from kehoach.core.exceptions import DomainError
from kehoach.execution.services.evidence import evidence_add
from kehoach.execution.services.reports import report_save
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
POLYGLOTS = {
    "anh.html": GIF + b"<html><body><script>alert(document.domain)</script></body></html>",
    "anh.svg": GIF + b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
}


@pytest.fixture
def report(scene):
    return report_save(
        actor=scene.reporter,
        task=scene.task,
        unit=scene.world.a.child,
        period=scene.q1,
        narrative="Đã treo 20 băng rôn.",
    )


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _add(scene, report, name, content, kind="file"):
    return evidence_add(
        actor=scene.reporter,
        report=report,
        kind=kind,
        upload=SimpleUploadedFile(name, content),
        taken_on=dt.date(2025, 2, 3) if kind == "photo" else None,
    )


def _url(ev):
    return reverse("reports:evidence_file", args=[ev.report_id, ev.pk])


def test_the_own_branch_gets_the_file_with_nosniff_and_a_disposition(client, scene, report):
    photo = _add(scene, report, "anh-cb1.png", PNG, kind="photo")
    pdf = _add(scene, report, "Báo cáo quý 1.pdf", b"%PDF-1.7\n%...")
    docx = _add(scene, report, "bien-ban.docx", _docx())
    for user in (scene.reporter, scene.editor, scene.world.user("a", Role.VIEWER)):
        client.force_login(user)
        shown = client.get(_url(photo))
        assert shown.status_code == 200
        assert (shown["Content-Type"], shown["X-Content-Type-Options"]) == ("image/png", "nosniff")
        assert shown["Content-Disposition"] == 'inline; filename="anh-cb1.png"'
        assert b"".join(shown.streaming_content) == PNG
        got = client.get(_url(pdf))
        assert got["Content-Type"] == "application/pdf"
        assert "B%C3%A1o%20c%C3%A1o%20qu%C3%BD%201.pdf" in got["Content-Disposition"]
        attached = client.get(_url(docx))
        assert attached["Content-Disposition"] == 'attachment; filename="bien-ban.docx"'
        assert attached["Content-Type"] == files.DOCX.mime
        assert attached["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("role", ROLES)
def test_another_branchs_evidence_file_is_not_found(client, scene, report, role):
    photo = _add(scene, report, "anh-cb1.png", PNG, kind="photo")
    client.force_login(scene.world.user("b", role))
    assert client.get(_url(photo)).status_code == 404
    client.force_login(scene.world.b.child_reporter)
    assert client.get(_url(photo)).status_code == 404


def test_anonymous_callers_are_sent_to_the_login_page(client, scene, report):
    photo = _add(scene, report, "anh-cb1.png", PNG, kind="photo")
    response = client.get(_url(photo))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/media/{photo.file.name}").status_code == 404


@pytest.mark.parametrize("name", sorted(POLYGLOTS))
def test_a_gif_named_html_or_svg_is_stored_and_sent_as_a_gif(client, scene, report, name):
    for kind in ("photo", "file"):
        ev = _add(scene, report, name, POLYGLOTS[name] + kind.encode(), kind=kind)
        assert re.fullmatch(r"evidence/\d{4}/\d{2}/[0-9a-f]{32}\.gif", ev.file.name), ev.file.name
        assert ev.original_name == name  # kept for the page, never for the disk
        client.force_login(scene.reporter)
        response = client.get(_url(ev))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/gif"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert 'filename="anh.gif"' in response["Content-Disposition"]
        assert "html" not in response["Content-Type"] and "svg" not in response["Content-Type"]


@pytest.mark.parametrize(
    "content",
    [
        b"<!doctype html><html><script>alert(1)</script></html>",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    ],
)
def test_real_html_and_svg_are_refused_as_evidence(scene, report, content):
    with pytest.raises(DomainError, match="không được chấp nhận"):
        _add(scene, report, "bao-cao.pdf", content)
    with pytest.raises(DomainError, match="JPEG, PNG"):
        _add(scene, report, "anh.svg", content, kind="photo")


def test_stored_names_are_random_and_never_the_uploaded_name(scene, report):
    first = _add(scene, report, "anh-cb1.png", PNG, kind="photo")
    second = _add(scene, report, "anh-cb1.png", PNG + b"\x01", kind="photo")
    for ev in (first, second):
        assert re.fullmatch(r"evidence/\d{4}/\d{2}/[0-9a-f]{32}\.png", ev.file.name)
        assert "anh" not in ev.file.name
    assert first.file.name != second.file.name


def test_behind_nginx_the_checked_view_hands_the_bytes_to_the_proxy(
    client, scene, report, settings
):
    settings.KEHOACH_FILE_ACCEL_PREFIX = "/protected/"
    photo = _add(scene, report, "anh-cb1.png", PNG, kind="photo")
    client.force_login(scene.reporter)
    response = client.get(_url(photo))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{photo.file.name}"
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == (
        "image/png",
        "nosniff",
    )
    client.force_login(scene.world.user("b", Role.ADMIN))
    other = client.get(_url(photo))
    assert other.status_code == 404 and "X-Accel-Redirect" not in other
