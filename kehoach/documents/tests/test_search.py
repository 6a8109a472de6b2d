"""Search: normalisation of codes and words, ranking, highlighting, scoping of results."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.documents.normalize import code_key, fold, parse_date_text
from kehoach.documents.search import highlight, parse_query, snippet
from kehoach.documents.selectors import document_search
from kehoach.documents.tests.factories import DocumentFactory, cite
from kehoach.organizations.choices import Role


@pytest.mark.parametrize("typed", ["27-CT/TW", "27/CT-TW", "27 ct tw", "27- CT/TW", "27-ct/tw"])
def test_a_code_typed_any_way_has_one_key(typed):
    assert code_key(typed) == "27-ct-tw"
    assert parse_query(typed).code_keys == ("27-ct-tw",)


def test_folding_drops_diacritics_case_and_d_stroke():
    assert fold("Tiết kiệm, chống LÃNG PHÍ – Đà Lạt") == "tiet kiem, chong lang phi – da lat"
    assert fold("Thực hiện") == fold("THỰC HIỆN")


def test_a_query_keeps_its_words_and_drops_function_words():
    q = parse_query("thực hành tiết kiệm và chống lãng phí")
    assert q.words == ("thuc", "hanh", "tiet", "kiem", "chong", "lang", "phi")


def test_a_code_inside_a_longer_query_is_found():
    q = parse_query("kế hoạch 121-KH/TU tuyên truyền")
    assert q.code_keys == ("121-kh-tu",) and "tuyen" in q.words and "121" not in q.words


def test_partial_dates_are_read():
    assert parse_date_text("25/12/2023") == ("2023-12-25", dt.date(2023, 12, 25), 2023)
    assert parse_date_text("9/2023")[0::2] == ("2023-09", 2023)
    assert parse_date_text("2023-09") == ("2023-09", None, 2023)


def test_highlighting_ignores_diacritics_and_keeps_the_original_text():
    q = parse_query("tiet kiem")
    assert (
        str(highlight("Thực hành Tiết Kiệm <b>", q)) == "Thực hành <mark>Tiết Kiệm</mark> &lt;b&gt;"
    )


def test_a_snippet_is_cut_around_the_match():
    text = "Mở đầu. " * 100 + "Đẩy mạnh thực hành tiết kiệm trong cơ quan." + " Kết thúc." * 100
    html = str(snippet(text, parse_query("tiet kiem")))
    assert "<mark>tiết kiệm</mark>" in html and html.startswith("…") and html.endswith("…")


@pytest.mark.django_db
def test_ranking_code_then_title_then_body_then_recent(two_branches):
    user = two_branches.user("a", Role.VIEWER)
    unit = two_branches.a.unit
    body_old = DocumentFactory(
        owner_unit=unit,
        title="Kế hoạch công tác năm",
        text="Nội dung về thực hành tiết kiệm.",
        date=dt.date(2020, 1, 1),
    )
    body_new = DocumentFactory(
        owner_unit=unit,
        title="Kế hoạch công tác quý",
        text="Nội dung về thực hành tiết kiệm.",
        date=dt.date(2024, 1, 1),
    )
    in_title = DocumentFactory(
        owner_unit=unit, title="Thực hành tiết kiệm, chống lãng phí", date=dt.date(2019, 1, 1)
    )
    DocumentFactory(owner_unit=unit, title="Không liên quan", text="Chuyển đổi số.")
    results = document_search(user=user, filters={"q": "tiet kiem"})
    assert [h.document for h in results.hits] == [in_title, body_new, body_old]
    assert results.total == 3

    directive = DocumentFactory(
        owner_unit=unit, number="27", symbol="CT/TW", title="Chỉ thị", date=dt.date(2023, 12, 25)
    )
    citing = DocumentFactory(owner_unit=unit, title="Kế hoạch thực hiện")
    cite(citing, "27-CT/TW", year=2023)
    by_code = document_search(user=user, filters={"q": "27 ct tw"})
    assert [h.document for h in by_code.hits] == [directive, citing]


@pytest.mark.django_db
def test_more_matched_words_rank_higher(two_branches):
    user = two_branches.user("a", Role.VIEWER)
    unit = two_branches.a.unit
    one = DocumentFactory(
        owner_unit=unit, title="Tuyên truyền chuyển đổi số", date=dt.date(2024, 5, 1)
    )
    two = DocumentFactory(owner_unit=unit, title="Tuyên truyền tiết kiệm", date=dt.date(2020, 5, 1))
    hits = document_search(user=user, filters={"q": "tuyên truyền tiết kiệm"}).hits
    assert [h.document for h in hits] == [two, one]


@pytest.mark.django_db
def test_search_filters_by_type_and_year_and_never_leaves_scope(two_branches):
    user = two_branches.user("a", Role.REPORTER)
    DocumentFactory(
        owner_unit=two_branches.a.unit, doc_type="KH", title="Tiết kiệm A", date=dt.date(2024, 1, 1)
    )
    DocumentFactory(
        owner_unit=two_branches.a.unit,
        doc_type="CT",
        title="Tiết kiệm A chỉ thị",
        date=dt.date(2023, 1, 1),
    )
    DocumentFactory(
        owner_unit=two_branches.b.unit, doc_type="KH", title="Tiết kiệm B", date=dt.date(2024, 1, 1)
    )
    assert document_search(user=user, filters={"q": "tiet kiem"}).total == 2
    assert document_search(user=user, filters={"q": "tiet kiem", "doc_type": "CT"}).total == 1
    assert document_search(user=user, filters={"q": "tiet kiem", "year": "2024"}).total == 1
    assert document_search(user=two_branches.superuser, filters={"q": "tiet kiem"}).total == 3


@pytest.mark.django_db
@pytest.mark.parametrize("probe_limit", [0, 3000], ids=["listing", "probing"])
def test_common_words_rank_but_do_not_select_when_rarer_words_are_given(
    two_branches, monkeypatch, probe_limit
):
    monkeypatch.setattr("kehoach.documents.search.PRUNE_MIN_DOCUMENTS", 2)
    monkeypatch.setattr("kehoach.documents.search.PROBE_LIMIT", probe_limit)
    user = two_branches.user("a", Role.VIEWER)
    unit = two_branches.a.unit
    for i in range(8):
        DocumentFactory(owner_unit=unit, title=f"Tuyên truyền chuyển đổi số đợt {i}")
    rare = DocumentFactory(owner_unit=unit, title="Tuyên truyền thực hành tiết kiệm")
    # "tuyên truyền" is in every document: with "tiết kiệm" it only ranks
    results = document_search(user=user, filters={"q": "tuyên truyền tiết kiệm"})
    assert [h.document for h in results.hits] == [rare] and results.total == 1
    # alone, the common words still find everything; another branch's documents never
    DocumentFactory(owner_unit=two_branches.b.unit, title="Tuyên truyền thực hành tiết kiệm")
    assert document_search(user=user, filters={"q": "tuyên truyền"}).total == 9
    assert document_search(user=user, filters={"q": "tuyên truyền tiết kiệm"}).total == 1
