"""The login and password forms, with plain Vietnamese messages."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại (chú ý chữ hoa, chữ thường)."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị đơn vị."),
    }


class OwnPasswordForm(PasswordChangeForm):
    """Old password, new password twice. The old one is checked by the service
    (``user_set_password``), which is the rule for every caller, not only this form."""

    def clean_old_password(self) -> Any:
        return self.cleaned_data["old_password"]


class OtpTokenForm(forms.Form):
    """The six-digit code of the authenticator app."""

    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số trong ứng dụng xác thực)"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
