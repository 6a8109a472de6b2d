"""Fixtures shared by every kehoach app (see docs/testing.md)."""

from kehoach.organizations.testing import two_branches  # noqa: F401
