"""The demo documents are imported through the service, linked by issuer name, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kehoach.documents.models import Document
from kehoach.ops.demo.documents import demo_sources, seed_demo_documents

pytestmark = pytest.mark.django_db


def test_seed_demo_imports_the_sources_once_and_links_issuers():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    sources = demo_sources()
    assert sources, "seeds or samples must exist"
    # The demo's plans issued in kehoach are registry documents too; the imported ones are the rest.
    imported = Document.objects.filter(plan__isnull=True)
    count = Document.objects.count()
    assert 0 < imported.count() <= len(sources)
    assert Document.objects.filter(issuer_unit__isnull=False).exists()
    from kehoach.accounts.models import User

    assert seed_demo_documents(actor=User.objects.get(username="admin"), stdout=io.StringIO()) == 0
    assert Document.objects.count() == count
