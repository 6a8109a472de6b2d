"""The document page offers the official-format exports."""

import pytest
from django.urls import reverse

from kehoach.documents.tests.factories import DocumentFactory
from kehoach.organizations.choices import Role


@pytest.mark.django_db
def test_the_document_page_links_to_the_docx_and_pdf_exports(client, two_branches):
    # Given a document of branch A, read by one of its viewers
    doc = DocumentFactory(owner_unit=two_branches.a.unit, number="12", symbol="KH/ThUA")
    client.force_login(two_branches.user("a", Role.VIEWER))
    # When they open its page
    page = client.get(reverse("documents:detail", args=[doc.pk])).content.decode()
    # Then both exports are offered
    assert reverse("paperwork:document_docx", args=[doc.pk]) in page
    assert reverse("paperwork:document_pdf", args=[doc.pk]) in page
