"""Forms of the report pages: write a report (with its figures), add evidence, review."""

from __future__ import annotations

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
                self.fields[f"ind_{ind.pk}"] = forms.DecimalField(
                    label=f"{ind.name}: {ind.numerator_label or gettext('tử số (số đạt)')}",
                    required=False,
                    min_value=0,
                )
                self.fields[f"den_{ind.pk}"] = forms.DecimalField(
                    label=f"{ind.name}: {ind.denominator_label or gettext('mẫu số (tổng số)')}",
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
                    label=f"{ind.name}{unit}", required=False, min_value=0
                )

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
