"""A report's history says, in words, what changed: the text, the progress, each figure and
the evidence added or removed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.execution.services.evidence import evidence_add, evidence_delete
from kehoach.execution.services.reports import report_save

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _save(scene, **kw):
    return report_save(
        actor=scene.reporter, task=scene.task, unit=scene.world.a.child, period=scene.q1, **kw
    )


def test_the_history_shows_changed_figures_and_evidence_in_words(client, scene):
    # Given a report saved with 44 of 50 present and 3 articles
    report = _save(
        scene,
        narrative="Tổ chức học tập.",
        progress=40,
        values=[
            {"indicator": scene.attendance, "value": 44, "denominator": 50},
            {"indicator": scene.posts, "value": 3},
        ],
    )
    # When the reporter corrects the attendance, keeps the articles, adds and removes evidence
    report = _save(
        scene,
        narrative="Tổ chức học tập.",
        progress=40,
        values=[
            {"indicator": scene.attendance, "value": 45, "denominator": 50},
            {"indicator": scene.posts, "value": 3},
        ],
        expected_version=report.version,
    )
    photo = evidence_add(
        actor=scene.reporter,
        report=report,
        kind="photo",
        upload=SimpleUploadedFile("hoi-nghi.png", PNG),
        taken_on=dt.date(2025, 3, 1),
    )
    link = evidence_add(actor=scene.reporter, report=report, kind="link", url="https://a.vn/b")
    evidence_delete(actor=scene.reporter, evidence=link)
    # Then the report's page lists each change as people read it
    client.force_login(scene.reporter)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    history = page[page.index("Lịch sử thay đổi") :]
    assert "Tỷ lệ đảng viên dự sinh hoạt</strong>: 44/50 → 45/50" in history
    assert "Tin bài trên trang thông tin điện tử</strong>: 3" in history  # first save only
    assert history.count("Tin bài trên trang thông tin điện tử") == 1
    assert "hoi-nghi.png" in history and "https://a.vn/b → —" in history
    assert photo.pk and "report.id" not in history and "{&#x27;id&#x27;" not in history
    # and the first save records the figures it started with
    assert "44/50" in history and "tiến độ (%)</strong>: 40" in history.lower()
