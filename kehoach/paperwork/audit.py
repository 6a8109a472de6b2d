"""Audit vocabulary of the paperwork app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaperworkAction(models.TextChoices):
    """Letterhead changes."""

    LETTERHEAD_UPLOAD = "letterhead_upload", _("Đặt mẫu văn bản")
    LETTERHEAD_RETIRE = "letterhead_retire", _("Thôi dùng mẫu văn bản")
