"""Profiles are data: chosen by system and date, by name, and a new guidance is a new file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kehoach.paperwork.rendering import render_docx
from kehoach.paperwork.rendering.profiles import (
    BUILTIN_PROFILE_DIR,
    ProfileError,
    available_profiles,
    load_profile,
    select_profile,
)
from kehoach.paperwork.tests.reading import open_docx


def test_builtin_profiles_carry_their_dates():
    by_name = {p.name: p for p in available_profiles()}
    assert by_name["state-nd30-2020"].valid_from == dt.date(2020, 3, 5)
    assert by_name["party-hd36-2018"].valid_from == dt.date(2018, 4, 3)


def test_profile_chosen_by_system_and_date():
    assert select_profile(system="party", date="2023-09").name == "party-hd36-2018"
    assert select_profile(system="state", date="2024-03-05").name == "state-nd30-2020"
    assert select_profile(system=None, date=None).system == "state"
    assert select_profile(name="party").name == "party-hd36-2018"


def test_a_date_before_every_profile_gives_the_oldest_of_the_system():
    assert select_profile(system="state", date="2015-01-01").name == "state-nd30-2020"


def _write_party_2026(directory: Path) -> Path:
    text = (BUILTIN_PROFILE_DIR / "party-hd36-2018.toml").read_text(encoding="utf-8")
    text = text.replace('name = "party-hd36-2018"', 'name = "party-hd05-2026"')
    text = text.replace("valid_from = 2018-04-03", "valid_from = 2026-01-01")
    text = text.replace("[components.type_name]\nsize = 16", "[components.type_name]\nsize = 15")
    path = directory / "party-hd05-2026.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_guidance_is_a_new_file_chosen_from_its_date(tmp_path, party_sample):
    _write_party_2026(tmp_path)
    assert (
        select_profile(system="party", date="2026-03-01", dirs=[tmp_path]).name == "party-hd05-2026"
    )
    assert (
        select_profile(system="party", date="2025-12-31", dirs=[tmp_path]).name == "party-hd36-2018"
    )
    later = party_sample.__class__.from_dict({**party_sample.to_dict(), "date": "2026-02-03"})
    document = open_docx(render_docx(later, profile_dirs=[tmp_path]))
    type_name = next(p for p in document.paragraphs if p.style.name == "kh-type_name")
    assert type_name.style.font.size.pt == 15


def test_unknown_profile_names_and_systems_are_refused_in_vietnamese():
    with pytest.raises(ProfileError, match="Không có mẫu định dạng"):
        select_profile(name="party-1999")
    with pytest.raises(ProfileError, match="không hợp lệ"):
        select_profile(system="army")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[components.body]", "[components.bodyx]"), "thiếu thành phần"),
        (('align = "justify"', 'align = "middle"'), "Căn lề"),
        (('under = "issuer"', 'under = "nowhere"'), "Đường kẻ"),
        (("valid_from = 2020-03-05", "valid_from = 2020-13-05"), "Không đọc được"),
        (('system = "state"', 'system = "army"'), "không hợp lệ"),
    ],
)
def test_broken_profile_files_are_refused_with_a_reason(tmp_path, change, message):
    text = (BUILTIN_PROFILE_DIR / "state-nd30-2020.toml").read_text(encoding="utf-8")
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(*change), encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(path)
