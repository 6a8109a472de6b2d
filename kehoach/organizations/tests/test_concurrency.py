"""A unit created under a subtree while that subtree is being moved gets the moved path
(PostgreSQL: SQLite serialises writers, so there is nothing to race there)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from kehoach.organizations.choices import UnitKind
from kehoach.organizations.models import Unit
from kehoach.organizations.services import unit_create, unit_move
from kehoach.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks only matter on PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_given_a_move_in_progress_when_a_child_is_created_below_it_then_the_child_follows_the_move():
    root = UnitFactory()
    old_parent, new_parent = UnitFactory(parent=root), UnitFactory(parent=root)
    moving = UnitFactory(parent=old_parent)
    moved = threading.Event()
    errors: list[BaseException] = []
    created: list[int] = []

    def slow_move() -> None:
        try:
            with transaction.atomic():
                unit_move(actor=None, unit=moving, new_parent=new_parent)
                moved.set()
                time.sleep(0.5)  # the subtree rows stay locked while the creation starts
        except BaseException as exc:
            errors.append(exc)
            moved.set()
        finally:
            connections.close_all()

    def create_below() -> None:
        try:
            moved.wait(5)
            child = unit_create(
                actor=None, kind=UnitKind.PARTY_CELL, name="Chi bộ mới", parent=moving
            )
            created.append(child.pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=slow_move), threading.Thread(target=create_below)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)

    assert not errors, errors
    child = Unit.objects.get(pk=created[0])
    moving.refresh_from_db()
    assert moving.path.startswith(new_parent.path)
    assert child.path == f"{moving.path}{child.pk}/"
    assert child.depth == moving.depth + 1
