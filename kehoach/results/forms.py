"""Forms of the results report page: compile, a narrative part, the document's header fields."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.results.models import ResultsReport


class CompileForm(forms.Form):
    """Which period to compile (choices: the plan's periods)."""

    period = forms.TypedChoiceField(label=_("Kỳ báo cáo"), coerce=int)

    def __init__(self, *args, periods=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (p.pk, f"{p.label} ({p.start:%d/%m/%Y} – {p.end:%d/%m/%Y})") for p in periods
        ]


class RegenerateForm(forms.Form):
    replace_edited = forms.BooleanField(
        label=_("Thay cả những phần đã sửa bằng nội dung tổng hợp mới"), required=False
    )


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=100_000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class HeaderForm(forms.ModelForm):
    """Number, place and date, signer, Nơi nhận — printed on the exported document."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ResultsReport
        fields = [
            "system",
            "number",
            "symbol",
            "place",
            "issued_on",
            "signer_authority",
            "signer_title",
            "signer_name",
            "recipients",
            "archive",
        ]
        labels = {
            "system": _("Thể thức mặc định"),
            "number": _("Số (để trống khi chưa cấp số)"),
            "issued_on": _("Ngày ký (để trống khi chưa ký)"),
            "signer_authority": _("Quyền hạn ký (ví dụ T/M BAN THƯỜNG VỤ, TM. ỦY BAN NHÂN DÂN)"),
            "recipients": _("Nơi nhận (mỗi dòng một nơi, mục đích trong ngoặc: (b/c), (t/h))"),
        }
        widgets = {
            "system": forms.Select(
                choices=[
                    ("state", _("Nhà nước (NĐ 30/2020)")),
                    ("party", _("Đảng (HD 36-HD/VPTW)")),
                ]
            ),
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
