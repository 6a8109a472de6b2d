"""Pages and downloads: scoping for every role of both branches, htmx saves, regenerate, PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from kehoach.jobs.models import Job
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES
from kehoach.results.models import ResultsReport
from kehoach.results.services import results_compile
from kehoach.results.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
EDITORS = (Role.ADMIN, Role.EDITOR)


@pytest.fixture
def report(scene):
    return results_compile(actor=scene.editor, plan=scene.plan, period=scene.period, today=TODAY)


def detail(report):
    return reverse("results:detail", args=[report.pk])


@pytest.mark.parametrize("role", ROLES)
def test_every_role_of_the_plans_branch_reads_the_report_and_only_editors_get_the_forms(
    client, scene, report, role
):
    client.force_login(scene.world.user("a", role))
    response = client.get(detail(report))
    assert response.status_code == 200
    page = response.content.decode()
    assert "139/150 (92,67%)" in page
    assert ("Lưu phần này" in page) == (role in EDITORS)
    assert client.get(reverse("results:plan", args=[scene.plan.pk])).status_code == 200
    xlsx = client.get(reverse("results:export", args=[report.pk, "xlsx"]))
    assert xlsx.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_no_role_of_the_other_branch_sees_reads_or_edits_anything(client, scene, report, role):
    client.force_login(scene.world.user("b", role))
    assert client.get(detail(report)).status_code == 404
    assert client.get(reverse("results:plan", args=[scene.plan.pk])).status_code == 404
    for fmt in ("docx", "xlsx", "pdf"):
        assert client.get(reverse("results:export", args=[report.pk, fmt])).status_code == 404
    posts = [
        (reverse("results:section", args=[report.pk, "results"]), {"text": "x", "version": 1}),
        (reverse("results:regenerate", args=[report.pk]), {}),
        (reverse("results:compile", args=[scene.plan.pk]), {"period": scene.period.pk}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
    report.refresh_from_db()
    assert report.section_text("results") != "x"


def test_a_reporter_of_a_cell_below_does_not_see_the_committees_report(client, scene, report):
    client.force_login(scene.world.a.child_reporter)
    assert client.get(detail(report)).status_code == 404


@pytest.mark.parametrize("role", [Role.REPORTER, Role.VIEWER])
def test_readers_of_the_branch_cannot_edit(client, scene, report, role):
    client.force_login(scene.world.user("a", role))
    url = reverse("results:section", args=[report.pk, "results"])
    assert client.post(url, {"text": "x", "version": 1}).status_code == 403
    assert client.post(reverse("results:regenerate", args=[report.pk])).status_code == 403
    compile_url = reverse("results:compile", args=[scene.plan.pk])
    assert client.post(compile_url, {"period": scene.period.pk}).status_code == 403


def test_superuser_and_root_admin_read_it(client, scene, report):
    for user in (scene.world.superuser, scene.world.root_admin):
        client.force_login(user)
        assert client.get(detail(report)).status_code == 200


def test_an_editor_compiles_from_the_plans_page_and_lands_on_the_report(client, scene):
    client.force_login(scene.editor)
    page = client.get(reverse("results:plan", args=[scene.plan.pk])).content.decode()
    assert "Quý III/2026" in page
    response = client.post(
        reverse("results:compile", args=[scene.plan.pk]), {"period": scene.period.pk}
    )
    report = ResultsReport.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(report)


def test_a_part_is_saved_by_htmx_and_a_stale_save_keeps_the_typed_text(client, scene, report):
    client.force_login(scene.editor)
    url = reverse("results:section", args=[report.pk, "directions"])
    ok = client.post(url, {"text": "Kỳ tới: hoàn thành.", "version": 1}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200
    html = ok.content.decode()
    assert html.lstrip().startswith('<section class="card results-part" id="part-directions">')
    assert 'name="version" value="2"' in html and "Đã lưu" in html
    stale = client.post(url, {"text": "Bản khác", "version": 1}, HTTP_HX_REQUEST="true")
    html = stale.content.decode()
    assert "người khác sửa" in html and "Bản khác" in html
    report.refresh_from_db()
    assert report.section_text("directions") == "Kỳ tới: hoàn thành."


def test_regenerate_warns_and_keeps_edited_parts_unless_asked(client, scene, report):
    client.force_login(scene.editor)
    page = client.get(detail(report)).content.decode()
    assert "nội dung đã sửa sẽ mất" in page
    client.post(
        reverse("results:section", args=[report.pk, "limitations"]),
        {"text": "Sửa tay", "version": 1},
    )
    client.post(reverse("results:regenerate", args=[report.pk]))
    report.refresh_from_db()
    assert report.section_text("limitations") == "Sửa tay"
    client.post(reverse("results:regenerate", args=[report.pk]), {"replace_edited": "on"})
    report.refresh_from_db()
    assert report.section_text("limitations") != "Sửa tay"


def test_header_fields_are_edited_on_the_page(client, scene, report):
    client.force_login(scene.editor)
    data = {
        "system": "state",
        "number": "45",
        "symbol": "BC-ThUA",
        "place": "Bình Phước",
        "issued_on": "2026-10-05",
        "signer_authority": "TM. BAN THƯỜNG VỤ",
        "signer_title": "BÍ THƯ",
        "signer_name": "Nguyễn Văn A",
        "recipients": "Tỉnh ủy (b/c)",
        "archive": "VT",
        "version": report.version,
    }
    client.post(reverse("results:header", args=[report.pk]), data)
    report.refresh_from_db()
    assert (report.number, report.place, str(report.issued_on)) == (
        "45",
        "Bình Phước",
        "2026-10-05",
    )
    stale = client.post(reverse("results:header", args=[report.pk]), data, follow=True)
    assert "người khác thay đổi" in stale.content.decode()


def test_docx_downloads_in_both_formats(client, scene, report):
    from docx import Document

    client.force_login(scene.world.user("a", Role.VIEWER))
    for system, motto in (("state", "CỘNG HÒA"), ("party", "ĐẢNG CỘNG SẢN")):
        response = client.get(
            reverse("results:export", args=[report.pk, "docx"]) + f"?profile={system}"
        )
        assert response.status_code == 200
        assert f"-{system}.docx" in response["Content-Disposition"]
        text = "\n".join(
            p.text
            for t in Document(io.BytesIO(response.content)).tables
            for c in t._cells
            for p in c.paragraphs
        )
        assert motto in text


def test_without_libreoffice_the_page_says_so_and_the_pdf_job_fails_with_the_message(
    client, scene, report, monkeypatch
):
    from kehoach.paperwork.rendering import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    client.force_login(scene.editor)
    assert "chưa cài LibreOffice" in client.get(detail(report)).content.decode()
    response = client.get(reverse("results:export", args=[report.pk, "pdf"]), follow=True)
    job = Job.objects.get(kind="results.pdf")
    assert response.redirect_chain[-1][0] == reverse("jobs:detail", args=[job.pk])
    page = response.content.decode()
    assert "Không tìm thấy LibreOffice" in page and "Thử lại" in page
    assert detail(report) in page  # the way back to the report


def test_an_unknown_profile_or_format_is_a_message_not_a_crash(client, scene, report):
    client.force_login(scene.editor)
    response = client.get(
        reverse("results:export", args=[report.pk, "docx"]) + "?profile=khong-co", follow=True
    )
    assert "Không có mẫu định dạng" in response.content.decode()
    assert client.get(reverse("results:export", args=[report.pk, "odt"])).status_code == 404


def test_the_pages_autosave_gets_json_and_a_stale_part_is_refused_in_words(client, scene, report):
    client.force_login(scene.editor)
    url = reverse("results:section", args=[report.pk, "limitations"])
    ok = client.post(url, {"text": "Thiếu kinh phí.", "version": 1}, HTTP_ACCEPT="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.json()["time"]
    stale = client.post(url, {"text": "Bản khác", "version": 1}, HTTP_ACCEPT="application/json")
    assert stale.status_code == 400 and "người khác sửa" in stale.json()["detail"]
    report.refresh_from_db()
    assert report.section_text("limitations") == "Thiếu kinh phí."
