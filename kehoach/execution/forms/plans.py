"""Forms of the plan pages: build from a document, issue, assign a task, cascade requirement."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kehoach.core.text import fold
from kehoach.execution.choices import Aggregation, Comparator, Cycle, DeadlineKind
from kehoach.execution.models.reports import ReportTemplate
from kehoach.organizations.models import Unit
from kehoach.organizations.widgets import UnitPicker


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * max(0, obj.depth - 1)}{obj.name}"


class DraftFromDocumentForm(forms.Form):
    """Choose the registry document to implement and the unit whose plan it is."""

    document: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label=_("Văn bản cấp trên cần triển khai")
    )
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị ban hành kế hoạch"))
    title = forms.CharField(
        label=_("Trích yếu kế hoạch"),
        required=False,
        max_length=500,
        help_text=_("Để trống: “Thực hiện {loại văn bản} số {số, ký hiệu}”."),
    )

    def __init__(self, *args: Any, documents: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["document"]).queryset = documents
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class IssueForm(forms.Form):
    """Number, date and signer of a plan being issued."""

    number = forms.CharField(
        label=_("Số"),
        max_length=60,
        help_text=_("Chỉ số (ví dụ 15) hoặc đủ số, ký hiệu (15-KH/ThU)."),
    )
    date = forms.DateField(label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"type": "date"}))
    signer = forms.CharField(label=_("Người ký"), max_length=200)


class AssignForm(forms.Form):
    """Lead and supporting units of one task, chosen by searching the plan unit's subtree."""

    lead_unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Chủ trì"), required=False)
    supporting_units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Phối hợp"),
        required=False,
        widget=UnitPicker(multiple=True),
    )

    def __init__(self, *args: Any, units: Any, within: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The widgets first: setting a queryset hands it to the widget as its choices.
        self.fields["lead_unit"].widget = UnitPicker(within=within)
        self.fields["supporting_units"].widget = UnitPicker(multiple=True, within=within)
        cast(forms.ModelChoiceField, self.fields["lead_unit"]).queryset = units
        cast(forms.ModelChoiceField, self.fields["supporting_units"]).queryset = units


class RequirementForm(forms.Form):
    """The units below ``required_by`` that must issue their implementing plan by one date: all
    of them, all of one kind, or a selection."""

    target = forms.ChoiceField(label=_("Đơn vị phải ban hành"), widget=forms.RadioSelect)
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label=_("Chọn đơn vị"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(
        label=_("Hạn ban hành"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.below = list(units)
        cast(forms.ModelMultipleChoiceField, self.fields["units"]).queryset = units
        kinds: dict[str, str] = {}
        for u in self.below:
            kinds.setdefault(u.kind, str(u.get_kind_display()))
        choices = [("all", gettext("Tất cả đơn vị trực thuộc (%(n)s)") % {"n": len(self.below)})]
        if len(kinds) > 1:
            for kind, label in kinds.items():
                n = sum(1 for u in self.below if u.kind == kind)
                choices.append(
                    (
                        f"kind:{kind}",
                        gettext("Tất cả %(kind)s (%(n)s)") % {"kind": label.lower(), "n": n},
                    )
                )
        choices.append(("some", gettext("Các đơn vị chọn dưới đây")))
        cast(forms.ChoiceField, self.fields["target"]).choices = choices
        self.fields["target"].initial = "all"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target = data.get("target") or ""
        if target == "all":
            data["chosen"] = self.below
        elif target.startswith("kind:"):
            data["chosen"] = [u for u in self.below if u.kind == target[5:]]
        else:
            data["chosen"] = list(data.get("units") or [])
            if not data["chosen"]:
                self.add_error("units", gettext("Hãy chọn ít nhất một đơn vị."))
        return data


class TaskAddForm(forms.Form):
    """A task added by hand to a plan."""

    title = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2}))
    section = forms.CharField(label=_("Mục"), max_length=40, required=False)
    lead_unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Chủ trì"), required=False)
    start_date = forms.DateField(
        label=_("Bắt đầu"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_date = forms.DateField(
        label=_("Hạn hoàn thành"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    weight = forms.DecimalField(label=_("Trọng số"), initial=1, min_value=0, decimal_places=2)
    report_template = forms.ModelChoiceField(
        queryset=ReportTemplate.objects.none(),
        label=_("Báo cáo định kỳ"),
        required=False,
        empty_label=_("— không báo cáo định kỳ —"),
    )

    def __init__(
        self, *args: Any, units: Any, templates: Any = (), within: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].widget = UnitPicker(within=within)
        cast(forms.ModelChoiceField, self.fields["lead_unit"]).queryset = units
        ids = [t.pk for t in templates]
        cast(
            forms.ModelChoiceField, self.fields["report_template"]
        ).queryset = ReportTemplate.objects.filter(pk__in=ids)
        if len(ids) == 1:
            # The plan's one periodic report is owed for a new task unless the officer says not.
            self.fields["report_template"].initial = ids[0]
        elif not ids:
            del self.fields["report_template"]


class TemplateAddForm(forms.Form):
    """A periodic report on the plan: cycle, cut-off, deadline (Decree 09/2019 by default)."""

    name = forms.CharField(
        label=_("Tên báo cáo"), max_length=300, initial="Báo cáo kết quả thực hiện"
    )
    cycle = forms.ChoiceField(label=_("Chu kỳ"), choices=Cycle.choices, initial=Cycle.QUARTERLY)
    cutoff_day = forms.IntegerField(
        label=_("Ngày chốt số liệu"),
        initial=15,
        min_value=1,
        max_value=28,
        help_text=_(
            "15: theo Nghị định 09/2019 (từ ngày 15 tháng trước đến ngày 14); 1: theo tháng dương lịch."
        ),
    )
    deadline_kind = forms.ChoiceField(
        label=_("Hạn gửi tính theo"),
        choices=DeadlineKind.choices,
        initial=DeadlineKind.DAY_OF_LAST_MONTH,
    )
    deadline_value = forms.IntegerField(
        label=_("Ngày / số ngày"), initial=20, min_value=1, max_value=60
    )


class IndicatorAddForm(forms.Form):
    """A quantitative target of the plan."""

    name = forms.CharField(label=_("Chỉ tiêu"), max_length=300)
    aggregation = forms.ChoiceField(label=_("Cách tổng hợp"), choices=Aggregation.choices)
    comparator = forms.ChoiceField(label=_("So sánh"), choices=Comparator.choices)
    target = forms.DecimalField(label=_("Mục tiêu"), required=False, decimal_places=2)
    measure_unit = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    numerator_label = forms.CharField(
        label=_("Tỷ lệ: tên của số đạt"),
        max_length=120,
        required=False,
        help_text=_("Ví dụ: Số đảng viên dự học. Để trống: “số đạt”."),
    )
    denominator_label = forms.CharField(
        label=_("Tỷ lệ: tên của tổng số"),
        max_length=120,
        required=False,
        help_text=_("Ví dụ: Tổng số đảng viên phải dự. Để trống: “tổng số”."),
    )
    unit_targets = forms.CharField(
        label=_("Mục tiêu riêng của đơn vị (nếu có)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mỗi dòng một đơn vị: tên hoặc mã đơn vị, dấu hai chấm, mục tiêu. "
            "Ví dụ: Chi bộ Phường 1: 6"
        ),
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units

    def clean_unit_targets(self) -> dict[Any, Decimal]:
        """Lines "unit: target" → {Unit: target}; a unit is found by code or name (no accents needed)."""
        out: dict[Any, Decimal] = {}
        raw = self.cleaned_data.get("unit_targets") or ""
        lines = [x.strip() for x in raw.splitlines() if x.strip()]
        if not lines:
            return out
        by_key = {}
        for u in self.units or []:
            by_key[fold(u.code)] = u
            by_key[fold(u.name)] = u
        for line in lines:
            name, sep, value = line.rpartition(":")
            unit = by_key.get(fold(name.strip())) if sep else None
            if unit is None:
                raise forms.ValidationError(
                    gettext("Không tìm thấy đơn vị: “%(line)s”.") % {"line": line}
                )
            try:
                out[unit] = Decimal(value.strip().replace(",", "."))
            except InvalidOperation as exc:
                raise forms.ValidationError(
                    gettext("Mục tiêu không phải là số: “%(line)s”.") % {"line": line}
                ) from exc
        return out


class PlanEditForm(forms.Form):
    """The text of a plan: title, preamble, time frame, and each part's heading and text."""

    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    preamble = forms.CharField(
        label=_("Mở đầu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    period_start = forms.DateField(
        label=_("Thực hiện từ"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Đến"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, sections: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        for i, s in enumerate(sections):
            self.fields[f"heading_{i}"] = forms.CharField(
                label=gettext("Phần %(n)s: tiêu đề") % {"n": s.get("number") or i + 1},
                max_length=300,
                initial=s.get("heading", ""),
            )
            self.fields[f"text_{i}"] = forms.CharField(
                label=gettext("Phần %(n)s: nội dung") % {"n": s.get("number") or i + 1},
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=s.get("text", ""),
            )

    def edited_sections(self) -> list[dict[str, Any]]:
        """The sections with their new headings and texts (sub-sections kept as they were)."""
        out = []
        for i, s in enumerate(self.sections):
            out.append(
                {
                    **s,
                    "heading": self.cleaned_data[f"heading_{i}"].strip(),
                    "text": self.cleaned_data[f"text_{i}"].strip(),
                }
            )
        return out
