"""Page noise: lines a web page adds around a document (counters, navigation, sharing links).

The HTML reader keeps the page's block structure only; a text dump of a news page (seed 003)
carries the same noise. :func:`is_noise_line` tells whether one normalised line is such noise,
so the extractors can skip it whatever the source format. It is deliberately conservative: a
line is noise only when it is *nothing but* a counter, a digit, a navigation label or a
timestamp, never because it merely contains such a word.
"""

from __future__ import annotations

import re

_NAVIGATION = (
    "xem tiếp",
    "xem thêm",
    "xem theo ngày",
    "tìm kiếm",
    "tin mới hơn",
    "tin đã đưa",
    "tin cũ hơn",
    "tin liên quan",
    "tin khác",
    "các tin khác",
    "bài viết liên quan",
    "trang chủ",
    "quay lại",
    "về đầu trang",
    "đầu trang",
    "in bài",
    "in bài viết",
    "bản in",
    "gửi email",
    "gửi bài viết",
    "chia sẻ",
    "chia sẻ bài viết",
    "lưu bài viết",
    "bình luận",
    "đăng nhập",
    "đăng ký",
    "liên hệ",
    "sơ đồ trang",
    "thích",
    "like",
    "share",
    "tweet",
    "print",
    "email",
    "top",
)
_NAVIGATION_LINE = re.compile(
    r"^(" + "|".join(re.escape(n) for n in _NAVIGATION) + r")(?:\s+\1)*\s*[:»›>|]*$",
    re.IGNORECASE,
)
_COUNTER = re.compile(
    r"^(?:số\s+)?(?:lượt\s+(?:truy\s+cập|xem|người\s+xem|đọc)|lượt\s+xem|người\s+xem|"
    r"đang\s+(?:truy\s+cập|online|trực\s+tuyến)|tổng\s+(?:số\s+)?lượt\s+truy\s+cập|"
    r"hôm\s+nay|hôm\s+qua|trong\s+tuần|trong\s+tháng|tất\s+cả|online|visitors?|views?)"
    r"\s*[:.]?\s*[\d.,\s]*$",
    re.IGNORECASE,
)
_DIGITS_ONLY = re.compile(r"^[\d\s.,]{1,12}$")
# (a lone ``*`` is not noise: it separates the issuer from the number in a Party header)
_BULLET_ONLY = re.compile(r"^[•·|»›>\-–—_=~#]+$")
# "26 Tháng Tư 2024 7:50:00 SA", "26/04/2024 07:50", "Thứ sáu, 26/04/2024 - 07:50"
_TIMESTAMP = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?"
    r"\d{1,2}(?:[/.-]\d{1,2}[/.-]\d{2,4}|\s+tháng\s+\S+\s+\d{4})"
    r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:sa|ch|am|pm)?)?\s*$",
    re.IGNORECASE,
)


def is_noise_line(line: str) -> bool:
    """True when ``line`` (normalised, one line) is only page noise.

    >>> is_noise_line("Số lượt người xem: 167")
    True
    >>> is_noise_line("Xem theo ngày Xem theo ngày")
    True
    >>> is_noise_line("5")
    True
    >>> is_noise_line("1. Tuyên truyền trên báo chí")
    False
    """
    text = line.strip()
    if not text:
        return False
    if _DIGITS_ONLY.match(text) and len(text.replace(" ", "")) <= 2:
        # a lone digit or two: a visit-counter cell ("5", "0", "9"), never a document line
        return True
    if _BULLET_ONLY.match(text):
        return True
    if _COUNTER.match(text):
        return True
    if _NAVIGATION_LINE.match(text):
        return True
    return bool(_TIMESTAMP.match(text))
