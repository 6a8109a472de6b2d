"""Audit vocabulary of the accounts app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountAction(models.TextChoices):
    """Account changes."""

    USER_CREATE = "user_create", _("Tạo tài khoản")
    USER_TOKEN_CREATE = "user_token_create", _("Tạo mã truy cập API")
    USER_SET_PASSWORD = "user_set_password", _("Đặt mật khẩu")
    USER_OTP_ENABLE = "user_otp_enable", _("Bật xác thực hai lớp")
    USER_OTP_DISABLE = "user_otp_disable", _("Tắt xác thực hai lớp")
