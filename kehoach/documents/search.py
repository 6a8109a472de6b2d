"""Search: the term index, query parsing, ranking and diacritic-insensitive highlighting.

How it works (docs/search.md): every document gets folded copies of its title and text and one
``DocumentTerm`` row per distinct folded word (weight 2 in the title, 1 in the body) and per code
(``#27-ct-tw``: weight 3 for its own code, 1 for a code it cites). A query is folded the same
way; matching documents come from an indexed ``term IN (...)`` lookup, grouped per document and
ranked: own code exact > words in the title > words in the body; more matched words higher;
recent first on ties. Only portable ORM lookups are used,
so SQLite and PostgreSQL return the same results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kehoach.documents.normalize import code_key, fold, fold_with_map, query_code_keys, words

MAX_TERM_LENGTH = 64
# Function words dropped from a query when it has other words (they match nearly everything).
# Only words that stay function words once folded: "thi" (thi đua), "tu" (tư tưởng), "ma" (ma
# túy), "de" (đề án), "tai" (thiên tai), "so" (chuyển đổi số) are content words too.
STOP_WORDS = frozenset(
    [
        "va",
        "cua",
        "cac",
        "cho",
        "trong",
        "voi",
        "duoc",
        "mot",
        "nay",
        "nhung",
        "hoac",
        "theo",
        "tren",
    ]
)

# Weights stored in DocumentTerm.weight.
WEIGHT_OWN_CODE = 3
WEIGHT_TITLE = 2
WEIGHT_BODY = 1


def code_term(key: str) -> str:
    return f"#{key}"[:MAX_TERM_LENGTH]


def document_terms(
    *, code: str, title: str, text: str, issuer_name: str, cited_codes: Iterable[str]
) -> dict[str, int]:
    """Distinct folded terms of a document with their weight (the highest place they occur)."""
    terms: dict[str, int] = {}

    def add(term: str, weight: int) -> None:
        term = term[:MAX_TERM_LENGTH]
        if term and terms.get(term, 0) < weight:
            terms[term] = weight

    for w in words(fold(text)):
        add(w, WEIGHT_BODY)
    for w in words(fold(issuer_name)):
        add(w, WEIGHT_BODY)
    for c in cited_codes:
        if key := code_key(c):
            add(code_term(key), WEIGHT_BODY)
    for w in words(fold(title)):
        add(w, WEIGHT_TITLE)
    for w in words(fold(code)):
        add(w, WEIGHT_TITLE)
    if key := code_key(code):
        add(code_term(key), WEIGHT_OWN_CODE)
    return terms


@dataclass(frozen=True)
class ParsedQuery:
    """A folded search query: its words, the codes it names, and the whole phrase."""

    raw: str
    phrase: str
    words: tuple[str, ...]
    code_keys: tuple[str, ...]
    highlight_words: tuple[str, ...] = field(default=())
    fallback_words: tuple[str, ...] = field(default=())

    @property
    def terms(self) -> list[str]:
        return [code_term(k) for k in self.code_keys] + list(self.words)

    def __bool__(self) -> bool:
        return bool(self.words or self.code_keys)


def parse_query(raw: str | None) -> ParsedQuery:
    """Fold a query and split it into words and codes (``27 ct tw`` is a code)."""
    raw = (raw or "").strip()[:300]
    folded = fold(raw)
    phrase = " ".join(words(folded))
    keys = tuple(dict.fromkeys(query_code_keys(folded)))
    # A code's parts are not words to look for ("27 ct tw" is the code, not three words).
    rest = folded if not keys else _without_codes(folded)
    all_words = [w[:MAX_TERM_LENGTH] for w in words(rest)]
    kept = [w for w in all_words if w not in STOP_WORDS] or all_words
    unique = tuple(dict.fromkeys(kept))[:12]
    every = [w for w in words(folded) if w not in STOP_WORDS] or words(folded)
    return ParsedQuery(
        raw=raw,
        phrase=phrase,
        words=unique,
        code_keys=keys,
        highlight_words=unique,
        # "2024 ke hoach" may be words; "27-CT/TW", written with - or /, is surely a code.
        fallback_words=tuple(dict.fromkeys(every))[:12]
        if keys and not unique and not re.search(r"[-/]", raw)
        else (),
    )


def as_words(query: ParsedQuery) -> ParsedQuery:
    """The same query read as plain words (when no document has the code it looked like)."""
    return ParsedQuery(
        raw=query.raw,
        phrase=query.phrase,
        words=query.fallback_words,
        code_keys=(),
        highlight_words=query.fallback_words,
    )


def _without_codes(folded: str) -> str:
    from kehoach.documents.normalize import _EMBEDDED_CODE_RE, _QUERY_CODE_RE

    if _QUERY_CODE_RE.match(folded):
        return ""
    return _EMBEDDED_CODE_RE.sub(" ", folded)


class RankedRows:
    """Ranked ``(document_id, scores)`` rows that paginate like a queryset: slicing runs the
    ranking query for one page, ``count()`` a cheaper distinct count over the same index rows."""

    def __init__(
        self, ranked: QuerySet[Any], matching: QuerySet[Any], documents: QuerySet[Any] | None
    ) -> None:
        self.ranked = ranked
        self.matching = matching
        self.documents = documents  # when every candidate matches: count these directly

    def count(self) -> int:
        if self.documents is not None:
            return self.documents.count()
        return self.matching.values("document_id").distinct().count()

    def exists(self) -> bool:
        return self.matching.exists()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: Any) -> Any:
        return self.ranked[key]


def ranked_ids(documents: QuerySet[Any], query: ParsedQuery) -> RankedRows:
    """``(document_id, score)`` rows of ``documents`` matching ``query``, best first.

    One grouped query over the term index, restricted to ``documents`` (already scoped and
    filtered); the caller paginates it and loads the page's documents in one more query.
    """
    from kehoach.documents.models import DocumentTerm

    code_terms = [code_term(k) for k in query.code_keys]
    word_terms = list(query.words)
    terms = code_terms + word_terms
    df = _document_frequencies(terms)
    candidates = None
    selective = _selective_terms(terms, df)
    if selective is not None:
        # Words found in most documents ("thực hiện", "tuyên truyền") still count for the rank
        # but do not select documents on their own when the query has rarer words.
        candidates = documents.filter(
            pk__in=DocumentTerm.objects.filter(term__in=selective).values("document_id")
        )
    rows = DocumentTerm.objects.filter(term__in=terms)
    if sum(df.values()) <= PROBE_LIMIT:
        # Few index rows: probe each one's document (a correlated EXISTS) rather than list
        # every document the user may see.
        rows = rows.filter(Exists(documents.filter(pk=OuterRef("document_id"))))
        if selective is not None:
            rows = rows.filter(
                Exists(
                    DocumentTerm.objects.filter(
                        document_id=OuterRef("document_id"), term__in=selective
                    )
                )
            )
    else:
        rows = rows.filter(
            document__in=(candidates if candidates is not None else documents).values("id")
        )
    ranked = (
        rows.values("document_id", "sort_date")
        .annotate(
            code_hit=Count("document_id", filter=Q(term__in=code_terms, weight=WEIGHT_OWN_CODE))
            if code_terms
            else Value(0),
            cited_hit=Count("document_id", filter=Q(term__in=code_terms, weight=WEIGHT_BODY))
            if code_terms
            else Value(0),
            title_hits=Count("document_id", filter=Q(term__in=word_terms, weight__gte=WEIGHT_TITLE))
            if word_terms
            else Value(0),
            hits=Count("document_id", filter=Q(term__in=word_terms)) if word_terms else Value(0),
        )
        .order_by(
            "-code_hit",
            "-title_hits",
            "-hits",
            "-cited_hit",
            "-sort_date",
            "-document_id",
        )
    )
    # With rarer words, the candidates are exactly the matching documents.
    return RankedRows(ranked, rows, candidates)


# A word in more than this share of all documents is "common" (see ranked_ids).
COMMON_SHARE = 0.25
PRUNE_MIN_DOCUMENTS = 200
# Up to this many index rows, each row's document is probed instead of listing the user's
# documents (a code or a rare word among 20,000 documents).
PROBE_LIMIT = 3000


def _document_frequencies(terms: list[str]) -> dict[str, int]:
    """How many documents hold each term: one grouped count over the covering index."""
    from kehoach.documents.models import DocumentTerm

    return dict(
        DocumentTerm.objects.filter(term__in=terms)
        .values_list("term")
        .annotate(n=Count("document_id"))
        .values_list("term", "n")
    )


def _selective_terms(terms: list[str], df: dict[str, int]) -> list[str] | None:
    """The query's rarer terms when it also has common ones; None when there is nothing to drop."""
    from kehoach.documents.models import Document

    if len(terms) < 2:
        return None
    biggest = max(df.values(), default=0)
    if biggest < PRUNE_MIN_DOCUMENTS:  # a small registry: nothing is worth dropping
        return None
    limit = COMMON_SHARE * Document.objects.count()
    rare = [t for t in terms if df.get(t, 0) <= limit]
    if not rare or len(rare) == len(terms):
        return None
    return [t for t in rare if df.get(t, 0) > 0] or None


