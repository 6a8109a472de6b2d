"""Password validators whose messages Django does not translate into Vietnamese.

Django 5.2 changed the minimum-length message (``%d`` instead of ``%(min_length)d``) and its
Vietnamese catalogue still has only the old text, so the message would reach the user in English.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator as Base
from django.utils.translation import gettext as _


class MinimumLengthValidator(Base):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có ít nhất %(n)d ký tự.") % {"n": self.min_length}
