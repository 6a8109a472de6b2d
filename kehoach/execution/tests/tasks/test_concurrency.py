"""Two changes under the same parent plan at the same moment still roll up correctly (PostgreSQL:
SQLite serialises writers, so there is nothing to race there)."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from kehoach.execution.services.tasks import task_update
from kehoach.execution.tests.plans.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks only matter on PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_sibling_updates_do_not_overwrite_each_others_roll_up(two_branches):
    from django.db import connections

    city = PlanFactory(unit=two_branches.a.unit)
    cell_1 = PlanFactory(unit=two_branches.a.child, parent=city)
    cell_2 = PlanFactory(unit=two_branches.a.child, parent=city)
    t1, t2 = TaskFactory(plan=cell_1), TaskFactory(plan=cell_2)
    first_done = threading.Event()
    errors: list[BaseException] = []

    def slow_first() -> None:
        try:
            with transaction.atomic():
                task_update(actor=None, task=t1, progress=100)
                first_done.set()
                time.sleep(0.5)  # still holding the plan locks when the second change starts
        except BaseException as exc:
            errors.append(exc)
            first_done.set()
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_done.wait()
            task_update(actor=None, task=t2, progress=50)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=slow_first), threading.Thread(target=second)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert not errors
    city.refresh_from_db()
    assert city.progress == Decimal(75)  # (100 + 50) / 2, not 25 from a stale read of cell 1
