"""HTML reader: the main content of a page as paragraphs, without scripts, navigation, sidebars
and footers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docparse import parse_document
from docparse.noise import is_noise_line
from docparse.normalize import normalize_text
from docparse.readers import read_bytes
from docparse.tests import fixtures as fx

MAX = 20 * 1024 * 1024


def html_text(data: bytes) -> str:
    raw = read_bytes(data, filename="trang.html", max_bytes=MAX)
    assert raw.format == "html"
    return normalize_text(raw.text)


@pytest.mark.parametrize("source", fx.SOURCES)
def test_article_of_a_news_page_is_the_clean_text(source):
    text = fx.source_text(source)
    out = html_text(fx.build_html(text))
    assert out == fx.canonical_txt(text)


def test_page_chrome_is_dropped():
    out = html_text(fx.build_html(fx.sample_text("state_plan")))
    for chrome in ("Trang chủ", "Quảng cáo", "counter", "Bản quyền", "Tin mới hơn", "Tìm kiếm"):
        assert chrome not in out


@pytest.mark.parametrize("source", fx.SOURCES)
def test_html_gives_the_same_facts_as_txt(source):
    text = fx.source_text(source)
    from_txt = parse_document(fx.canonical_txt(text).encode("utf-8"), filename="plan.txt")
    from_html = parse_document(fx.build_html(text), filename="trang.html")
    assert from_html.source.format == "html"
    assert fx.comparable(from_html) == fx.comparable(from_txt)


def test_without_article_the_densest_block_is_chosen():
    page = """<html><body>
    <div class="menu"><a href="/">Trang chủ</a> <a href="/a">Giới thiệu</a> <a href="/b">Tin tức</a></div>
    <div class="left"><p><a href="/x">Một liên kết dài trong cột bên trái của trang web</a></p></div>
    <div class="content">
      <p>KẾ HOẠCH<br>Tuyên truyền cải cách hành chính năm 2024</p>
      <p>I. MỤC ĐÍCH, YÊU CẦU</p>
      <p>Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính trên địa bàn.</p>
      <p>II. NỘI DUNG TUYÊN TRUYỀN</p>
      <p>Các quy định mới về thủ tục hành chính, dịch vụ công trực tuyến mức độ toàn trình.</p>
    </div>
    <div class="footer-like"><p>Đơn vị quản lý: Văn phòng UBND tỉnh, điện thoại 0123.</p></div>
    </body></html>""".encode()
    out = html_text(page)
    assert out.startswith("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n\nI. MỤC ĐÍCH")
    assert "Trang chủ" not in out and "Đơn vị quản lý" not in out


def test_lists_get_their_labels():
    page = """<html><body><article>
    <p>Hình thức tuyên truyền:</p>
    <ol><li>Trên báo chí</li><li>Qua hệ thống loa truyền thanh</li></ol>
    <ul><li>Tờ gấp</li><li>Băng rôn</li></ul>
    </article></body></html>""".encode()
    assert html_text(page).split("\n\n") == [
        "Hình thức tuyên truyền:",
        "1. Trên báo chí",
        "2. Qua hệ thống loa truyền thanh",
        "- Tờ gấp",
        "- Băng rôn",
    ]


def test_declared_charset_is_used():
    body = "<p>Văn hóa cơ sở</p>"
    page = f'<html><head><meta charset="utf-16"></head><body>{body}</body></html>'
    data = page.encode("utf-16")
    assert html_text(data) == "Văn hóa cơ sở"
    latin = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>Caf\xe9</p></body></html>'
    assert html_text(latin.encode("cp1252")) == "Café"


def test_hidden_elements_are_dropped():
    page = """<html><body><article><p>Nội dung chính của kế hoạch.</p>
    <p style="display: none">Đoạn ẩn</p><p hidden>Đoạn ẩn khác</p></article></body></html>"""
    assert html_text(page.encode()) == "Nội dung chính của kế hoạch."


@pytest.mark.parametrize(
    "line",
    [
        "SỐ LƯỢT TRUY CẬP",
        "Số lượt người xem: 167",
        "5",
        "Xem tiếp",
        "Xem theo ngày Xem theo ngày",
        "Tìm kiếm",
        "TIN MỚI HƠN",
        "TIN ĐÃ ĐƯA",
        "•",
        "26/04/2024 07:50",
    ],
)
def test_page_noise_lines_are_recognised(line):
    assert is_noise_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "1. Tuyên truyền trên báo chí",
        "Tìm kiếm giải pháp nâng cao hiệu quả tuyên truyền",
        "Số 12-KH/ĐU",
        "- Lưu: VT.",
        "Xem xét, khen thưởng các tập thể có thành tích",
        "*",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Thời gian: Giai đoạn 2024 – 2025; địa điểm: TPHCM và các tỉnh, thành khác.",
    ],
)
def test_document_lines_are_not_noise(line):
    assert not is_noise_line(line)


@pytest.mark.parametrize("name", fx.SAMPLE_NAMES)
def test_header_table_of_a_pasted_document_is_read_left_column_first(name):
    text = fx.sample_text(name)
    data = fx.build_html(text, header_table=True)
    assert b'<table class="header">' in data
    assert html_text(data) == fx.canonical_txt(text)


_WORDS = sorted(
    {w for name in fx.SAMPLE_NAMES for w in fx.sample_text(name).split() if w.isalpha()}
)
_LINE = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join)
_PLAN = st.lists(st.lists(_LINE, min_size=1, max_size=3), min_size=1, max_size=15)


@given(_PLAN)
@settings(max_examples=40, deadline=None, derandomize=True)
def test_any_plan_text_round_trips_through_html(parts):
    text = "\n\n".join("\n".join(lines) for lines in parts)
    assert html_text(fx.build_html(text)) == fx.canonical_txt(text)


def test_line_breaks_printed_as_escapes_are_line_breaks():
    # a portal that printed its database's escapes: the two characters "\r\n"
    page = (
        r"<html><body><div>KẾ HOẠCH\r\nTuyên truyền pháp luật năm 2024\r\n\r\n"
        r"Căn cứ Luật số 12/2023/QH15, UBND xã ban hành Kế hoạch như sau:\r\n\r\n"
        r"I. MỤC ĐÍCH\r\nNội dung tuyên truyền. Đường dẫn C:\tailieu</div></body></html>"
    )
    doc = parse_document(page.encode(), filename="kh.html")
    assert doc.text.startswith("KẾ HOẠCH\nTuyên truyền pháp luật năm 2024\n\nCăn cứ Luật")
    assert "\\r" not in doc.text and "\\n" not in doc.text
    assert (doc.doc_type, doc.title) == ("KH", "Tuyên truyền pháp luật năm 2024")
    assert [r.code for r in doc.references] == ["12/2023/QH15"]
    assert doc.text.endswith(r"C:\tailieu")  # other backslashes are text
