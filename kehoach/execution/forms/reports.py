"""Forms of the report pages: write a report (with its figures), add evidence, review."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kehoach.execution.choices import Aggregation, EvidenceKind


class ReportForm(forms.Form):
    """Narrative, progress and one field (two for a rate) per indicator."""

    narrative = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    progress = forms.DecimalField(
        label=_("Tiến độ nhiệm vụ (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
    )

    def __init__(self, *args: Any, indicators: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            unit = (
                f" ({ind.measure_unit})"
                if ind.measure_unit and ind.aggregation != Aggregation.RATE
                else ""
            )
            if ind.aggregation == Aggregation.RATE:
                # A rate is counted: whole numbers, under the words the indicator defines.
                self.fields[f"ind_{ind.pk}"] = forms.IntegerField(
                    label=f"{ind.name}: {ind.numerator_label or gettext('số đạt')}",
                    required=False,
                    min_value=0,
                )
                self.fields[f"den_{ind.pk}"] = forms.IntegerField(
                    label=f"{ind.name}: {ind.denominator_label or gettext('tổng số')}",
                    required=False,
                    min_value=0,
                )
            elif ind.aggregation == Aggregation.ALL_DONE:
                self.fields[f"ind_{ind.pk}"] = forms.TypedChoiceField(
                    label=ind.name,
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=[
                        ("", "—"),
                        (1, gettext("Đã hoàn thành")),
                        (0, gettext("Chưa hoàn thành")),
                    ],
                )
            else:
                self.fields[f"ind_{ind.pk}"] = forms.DecimalField(
                    label=f"{ind.name}{unit}",
                    required=False,
                    min_value=0,
                    decimal_places=2,
                    widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                )
        # Figures saved as 44.00 are shown as 44 (a count is a whole number).
        for key, value in list(self.initial.items()):
            if isinstance(value, Decimal) and value == value.to_integral_value():
                self.initial[key] = int(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for ind in self.indicators:
            if ind.aggregation != Aggregation.RATE:
                continue
            part, whole = data.get(f"ind_{ind.pk}"), data.get(f"den_{ind.pk}")
            if part is not None and whole is not None and part > whole:
                self.add_error(
                    f"ind_{ind.pk}",
                    gettext("%(part)s không được lớn hơn %(whole)s.")
                    % {
                        "part": (ind.numerator_label or gettext("số đạt")).capitalize(),
                        "whole": (ind.denominator_label or gettext("tổng số")).lower(),
                    },
                )
            elif part is not None and whole is None:
                self.add_error(
                    f"den_{ind.pk}",
                    gettext("Hãy nhập %(whole)s để tính tỷ lệ.")
                    % {"whole": (ind.denominator_label or gettext("tổng số")).lower()},
                )
        return data

    def values(self) -> list[dict[str, Any]]:
        out = []
        for ind in self.indicators:
            value = self.cleaned_data.get(f"ind_{ind.pk}")
            if value is None:
                continue
            out.append(
                {
                    "indicator": ind,
                    "value": value,
                    "denominator": self.cleaned_data.get(f"den_{ind.pk}"),
                }
            )
        return out


class EvidenceForm(forms.Form):
    """A link, a file, or a photo with its date."""

    kind = forms.ChoiceField(label=_("Loại minh chứng"), choices=EvidenceKind.choices)
    url = forms.CharField(label=_("Đường dẫn"), required=False, max_length=500)
    file = forms.FileField(label=_("Tệp hoặc ảnh"), required=False)
    taken_on = forms.DateField(
        label=_("Ngày chụp / ngày diễn ra"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    caption = forms.CharField(label=_("Mô tả"), required=False, max_length=300)


class ReviewForm(forms.Form):
    """The reviewer's comment (required to return)."""

    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
