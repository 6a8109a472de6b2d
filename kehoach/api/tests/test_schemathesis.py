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
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

OPENAPI = Path(__file__).resolve().parents[3] / "openapi.yaml"
MAX_EXAMPLES = 20

schema = schemathesis.openapi.from_path(OPENAPI)
schema.app = get_wsgi_application()


@pytest.fixture
def test_transaction_kept():
    """The WSGI handler closes the database connection after each request (outside tests that
    is right); here the test's transaction must survive, as Django's test client arranges."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(cascade, settings, test_transaction_kept):
    settings.KEHOACH_JOBS_RUNNER = "thread"  # jobs stay queued (no commit in a test): no PDFs
    token, _ = Token.objects.get_or_create(user=cascade.editor("a"))
    return token.key


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
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} → {response.status_code}\n"
        f"{case.as_curl_command()}\n{response.text[:2000]}"
    )
