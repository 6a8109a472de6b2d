"""Schemathesis over the whole published API (``openapi.yaml``) against the WSGI application:
for every operation, bounded generated requests (paths, query strings, headers, bodies, valid
and not) with an editor's token never get a server error. The world is the API tests' cascade
(two branches, plans, tasks, reports), so small ids reach real objects of both branches."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import response_schema_conformance

from kehoach.api.tests.conftest import build_cascade
from kehoach.organizations.testing import make_two_branches

pytestmark = pytest.mark.django_db  # each operation in a savepoint of the module's transaction

OPENAPI = Path(__file__).resolve().parents[3] / "openapi.yaml"
MAX_EXAMPLES = 15  # per operation: about a minute of CPU for the whole API

schema = schemathesis.openapi.from_path(OPENAPI)
schema.app = get_wsgi_application()


@pytest.fixture(scope="module")
def editor_token(django_db_setup, django_db_blocker):
    """The cascade, built once for every operation and rolled back at the end. The WSGI handler
    closes the database connection after each request (outside tests that is right): here the
    module's transaction must survive, as Django's test client arranges."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        # Jobs stay queued (nothing commits): no PDFs are made.
        with (
            django_db_blocker.unblock(),
            override_settings(KEHOACH_JOBS_RUNNER="thread"),
            transaction.atomic(),
        ):
            cascade = build_cascade(make_two_branches())
            token, _ = Token.objects.get_or_create(user=cascade.editor("a"))
            yield token.key
            transaction.set_rollback(True)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_a_server_error(case, editor_token):
    response = case.call(headers={"Authorization": f"Token {editor_token}"})
    assert response.status_code != 401, "the editor's token must authenticate every call"
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}\n"
        f"{case.as_curl_command()}\n{response.text[:2000]}"
    )
    # A documented answer has the documented shape (what a client generated from it reads).
    case.validate_response(response, checks=[response_schema_conformance])