# --- highlighting -------------------------------------------------------------------------


def _pattern(query: ParsedQuery) -> re.Pattern[str] | None:
    alternatives = [re.escape(w) for w in sorted(query.highlight_words, key=len, reverse=True)]
    for key in query.code_keys:
        parts = key.split("-")
        alternatives.insert(0, r"\s*[-/ ]\s*".join(re.escape(p) for p in parts))
    if not alternatives:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


def match_spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """Spans of ``text`` (original characters) where query words or codes occur, diacritics
    and case ignored."""
    pattern = _pattern(query)
    if not text or pattern is None:
        return []
    folded, index = fold_with_map(text)
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(folded):
        if m.end() > m.start():
            start, end = index[m.start()], index[m.end() - 1] + 1
            if spans and not text[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], end)  # "tiết kiệm" is one mark, not two
            else:
                spans.append((start, end))
    return spans


def mark(text: str, spans: list[tuple[int, int]], *, css: str = "") -> SafeString:
    """``text`` escaped, with ``<mark>`` around each span (overlaps merged)."""
    out: list[str] = []
    pos = 0
    attr = f' class="{escape(css)}"' if css else ""
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if end <= start:
            continue
        out.append(escape(text[pos:start]))
        out.append(f"<mark{attr}>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def highlight(text: str, query: ParsedQuery) -> SafeString:
    return mark(text, match_spans(text, query))


def snippet(text: str, query: ParsedQuery, *, width: int = 260) -> SafeString:
    """A passage of ``text`` around the first place the query matches, highlighted."""
    if not text:
        return mark_safe("")
    spans = match_spans(text, query)
    if not spans:
        cut = text[:width]
        return mark(cut + ("…" if len(text) > width else ""), [])
    # Prefer the window holding the most distinct matches, starting at each match.
    best = spans[0][0]
    best_count = 0
    for start, _end in spans[:200]:
        count = sum(1 for s, _ in spans if start <= s < start + width)
        if count > best_count:
            best, best_count = start, count
    lo = max(0, best - width // 4)
    if lo > 0:
        space = text.find(" ", lo, best)  # start on a whole word
        lo = space + 1 if space >= 0 else lo
    hi = min(len(text), lo + width)
    if hi < len(text):
        space = text.find(" ", hi)
        hi = space if 0 <= space - hi < 30 else hi
    window = text[lo:hi].replace("\n", " ")
    local = [(s - lo, e - lo) for s, e in spans if s >= lo and e <= hi]
    html = mark(window, local)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")


def annotate_source(
    text: str, *, references: list[dict[str, Any]], title: str, code: str, issuer: str
) -> SafeString:
    """The source text for the review page, with what was read marked: each reference's
    mentions (``id="src-ref-N"`` for links from the form), the title, the code, the issuer."""
    spans: list[tuple[int, int, str, str]] = []
    for i, ref in enumerate(references):
        for m in ref.get("mentions") or []:
            start, end = int(m.get("start", 0)), int(m.get("end", 0))
            if 0 <= start < end <= len(text):
                spans.append((start, end, "ref", f"src-ref-{i}"))
    for css, value in (("title", title), ("code", code), ("issuer", issuer)):
        if not value:
            continue
        q = ParsedQuery(raw=value, phrase="", words=(), code_keys=())
        folded_value = fold(" ".join(value.split()))
        folded_text, index = fold_with_map(text)
        folded_text = folded_text.replace("\n", " ")
        pos = folded_text.find(folded_value) if css != "code" else -1
        if pos < 0 and css == "code":
            q = ParsedQuery(raw=value, phrase="", words=(), code_keys=(code_key(value),))
            found = match_spans(text, q)
            if found:
                spans.append((found[0][0], found[0][1], css, f"src-{css}"))
            continue
        if pos >= 0 and folded_value:
            spans.append((index[pos], index[pos + len(folded_value) - 1] + 1, css, f"src-{css}"))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    cursor = 0
    anchored: set[str] = set()
    for start, end, css, anchor in spans:
        if start < cursor:
            continue
        out.append(escape(text[cursor:start]))
        id_attr = f' id="{anchor}"' if anchor and anchor not in anchored else ""
        anchored.add(anchor)
        out.append(f'<mark class="{css}"{id_attr}>{escape(text[start:end])}</mark>')
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))
