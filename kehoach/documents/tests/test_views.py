"""Pages: import → review → save, document page, search, graph, file download; scoping for every
role against the other branch; constant query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kehoach.documents.models import Document, DocumentImport
from kehoach.documents.tests.factories import DocumentFactory, cite
from kehoach.jobs.models import Job
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(ctx.captured_queries)


@pytest.fixture
def docs(two_branches):
    """A directive and an implementing plan in each branch, the plans citing the directives."""
    out = {}
    for name in ("a", "b"):
        branch = two_branches.branch(name)
        directive = DocumentFactory(
            owner_unit=branch.unit,
            number="27",
            symbol=f"CT/{name.upper()}",
            doc_type="CT",
            title=f"Chỉ thị nhánh {name.upper()} về thực hành tiết kiệm, chống lãng phí",
            date=dt.date(2023, 12, 25),
        )
        plan = DocumentFactory(
            owner_unit=branch.child,
            number="5",
            symbol=f"KH/CB{name.upper()}",
            title=f"Kế hoạch của chi bộ {name.upper()} tuyên truyền tiết kiệm",
            date=dt.date(2024, 3, 1),
        )
        cite(plan, directive.code, year=2023)
        out[name] = {"directive": directive, "plan": plan}
    return out


def test_an_editor_imports_pastes_reviews_and_saves(client, two_branches, plan_a_text):
    client.force_login(two_branches.user("a", Role.EDITOR))
    response = client.post(reverse("documents:import"), {"text": plan_a_text})
    imp = DocumentImport.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "documents:review", args=[imp.pk]
    )
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        'value="121-KH/ThUA"' in html and 'id="src-ref-0"' in html
    )  # field and highlighted mention
    form = page.context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(_management(page.context["refs"], "refs", page.context["sections"], "sections"))
    response = client.post(page.request["PATH_INFO"], data)
    doc = Document.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "documents:detail", args=[doc.pk]
    )
    detail = client.get(response.url).content.decode()
    assert "121-KH/ThUA" in detail and "chưa có trong hệ thống" in detail  # 27-CT/TW not registered
    assert "Nhập văn bản" in detail  # the audit log shows the import


def _management(refs, refs_prefix, sections, sections_prefix):
    data = {}
    for formset, prefix in ((refs, refs_prefix), (sections, sections_prefix)):
        data[f"{prefix}-TOTAL_FORMS"] = len(formset.forms)
        data[f"{prefix}-INITIAL_FORMS"] = len(formset.initial or [])
        for i, f in enumerate(formset.forms):
            for name, value in (f.initial or {}).items():
                data[f"{prefix}-{i}-{name}"] = "" if value is None else value
    return data


def test_a_parse_error_shows_a_vietnamese_message_on_the_job_page(client, two_branches):
    client.force_login(two_branches.user("a", Role.EDITOR))
    upload = SimpleUploadedFile("hong.pdf", b"%PDF-1.4 not really", content_type="application/pdf")
    response = client.post(reverse("documents:import"), {"file": upload}, follow=True)
    job = Job.objects.get()
    assert response.redirect_chain == [(reverse("jobs:detail", args=[job.pk]), 302)]
    assert job.status == "failed" and job.error  # docparse's Vietnamese reason
    page = response.content.decode()
    assert job.error in page and "Thử lại" in page
    assert reverse("documents:import") in page  # the way back to the form
    assert not DocumentImport.objects.exists()


def test_an_upload_is_read_in_a_job_and_lands_on_the_review_page(client, two_branches, plan_a_text):
    client.force_login(two_branches.user("a", Role.EDITOR))
    upload = SimpleUploadedFile("kh.txt", plan_a_text.encode(), content_type="text/plain")
    token = "0b4f7c1e-2a7d-4c39-9d7e-3f7b1f6a2c11"
    response = client.post(
        reverse("documents:import"), {"file": upload, "token": token}, follow=True
    )
    imp = DocumentImport.objects.get()
    job = Job.objects.get()
    assert response.redirect_chain[-1][0] == reverse("documents:review", args=[imp.pk])
    assert (job.status, job.progress, job.result_url) == (
        "succeeded",
        100,
        reverse("documents:review", args=[imp.pk]),
    )
    assert not job.input_file  # the upload is not kept twice
    # The same form posted again (a double click) finds the same job: nothing is read twice.
    again = SimpleUploadedFile("kh.txt", plan_a_text.encode(), content_type="text/plain")
    client.post(reverse("documents:import"), {"file": again, "token": token})
    assert Job.objects.count() == 1 and DocumentImport.objects.count() == 1


def test_an_oversized_or_empty_upload_is_refused_on_the_form_with_a_400(client, two_branches):
    client.force_login(two_branches.user("a", Role.EDITOR))
    response = client.post(reverse("documents:import"), {"text": "  "})
    assert response.status_code == 400 and response.context["form"].errors
    assert not Job.objects.exists()


def test_the_review_page_of_someone_elses_import_is_not_found(client, two_branches, plan_a_text):
    client.force_login(two_branches.user("a", Role.EDITOR))
    client.post(reverse("documents:import"), {"text": plan_a_text})
    imp = DocumentImport.objects.get()
    client.force_login(two_branches.user("a", Role.ADMIN))
    assert client.get(reverse("documents:review", args=[imp.pk])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_its_branch_and_never_the_other(client, two_branches, docs, role):
    client.force_login(two_branches.user("a", role))
    mine, theirs = docs["a"], docs["b"]
    listing = client.get(reverse("documents:list")).content.decode()
    assert mine["plan"].code in listing and theirs["plan"].code not in listing
    found = client.get(reverse("documents:search"), {"q": "tiet kiem"}).content.decode()
    assert mine["directive"].code in found and theirs["directive"].code not in found
    by_code = client.get(
        reverse("documents:search"), {"q": theirs["directive"].code}
    ).content.decode()
    assert theirs["directive"].title not in by_code
    assert client.get(reverse("documents:detail", args=[mine["plan"].pk])).status_code == 200
    for name in ("documents:detail", "documents:graph"):
        assert client.get(reverse(name, args=[theirs["plan"].pk])).status_code == 404
        assert client.get(reverse(name, args=[theirs["directive"].pk])).status_code == 404


def test_a_child_unit_reporter_reads_its_superiors_documents_but_not_another_branchs(
    client, two_branches, docs
):
    # Given documents owned by branch A's committee and by branch B
    # When a reporter of a cell under branch A opens the list
    client.force_login(two_branches.a.child_reporter)
    listing = client.get(reverse("documents:list")).content.decode()
    # Then the superior committee's documents are there (work flows down the tree) ...
    assert docs["a"]["plan"].code in listing and docs["a"]["directive"].code in listing
    # ... and nothing of the other branch
    assert docs["b"]["plan"].code not in listing and docs["b"]["directive"].code not in listing


def test_reading_a_superiors_document_does_not_give_the_right_to_edit_it(two_branches, docs):
    from kehoach.accounts.tests.factories import UserFactory
    from kehoach.core.exceptions import PermissionDenied
    from kehoach.documents.services import document_edit_start
    from kehoach.organizations.services import membership_grant

    # Given a cell editor under branch A, who can read the committee's directive
    editor = two_branches.user("a", Role.EDITOR)
    child_editor = UserFactory()
    membership_grant(actor=None, user=child_editor, unit=two_branches.a.child, role=Role.EDITOR)
    # When they try to edit it, then they are refused
    with pytest.raises(PermissionDenied):
        document_edit_start(actor=child_editor, document=docs["a"]["directive"])
    # while the committee's own editor may
    assert document_edit_start(actor=editor, document=docs["a"]["directive"]) is not None


def test_original_files_download_only_within_scope(client, two_branches, plan_a_text):
    editor = two_branches.user("a", Role.EDITOR)
    from kehoach.documents.services import document_import_save, document_import_start, initial_data

    imp = document_import_start(actor=editor, content=plan_a_text.encode(), filename="121.txt")
    doc = document_import_save(
        actor=editor, document_import=imp, data=initial_data(imp, user=editor)
    )
    f = doc.files.get()
    url = reverse("documents:file", args=[doc.pk, f.pk])
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == plan_a_text.encode()
    assert "121.txt" in response["Content-Disposition"]
    for role in ROLES:
        client.force_login(two_branches.user("b", role))
        assert client.get(url).status_code == 404


def test_the_graph_shows_implementing_documents_level_by_level(client, two_branches, docs):
    client.force_login(two_branches.user("a", Role.VIEWER))
    html = client.get(reverse("documents:graph", args=[docs["a"]["directive"].pk])).content.decode()
    assert docs["a"]["plan"].code in html


def test_list_search_and_graph_pages_use_a_constant_number_of_queries(
    client, two_branches, query_pins
):
    client.force_login(two_branches.user("a", Role.VIEWER))
    unit = two_branches.a.unit
    root = DocumentFactory(owner_unit=unit, number="1", symbol="CT/TW", title="Chỉ thị tiết kiệm")
    urls = [
        reverse("documents:list"),
        reverse("documents:list") + "?q=tiet+kiem&year=2024",
        reverse("documents:search") + "?q=tiet+kiem",
        reverse("documents:search") + "?q=1-CT/TW",
        reverse("documents:graph", args=[root.pk]),
        reverse("documents:detail", args=[root.pk]),
    ]

    def grow(n):
        parents = [root]
        for _ in range(n):
            child = DocumentFactory(owner_unit=unit, title="Kế hoạch tiết kiệm")
            cite(child, parents[-1].code)
            parents.append(child)
            cite(DocumentFactory(owner_unit=unit), root.code)

    grow(2)
    before = [_queries(client, u) for u in urls]
    grow(8)
    after = [_queries(client, u) for u in urls]
    # the graph adds two queries per level of depth, never per document
    assert before[:4] == after[:4]
    assert before[5] == after[5]
    assert after[4] - before[4] <= 2 * 8
    wide_before = after[4]
    for _ in range(10):
        cite(DocumentFactory(owner_unit=unit), root.code)
    assert _queries(client, urls[4]) == wide_before
    for name, count in zip(
        ("list", "list filtered", "search", "search by code", "graph", "detail"),
        after,
        strict=True,
    ):
        query_pins.check(f"page {name}", count)


def test_an_editor_corrects_a_registered_document_and_a_viewer_cannot(client, two_branches, docs):
    plan = docs["a"]["plan"]
    client.force_login(two_branches.user("a", Role.VIEWER))
    assert (
        "Sửa thông tin"
        not in client.get(reverse("documents:detail", args=[plan.pk])).content.decode()
    )
    response = client.post(reverse("documents:edit", args=[plan.pk]))
    assert response.status_code == 302 and response.url == reverse(
        "documents:detail", args=[plan.pk]
    )
    client.force_login(two_branches.user("a", Role.EDITOR))
    response = client.post(reverse("documents:edit", args=[plan.pk]))
    assert response.status_code == 302 and "/documents/import/" in response.url
    # another branch's editor cannot even open it
    client.force_login(two_branches.user("b", Role.EDITOR))
    assert client.post(reverse("documents:edit", args=[plan.pk])).status_code == 404


def test_a_viewer_is_told_they_cannot_import(client, two_branches):
    client.force_login(two_branches.user("a", Role.VIEWER))
    html = client.get(reverse("documents:import")).content.decode()
    assert "chưa có quyền biên tập" in html and 'type="file"' not in html


def test_htmx_filtering_returns_only_the_results_partial(client, two_branches, docs):
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("documents:list"), {"q": "tiet kiem"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"') and "<header" not in html
    assert docs["a"]["plan"].code in html
    response = client.get(reverse("documents:search"), {"q": "tiet kiem"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith('<div id="hits"')
