"""Downloading a registry document as DOCX or PDF: scoping, formats, messages, query count."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from docparse import ParseError, parse_document
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.jobs.models import Job
from kehoach.organizations.choices import Role
from kehoach.paperwork.rendering import pdf as pdf_module
from kehoach.paperwork.tests.conftest import SAMPLES_DIR
from kehoach.paperwork.tests.reading import open_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(two_branches):
    """A Party plan of branch A with its parsed contract, as the import service saves it."""
    parsed = json.loads((SAMPLES_DIR / "plan-party.json").read_text(encoding="utf-8"))
    return DocumentFactory(
        owner_unit=two_branches.branch("a").unit,
        number="12",
        symbol="KH/ĐU",
        parsed=parsed,
    )


def _texts(data: bytes) -> list[str]:
    document = open_docx(data)
    cells = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return cells + [p.text for p in document.paragraphs]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EDITOR, Role.VIEWER])
def test_a_member_downloads_the_plan_as_docx_in_its_own_system(client, two_branches, plan, role):
    client.force_login(two_branches.user("a", role))
    response = client.get(reverse("paperwork:document_docx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    texts = _texts(response.content)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "Số 12-KH/ĐU" in texts


def test_the_profile_parameter_switches_to_the_state_format(client, two_branches, plan):
    client.force_login(two_branches.user("a", Role.VIEWER))
    url = reverse("paperwork:document_docx", args=[plan.pk])
    texts = _texts(client.get(url, {"profile": "state"}).content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Số: 12/KH-ĐU" in texts


def test_a_document_without_a_stored_parse_still_renders_its_header(client, two_branches):
    doc = DocumentFactory(owner_unit=two_branches.branch("a").unit, number="7", symbol="KH/TU")
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("paperwork:document_docx", args=[doc.pk]))
    assert "Số 7-KH/TU" in _texts(response.content)
    try:
        again = parse_document(response.content, filename="x.docx")
    except ParseError:
        pytest.skip("docparse cannot read DOCX yet")
    assert (again.number, again.symbol) == ("7", "KH/TU")


def test_another_branchs_document_is_not_found(client, two_branches, plan):
    client.force_login(two_branches.user("b", Role.ADMIN))
    for name in ("paperwork:document_docx", "paperwork:document_pdf"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, plan):
    response = client.get(reverse("paperwork:document_docx", args=[plan.pk]))
    assert response.status_code == 302
    assert "login" in response.url


def test_an_unknown_profile_goes_back_to_the_document_with_a_message(client, two_branches, plan):
    client.force_login(two_branches.user("a", Role.VIEWER))
    url = reverse("paperwork:document_docx", args=[plan.pk])
    response = client.get(url, {"profile": "party-1999"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("documents:detail", args=[plan.pk])
    assert "Không có mẫu định dạng" in response.content.decode()


def test_pdf_without_libreoffice_goes_back_with_the_message(
    client, two_branches, plan, monkeypatch
):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("paperwork:document_pdf", args=[plan.pk]), follow=True)
    # The PDF is a background job: it fails with the message, offers a retry and the way back.
    job = Job.objects.get()
    assert response.redirect_chain[-1][0] == reverse("jobs:detail", args=[job.pk])
    page = response.content.decode()
    assert "LibreOffice" in page and "Thử lại" in page
    assert reverse("documents:detail", args=[plan.pk]) in page
    assert job.status == "failed" and "LibreOffice" in job.error


@pytest.mark.slow
@pytest.mark.skipif(not pdf_module.pdf_available(), reason="LibreOffice (soffice) is not installed")
def test_pdf_with_libreoffice(client, two_branches, plan):
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("paperwork:document_pdf", args=[plan.pk]), follow=True)
    job = Job.objects.get()
    assert response.redirect_chain == [
        (reverse("jobs:detail", args=[job.pk]), 302),
        (reverse("jobs:download", args=[job.pk]), 302),
    ]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:4] == b"%PDF"
    assert (job.status, job.progress, job.attempts) == ("succeeded", 100, 1)


def test_the_download_takes_a_bounded_number_of_queries(client, two_branches, plan, query_pins):
    client.force_login(two_branches.user("a", Role.VIEWER))
    url = reverse("paperwork:document_docx", args=[plan.pk])
    client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # session, user, scope, document with its joins, channels, files, letterhead:
    # none per section or recipient
    query_pins.check("document docx download", len(queries))
