"""Format profiles: the official format of a system (state, Party) from a date, kept as data.

A profile is a TOML file in ``kehoach/paperwork/profiles/`` (or a directory the caller names).
Selecting one: by name, or by system and document date — the newest profile of the system whose
``valid_from`` is on or before the date. A new guidance is a new file, never a code change.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUILTIN_PROFILE_DIR = Path(__file__).resolve().parent.parent / "profiles"

ALIGNMENTS = ("left", "center", "right", "justify")
SYSTEMS = ("state", "party")


class ProfileError(ValueError):
    """A profile that cannot be found or read; the message is Vietnamese, for the user."""


@dataclass(frozen=True, slots=True)
class ComponentStyle:
    """How one component of the document looks: font size, weight, style, alignment, spacing."""

    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    align: str = "left"
    space_before: float = 0.0
    space_after: float = 0.0
    line_spacing: float = 1.0
    first_line_indent_mm: float = 0.0
    left_indent_mm: float = 0.0


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A horizontal rule under a component: fixed length or a fraction of the text's width."""

    under: str
    length_mm: float | None = None
    text_fraction: float | None = None
    min_mm: float = 10.0
    max_mm: float = 160.0
    weight_pt: float = 0.75
    gap_pt: float = 3.0


@dataclass(frozen=True, slots=True)
class PageSetup:
    """Paper size and margins in millimetres."""

    size: str
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    header_distance_mm: float = 10.0
    footer_distance_mm: float = 10.0

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.margin_left_mm - self.margin_right_mm


@dataclass(frozen=True, slots=True)
class Profile:
    """One official format (e.g. ``state-nd30-2020``), valid from a date."""

    name: str
    system: str
    title: str
    valid_from: dt.date
    font: str
    page: PageSetup
    layout: dict[str, float]
    text: dict[str, Any]
    components: dict[str, ComponentStyle]
    rules: dict[str, RuleSpec] = field(default_factory=dict)
    path: Path | None = None

    def component(self, name: str) -> ComponentStyle:
        try:
            return self.components[name]
        except KeyError:
            raise ProfileError(f"Mẫu định dạng {self.name} thiếu thành phần '{name}'.") from None

    def rule_under(self, component: str) -> RuleSpec | None:
        for rule in self.rules.values():
            if rule.under == component:
                return rule
        return None


REQUIRED_COMPONENTS = (
    "superior",
    "issuer",
    "number",
    "motto_1",
    "place_date",
    "type_name",
    "title",
    "preamble",
    "body",
    "heading_1",
    "heading_2",
    "heading_3",
    "heading_4",
    "closing",
    "table_header",
    "table_cell",
    "signature_authority",
    "signature_title",
    "signature_name",
    "recipients_heading",
    "recipients_item",
    "archive",
    "page_number",
)


def load_profile(path: Path) -> Profile:
    """Read and check one profile file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"Không đọc được mẫu định dạng {path.name}: {exc}") from None
    try:
        return _profile_from_data(data, path=path)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ProfileError):
            raise
        raise ProfileError(f"Mẫu định dạng {path.name} không hợp lệ: {exc!r}") from None


def _profile_from_data(data: dict[str, Any], *, path: Path | None) -> Profile:
    system = data["system"]
    if system not in SYSTEMS:
        raise ProfileError(f"Hệ thống '{system}' không hợp lệ (state hoặc party).")
    valid_from = data["valid_from"]
    if isinstance(valid_from, str):
        valid_from = dt.date.fromisoformat(valid_from)
    if not isinstance(valid_from, dt.date):
        raise ProfileError("valid_from phải là một ngày (YYYY-MM-DD).")
    components = {name: ComponentStyle(**spec) for name, spec in data["components"].items()}
    for name, style in components.items():
        if style.align not in ALIGNMENTS:
            raise ProfileError(f"Căn lề '{style.align}' của '{name}' không hợp lệ.")
    missing = [name for name in REQUIRED_COMPONENTS if name not in components]
    if missing:
        raise ProfileError(f"Mẫu định dạng {data['name']} thiếu thành phần: {', '.join(missing)}.")
    rules = {name: RuleSpec(**spec) for name, spec in (data.get("rules") or {}).items()}
    for name, rule in rules.items():
        if rule.under not in components:
            raise ProfileError(f"Đường kẻ '{name}' nằm dưới thành phần không có: '{rule.under}'.")
        if (rule.length_mm is None) == (rule.text_fraction is None):
            raise ProfileError(f"Đường kẻ '{name}' cần đúng một trong length_mm, text_fraction.")
    return Profile(
        name=data["name"],
        system=system,
        title=data.get("title", data["name"]),
        valid_from=valid_from,
        font=data["font"],
        page=PageSetup(**data["page"]),
        layout={k: float(v) for k, v in data["layout"].items()},
        text=data["text"],
        components=components,
        rules=rules,
        path=path,
    )


def available_profiles(dirs: Iterable[Path] = ()) -> list[Profile]:
    """Every profile in the built-in directory and in ``dirs`` (later directories win by name)."""
    by_name: dict[str, Profile] = {}
    for directory in (BUILTIN_PROFILE_DIR, *dirs):
        for path in sorted(Path(directory).glob("*.toml")):
            profile = load_profile(path)
            by_name[profile.name] = profile
    return sorted(by_name.values(), key=lambda p: (p.system, p.valid_from))


def parse_doc_date(value: str | None) -> dt.date | None:
    """A docparse date (``2023-09-12``, ``2023-09`` or ``2023``) as the earliest day it can be."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def select_profile(
    *,
    system: str | None = None,
    date: str | dt.date | None = None,
    name: str | None = None,
    dirs: Iterable[Path] = (),
) -> Profile:
    """The profile called ``name`` (a full name or just ``state``/``party``), else the newest
    profile of ``system`` valid on ``date`` (today when unknown); state when the system is unknown.

    A date before every profile of the system gives the oldest one (the closest format known).
    """
    profiles = available_profiles(dirs)
    if name and name not in SYSTEMS:
        for profile in profiles:
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in profiles)
        raise ProfileError(f"Không có mẫu định dạng '{name}' (có: {known}).")
    system = name or system or "state"
    if system not in SYSTEMS:
        raise ProfileError(f"Hệ thống '{system}' không hợp lệ (state hoặc party).")
    when = date if isinstance(date, dt.date) else parse_doc_date(date)
    when = when or dt.date.today()
    candidates = [p for p in profiles if p.system == system]
    if not candidates:
        raise ProfileError(f"Không có mẫu định dạng nào cho hệ thống '{system}'.")
    valid = [p for p in candidates if p.valid_from <= when]
    return valid[-1] if valid else candidates[0]
