"""No 500 for any input: ids out of range or not numbers, in the path, the query string, a form
or the API, answer 400 (a value) or 404 (a path), in Vietnamese. Over every URL pattern."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from kehoach.core.converters import MAX_ID
from kehoach.ops.tests.matrix import fill
from kehoach.ops.tests.test_permission_matrix import (
    api_operations,
    api_url,
    body_text,
    form_data,
    url_patterns,
)

pytestmark = pytest.mark.django_db

HUGE = "9" * 20
BAD_VALUES = (HUGE, str(MAX_ID + 1), "-1", "abc", "1.5", "١٢")
QUERY_NAMES = (
    "parent", "unit", "document", "plan", "issuer", "period", "task", "show", "page", "year",
    "id", "status", "kind", "q", "source", "depth",
)  # fmt: skip


def _superuser(world_):
    client = Client()
    client.force_login(world_.superuser)
    return client


def test_given_an_id_out_of_range_in_any_path_then_404(world):
    world_, objects = world
    client = _superuser(world_)
    failures = []
    for name, params in url_patterns():
        kwargs = fill(name, params, objects["a"])
        ints = [p for p, v in kwargs.items() if isinstance(v, int)]
        if not ints:
            continue
        url = reverse(name, kwargs={**kwargs, **dict.fromkeys(ints, 1)})
        # reverse() refuses a 20-digit id (the converter's pattern), so write it in the path
        for p in ints:
            bad = reverse(name, kwargs={**kwargs, p: 1}).replace("/1/", f"/{HUGE}/", 1)
            response = client.get(bad)
            if response.status_code != 404:
                failures.append(f"GET {bad} → {response.status_code}")
        assert url
    assert not failures, "\n".join(failures)


def test_given_20_digits_in_the_api_path_then_a_json_404():
    client = Client()
    response = client.get(f"/api/units/{HUGE}/")
    assert response.status_code == 404


def test_given_bad_ids_in_the_query_string_of_any_page_then_never_a_500(world):
    world_, _objects = world
    client = _superuser(world_)
    failures = []
    for name, params in url_patterns():
        if params or name == "accounts:logout":
            continue
        url = reverse(name)
        for value in BAD_VALUES:
            query = "&".join(f"{k}={value}" for k in QUERY_NAMES)
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                failures.append(f"GET {url}?{query} → {response.status_code}")
    for method, path in api_operations():
        if method != "GET" or "{" in path:
            continue
        for key in QUERY_NAMES:
            for value in BAD_VALUES:
                response = client.get(f"{path}?{key}={value}")
                if response.status_code >= 500:
                    failures.append(f"GET {path}?{key}={value} → {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("value", [HUGE, "abc", "0"])
def test_given_a_bad_parent_in_the_unit_api_then_400_in_vietnamese(client, two_branches, value):
    client.force_login(two_branches.superuser)
    response = client.get(f"/api/units/?parent={value}")
    assert response.status_code == 400
    assert "mã số" in json.dumps(response.json(), ensure_ascii=False)


def test_given_a_20_digit_id_when_marking_notifications_read_then_400_in_vietnamese(
    client, two_branches
):
    client.force_login(two_branches.user("a", "viewer"))
    response = client.post(reverse("notifications:mark_read"), {"id": HUGE})
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_given_bad_numbers_in_every_form_and_api_body_then_never_a_500(world):
    world_, objects = world
    o = objects["a"]
    client = _superuser(world_)
    failures = []
    for name, params in url_patterns():
        if name in ("accounts:logout", "accounts:login"):
            continue
        url = reverse(name, kwargs=fill(name, params, o))
        page = client.get(url)
        html = body_text(page) if "html" in page.get("Content-Type", "") else ""
        fields = form_data(html, o.marker)
        for value in (HUGE, "abc"):
            payload = dict.fromkeys(fields, value) or {"id": value}
            response = client.post(url, payload)
            if response.status_code >= 500:
                failures.append(f"POST {url} {sorted(payload)}={value} → {response.status_code}")
    for method, path in api_operations():
        if method == "GET":
            continue
        url = api_url(path, o)
        for value in (int(HUGE), HUGE, "abc", [1], {"a": 1}):
            body = dict.fromkeys(
                ["parent_id", "kind", "name", "text", "expected_version", "issuer_unit_id",
                 "owner_unit_id", "year", "source", "username", "password"],
                value,
            )  # fmt: skip
            for data in (body, [body], value):
                response = client.generic(
                    method, url, json.dumps(data), content_type="application/json"
                )
                if response.status_code >= 500:
                    failures.append(f"{method} {url} {data!r} → {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"version": "abc"}, 400),
        ({"version": HUGE}, 400),
        ({"unit": "abc"}, 404),
        ({"unit": HUGE}, 404),
        ({"period": HUGE}, 404),
    ],
)
def test_given_bad_numbers_when_writing_a_report_then_4xx_not_500(world, data, status):
    world_, objects = world
    o = objects["a"]
    client = Client()
    client.force_login(world_.a.child_reporter)
    payload = {
        "unit": o.task.lead_unit_id,
        "period": o.period.pk,
        "narrative": "Đã làm.",
        "progress": "10",
        "save": "1",
        **data,
    }
    response = client.post(reverse("tasks:report_write", args=[o.task.pk]), payload)
    assert response.status_code == status
