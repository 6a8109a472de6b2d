"""Originals: random stored names, sent only to those who see the document, never as HTML."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from kehoach.documents.services import document_import_save, document_import_start, initial_data
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


def _register(user, content: bytes, filename: str):
    imp = document_import_start(actor=user, content=content, filename=filename)
    stored = imp.file.name
    doc = document_import_save(actor=user, document_import=imp, data=initial_data(imp, user=user))
    return imp, stored, doc


def test_an_uploaded_original_is_stored_under_a_random_name(two_branches, plan_a_text):
    editor = two_branches.user("a", Role.EDITOR)
    imp, stored, doc = _register(editor, plan_a_text.encode(), "Kế hoạch 121 (bản ký).txt")
    assert re.fullmatch(r"imports/\d{4}/\d{2}/[0-9a-f]{32}\.txt", stored), stored
    assert imp.original_name == "Kế hoạch 121 (bản ký).txt"
    f = doc.files.get()
    assert f.file.name == stored and f.original_name == "Kế hoạch 121 (bản ký).txt"


def test_the_owner_branch_downloads_it_as_an_attachment_and_the_other_branch_gets_404(
    client, two_branches, plan_a_text
):
    editor = two_branches.user("a", Role.EDITOR)
    _, stored, doc = _register(editor, plan_a_text.encode(), "121.txt")
    url = reverse("documents:file", args=[doc.pk, doc.files.get().pk])
    for role in ROLES:
        client.force_login(two_branches.user("a", role))
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="121.txt"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        client.force_login(two_branches.user("b", role))
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert client.get(f"/media/{stored}").status_code == 404


def test_an_html_original_is_downloaded_as_opaque_bytes(client, two_branches, plan_a_text):
    editor = two_branches.user("a", Role.EDITOR)
    body = "".join(f"<p>{html.escape(line)}</p>" for line in plan_a_text.splitlines())
    page = f"<!DOCTYPE html><html><head><title>x</title></head><body>{body}</body></html>"
    _, stored, doc = _register(editor, page.encode(), "ke-hoach.html")
    assert stored.endswith(".html")
    client.force_login(two_branches.user("a", Role.VIEWER))
    response = client.get(reverse("documents:file", args=[doc.pk, doc.files.get().pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
