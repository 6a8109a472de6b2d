"""Evidence: links, files and dated photos, checked by content, not by extension."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.execution.models.reports import Evidence
from kehoach.execution.services.evidence import evidence_add, evidence_delete
from kehoach.execution.services.reports import report_save, report_submit

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def report(scene):
    return report_save(
        actor=scene.reporter,
        task=scene.task,
        unit=scene.world.a.child,
        period=scene.q1,
        narrative="Đã treo 20 băng rôn.",
    )


def test_a_photo_keeps_the_date_it_was_taken(scene, report):
    ev = evidence_add(
        actor=scene.reporter,
        report=report,
        kind="photo",
        upload=SimpleUploadedFile("bang-ron.png", PNG),
        taken_on=dt.date(2025, 2, 3),
        caption="Băng rôn tại trụ sở",
    )
    assert (ev.taken_on, ev.original_name) == (dt.date(2025, 2, 3), "bang-ron.png")
    assert ev.file.read() == PNG


def test_a_photo_needs_its_date_and_real_image_content(scene, report):
    with pytest.raises(DomainError, match="ngày chụp"):
        evidence_add(
            actor=scene.reporter,
            report=report,
            kind="photo",
            upload=SimpleUploadedFile("a.png", PNG),
        )
    with pytest.raises(DomainError, match="JPEG, PNG"):
        evidence_add(
            actor=scene.reporter,
            report=report,
            kind="photo",
            upload=SimpleUploadedFile("virus.png", b"MZ\x90\x00 not an image"),
            taken_on=dt.date(2025, 2, 3),
        )
    assert not Evidence.objects.exists()


def test_files_are_sniffed_and_size_limited(scene, report, settings):
    evidence_add(
        actor=scene.reporter,
        report=report,
        kind="file",
        upload=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7\n..."),
    )
    with pytest.raises(DomainError, match="không được chấp nhận"):
        evidence_add(
            actor=scene.reporter,
            report=report,
            kind="file",
            upload=SimpleUploadedFile("script.pdf", b"#!/bin/sh\nrm -rf /"),
        )
    settings.KEHOACH_EVIDENCE_MAX_BYTES = 10
    with pytest.raises(DomainError, match="quá lớn"):
        evidence_add(
            actor=scene.reporter,
            report=report,
            kind="file",
            upload=SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 20),
        )


def test_links_must_be_web_addresses(scene, report):
    evidence_add(
        actor=scene.reporter, report=report, kind="link", url="https://example.vn/tin-bai/123"
    )
    with pytest.raises(DomainError, match="Đường dẫn"):
        evidence_add(actor=scene.reporter, report=report, kind="link", url="javascript:alert(1)")


def test_evidence_is_frozen_once_the_report_is_submitted(scene, report):
    ev = evidence_add(actor=scene.reporter, report=report, kind="link", url="https://example.vn/a")
    report_submit(actor=scene.reporter, report=report)
    with pytest.raises(DomainError, match="bản nháp"):
        evidence_add(actor=scene.reporter, report=report, kind="link", url="https://example.vn/b")
    with pytest.raises(DomainError):
        evidence_delete(actor=scene.reporter, evidence=ev)


def test_other_branches_cannot_touch_a_units_evidence(scene, report):
    with pytest.raises(PermissionDenied):
        evidence_add(
            actor=scene.world.b.child_reporter,
            report=report,
            kind="link",
            url="https://example.vn/x",
        )


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "photo", "caption": "Không có ngày chụp"},  # the service refuses it
        {"kind": "nope"},  # the form refuses it
    ],
)
def test_given_a_refused_upload_on_the_page_then_400_with_the_message_and_no_row(
    client, scene, report, data
):
    client.force_login(scene.reporter)
    response = client.post(
        f"/reports/{report.pk}/evidence/",
        {**data, "file": SimpleUploadedFile("a.png", PNG)},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "ngày chụp" in body or "không hợp lệ" in body
    assert not Evidence.objects.filter(report=report).exists()


def test_given_an_accepted_upload_on_the_page_then_back_to_the_report(client, scene, report):
    client.force_login(scene.reporter)
    response = client.post(
        f"/reports/{report.pk}/evidence/",
        {"kind": "photo", "taken_on": "2026-02-03", "file": SimpleUploadedFile("a.png", PNG)},
    )
    assert response.status_code == 302
    assert Evidence.objects.filter(report=report).count() == 1


def test_given_the_same_photo_posted_twice_then_one_row(client, scene, report):
    client.force_login(scene.reporter)
    data = {"kind": "photo", "taken_on": "2026-02-03", "caption": "Băng rôn"}
    for _ in range(2):
        response = client.post(
            f"/reports/{report.pk}/evidence/", {**data, "file": SimpleUploadedFile("a.png", PNG)}
        )
        assert response.status_code == 302
    assert Evidence.objects.filter(report=report).count() == 1
    other = SimpleUploadedFile("a.png", PNG + b"\x01")  # same name, other content: a new row
    client.post(f"/reports/{report.pk}/evidence/", {**data, "file": other})
    assert Evidence.objects.filter(report=report).count() == 2


def test_given_the_same_link_added_twice_then_one_row(scene, report):
    first = evidence_add(
        actor=scene.reporter, report=report, kind="link", url="https://example.vn/tin-bai"
    )
    again = evidence_add(
        actor=scene.reporter, report=report, kind="link", url="https://example.vn/tin-bai"
    )
    assert first.pk == again.pk
    assert Evidence.objects.filter(report=report).count() == 1
