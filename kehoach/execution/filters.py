"""The query strings of the execution lists (the API checks them with these FilterSets' forms and
passes the cleaned values to the same selectors as the pages)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kehoach.core.filters import IdFilter
from kehoach.execution.choices import PeriodStatus, PlanStatus, ReportStatus, TaskStatus
from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import ProgressReport, ReportingPeriod, ReportTemplate
from kehoach.execution.models.tasks import Task


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo số, ký hiệu, trích yếu (không cần dấu)"))
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=PlanStatus.choices)
    unit = IdFilter(label=_("Đơn vị"))
    year = django_filters.NumberFilter(
        label=_("Năm (ban hành hoặc thực hiện)"), min_value=1930, max_value=2100
    )

    class Meta:
        model = Plan
        fields: list[str] = []


class RequirementFilterSet(django_filters.FilterSet):
    mine = django_filters.BooleanFilter(
        label=_("Chỉ những kế hoạch đơn vị của tôi còn phải ban hành")
    )
    directive = IdFilter(label=_("Văn bản chỉ đạo"))
    unit = IdFilter(label=_("Đơn vị phải ban hành"))

    class Meta:
        model = PlanRequirement
        fields: list[str] = []


class TaskFilterSet(django_filters.FilterSet):
    mine = django_filters.BooleanFilter(label=_("Chỉ nhiệm vụ giao cho đơn vị của tôi"))
    plan = IdFilter(label=_("Kế hoạch"))
    unit = IdFilter(label=_("Đơn vị chủ trì hoặc phối hợp"))
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=TaskStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"))
    q = django_filters.CharFilter(label=_("Tìm theo nội dung (không cần dấu)"))

    class Meta:
        model = Task
        fields: list[str] = []


class TemplateFilterSet(django_filters.FilterSet):
    plan = IdFilter(label=_("Kế hoạch"))

    class Meta:
        model = ReportTemplate
        fields: list[str] = []


class PeriodFilterSet(django_filters.FilterSet):
    template = IdFilter(label=_("Mẫu báo cáo"))
    plan = IdFilter(label=_("Kế hoạch"))
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=PeriodStatus.choices)

    class Meta:
        model = ReportingPeriod
        fields: list[str] = []


class ReportFilterSet(django_filters.FilterSet):
    review = django_filters.BooleanFilter(label=_("Chỉ báo cáo chờ tôi duyệt"))
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ReportStatus.choices)
    period = IdFilter(label=_("Kỳ báo cáo"))
    task = IdFilter(label=_("Nhiệm vụ"))
    plan = IdFilter(label=_("Kế hoạch"))

    class Meta:
        model = ProgressReport
        fields: list[str] = []


class IndicatorFilterSet(django_filters.FilterSet):
    plan = IdFilter(label=_("Kế hoạch"), required=True)
    period = IdFilter(label=_("Chỉ tính kỳ báo cáo này"))

    class Meta:
        model = Plan
        fields: list[str] = []
