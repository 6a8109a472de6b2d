"""The login form, with plain Vietnamese messages."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Xin nhập lại (chú ý chữ hoa, chữ thường)."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị đơn vị."),
    }
