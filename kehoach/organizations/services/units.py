"""Unit services: create, rename, move, merge and close, each keeping the dated history."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.db.models import F, Max, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from kehoach.audit.services import audit_record, diff, model_snapshot
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.core.text import fold
from kehoach.core.validation import clean
from kehoach.organizations.audit import OrganizationAction
from kehoach.organizations.choices import AdvisoryScope, UnitEvent
from kehoach.organizations.models import Unit, UnitVersion
from kehoach.organizations.permissions import Action, is_system, require, require_above
from kehoach.organizations.services._common import require_open, today

UNIT_AUDIT_FIELDS = [
    "code",
    "kind",
    "name",
    "short_name",
    "abbreviation",
    "parent",
    "valid_from",
    "valid_to",
    "successor",
]
NAME_FIELDS = ("name", "short_name", "abbreviation")


def _restructure_refused() -> str:
    return _("Chỉ quản trị của đơn vị cấp trên mới chuyển, hợp nhất hoặc giải thể được đơn vị này.")


PATH_MAX = Unit._meta.get_field("path").max_length or 255


def _set_search_text(unit: Unit) -> None:
    unit.search_text = fold(" ".join([unit.name, unit.short_name, unit.abbreviation, unit.code]))


def _current_version(unit: Unit) -> UnitVersion | None:
    return (
        unit.versions.filter(valid_to__isnull=True)
        .exclude(event__in=[UnitEvent.MERGED, UnitEvent.CLOSED])
        .order_by("-id")
        .first()
    )


def _check_date_after_current(unit: Unit, on: dt.date) -> UnitVersion | None:
    current = _current_version(unit)
    if current and current.valid_from and on < current.valid_from:
        raise DomainError(
            _(
                "Ngày hiệu lực (%(on)s) phải từ ngày %(start)s trở đi: đơn vị có thông tin hiện tại từ ngày đó."
            )
            % {"on": on.strftime("%d/%m/%Y"), "start": current.valid_from.strftime("%d/%m/%Y")},
            field="on",
        )
    if unit.valid_from and on < unit.valid_from:
        raise DomainError(
            _("Ngày hiệu lực (%(on)s) phải sau ngày đơn vị bắt đầu hoạt động (%(start)s).")
            % {"on": on.strftime("%d/%m/%Y"), "start": unit.valid_from.strftime("%d/%m/%Y")},
            field="on",
        )
    return current


def _open_version(unit: Unit, *, event: str, on: dt.date, note: str = "") -> UnitVersion:
    """Close the current version at ``on`` and open one with the unit's present facts.

    A second change on the same day corrects the version opened that day instead of leaving a
    version that lasted no time.
    """
    current = _check_date_after_current(unit, on)
    facts = {
        "name": unit.name,
        "short_name": unit.short_name,
        "abbreviation": unit.abbreviation,
        "parent_id": unit.parent_id,
    }
    if current is not None and current.valid_from == on:
        for key, value in facts.items():
            setattr(current, key, value)
        if current.event == UnitEvent.CREATED:
            pass
        else:
            current.event = event
        current.note = note or current.note
        current.save()
        return current
    if current is not None:
        current.valid_to = on
        current.save(update_fields=["valid_to"])
    return UnitVersion.objects.create(unit=unit, event=event, valid_from=on, note=note, **facts)


def _close_with_marker(unit: Unit, *, event: str, on: dt.date, note: str) -> None:
    current = _check_date_after_current(unit, on)
    if current is not None:
        current.valid_to = on
        current.save(update_fields=["valid_to"])
    UnitVersion.objects.create(
        unit=unit,
        event=event,
        name=unit.name,
        short_name=unit.short_name,
        abbreviation=unit.abbreviation,
        parent_id=unit.parent_id,
        valid_from=on,
        valid_to=on,
        note=note[:300],
    )


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    kind: str,
    name: str,
    short_name: str = "",
    abbreviation: str = "",
    code: str = "",
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    note: str = "",
) -> Unit:
    """Create a unit under ``parent`` (a root when None: superusers only) with its first version."""
    if parent is None:
        if not is_system(actor):
            raise PermissionDenied(_("Chỉ quản trị hệ thống mới tạo được đơn vị cấp cao nhất."))
    else:
        require(actor, Action.ADMIN, parent, _("Bạn không có quyền quản trị đơn vị cấp trên này."))
        # Locked: a concurrent move of the parent's subtree finishes first, so the path is fresh.
        parent = Unit.objects.select_for_update(of=("self",)).get(pk=parent.pk)
        require_open(parent, _("Đơn vị cấp trên đã kết thúc hoạt động."))
    code = (code or "").strip()
    unit = Unit(
        kind=kind,
        name=(name or "").strip(),
        short_name=(short_name or "").strip(),
        abbreviation=(abbreviation or "").strip(),
        code=code or f"tmp-{uuid.uuid4().hex[:20]}",
        parent=parent,
        valid_from=valid_from,
    )
    clean(unit, exclude=["path", "depth", "search_text"], unique=True)
    unit.save()
    if not code:
        unit.code = f"DV{unit.pk:06d}"
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    if len(unit.path) > PATH_MAX:
        raise DomainError(_("Cây đơn vị quá sâu: không thể thêm đơn vị ở cấp này."))
    unit.depth = parent.depth + 1 if parent else 0
    _set_search_text(unit)
    unit.save(update_fields=["code", "path", "depth", "search_text"])
    UnitVersion.objects.create(
        unit=unit,
        event=UnitEvent.CREATED,
        name=unit.name,
        short_name=unit.short_name,
        abbreviation=unit.abbreviation,
        parent=parent,
        valid_from=valid_from,
        note=note[:300],
    )
    audit_record(
        actor=actor,
        action=OrganizationAction.UNIT_CREATE,
        obj=unit,
        unit=unit,
        changes=diff({}, model_snapshot(unit, UNIT_AUDIT_FIELDS)),
    )
    return unit


@transaction.atomic
def unit_update(
    *,
    actor: Any,
    unit: Unit,
    on: dt.date | None = None,
    note: str = "",
    expected_updated_at: dt.datetime | None = None,
    **fields: Any,
) -> Unit:
    """Change a unit's kind, code or names. A change of name, short name or abbreviation is a
    rename: it opens a new version dated ``on`` (today by default) so old documents keep the old
    name. With ``expected_updated_at`` (the time the editor loaded the unit), a change made by
    someone else in between is refused instead of silently overwritten."""
    require(actor, Action.ADMIN, unit, _("Bạn không có quyền sửa đơn vị này."))
    allowed = {"kind", "code", "name", "short_name", "abbreviation", "valid_from"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("Không sửa được trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    if expected_updated_at is not None and unit.updated_at != expected_updated_at:
        raise DomainError(
            _(
                "Đơn vị vừa được người khác sửa trong lúc bạn đang sửa. Hãy tải lại trang để xem thay đổi đó rồi sửa lại."
            )
        )
    before = model_snapshot(unit, UNIT_AUDIT_FIELDS)
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(unit, key, value)
    if not unit.code:
        unit.code = f"DV{unit.pk:06d}"
    clean(unit, exclude=["path", "depth", "search_text"], unique=True)
    changes = diff(before, model_snapshot(unit, UNIT_AUDIT_FIELDS))
    if not changes:
        return unit
    _set_search_text(unit)
    unit.save()
    renamed = any(name in changes for name in NAME_FIELDS)
    if renamed:
        _open_version(unit, event=UnitEvent.RENAMED, on=on or today(), note=note)
    if "valid_from" in changes:
        first = unit.versions.order_by("valid_from", "id").first()
        if first is not None and first.event == UnitEvent.CREATED:
            first.valid_from = unit.valid_from
            first.save(update_fields=["valid_from"])
    if renamed and on:
        changes["on"] = [None, on.isoformat()]
    audit_record(
        actor=actor,
        action=OrganizationAction.UNIT_RENAME if renamed else OrganizationAction.UNIT_UPDATE,
        obj=unit,
        unit=unit,
        changes=changes,
    )
    return unit


@transaction.atomic
def unit_advisory_set(*, actor: Any, unit: Unit, scope: str) -> Unit:
    """Make ``unit`` an advisory body of its parent (Ban Tuyên giáo, Văn phòng ...): its
    members read — or read and edit — across the parent's subtree, each capped at ``scope``.

    Only an administrator of the parent decides, since the right reaches the parent's tree.
    """
    require_above(
        actor,
        Action.ADMIN,
        unit,
        _("Chỉ quản trị của cấp ủy cấp trên mới đặt được quyền tham mưu cho đơn vị này."),
    )
    if scope not in AdvisoryScope.values:
        raise DomainError(_("Quyền tham mưu không hợp lệ."), field="advisory_scope")
    unit = Unit.objects.select_for_update(of=("self",)).select_related("parent").get(pk=unit.pk)
    parent = unit.parent
    if parent is None:
        raise DomainError(_("Đơn vị cấp cao nhất không tham mưu cho cấp ủy nào."))
    require_open(unit, _("Đơn vị đã kết thúc hoạt động."))
    if unit.advisory_scope == scope:
        return unit
    before = unit.advisory_scope
    unit.advisory_scope = scope
    unit.save(update_fields=["advisory_scope", "updated_at"])
    audit_record(
        actor=actor,
        action=OrganizationAction.UNIT_ADVISORY,
        obj=unit,
        unit=unit,
        changes={"advisory_scope": [before, scope], "parent": parent.name},
    )
    return unit


@transaction.atomic
def unit_move(
    *,
    actor: Any,
    unit: Unit,
    new_parent: Unit | None,
    on: dt.date | None = None,
    note: str = "",
) -> Unit:
    """Place ``unit`` (with its whole subtree) under ``new_parent`` from ``on``.

    The materialised paths and depths of the subtree are rewritten with one UPDATE.
    """
    require_above(actor, Action.ADMIN, unit, _restructure_refused())
    if new_parent is None:
        if not is_system(actor):
            raise PermissionDenied(_("Chỉ quản trị hệ thống mới đưa được đơn vị lên cấp cao nhất."))
    else:
        require(
            actor, Action.ADMIN, new_parent, _("Bạn không có quyền quản trị đơn vị cấp trên mới.")
        )
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    if new_parent is not None:
        new_parent = Unit.objects.select_for_update(of=("self",)).get(pk=new_parent.pk)
        if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
            raise DomainError(
                _("Không thể chuyển đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó."),
                field="new_parent",
            )
        require_open(new_parent, _("Đơn vị cấp trên mới đã kết thúc hoạt động."))
    if (new_parent.pk if new_parent else None) == unit.parent_id:
        raise DomainError(_("Đơn vị đã trực thuộc đơn vị cấp trên này."), field="new_parent")
    on = on or today()
    before = model_snapshot(unit, UNIT_AUDIT_FIELDS)
    old_path = unit.path
    new_path = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
    delta = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    subtree = Unit.objects.filter(path__startswith=old_path)
    longest = subtree.aggregate(m=Max(Length("path")))["m"] or len(old_path)
    if longest - len(old_path) + len(new_path) > PATH_MAX:
        raise DomainError(_("Cây đơn vị quá sâu: không thể chuyển đơn vị tới vị trí này."))
    moved = subtree.update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + delta,
    )
    unit.refresh_from_db()
    unit.parent = new_parent
    unit.save(update_fields=["parent", "updated_at"])
    _open_version(unit, event=UnitEvent.MOVED, on=on, note=note)
    changes = diff(before, model_snapshot(unit, UNIT_AUDIT_FIELDS))
    changes["on"] = [None, on.isoformat()]
    changes["subtree_size"] = [None, moved]
    audit_record(
        actor=actor, action=OrganizationAction.UNIT_MOVE, obj=unit, unit=unit, changes=changes
    )
    return unit


@transaction.atomic
def unit_merge(
    *,
    actor: Any,
    unit: Unit,
    into: Unit,
    on: dt.date | None = None,
    move_children: bool = True,
    note: str = "",
) -> Unit:
    """Merge ``unit`` into its successor ``into`` at ``on``: ``unit`` is closed with ``into`` as
    successor; its children move under ``into`` (or stay, when ``move_children`` is False)."""
    require_above(actor, Action.ADMIN, unit, _restructure_refused())
    require(actor, Action.ADMIN, into, _("Bạn không có quyền quản trị đơn vị tiếp nhận."))
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    into = Unit.objects.select_for_update(of=("self",)).get(pk=into.pk)
    if into.pk == unit.pk or into.path.startswith(unit.path):
        raise DomainError(
            _("Không thể hợp nhất đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó."),
            field="into",
        )
    require_open(unit, _("Đơn vị này đã kết thúc hoạt động."))
    require_open(into, _("Đơn vị tiếp nhận đã kết thúc hoạt động."))
    on = on or today()
    _check_date_after_current(unit, on)
    if move_children:
        for child in list(unit.children.all()):
            unit_move(
                actor=actor,
                unit=child,
                new_parent=into,
                on=on,
                note=_("Chuyển do hợp nhất %(u)s") % {"u": unit.name},
            )
        unit.refresh_from_db()
    before = model_snapshot(unit, UNIT_AUDIT_FIELDS)
    unit.valid_to = on
    unit.successor = into
    unit.save(update_fields=["valid_to", "successor", "updated_at"])
    _close_with_marker(
        unit,
        event=UnitEvent.MERGED,
        on=on,
        note=note or _("Hợp nhất vào %(u)s") % {"u": into.name},
    )
    changes = diff(before, model_snapshot(unit, UNIT_AUDIT_FIELDS))
    changes["move_children"] = [None, move_children]
    audit_record(
        actor=actor, action=OrganizationAction.UNIT_MERGE, obj=unit, unit=unit, changes=changes
    )
    audit_record(
        actor=actor,
        action=OrganizationAction.UNIT_MERGE_RECEIVE,
        obj=into,
        unit=into,
        changes={"predecessors": [None, {"id": unit.pk, "repr": unit.name}], "on": [None, on]},
    )
    return unit


@transaction.atomic
def unit_close(*, actor: Any, unit: Unit, on: dt.date | None = None, note: str = "") -> Unit:
    """Close (dissolve) ``unit`` at ``on``. Refused while it has units still open below it."""
    require_above(actor, Action.ADMIN, unit, _restructure_refused())
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    require_open(unit, _("Đơn vị này đã kết thúc hoạt động."))
    open_children = unit.children.filter(valid_to__isnull=True).count()
    if open_children:
        raise DomainError(
            _(
                "Còn %(n)s đơn vị trực thuộc đang hoạt động: hãy chuyển, hợp nhất hoặc giải thể các đơn vị đó trước."
            )
            % {"n": open_children}
        )
    on = on or today()
    before = model_snapshot(unit, UNIT_AUDIT_FIELDS)
    unit.valid_to = on
    unit.save(update_fields=["valid_to", "updated_at"])
    _close_with_marker(unit, event=UnitEvent.CLOSED, on=on, note=note)
    audit_record(
        actor=actor,
        action=OrganizationAction.UNIT_CLOSE,
        obj=unit,
        unit=unit,
        changes=diff(before, model_snapshot(unit, UNIT_AUDIT_FIELDS)),
    )
    return unit
