"""The English interface: once a user picks English, the main pages speak English.

The source language is Vietnamese (the msgids); ``locale/en`` carries the English catalogue,
regenerated and translated with ``make messages``.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from kehoach.organizations.choices import Role

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

# page → (English heading, the Vietnamese heading it replaces)
PAGES = {
    "/documents/": ("Documents", "Văn bản"),
    "/documents/search/": ("Search documents", "Tìm kiếm văn bản"),
    "/plans/": ("Plans", "Kế hoạch"),
    "/tasks/mine/": ("My tasks", "Việc của tôi"),
}
NAV = {
    "Documents": "Văn bản",
    "Plans": "Kế hoạch",
    "My tasks": "Việc của tôi",
    "Search": "Tìm kiếm",
}


def _in_english(client, user):
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "the page has no <h1>"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(PAGES))
def test_main_pages_have_english_headings_once_english_is_chosen(client, two_branches, url):
    # Given an editor who chose English in the header
    client = _in_english(client, two_branches.user("a", Role.EDITOR))
    english, vietnamese = PAGES[url]
    # When they open a main page
    response = client.get(url)
    # Then it answers in English: the heading and the navigation are English, not Vietnamese
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    html = response.content.decode()
    assert _h1(html) == english
    assert vietnamese not in _h1(html)
    for label, vietnamese_label in NAV.items():
        assert f">{label}</a>" in html
        assert f">{vietnamese_label}</a>" not in html


@pytest.mark.django_db
def test_home_page_greets_in_english(client, two_branches):
    # Given an editor who chose English
    client = _in_english(client, two_branches.user("a", Role.EDITOR))
    # When they open the home page
    html = client.get("/").content.decode()
    # Then the greeting and the sections are English
    assert "Hello," in html
    assert "Your units and roles" in html
    assert "Xin chào" not in html


@pytest.mark.django_db
def test_vietnamese_stays_the_default_without_a_choice(client, two_branches):
    # Given the same editor who never chose a language
    client.force_login(two_branches.user("a", Role.EDITOR))
    # When they open the plans list
    html = client.get("/plans/").content.decode()
    # Then it is in Vietnamese
    assert _h1(html) == "Kế hoạch"


def _po_entries(text: str) -> list[str]:
    return [
        block
        for block in text.split("\n\n")
        if "msgid " in block and not block.lstrip().startswith("#~")
    ]


def _joined(block: str, keyword: str) -> str:
    """The concatenated value of ``keyword`` (msgid, msgstr, msgstr[0] …) in one PO block."""
    value, taking = [], False
    for line in block.splitlines():
        if line.startswith(keyword + " "):
            taking = True
            value.append(line[len(keyword) + 1 :].strip().strip('"'))
        elif taking and line.startswith('"'):
            value.append(line.strip().strip('"'))
        else:
            taking = False
    return "".join(value)


def test_every_entry_of_the_english_catalogue_is_translated_and_checked():
    # Given the English catalogue as committed
    entries = _po_entries(PO_FILE.read_text(encoding="utf-8"))
    # Then no entry is left untranslated or marked fuzzy (unchecked)
    untranslated, fuzzy = [], []
    for block in entries:
        msgid = _joined(block, "msgid")
        if not msgid:
            continue  # the header
        if "#, fuzzy" in block or re.search(r"^#,.*\bfuzzy\b", block, re.M):
            fuzzy.append(msgid)
        forms = ["msgstr"] if "msgid_plural" not in block else ["msgstr[0]", "msgstr[1]"]
        if any(not _joined(block, form) for form in forms):
            untranslated.append(msgid)
    assert len(entries) > 500
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.django_db
def test_status_badges_and_channel_names_are_english_on_document_and_plan_pages(
    client, two_branches
):
    from kehoach.documents.choices import ChannelCode, DocumentStatus
    from kehoach.documents.models import DocumentChannel
    from kehoach.documents.tests.factories import DocumentFactory
    from kehoach.execution.tests.plans.factories import PlanFactory

    # Given a reviewed document of branch a that uses social media, and a draft plan of branch a
    unit = two_branches.branch("a").unit
    doc = DocumentFactory(owner_unit=unit, status=DocumentStatus.REVIEWED)
    DocumentChannel.objects.create(document=doc, code=ChannelCode.SOCIAL, terms=["Facebook"])
    plan = PlanFactory(unit=unit)
    # And an editor of branch a who chose English
    client = _in_english(client, two_branches.user("a", Role.EDITOR))
    # When they open the document page
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    # Then its status badge and its channel are English (choice labels are translated)
    assert re.search(r'<span class="badge[^"]*">Approved</span>', html)
    assert ">Social media</li>" in html
    assert "Đã duyệt" not in html
    assert "Mạng xã hội" not in html
    # When they open the plan page
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    # Then its status badge is English too
    assert '<span class="badge">Draft</span>' in html
    assert '<span class="badge">Dự thảo</span>' not in html
