import pytest


@pytest.mark.django_db
def test_login_page_is_served_in_vietnamese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
