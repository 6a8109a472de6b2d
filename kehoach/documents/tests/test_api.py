"""API wiring: token auth, scoping through the same selectors, import → save, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kehoach.documents.models import Document
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def two_docs(two_branches):
    return {
        "a": DocumentFactory(
            owner_unit=two_branches.a.child,
            number="7",
            symbol="KH/CBA1",
            title="Kế hoạch tiết kiệm nhánh A",
        ),
        "b": DocumentFactory(
            owner_unit=two_branches.b.child,
            number="8",
            symbol="KH/CBB1",
            title="Kế hoạch tiết kiệm nhánh B",
        ),
    }


def test_anonymous_callers_are_refused():
    assert APIClient().get("/api/documents/").status_code in (401, 403)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_its_branch_only(two_branches, two_docs, role):
    client = _client(two_branches.user("a", role))
    listed = client.get("/api/documents/").json()
    assert [d["id"] for d in listed["results"]] == [two_docs["a"].pk]
    hits = client.get("/api/documents/search/", {"q": "tiet kiem"}).json()
    assert [h["document"]["id"] for h in hits["results"]] == [two_docs["a"].pk]
    assert "<mark>tiết kiệm</mark>" in hits["results"][0]["title_html"]
    assert client.get("/api/documents/search/", {"q": "8-KH/CBB1"}).json()["results"] == []
    assert client.get(f"/api/documents/{two_docs['a'].pk}/").status_code == 200
    assert client.get(f"/api/documents/{two_docs['b'].pk}/").status_code == 404


def test_the_list_filters_with_the_same_filterset(two_branches, two_docs):
    client = _client(two_branches.superuser)
    assert client.get("/api/documents/", {"unit": two_branches.b.unit.pk}).json()["count"] == 1
    assert client.get("/api/documents/", {"year": 1999}).json()["count"] == 0
    assert (
        client.get("/api/documents/", {"q": "7 kh cba1"}).json()["results"][0]["id"]
        == two_docs["a"].pk
    )
    assert client.get("/api/documents/", {"year": "abc"}).status_code == 400


def test_import_then_save_through_the_api(two_branches, plan_a_text):
    client = _client(two_branches.user("a", Role.EDITOR))
    started = client.post("/api/documents/imports/", {"text": plan_a_text}, format="json")
    assert started.status_code == 201, started.content
    body = started.json()
    assert body["parsed"]["code"] == "121-KH/ThUA" and body["existing_id"] is None
    saved = client.post(
        f"/api/documents/imports/{body['id']}/save/", {"title": "Tiêu đề đã sửa"}, format="json"
    )
    assert saved.status_code == 201, saved.content
    doc = Document.objects.get()
    assert saved.json()["id"] == doc.pk and doc.title == "Tiêu đề đã sửa"
    assert saved.json()["references"][0]["code"] == "27-CT/TW"
    # the same document again → the import names it, and the save updates it
    again = client.post("/api/documents/imports/", {"text": plan_a_text}, format="json").json()
    assert again["existing_id"] == doc.pk
    resp = client.post(f"/api/documents/imports/{again['id']}/save/", {}, format="json")
    assert resp.status_code == 200 and Document.objects.count() == 1
    # someone else's import is not found
    other = _client(two_branches.user("a", Role.ADMIN))
    assert other.get(f"/api/documents/imports/{again['id']}/").status_code == 404


def test_a_reporter_cannot_import_through_the_api(two_branches, plan_a_text):
    client = _client(two_branches.user("a", Role.REPORTER))
    response = client.post("/api/documents/imports/", {"text": plan_a_text}, format="json")
    assert response.status_code == 403 and response.json()["detail"]


def test_an_unreadable_upload_is_a_failed_job_with_a_vietnamese_message(two_branches):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(two_branches.user("a", Role.EDITOR))
    upload = SimpleUploadedFile(
        "hong.docx", b"PK\x03\x04 not a zip", content_type="application/octet-stream"
    )
    response = client.post("/api/documents/imports/", {"file": upload}, format="multipart")
    assert response.status_code == 202
    job = client.get(response["Location"]).json()
    assert job["status"] == "failed" and job["error"] and not job["result_api_url"]


def test_an_upload_is_read_in_the_background_and_the_job_names_the_import(
    two_branches, plan_a_text
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(two_branches.user("a", Role.EDITOR))

    def send():
        upload = SimpleUploadedFile("ke-hoach.txt", plan_a_text.encode(), "text/plain")
        return client.post(
            "/api/documents/imports/",
            {"file": upload},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="tai-len-1",
        )

    response = send()
    assert response.status_code == 202, response.content
    assert response["Location"] == f"/api/jobs/{response.json()['id']}/"
    job = client.get(response["Location"]).json()
    assert job["status"] == "succeeded" and job["progress"] == 100
    imp = client.get(job["result_api_url"]).json()
    assert imp["original_name"] == "ke-hoach.txt" and imp["parsed"]
    # The same key sent again (a retry after a lost answer) finds the same job.
    assert send().json()["id"] == job["id"]
    # The other branch cannot follow the job nor open the import.
    other = _client(two_branches.user("b", Role.EDITOR))
    assert other.get(response["Location"]).status_code == 404
    assert other.get(job["result_api_url"]).status_code == 404


def test_an_upload_by_a_reporter_is_refused_before_any_job(two_branches, plan_a_text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kehoach.jobs.models import Job

    client = _client(two_branches.user("a", Role.REPORTER))
    upload = SimpleUploadedFile("ke-hoach.txt", plan_a_text.encode(), "text/plain")
    response = client.post("/api/documents/imports/", {"file": upload}, format="multipart")
    assert response.status_code == 403 and response.json()["detail"]
    assert not Job.objects.exists()


def test_list_endpoints_use_a_constant_number_of_queries(two_branches, query_pins):
    client = _client(two_branches.user("a", Role.VIEWER))
    urls = ["/api/documents/", "/api/documents/?q=tiet+kiem", "/api/documents/search/?q=tiet+kiem"]

    def counts():
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            out.append(len(ctx.captured_queries))
        return out

    DocumentFactory.create_batch(2, owner_unit=two_branches.a.unit)
    before = counts()
    DocumentFactory.create_batch(15, owner_unit=two_branches.a.child)
    assert counts() == before
    for url, count in zip(urls, before, strict=True):
        query_pins.check(f"api {url}", count)
