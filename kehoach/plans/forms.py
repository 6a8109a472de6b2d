"""Forms of the plan pages: build from a document, issue, assign a task, cascade requirement."""

from __future__ import annotations

from typing import Any

from django import forms

from kehoach.organizations.models import Unit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * max(0, obj.depth - 1)}{obj.name}"


class DraftFromDocumentForm(forms.Form):
    """Choose the registry document to implement and the unit whose plan it is."""

    document = forms.ModelChoiceField(queryset=None, label="Văn bản cấp trên cần triển khai")
    unit = UnitChoiceField(queryset=Unit.objects.none(), label="Đơn vị ban hành kế hoạch")
    title = forms.CharField(
        label="Trích yếu kế hoạch",
        required=False,
        max_length=500,
        help_text="Để trống: “Thực hiện {loại văn bản} số {số, ký hiệu}”.",
    )

    def __init__(self, *args: Any, documents: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["unit"].queryset = units


class IssueForm(forms.Form):
    """Number, date and signer of a plan being issued."""

    number = forms.CharField(
        label="Số", max_length=60, help_text="Chỉ số (ví dụ 15) hoặc đủ số, ký hiệu (15-KH/ThU)."
    )
    date = forms.DateField(label="Ngày ban hành", widget=forms.DateInput(attrs={"type": "date"}))
    signer = forms.CharField(label="Người ký", max_length=200)


class AssignForm(forms.Form):
    """Lead and supporting units of one task."""

    lead_unit = UnitChoiceField(queryset=Unit.objects.none(), label="Chủ trì", required=False)
    supporting_units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label="Phối hợp",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["supporting_units"].queryset = units


class RequirementForm(forms.Form):
    """A subordinate unit that must issue its implementing plan by a date."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label="Đơn vị phải ban hành")
    due_date = forms.DateField(label="Hạn ban hành", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
