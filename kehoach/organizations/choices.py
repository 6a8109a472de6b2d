"""Kinds of units and roles of members."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """What kind of body a unit is; decides its document system (Party or state)."""

    PARTY_COMMITTEE = "party_committee", _("Cấp ủy đảng")
    PARTY_BOARD = "party_board", _("Ban, cơ quan tham mưu của cấp ủy")
    PARTY_CELL = "party_cell", _("Chi bộ, đảng bộ cơ sở")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    OFFICE = "office", _("Phòng, văn phòng, đơn vị trực thuộc")
    MASS_ORGANIZATION = "mass_organization", _("Mặt trận, đoàn thể")
    OTHER = "other", _("Khác")


PARTY_KINDS = {UnitKind.PARTY_COMMITTEE, UnitKind.PARTY_BOARD, UnitKind.PARTY_CELL}


class Role(models.TextChoices):
    """A member's role in a unit; rights apply to the unit's whole subtree."""

    ADMIN = "admin", _("Quản trị")
    EDITOR = "editor", _("Biên tập")
    REPORTER = "reporter", _("Báo cáo")
    VIEWER = "viewer", _("Xem")


class AdvisoryScope(models.TextChoices):
    """What an advisory body (Ban Tuyên giáo, Văn phòng ...) may do across the committee it
    serves, its parent: its members keep their own role in it, capped at this level."""

    NONE = "", _("Không")
    VIEW = "viewer", _("Đọc toàn bộ đơn vị của cấp ủy")
    EDIT = "editor", _("Đọc và biên tập toàn bộ đơn vị của cấp ủy")


class UnitEvent(models.TextChoices):
    """What happened to a unit at a date (kept in the unit's history)."""

    CREATED = "created", _("Thành lập")
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển đơn vị cấp trên")
    MERGED = "merged", _("Hợp nhất, sáp nhập")
    CLOSED = "closed", _("Giải thể, kết thúc hoạt động")
