"""A scanned PDF uploaded on the import page is read by OCR in a background job: the job's
trail shows the pages one by one, then the review page has the header's facts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from docparse.tests.test_ocr import _page, _scanned_pdf, needs_ocr
from kehoach.documents.models import DocumentImport
from kehoach.jobs.models import Job
from kehoach.organizations.choices import Role

pytestmark = [pytest.mark.django_db, needs_ocr, pytest.mark.slow]


def test_a_scan_is_read_by_ocr_page_by_page_then_reviewed(client, two_branches):
    client.force_login(two_branches.user("a", Role.EDITOR))
    scan = _scanned_pdf([_page(), _page(lines=["2. Tổ chức hội nghị quán triệt."])])
    upload = SimpleUploadedFile("ban-quet.pdf", scan, content_type="application/pdf")
    response = client.post(reverse("documents:import"), {"file": upload}, follow=True)
    job = Job.objects.get()
    imp = DocumentImport.objects.get()
    assert job.status == "succeeded", job.error
    assert response.redirect_chain[-1][0] == reverse("documents:review", args=[imp.pk])
    ocr_steps = [step for _p, step in job.trail if "OCR" in step]
    assert ocr_steps == [
        "Đang nhận dạng chữ (OCR): trang 1/2",
        "Đang nhận dạng chữ (OCR): trang 2/2",
    ]
    percents = [p for p, _s in job.trail]
    assert percents == sorted(percents)
    assert imp.parsed["number"] == "215" and imp.parsed["symbol"] == "KH-UBND"
    assert any("OCR" in w or "nhận dạng" in w for w in imp.parsed.get("warnings", []))
