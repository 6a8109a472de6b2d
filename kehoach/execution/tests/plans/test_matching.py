"""Unit names as written in a superior's plan map to units of the tree, diacritic-insensitively."""

from __future__ import annotations

from kehoach.execution.matching import Candidate, match_unit, score

UNITS = [
    Candidate(1, "Đảng ủy Sở Tài nguyên và Môi trường", "ĐUS"),
    Candidate(2, "Chi bộ Văn phòng Sở", "CBVP", parent_id=1),
    Candidate(3, "Chi bộ Thanh tra Sở", "CBTT", parent_id=1),
    Candidate(4, "Tổ giúp việc Đảng ủy Sở", "", parent_id=1),
    Candidate(5, "Ban Tuyên giáo Thành ủy", "BTG"),
]


def test_a_name_written_without_diacritics_still_matches():
    m = match_unit("to giup viec dang uy so", UNITS, root_id=1)
    assert m.best is not None and m.best.id == 4


def test_the_best_overlap_wins_and_weak_matches_are_dropped():
    m = match_unit("Tổ giúp việc Đảng ủy Sở", UNITS, root_id=1)
    assert m.best.id == 4
    assert match_unit("Hội Nông dân", UNITS).best is None


def test_an_abbreviation_names_its_unit():
    assert score("Ban Tuyên giáo (BTG) chủ trì", UNITS[4]) >= 0.9


def test_a_plural_name_maps_to_every_child_of_that_kind():
    m = match_unit("Các chi bộ trực thuộc Đảng ủy Sở", UNITS, root_id=1)
    assert m.plural and [c.id for c in m.units] == [2, 3]
    assert m.best is None  # several units: the officer confirms
