"""The tree of units (versioned by date) and the memberships that give people rights in it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.core.models import BaseModel
from kehoach.organizations.choices import PARTY_KINDS, AdvisoryScope, Role, UnitEvent, UnitKind
from kehoach.organizations.permissions import ScopedQuerySet


class UnitQuerySet(ScopedQuerySet):
    def active(self, on: dt.date | None = None) -> UnitQuerySet:
        """Units open on ``on`` (today by default)."""
        on = on or timezone.localdate()
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

    permission_scope = ""  # a unit decides for itself

    code = models.CharField(
        _("mã đơn vị"),
        max_length=40,
        unique=True,
        help_text=_("Mã dùng khi nhập, xuất danh sách đơn vị (tự sinh nếu để trống)."),
    )
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices)
    name = models.CharField(_("tên đầy đủ"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    abbreviation = models.CharField(_("ký hiệu viết tắt"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("kết thúc ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name=_("hợp nhất vào"),
    )
    advisory_scope = models.CharField(
        _("tham mưu cho cấp ủy cấp trên"),
        max_length=16,
        blank=True,
        default="",
        choices=AdvisoryScope.choices,
        help_text=_(
            "Cơ quan tham mưu (Ban Tuyên giáo, Văn phòng ...) được đọc (hoặc biên tập) kế hoạch, "
            "văn bản của toàn bộ đơn vị thuộc cấp ủy mà mình phục vụ."
        ),
    )
    # Names and abbreviation folded (lower case, no diacritics) for searching; set by services.
    search_text = models.CharField(max_length=700, blank=True, default="", editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        indexes = [
            # Subtree queries are ``path LIKE '/1/5/%'``: PostgreSQL needs the pattern operator
            # class to use an index for them (other databases ignore the opclass).
            models.Index(
                fields=["path"], name="unit_path_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    @property
    def is_open(self) -> bool:
        return self.valid_to is None or self.valid_to > timezone.localdate()

    def ancestor_ids(self) -> list[int]:
        """Primary keys from the root down to this unit (inclusive)."""
        return [int(p) for p in self.path.strip("/").split("/") if p]

    def version_at(self, on: dt.date) -> UnitVersion | None:
        """The version (name, abbreviation, parent) the unit had on ``on``.

        Uses ``versions`` (prefetch it for lists). Before the first known version the first one
        is returned, after closure the last one: a document dated then still gets a name.
        """
        versions = [v for v in self.versions.all() if not v.is_marker]
        if not versions:
            return None
        versions.sort(key=lambda v: (v.valid_from or dt.date.min, v.pk or 0))
        for v in versions:
            if (v.valid_from is None or v.valid_from <= on) and (
                v.valid_to is None or on < v.valid_to
            ):
                return v
        if versions[0].valid_from and on < versions[0].valid_from:
            return versions[0]
        return versions[-1]

    def name_at(self, on: dt.date | None) -> str:
        """The unit's full name on ``on`` (its current name when ``on`` is None or unknown)."""
        if on is None:
            return self.name
        version = self.version_at(on)
        return version.name if version else self.name

    def current_version(self) -> UnitVersion | None:
        """The open version (no end date), if any."""
        for v in self.versions.all():
            if v.valid_to is None and not v.is_marker:
                return v
        return None


class UnitVersion(models.Model):
    """How a unit was named and placed between two dates; old documents point at these facts."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    event = models.CharField(_("sự kiện"), max_length=16, choices=UnitEvent.choices)
    name = models.CharField(_("tên đầy đủ"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    abbreviation = models.CharField(_("ký hiệu viết tắt"), max_length=40, blank=True)
    parent = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("đơn vị cấp trên"),
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["unit_id", "valid_from", "id"]
        verbose_name = _("phiên bản đơn vị")
        verbose_name_plural = _("lịch sử đơn vị")

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from or '…'} – {self.valid_to or '…'})"

    @property
    def is_marker(self) -> bool:
        """A merge or closure is recorded as a dated marker, not as a state with a name."""
        return self.event in (UnitEvent.MERGED, UnitEvent.CLOSED)


class Membership(BaseModel):
    """A user's role in a unit; the role applies to the unit and everything below it."""

    permission_scope = "unit"
    objects = ScopedQuerySet.as_manager()

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("người dùng"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_unique_user_unit")
        ]
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
