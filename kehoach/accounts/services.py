"""Writes to accounts: creating a user, passwords and API tokens.

Accounts know nothing of units. Who may create an account *for a unit* or reset a member's
password is decided by the organizations layer (``kehoach.organizations.services.members``), which
then calls these services; here only the rules that need no unit are checked.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from kehoach.accounts.audit import AccountAction
from kehoach.accounts.models import User
from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError, PermissionDenied


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    position: str = "",
    phone: str = "",
    is_superuser: bool = False,
    audit_unit: Any = None,
) -> User:
    """Create an account. The caller has checked the right to do so: the system and superusers
    create anyone; ``kehoach.organizations.services.member_create`` lets a unit's admins create
    accounts for their unit (``audit_unit``: the unit whose members may read the audit entry).
    """
    system = actor is None or actor.is_system_admin
    if is_superuser and not system:
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới tạo được tài khoản quản trị hệ thống."))
    username = (username or "").strip()
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            _("Tên đăng nhập “%(u)s” đã có người dùng.") % {"u": username}, field="username"
        )
    user = User(
        username=username,
        full_name=(full_name or "").strip(),
        email=(email or "").strip(),
        position=(position or "").strip(),
        phone=(phone or "").strip(),
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from exc
    user.save()
    audit_record(
        actor=actor,
        action=AccountAction.USER_CREATE,
        obj=user,
        unit=audit_unit,
        changes={"username": [None, username], "full_name": [None, user.full_name]},
    )
    return user


@transaction.atomic
def user_token_create(*, actor: Any) -> Token:
    """A fresh API token for ``actor`` (the previous one, if any, stops working)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Hãy đăng nhập trước."))
    Token.objects.filter(user=actor).delete()
    token = Token.objects.create(user=actor)
    audit_record(actor=actor, action=AccountAction.USER_TOKEN_CREATE, obj=actor, unit=None)
    return token


@transaction.atomic
def user_set_password(
    *, actor: Any, user: User, password: str, old_password: str | None = None
) -> None:
    """Set one's own password (giving the old one) or, for the system and superusers, someone
    else's.

    A unit admin resets a member's password through
    ``kehoach.organizations.services.member_set_password``, which checks the units first.
    """
    if actor is not None and not actor.is_system_admin and actor.pk != user.pk:
        raise PermissionDenied(_("Bạn không có quyền đặt mật khẩu cho tài khoản này."))
    password_apply(actor=actor, user=user, password=password, old_password=old_password)


def password_apply(
    *,
    actor: Any,
    user: User,
    password: str,
    old_password: str | None = None,
    audit_unit: Any = None,
) -> None:
    """Validate and store ``user``'s new password; a change by someone else also revokes the
    user's API token. No rights check: callers (``user_set_password``, organizations'
    ``member_set_password``) have made it. Changing one's *own* password asks for the old one,
    superusers included (a stolen session alone must not take the account over)."""
    own = actor is not None and actor.pk == user.pk
    if own and not (old_password and user.check_password(old_password)):
        raise DomainError(_("Mật khẩu hiện tại không đúng. Hãy nhập lại."), field="old_password")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    if not own:
        Token.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action=AccountAction.USER_SET_PASSWORD,
        obj=user,
        unit=audit_unit,
    )


# The optional second factor (TOTP): one device per account, confirmed by a first code.


def otp_device(user: Any) -> TOTPDevice | None:
    """The account's confirmed TOTP device, if the second factor is on."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def otp_pending_device(*, actor: Any) -> TOTPDevice:
    """The device being enrolled (not yet confirmed): created once, so reloading the page
    keeps the same secret until it is confirmed."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Hãy đăng nhập trước."))
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=actor, name="kehoach", confirmed=False)


def otp_check(device: TOTPDevice, token: str) -> None:
    """A DomainError unless ``token`` is the device's current code (attempts are throttled)."""
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        raise DomainError(
            _("Nhập sai mã quá nhiều lần. Hãy chờ ít phút rồi thử lại."), field="token"
        )
    if not device.verify_token((token or "").strip()):
        raise DomainError(_("Mã xác thực không đúng hoặc đã hết hạn."), field="token")


def user_otp_enable(*, actor: Any, token: str) -> TOTPDevice:
    """Turn the second factor on: the first code from the app confirms the pending device.

    The code is checked outside the transaction, so a wrong one still counts towards the
    device's throttle (rolled back, it would allow unlimited guesses)."""
    device = otp_pending_device(actor=actor)
    otp_check(device, token)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=actor, action=AccountAction.USER_OTP_ENABLE, obj=actor, unit=None)
    return device


def user_otp_disable(*, actor: Any, token: str) -> None:
    """Turn the second factor off, with a current code (a stolen session alone cannot)."""
    device = otp_device(actor)
    if device is None:
        raise DomainError(_("Tài khoản chưa bật xác thực hai lớp."))
    otp_check(device, token)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).delete()
        audit_record(actor=actor, action=AccountAction.USER_OTP_DISABLE, obj=actor, unit=None)
