"""Kinds of units and roles of members."""

from django.db import models


class UnitKind(models.TextChoices):
    """What kind of body a unit is; decides its document system (Party or state)."""

    PARTY_COMMITTEE = "party_committee", "Cấp ủy đảng"
    PARTY_BOARD = "party_board", "Ban, cơ quan tham mưu của cấp ủy"
    PARTY_CELL = "party_cell", "Chi bộ, đảng bộ cơ sở"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân"
    DEPARTMENT = "department", "Sở, ban, ngành"
    OFFICE = "office", "Phòng, văn phòng, đơn vị trực thuộc"
    MASS_ORGANIZATION = "mass_organization", "Mặt trận, đoàn thể"
    OTHER = "other", "Khác"


PARTY_KINDS = {UnitKind.PARTY_COMMITTEE, UnitKind.PARTY_BOARD, UnitKind.PARTY_CELL}


class Role(models.TextChoices):
    """A member's role in a unit; rights apply to the unit's whole subtree."""

    ADMIN = "admin", "Quản trị"
    EDITOR = "editor", "Biên tập"
    REPORTER = "reporter", "Báo cáo"
    VIEWER = "viewer", "Xem"


class UnitEvent(models.TextChoices):
    """What happened to a unit at a date (kept in the unit's history)."""

    CREATED = "created", "Thành lập"
    RENAMED = "renamed", "Đổi tên"
    MOVED = "moved", "Chuyển đơn vị cấp trên"
    MERGED = "merged", "Hợp nhất, sáp nhập"
    CLOSED = "closed", "Giải thể, kết thúc hoạt động"
