"""Audit vocabulary of the documents app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentAction(models.TextChoices):
    """Registry changes."""

    DOCUMENT_IMPORT = "document_import", _("Nhập văn bản")
    DOCUMENT_UPDATE = "document_update", _("Cập nhật văn bản")
    DOCUMENT_SHARE = "document_share", _("Chia sẻ lên đơn vị cấp trên chung")
