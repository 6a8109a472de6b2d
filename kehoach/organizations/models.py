"""The tree of units (versioned by date) and the memberships that give people rights in it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from kehoach.core.models import BaseModel
from kehoach.organizations.choices import PARTY_KINDS, Role, UnitEvent, UnitKind


class UnitQuerySet(models.QuerySet["Unit"]):
    def active(self, on: dt.date | None = None) -> UnitQuerySet:
        """Units open on ``on`` (today by default)."""
        on = on or dt.date.today()
        return self.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=on)
        )

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        """``unit`` and every unit below it."""
        return self.filter(path__startswith=unit.path)


class Unit(BaseModel):
    """An organisation (Party committee, board, cell, People's Committee, department, office ...).

    ``path`` is the materialised path of primary keys (``/1/5/23/``) so a subtree is one
    indexed prefix query. Renames, moves, merges and closures keep a ``UnitVersion`` per state.
    """

    kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices)
    name = models.CharField("tên đầy đủ", max_length=300)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    abbreviation = models.CharField("ký hiệu viết tắt", max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name="đơn vị cấp trên",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField("hoạt động từ", null=True, blank=True)
    valid_to = models.DateField("kết thúc ngày", null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors",
        verbose_name="hợp nhất vào",
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"

    def __str__(self) -> str:
        return self.name

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    @property
    def is_open(self) -> bool:
        return self.valid_to is None or self.valid_to > dt.date.today()

    def ancestor_ids(self) -> list[int]:
        """Primary keys from the root down to this unit (inclusive)."""
        return [int(p) for p in self.path.strip("/").split("/") if p]


class UnitVersion(models.Model):
    """How a unit was named and placed between two dates; old documents point at these facts."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    event = models.CharField(max_length=16, choices=UnitEvent.choices)
    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=120, blank=True)
    abbreviation = models.CharField(max_length=40, blank=True)
    parent = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["unit_id", "valid_from", "id"]
        verbose_name = "phiên bản đơn vị"
        verbose_name_plural = "lịch sử đơn vị"

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from or '…'} – {self.valid_to or '…'})"


class Membership(BaseModel):
    """A user's role in a unit; the role applies to the unit and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_unique_user_unit")
        ]
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
