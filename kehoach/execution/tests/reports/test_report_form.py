"""The report page asks for counts in the indicator's own words and refuses impossible ones."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.execution.choices import Aggregation
from kehoach.execution.forms.reports import ReportForm
from kehoach.execution.models import ProgressReport
from kehoach.execution.services.indicators import indicator_create

pytestmark = pytest.mark.django_db


def test_a_rate_asks_for_two_whole_counts_named_by_the_indicator(scene):
    members = indicator_create(
        actor=None,
        plan=scene.plan,
        name="Đảng viên dự học",
        aggregation=Aggregation.RATE,
        numerator_label="số đảng viên dự học",
        denominator_label="tổng số đảng viên",
    )
    form = ReportForm(indicators=[scene.attendance, members])
    assert form.fields[f"ind_{members.pk}"].label == "Đảng viên dự học: số đảng viên dự học"
    assert form.fields[f"den_{members.pk}"].label == "Đảng viên dự học: tổng số đảng viên"
    # Without words of its own a rate still says which box is which.
    assert form.fields[f"ind_{scene.attendance.pk}"].label.endswith(": số đạt")
    assert form.fields[f"den_{scene.attendance.pk}"].label.endswith(": tổng số")
    half = ReportForm(
        {f"ind_{members.pk}": "12.5", f"den_{members.pk}": "20"}, indicators=[members]
    )
    assert not half.is_valid() and f"ind_{members.pk}" in half.errors


def test_more_present_than_members_or_a_count_without_its_whole_is_refused(scene):
    key, den = f"ind_{scene.attendance.pk}", f"den_{scene.attendance.pk}"
    form = ReportForm({key: "45", den: "44"}, indicators=[scene.attendance])
    assert not form.is_valid()
    assert form.errors[key] == ["Số đạt không được lớn hơn tổng số."]
    form = ReportForm({key: "45"}, indicators=[scene.attendance])
    assert not form.is_valid()
    assert form.errors[den] == ["Hãy nhập tổng số để tính tỷ lệ."]
    assert ReportForm({key: "44", den: "44"}, indicators=[scene.attendance]).is_valid()


def test_saved_counts_come_back_as_whole_numbers_and_the_page_refuses_bad_ones(client, scene):
    key, den = f"ind_{scene.attendance.pk}", f"den_{scene.attendance.pk}"
    form = ReportForm(initial={key: Decimal("44.00"), den: Decimal("50.00")}, indicators=[])
    assert (form.initial[key], form.initial[den]) == (44, 50)
    assert 'value="44"' in str(
        ReportForm(
            initial={key: Decimal("44.00"), den: Decimal("50.00")},
            indicators=[scene.attendance],
        )[key]
    )
    client.force_login(scene.reporter)
    url = f"/tasks/{scene.task.pk}/report/"
    r = client.post(
        url,
        {
            "unit": scene.world.a.child.pk,
            "period": scene.q1.pk,
            "narrative": "Tổ chức học tập",
            key: "60",
            den: "50",
        },
    )
    assert r.status_code == 400
    assert "Số đạt không được lớn hơn tổng số." in r.content.decode()
    assert not ProgressReport.objects.filter(task=scene.task).exists()
