"""Audit vocabulary of the documents app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentAction(models.TextChoices):
    """Registry changes."""

    DOCUMENT_IMPORT = "document_import", _("Nhập văn bản")
    DOCUMENT_UPDATE = "document_update", _("Cập nhật văn bản")
    # Entries of the former rule (ownership moved up to the common unit), kept for history.
    DOCUMENT_SHARE = "document_share", _("Chia sẻ lên đơn vị cấp trên chung")
    SHARE_REQUEST = "document_share_request", _("Đề nghị dùng chung văn bản")
    SHARE_ACCEPT = "document_share_accept", _("Đồng ý dùng chung văn bản")
    SHARE_DECLINE = "document_share_decline", _("Từ chối dùng chung văn bản")
