"""Communication channels a plan uses: the closed vocabulary of DESIGN.md §5.

A channel counts when the document uses it as a means of communication, not when a word merely
appears. So every channel is a list of precise phrases rather than single words, matched on the
text folded to lower case without tone marks (old and new tone placement meet, ``bản tin`` and
``bảng tin`` stay apart), and some phrases carry exclusions:

- ``hội nghị`` is a meeting, but not ``Hội nghị Trung ương`` or ``Hội nghị lần thứ 4`` (a Party
  plenum whose results are propagandised);
- ``báo chí`` is the press, but not inside the unit name ``Phòng Thông tin - Báo chí``;
- ``nhóm`` is a social network only as ``nhóm (group)`` or ``nhóm Zalo/Facebook``;
- ``loa`` needs a qualifier (``loa phát thanh``, ``hệ thống loa``), ``internet`` needs ``trên``;
- culture takes only events (``văn nghệ``, ``hội diễn``, ``hoạt động văn hóa``, ``giải thể
  thao``): ``văn hóa ứng xử``, ``văn hóa tiết kiệm``, ``đời sống văn hoá``, ``nếp sống văn
  minh``, ``Trung tâm Văn hóa - Thể thao`` are not channels;
- ``chuyển đổi số``, ``ứng dụng công nghệ thông tin``, ``dịch vụ công trực tuyến`` name no
  channel: ``trực tuyến`` counts only as online study (``học tập trực tuyến``, ``hình thức
  trực tuyến``), ``tài liệu`` not after ``nghiên cứu``.

Channels come in the vocabulary's order; each with its terms, distinct, in lower case as written
(whitespace collapsed), in order of first appearance. Paragraphs broken over two lines are
joined first, so ``hình thức học tập`` / ``trực tuyến`` is found.
"""

from __future__ import annotations

import re

from docparse.extract._fold import fold, logical_lines
from docparse.model import CHANNEL_CODES, Channel

# Phrases as written; they are folded like the text (lower case, no tone marks) when compiled,
# so they must not use upper-case regex escapes. Each starts with a plain letter (no group, no
# look-behind) so that the regular expression engine can skip ahead on first letters; what
# must or must not come before a phrase is in _CONTEXT.
_PHRASES: dict[str, tuple[str, ...]] = {
    "press": (
        r"phương tiện thông tin đại chúng",
        r"báo chí",  # not in "Phòng Thông tin - Báo chí": see _CONTEXT
        r"báo in",
        r"báo nói",
        r"báo hình",
        r"báo điện tử",
        r"chuyên trang",
        r"chuyên mục",
        r"đài phát thanh(?: và truyền hình| - truyền hình)?",
        r"truyền hình(?! trực tiếp)",
    ),
    "web": (
        r"trang thông tin điện tử",
        r"cổng thông tin(?: điện tử)?",
        r"website",
        r"trang web",
        r"internet",  # only "trên (các trang) internet": see _CONTEXT
    ),
    "social": (
        r"mạng xã hội",
        r"facebook",
        r"zalo",
        r"youtube",
        r"tiktok",
        r"lotus",
        r"fanpage",
        r"nhóm(?= \(group\)| zalo| facebook)",
        r"trang mạng cá nhân",
    ),
    "livestream": (
        r"phát trực tiếp",
        r"truyền hình trực tiếp",
        r"livestream",
        r"dân hỏi\s*[-–]\s*chính quyền trả lời",
    ),
    "loudspeaker": (
        r"loa (?:phát thanh|truyền thanh)",
        r"hệ thống loa (?:phát thanh|truyền thanh)",
        r"hệ thống loa",
        r"cụm loa",
        r"hệ thống truyền thanh",
        r"đài truyền thanh",
        r"truyền thanh",
    ),
    "mobile_team": (
        *(
            f"{team}{kind} lưu động"
            for team in ("đội ", "xe ", "")
            for kind in ("thông tin", "tuyên truyền", "truyền thông", "chiếu phim", "cổ động")
        ),
    ),
    "oral": (
        r"tuyên truyền miệng",
        r"báo cáo viên",
        r"tuyên truyền viên",
        r"nói chuyện (?:chuyên đề|thời sự)",
    ),
    "meeting": (
        r"hội nghị(?! trung ương| ban chấp hành| lần thứ| các ủy viên)",
        r"hội thảo",
        r"tọa đàm",
        r"diễn đàn",
        r"sinh hoạt (?:của )?(?:đảng bộ, )?chi bộ",
        r"họp giao ban",
        r"tập huấn",
    ),
    "print": (
        r"bản tin",
        r"tờ rơi",
        r"tờ gấp",
        r"tài liệu",  # not "nghiên cứu tài liệu": see _CONTEXT
        r"ấn phẩm",
        r"tủ sách",
        r"thông báo nội bộ",
        r"sổ tay",
        r"đề cương tuyên truyền",
    ),
    "visual": (
        r"cổ động trực quan",
        r"băng rôn",
        r"bảng rôn",
        r"pano",
        r"panô",
        r"áp phích",
        r"khẩu hiệu",
        r"biểu ngữ",
        r"bảng tin",
        r"bảng điện tử",
        r"bảng thông báo",
        r"màn hình led",
        r"tranh cổ động",
    ),
    "contest": (
        r"cuộc thi",
        r"hội thi",
    ),
    "emulation": (
        r"phong trào thi đua",
        r"phát động thi đua",
    ),
    "culture": (
        r"văn nghệ",
        r"hội diễn",
        r"liên hoan",
        r"sân khấu hóa",
        r"chương trình nghệ thuật",
        r"hoạt động văn hóa",
        *(f"{kind} thể thao" for kind in ("giải", "thi đấu", "hoạt động", "thể dục")),
    ),
    "online_learning": (
        *(f"{kind} trực tuyến" for kind in ("học tập", "học", "bồi dưỡng", "tập huấn")),
        r"hình thức trực tuyến",
    ),
}

_MATCHERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    # No look-behind at the start (see above): the start of a word is checked in extract_channels.
    # Longest phrase first: at one place the first alternative that matches wins.
    (
        code,
        re.compile(
            r"(?:" + "|".join(sorted(map(fold, phrases), key=len, reverse=True)) + r")(?!\w)"
        ),
    )
    for code, phrases in _PHRASES.items()
)
_WHITESPACE = re.compile(r"\s+")

# (channel, term folded, text before it that rules it out, text before it that it requires)
_CONTEXT: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = tuple(
    (code, fold(term), tuple(fold(x) for x in reject), tuple(fold(x) for x in require))
    for code, term, reject, require in (
        ("press", "báo chí", ("thông tin - ", "thông tin – ", "thông tin-"), ()),
        ("web", "internet", (), ("trên ", "trên các trang ")),
        ("print", "tài liệu", ("nghiên cứu ", "hồ sơ, "), ()),
    )
)


def _in_context(code: str, folded: str, start: int, end: int) -> bool:
    if start and folded[start - 1].isalnum():
        return False  # inside a word
    term = folded[start:end]
    for rule_code, rule_term, reject, require in _CONTEXT:
        if rule_code == code and term == rule_term:
            before = folded[max(0, start - 20) : start]
            if reject and before.endswith(reject):
                return False
            if require and not before.endswith(require):
                return False
    return True


def extract_channels(body: str) -> tuple[Channel, ...]:
    """The channels ``body`` uses, in the vocabulary's order, with the terms that showed them."""
    text = "\n".join(logical_lines(body))
    folded = fold(text)
    found: dict[str, dict[str, None]] = {}
    for code, matcher in _MATCHERS:
        for match in matcher.finditer(folded):
            if not _in_context(code, folded, match.start(), match.end()):
                continue
            term = _WHITESPACE.sub(" ", text[match.start() : match.end()].lower())
            found.setdefault(code, {})[term] = None
    return tuple(
        Channel(code=code, terms=tuple(found[code])) for code in CHANNEL_CODES if code in found
    )
