"""Pinned query counts (NetBox's ``query_counts.json`` pattern), for the test suite.

Each app commits ``tests/query_counts.json``: the exact number of queries each pinned page,
endpoint or export runs. A test measures and calls ``query_pins.check(name, count)``; any change
fails the test and shows in review as a diff of that file. After a deliberate change, rewrite
the files in one process::

    KEHOACH_PIN_QUERIES=update .venv/bin/pytest -n 0 -k query  # then review git diff
"""

from __future__ import annotations

import json
import os
from pathlib import Path


class QueryPins:
    """The pins of one app's ``tests/query_counts.json``."""

    def __init__(self, path: Path, *, update: bool = False) -> None:
        self.path = path
        self.update = update

    def _load(self) -> dict[str, int]:
        if not self.path.exists():
            return {}
        data: dict[str, int] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def check(self, name: str, count: int) -> None:
        pins = self._load()
        if self.update:
            pins[name] = count
            text = json.dumps(dict(sorted(pins.items())), ensure_ascii=False, indent=2) + "\n"
            self.path.write_text(text, encoding="utf-8")
            return
        if name not in pins:
            raise AssertionError(
                f"{name!r} has no pinned query count in {self.path} (measured {count}); "
                "pin it with KEHOACH_PIN_QUERIES=update"
            )
        assert count == pins[name], (
            f"{name!r}: {count} queries, pinned at {pins[name]} in {self.path.name} "
            "(if the change is deliberate, re-pin with KEHOACH_PIN_QUERIES=update)"
        )


def pins_for(test_file: Path) -> QueryPins:
    """The pins of the app whose tests ``test_file`` is in (``<app>/tests/…/test_x.py``)."""
    tests_dir = next(p for p in test_file.resolve().parents if p.name == "tests")
    update = os.environ.get("KEHOACH_PIN_QUERIES") == "update"
    return QueryPins(tests_dir / "query_counts.json", update=update)
