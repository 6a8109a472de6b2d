"""Fixtures of the ops tests."""

from __future__ import annotations

import pytest

from kehoach.ops.tests.matrix import build_branch


@pytest.fixture
def world(two_branches, settings):
    """The two branches with one object of every domain each (kehoach/ops/tests/matrix.py)."""
    settings.KEHOACH_JOBS_RUNNER = "thread"  # jobs stay queued (no commit in a test): no PDFs
    objects = {name: build_branch(two_branches, two_branches.branch(name)) for name in "ab"}
    return two_branches, objects
