"""The public pages speak English once English is chosen (the catalogue carries the Q&A)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_ask_page_is_in_english_once_chosen(client, qa):
    client.post("/i18n/setlang/", {"language": "en", "next": "/hoi-dap/"})
    html = client.get(reverse("qa_public:ask")).content.decode()
    assert "Citizens ask – the government answers" in html
    assert "Your question" in html and "Ask a question" in html
