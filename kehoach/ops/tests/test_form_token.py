"""The one-time form token (kehoach.core.idempotency) on its own: which POSTs it guards, and two
POSTs of one token at the same moment (PostgreSQL). Every create form of the product is posted
twice in kehoach/ops/tests/test_double_post.py."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from kehoach.core.idempotency import clean_token, new_token, once_per_token, submitted
from kehoach.core.models import FormSubmission
from kehoach.execution.models.plans import Plan
from kehoach.execution.tests.plans.factories import PlanFactory


def test_a_token_is_32_hex_digits_and_a_uuid_with_dashes_is_one():
    token = new_token()
    assert clean_token(token) == token and len(token) == 32
    assert clean_token("0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0") == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    for bad in ("", None, "abc", "x" * 32, token + "0", "' OR 1=1 --"):
        assert clean_token(bad) is None


def _view(unit):
    @once_per_token
    def create(request):
        plan = PlanFactory(unit=unit, title="Một lần")
        if request.POST.get("slow"):
            request.started.set()
            time.sleep(0.5)  # the second POST arrives while this one still runs
        return submitted(request, HttpResponseRedirect(f"/plans/{plan.pk}/"))

    return create


def _post(user, data, **extra):
    request = RequestFactory().post("/x/", data)
    request.user = user
    for k, v in extra.items():
        setattr(request, k, v)
    return request


@pytest.mark.django_db
def test_only_a_logged_in_post_with_a_token_is_guarded(two_branches):
    create = _view(two_branches.a.unit)
    editor = two_branches.user("a", "editor")
    token = new_token()
    before = Plan.objects.count()
    create(_post(AnonymousUser(), {"form_token": token}))
    create(_post(editor, {}))
    create(_post(editor, {"form_token": "not-a-token"}))
    assert Plan.objects.count() == before + 3 and not FormSubmission.objects.exists()
    first = create(_post(editor, {"form_token": token}))
    again = create(_post(editor, {"form_token": token}))
    assert Plan.objects.count() == before + 4
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert FormSubmission.objects.get().location == first["Location"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_token_at_the_same_moment_make_one_row(two_branches):
    from django.db import connections

    create = _view(two_branches.a.unit)
    editor = two_branches.user("a", "editor")
    token = new_token()
    started = threading.Event()
    answers: dict[str, HttpResponse] = {}
    errors: list[BaseException] = []

    def send(name: str, data: dict) -> None:
        try:
            if name == "second":
                started.wait(5)
            answers[name] = create(_post(editor, {"form_token": token, **data}, started=started))
        except BaseException as exc:
            errors.append(exc)
            started.set()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=("first", {"slow": "1"})),
        threading.Thread(target=send, args=("second", {})),
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert not errors
    assert Plan.objects.filter(title="Một lần").count() == 1
    assert answers["second"].status_code == 302
    assert answers["second"]["Location"] == answers["first"]["Location"]
