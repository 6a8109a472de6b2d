"""Forms of the training pages (parse input; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.training.choices import MemberStatus, QuestionKind, SessionMode

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    member_code = forms.CharField(
        label=_("Mã người học"),
        max_length=40,
        required=False,
        help_text=_("Không bắt buộc; dùng để tự điểm danh bằng mã QR. Không trùng trong đơn vị."),
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=MemberStatus.choices, initial=MemberStatus.OFFICIAL
    )
    joined_on = forms.DateField(label=_("Vào danh sách từ"), required=False, widget=DATE)
    left_on = forms.DateField(label=_("Ra khỏi danh sách ngày"), required=False, widget=DATE)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách (XLSX hoặc CSV)"),
        help_text=_(
            "Cột bắt buộc: Họ và tên. Không bắt buộc: Mã người học, Tình trạng (chính thức, dự bị, "
            "miễn sinh hoạt), Vào danh sách từ, Ra khỏi danh sách ngày. Tên gõ bằng phông TCVN3 "
            "(.VnTime) hoặc VNI được tự chuyển sang Unicode."
        ),
    )


class CampaignForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput)
    unit = forms.TypedChoiceField(label=_("Đơn vị triển khai"), coerce=int)
    title = forms.CharField(
        label=_("Tên đợt học tập"),
        max_length=300,
        required=False,
        help_text=_("Để trống: “Học tập, quán triệt” và số, ký hiệu của văn bản."),
    )
    starts_on = forms.DateField(label=_("Bắt đầu"), widget=DATE)
    deadline = forms.DateField(label=_("Hạn hoàn thành"), widget=DATE)
    target_percent = forms.DecimalField(
        label=_("Chỉ tiêu tỷ lệ tham gia (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=98,
        required=False,
    )

    indicator = forms.TypedChoiceField(
        label=_("Chỉ tiêu tỷ lệ của kế hoạch"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Không bắt buộc. Khi chọn, chỉ tiêu của đợt lấy theo chỉ tiêu này và số liệu của đợt "
            "được điền sẵn vào báo cáo tiến độ của các đơn vị."
        ),
    )

    def __init__(self, *args: Any, units: list[Any], indicators: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        choices = [(i.pk, f"{i.name} ({i.plan.code or i.plan.title[:60]})") for i in indicators]
        self.fields["indicator"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]


class SessionForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int)
    joint_units = forms.TypedMultipleChoiceField(
        label=_("Đơn vị học cùng (buổi học chung)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    held_on = forms.DateField(label=_("Ngày học"), widget=DATE)
    starts_at = forms.TimeField(label=_("Bắt đầu"), widget=TIME)
    ends_at = forms.TimeField(label=_("Kết thúc"), widget=TIME)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=SessionMode.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    presenter = forms.CharField(label=_("Báo cáo viên"), max_length=120, required=False)
    points = forms.CharField(
        label=_("Điểm cầu (trực tuyến)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một điểm cầu, có thể ghi số người dự sau dấu “;”: Điểm cầu xã A; 25"),
    )
    is_makeup = forms.BooleanField(label=_("Buổi học bù"), required=False)

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(u.pk, u.name) for u in units]
        self.fields["unit"].choices = choices  # type: ignore[attr-defined]
        self.fields["joint_units"].choices = choices  # type: ignore[attr-defined]

    def clean_points(self) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for number, line in enumerate(self.cleaned_data.get("points", "").splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, count = line.partition(";")
            count = count.strip()
            if count and not count.isdigit():
                raise forms.ValidationError(
                    _("Dòng %(n)s: số người dự phải là số nguyên không âm.") % {"n": number}
                )
            out.append((name.strip(), int(count) if count else 0))
        return out


class CheckinForm(forms.Form):
    member_code = forms.CharField(
        label=_("Mã người học"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=120,
        help_text=_("Có dấu hoặc không dấu đều được."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại câu hỏi"), choices=QuestionKind.choices)
    text = forms.CharField(
        label=_("Câu hỏi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    options = forms.CharField(
        label=_("Phương án (một đáp án, nhiều đáp án)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một phương án; đánh dấu * ở đầu phương án đúng: *Năm 2025"),
    )
    true_answer = forms.ChoiceField(
        label=_("Đáp án (đúng / sai)"),
        choices=[("", "—"), ("true", _("Đúng")), ("false", _("Sai"))],
        required=False,
    )
    answer_text = forms.CharField(
        label=_("Đáp án (trả lời ngắn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một cách trả lời được chấp nhận; không phân biệt hoa thường, dấu."),
    )

    def choices(self) -> list[tuple[str, bool]]:
        data = self.cleaned_data
        if data["kind"] == QuestionKind.TRUE_FALSE:
            if not data["true_answer"]:
                return []
            return [
                ("Đúng", data["true_answer"] == "true"),
                ("Sai", data["true_answer"] == "false"),
            ]
        out = []
        for line in data.get("options", "").splitlines():
            line = line.strip()
            if line:
                out.append((line.lstrip("*").strip(), line.startswith("*")))
        return out


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp câu hỏi (CSV)"),
        help_text=_(
            "Các cột: Loại (một đáp án, nhiều đáp án, đúng sai, trả lời ngắn); Câu hỏi; A; B; C; D; "
            "Đáp án (ví dụ B, hoặc A,C, hoặc Đúng, hoặc câu trả lời ngắn)."
        ),
    )


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp điểm danh (XLSX hoặc CSV)"),
        help_text=_(
            "Danh sách ký tên đã gõ lại, hoặc tệp xuất danh sách người tham gia của cuộc họp trực "
            "tuyến. Cần cột họ tên (“Họ và tên”, “Name”…) hoặc cột mã. Xem lại trước khi ghi."
        ),
    )
