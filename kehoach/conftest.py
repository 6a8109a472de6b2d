"""Fixtures shared by every kehoach app (see docs/testing.md)."""

from pathlib import Path

import pytest

from kehoach.core.querypins import QueryPins, pins_for
from kehoach.organizations.testing import two_branches  # noqa: F401


@pytest.fixture
def query_pins(request: pytest.FixtureRequest) -> QueryPins:
    """``query_pins.check(name, count)`` against the app's committed tests/query_counts.json."""
    return pins_for(Path(str(request.node.path)))
