"""Forms of the public pages (ask, look up, say whether the answer helped, search) and of the
back office (classify, route, transfer, draft, approve, notes, sessions, fields)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from kehoach.organizations.models import Unit
from kehoach.qa.models import TEXT_MAX, Field, LiveSession
from kehoach.qa.selectors import locality_label, locality_queryset, public_fields


def _choice(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class LocalityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return locality_label(obj)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class AskForm(forms.Form):
    """A citizen's question. ``website`` is a honeypot: hidden from people, filled by bots."""

    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.none(), empty_label=_("— Chọn lĩnh vực —")
    )
    locality = LocalityChoice(
        label=_("Xã, phường nơi xảy ra việc"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn xã, phường —"),
    )
    title = forms.CharField(label=_("Tiêu đề (không bắt buộc)"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Câu hỏi của bạn"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_(
            "Viết rõ sự việc, địa điểm, thời gian. Không cần ghi thông tin cá nhân của người khác."
        ),
    )
    attachments = MultipleFileField(
        label=_("Ảnh hoặc tệp PDF (tối đa 3 tệp, mỗi tệp 5 MB)"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    asker_name = forms.CharField(label=_("Họ tên (không bắt buộc)"), max_length=120, required=False)
    show_name = forms.BooleanField(label=_("Hiện tên tôi khi công bố câu trả lời"), required=False)
    contact_phone = forms.RegexField(
        label=_("Số điện thoại (không công khai)"),
        regex=r"^\+?[\d\s.\-]{8,16}$",
        required=False,
        error_messages={"invalid": _("Số điện thoại không đúng.")},
    )
    contact_email = forms.CharField(
        label=_("Thư điện tử để nhận báo khi có trả lời (không công khai)"),
        max_length=200,
        required=False,
    )
    session = forms.ModelChoiceField(
        label=_("Gửi cho buổi trả lời trực tiếp"),
        queryset=LiveSession.objects.none(),
        required=False,
        empty_label=_("— Không —"),
    )
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def __init__(self, *args: Any, sessions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "field").queryset = public_fields()
        _choice(self, "locality").queryset = locality_queryset()
        if sessions is not None and sessions.exists():
            _choice(self, "session").queryset = sessions
        else:
            del self.fields["session"]
        self.fields["website"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1", "class": "hp"}
        )

    def clean_contact_email(self) -> str:
        value = (self.cleaned_data.get("contact_email") or "").strip()
        if value:
            try:
                validate_email(value)
            except forms.ValidationError as exc:
                raise forms.ValidationError(_("Địa chỉ thư điện tử không đúng.")) from exc
        return value

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=64,
        help_text=_("Mã gồm 16 chữ và số, ví dụ K7QX-M2PA-9D4H-TR3C."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class FeedbackForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=64)
    helped = forms.TypedChoiceField(
        label=_("Câu trả lời có giúp được bạn không?"),
        choices=[("1", _("Có")), ("0", _("Chưa"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    follow_up = forms.CharField(
        label=_("Hỏi thêm (câu hỏi sẽ được trả lời tiếp)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), max_length=200, required=False)
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.none(), required=False, empty_label=_("Tất cả")
    )
    locality = LocalityChoice(
        label=_("Xã, phường"), queryset=Unit.objects.none(), required=False, empty_label=_("Tất cả")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "field").queryset = public_fields()
        _choice(self, "locality").queryset = locality_queryset()

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d.get("q") or "",
            "field": d["field"].pk if d.get("field") else None,
            "locality": d["locality"].pk if d.get("locality") else None,
        }


# --- back office ------------------------------------------------------------------------------


class UnitIdField(forms.IntegerField):
    """A unit chosen by its id (the page offers the desk's known agencies; the service checks)."""

    def clean(self, value: Any) -> Any:
        pk = super().clean(value)
        if pk is None:
            return None
        unit = Unit.objects.filter(pk=pk).first()
        if unit is None:
            raise forms.ValidationError(_("Không tìm thấy đơn vị."))
        return unit


class ClassifyForm(forms.Form):
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.none())
    title = forms.CharField(label=_("Tiêu đề"), max_length=200, required=False)
    public_text = forms.CharField(
        label=_("Nội dung công khai"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX * 2,
        required=False,
        help_text=_("Nội dung sẽ công bố; số điện thoại, CCCD, biển số, địa chỉ nhà được tự che."),
    )

    def __init__(self, *args: Any, fields: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "field").queryset = fields if fields is not None else Field.objects.none()


class RouteForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan trả lời"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "agency").queryset = agencies if agencies is not None else Unit.objects.none()


class TransferForm(RouteForm):
    reason = forms.CharField(label=_("Lý do chuyển"), max_length=500)


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Mã câu hỏi gốc"), max_length=64)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=300)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ghi chú nội bộ (không công khai)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DraftForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung trả lời"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX * 2,
    )
    promise_date = forms.DateField(
        label=_("Hẹn hoàn thành (nếu trả lời hẹn giải quyết)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PublishForm(forms.Form):
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=200, help_text=_("Ví dụ: Phó Chủ tịch UBND phường")
    )


class OnAirForm(forms.Form):
    stamp = forms.CharField(
        label=_("Thời điểm trả lời trong bản ghi"), max_length=12, help_text=_("giờ:phút:giây")
    )


class SessionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=Unit.objects.none())
    starts_at = forms.DateTimeField(
        label=_("Thời gian"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    topic = forms.CharField(label=_("Chủ đề"), max_length=300)
    leaders = forms.CharField(
        label=_("Lãnh đạo tham gia"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    platform_url = forms.URLField(
        label=_("Đường dẫn phát trực tiếp"), required=False, max_length=500, assume_scheme="https"
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "unit").queryset = units if units is not None else Unit.objects.none()


class FieldForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị tiếp nhận"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Lĩnh vực"), max_length=200)
    answer_days = forms.IntegerField(
        label=_("Thời hạn trả lời (ngày làm việc)"), min_value=1, max_value=60, initial=7
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "unit").queryset = units if units is not None else Unit.objects.none()


class DeskFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), max_length=200, required=False)
