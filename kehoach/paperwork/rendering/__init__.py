"""Official documents to DOCX: pure Python (no Django), profiles kept as data.

    >>> from kehoach.paperwork.rendering import render_docx
    >>> data = render_docx(parsed_document, profile="party")      # DOCX bytes

``render_docx`` takes a docparse ``ParsedDocument`` (or the renderer's own ``OfficialDocument``,
which a results report builds directly) and a profile (a ``Profile``, a profile name, ``state`` /
``party``, or None to choose by the document's system and date).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docparse.model import ParsedDocument
from kehoach.paperwork.rendering.adapt import official_from_parsed
from kehoach.paperwork.rendering.docx_writer import DocxWriter, Template, render_official
from kehoach.paperwork.rendering.model import OfficialDocument
from kehoach.paperwork.rendering.profiles import (
    Profile,
    ProfileError,
    available_profiles,
    load_profile,
    select_profile,
)

__all__ = [
    "DocxWriter",
    "OfficialDocument",
    "Profile",
    "ProfileError",
    "available_profiles",
    "load_profile",
    "official_from_parsed",
    "profile_for",
    "render_docx",
    "select_profile",
]


def profile_for(
    doc: ParsedDocument | OfficialDocument,
    profile: Profile | str | None = None,
    *,
    profile_dirs: Iterable[Path] = (),
) -> Profile:
    """The profile object: as given, by name or system, else by the document's system and date."""
    if isinstance(profile, Profile):
        return profile
    system = doc.system if isinstance(doc, ParsedDocument) else None
    return select_profile(system=system, date=doc.date, name=profile, dirs=profile_dirs)


def render_docx(
    doc: ParsedDocument | OfficialDocument,
    *,
    profile: Profile | str | None = None,
    template: Template | None = None,
    profile_dirs: Iterable[Path] = (),
) -> bytes:
    """DOCX bytes of ``doc`` in ``profile``, optionally on the agency's ``template`` (a .docx)."""
    chosen = profile_for(doc, profile, profile_dirs=profile_dirs)
    official = official_from_parsed(doc, chosen) if isinstance(doc, ParsedDocument) else doc
    return render_official(official, chosen, template=template)
