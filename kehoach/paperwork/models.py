"""Agency templates (letterheads) used when a unit's documents are exported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kehoach.core.files import PrivateFileField, RandomName
from kehoach.core.models import BaseModel
from kehoach.documents.choices import DocumentSystem


class Letterhead(BaseModel):
    """A unit's own .docx template (letterhead, house styles) for the documents it exports."""

    unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        related_name="letterheads",
        verbose_name=_("đơn vị"),
    )
    # Blank: for the documents of both systems.
    system = models.CharField(
        _("hệ thống"), max_length=8, choices=DocumentSystem.choices, blank=True, default=""
    )
    name = models.CharField(_("tên mẫu"), max_length=200)
    file = PrivateFileField(upload_to=RandomName("letterheads"))
    sha256 = models.CharField(max_length=64)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["unit_id", "system", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "system"],
                condition=Q(is_active=True),
                name="letterhead_one_active_per_unit_system",
            )
        ]
        verbose_name = _("mẫu văn bản của đơn vị")
        verbose_name_plural = _("mẫu văn bản của đơn vị")

    def __str__(self) -> str:
        return self.name
