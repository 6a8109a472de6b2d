"""The pinned query counts fail on any change, and on a page nobody pinned."""

import json

import pytest

from kehoach.core.querypins import QueryPins


def test_a_pinned_count_must_match_exactly_and_an_unpinned_name_fails(tmp_path):
    path = tmp_path / "query_counts.json"
    path.write_text(json.dumps({"page a": 5}))
    pins = QueryPins(path)
    pins.check("page a", 5)
    with pytest.raises(AssertionError, match="pinned at 5"):
        pins.check("page a", 4)  # fewer is a change too: re-pin it so review sees it
    with pytest.raises(AssertionError, match="pinned at 5"):
        pins.check("page a", 6)
    with pytest.raises(AssertionError, match="no pinned query count"):
        pins.check("page b", 1)


def test_update_mode_writes_sorted_pins(tmp_path):
    path = tmp_path / "query_counts.json"
    pins = QueryPins(path, update=True)
    pins.check("z", 2)
    pins.check("a", 1)
    assert list(json.loads(path.read_text())) == ["a", "z"]
