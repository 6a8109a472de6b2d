"""Match unit names as written in a superior's plan to units of the tree (pure).

Names are folded (no diacritics, lower case, đ→d) and split into tokens; words every unit name
shares ("các", "trực thuộc", "của") do not count. The score is the Dice coefficient of the
remaining tokens, with a bonus when the unit's abbreviation appears as a token. A plural name
("Các chi bộ trực thuộc") names every child unit of that kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kehoach.core.text import fold

# Words that carry no identity in unit names (folded).
STOPWORDS = frozenset(
    [
        "cac",
        "cua",
        "va",
        "truc",
        "thuoc",
        "tren",
        "duoi",
        "cap",
        "so",
        "tai",
        "o",
        "ve",
        "voi",
        "nhung",
        "toan",
        "the",
        "moi",
        "tung",
        "theo",
    ]
)
PLURAL_PREFIXES = ("cac ", "tat ca cac ", "toan the cac ")
MIN_SCORE = 0.5


def tokens(name: str) -> list[str]:
    """Folded identity tokens of a unit name."""
    words = re.findall(r"[a-z0-9]+", fold(name))
    return [w for w in words if w not in STOPWORDS]


def dice(a: Sequence[str], b: Sequence[str]) -> float:
    """2|A∩B| / (|A| + |B|) on token sets."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


@dataclass(frozen=True)
class Candidate:
    """A unit a name may refer to: id, name, abbreviation and parent id (for plural names)."""

    id: int
    name: str
    abbreviation: str = ""
    short_name: str = ""
    parent_id: int | None = None


@dataclass(frozen=True)
class Match:
    """The units a written name maps to, best first, with scores; ``plural`` for "các ..."."""

    written: str
    units: tuple[Candidate, ...]
    scores: tuple[float, ...]
    plural: bool = False

    @property
    def best(self) -> Candidate | None:
        return self.units[0] if self.units and not self.plural else None


def score(written: str, unit: Candidate) -> float:
    """How well ``written`` names ``unit`` (0–1)."""
    w = tokens(written)
    best = max(
        dice(w, tokens(unit.name)), dice(w, tokens(unit.short_name)) if unit.short_name else 0
    )
    abbr = fold(unit.abbreviation).replace(" ", "")
    if abbr and len(abbr) >= 2 and abbr in w:
        best = max(best, 0.9)
    return round(best, 3)


def is_plural(written: str) -> bool:
    return fold(written).startswith(PLURAL_PREFIXES)


def match_unit(
    written: str, candidates: Iterable[Candidate], *, root_id: int | None = None, limit: int = 5
) -> Match:
    """The best candidates for ``written``.

    A plural name ("Các chi bộ trực thuộc Đảng ủy Sở") maps to every direct child of ``root_id``
    whose name starts with the named kind ("chi bo"); otherwise the top ``limit`` candidates
    scoring at least ``MIN_SCORE`` are returned, best first.
    """
    pool = list(candidates)
    if is_plural(written):
        head = [t for t in re.findall(r"[a-z0-9]+", fold(written)) if t not in ("tat", "ca")]
        kind = " ".join(head[1:3])  # "cac chi bo truc thuoc" -> "chi bo"
        found = tuple(
            c
            for c in pool
            if (root_id is None or c.parent_id == root_id) and fold(c.name).startswith(kind)
        )
        if found:
            return Match(written, found, tuple(1.0 for _ in found), plural=True)
    scored = sorted(((score(written, c), c) for c in pool), key=lambda x: (-x[0], x[1].id))
    kept = [(s, c) for s, c in scored if s >= MIN_SCORE][:limit]
    return Match(written, tuple(c for _, c in kept), tuple(s for s, _ in kept))


def candidates_from(units: Iterable[Any]) -> list[Candidate]:
    """Candidates from Unit rows (or anything with the same attributes)."""
    return [
        Candidate(
            u.id,
            u.name,
            getattr(u, "abbreviation", "") or "",
            getattr(u, "short_name", "") or "",
            getattr(u, "parent_id", None),
        )
        for u in units
    ]
