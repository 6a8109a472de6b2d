"""Compiling and the pages cost the same number of queries at N and 3N units (no N+1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kehoach.accounts.tests.factories import SuperuserFactory
from kehoach.results.services import results_compile
from kehoach.results.tests.bulk import build_bulk_plan

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 10, 1)


def measure(prefix: str, units: int, client) -> tuple[int, int, int, int]:
    world = build_bulk_plan(units=units, tasks_per_unit=3, prefix=prefix)
    with CaptureQueriesContext(connection) as compiled:
        report = results_compile(actor=None, plan=world.plan, period=world.period, today=TODAY)
    assert report.data["tasks"]["total"]["total"] == units * 3
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse("results:detail", args=[report.pk])).status_code == 200
    with CaptureQueriesContext(connection) as listing:
        assert client.get(reverse("results:plan", args=[world.plan.pk])).status_code == 200
    with CaptureQueriesContext(connection) as export:
        assert client.get(reverse("results:export", args=[report.pk, "xlsx"])).status_code == 200
    return len(compiled), len(page), len(listing), len(export)


def test_compile_page_list_and_export_are_bounded_as_units_grow(client, query_pins):
    client.force_login(SuperuserFactory())
    small = measure("S", 5, client)
    large = measure("L", 15, client)
    assert small == large
    for name, count in zip(
        ("compile", "report page", "plan's reports", "export xlsx"), large, strict=True
    ):
        query_pins.check(name, count)
