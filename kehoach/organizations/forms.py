"""Forms of the unit pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.organizations.choices import AdvisoryScope, Role, UnitKind
from kehoach.organizations.models import Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown indented by depth, so the select reads like the tree."""

    def label_from_instance(self, obj: Unit) -> str:
        prefix = "— " * obj.depth
        abbr = f" ({obj.abbreviation})" if obj.abbreviation else ""
        return f"{prefix}{obj.name}{abbr}"


def _on_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate)


class UnitCreateForm(forms.Form):
    parent = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("Đơn vị cấp trên"),
        required=False,
        empty_label=_("(Không có — đơn vị cấp cao nhất)"),
    )
    kind = forms.ChoiceField(choices=UnitKind.choices, label=_("Loại đơn vị"))
    name = forms.CharField(max_length=300, label=_("Tên đầy đủ"))
    short_name = forms.CharField(max_length=120, required=False, label=_("Tên ngắn"))
    abbreviation = forms.CharField(
        max_length=40,
        required=False,
        label=_("Ký hiệu viết tắt"),
        help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ TU, ĐUS, STTTT."),
    )
    code = forms.CharField(
        max_length=40,
        required=False,
        label=_("Mã đơn vị"),
        help_text=_("Để trống để hệ thống tự sinh."),
    )
    valid_from = forms.DateField(label=_("Hoạt động từ ngày"), required=False, widget=DateInput())

    def __init__(self, *args: Any, parents: Any, allow_root: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents
        if not allow_root:  # only superusers create top-level units
            self.fields["parent"].required = True
            cast(forms.ModelChoiceField, self.fields["parent"]).empty_label = None


class UnitEditForm(forms.Form):
    kind = forms.ChoiceField(choices=UnitKind.choices, label=_("Loại đơn vị"))
    name = forms.CharField(max_length=300, label=_("Tên đầy đủ"))
    short_name = forms.CharField(max_length=120, required=False, label=_("Tên ngắn"))
    abbreviation = forms.CharField(max_length=40, required=False, label=_("Ký hiệu viết tắt"))
    code = forms.CharField(max_length=40, label=_("Mã đơn vị"))
    on = forms.DateField(
        label=_("Ngày đổi tên có hiệu lực"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_("Chỉ dùng khi đổi tên hoặc ký hiệu: văn bản trước ngày này giữ tên cũ."),
    )
    note = forms.CharField(
        max_length=300, required=False, label=_("Ghi chú (ví dụ: số quyết định)")
    )
    # When the unit was loaded into the form: a change by someone else meanwhile is refused.
    expected_updated_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)


class UnitMoveForm(forms.Form):
    new_parent = UnitChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị cấp trên mới"))
    on = _on_field(_("Ngày chuyển"))
    note = forms.CharField(
        max_length=300, required=False, label=_("Ghi chú (ví dụ: số quyết định)")
    )

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["new_parent"]).queryset = parents


class UnitMergeForm(forms.Form):
    into = UnitChoiceField(queryset=Unit.objects.none(), label=_("Hợp nhất vào đơn vị"))
    on = _on_field(_("Ngày hợp nhất"))
    move_children = forms.TypedChoiceField(
        label=_("Các đơn vị trực thuộc"),
        choices=[
            ("1", _("Chuyển sang đơn vị tiếp nhận")),
            ("0", _("Giữ nguyên dưới đơn vị cũ")),
        ],
        coerce=lambda v: v == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        max_length=300, required=False, label=_("Ghi chú (ví dụ: số quyết định)")
    )

    def __init__(self, *args: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["into"]).queryset = targets


class UnitAdvisoryForm(forms.Form):
    advisory_scope = forms.ChoiceField(
        label=_("Quyền tham mưu cho cấp ủy cấp trên"),
        choices=AdvisoryScope.choices,
        required=False,
    )


class UnitCloseForm(forms.Form):
    on = _on_field(_("Ngày kết thúc hoạt động"))
    note = forms.CharField(
        max_length=300, required=False, label=_("Ghi chú (ví dụ: số quyết định)")
    )


class UnitImportForm(forms.Form):
    on = forms.DateField(
        label=_("Ngày hiệu lực của việc đổi tên, chuyển đơn vị"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Để trống: hôm nay. Ví dụ khi sắp xếp lại theo quyết định: ngày quyết định có hiệu lực."
        ),
    )
    file = forms.FileField(
        label=_("Tệp danh sách đơn vị (XLSX hoặc CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class MembershipGrantForm(forms.Form):
    username = forms.CharField(max_length=150, label=_("Tên đăng nhập"))
    role = forms.ChoiceField(choices=Role.choices, label=_("Vai trò"), initial=Role.VIEWER)


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=_("Vai trò"))


class UserCreateForm(forms.Form):
    username = forms.CharField(max_length=150, label=_("Tên đăng nhập"))
    full_name = forms.CharField(max_length=200, label=_("Họ và tên"))
    position = forms.CharField(max_length=200, required=False, label=_("Chức vụ"))
    email = forms.EmailField(required=False, label=_("Thư điện tử"))
    phone = forms.CharField(max_length=30, required=False, label=_("Điện thoại"))
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput(render_value=False), min_length=10
    )
    role = forms.ChoiceField(
        choices=Role.choices, label=_("Vai trò tại đơn vị"), initial=Role.VIEWER
    )


class PasswordResetForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu mới"),
        widget=forms.PasswordInput(render_value=False),
        min_length=10,
        help_text=_("Báo cho người dùng mật khẩu mới; họ nên tự đổi lại sau khi đăng nhập."),
    )
