import pytest


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_the_user_chooses(client):
    # Given a browser that prefers English
    # When it opens the login page without having chosen a language
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    # Then the page is in Vietnamese
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_choosing_english_in_the_header_switches_the_interface(client):
    # Given the user picks English with the language switch
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    # When they open the login page
    response = client.get("/accounts/login/")
    # Then it is in English
    assert response.headers["Content-Language"] == "en"
