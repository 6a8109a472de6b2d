"""API errors speak Vietnamese, DRF's own included (locale/vi and the exception handler)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def _detail(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def test_given_no_credentials_then_401_in_vietnamese(client):
    response = client.get("/api/units/")
    assert response.status_code == 401 and "Chưa đăng nhập" in _detail(response)


def test_given_a_bad_token_then_401_in_vietnamese(client):
    response = client.get("/api/units/", HTTP_AUTHORIZATION="Token sai")
    assert response.status_code == 401 and "Mã truy cập không hợp lệ" in _detail(response)


@pytest.mark.parametrize(
    ("method", "url", "body", "content_type", "status", "words"),
    [
        ("POST", "/api/units/", "{sai", "application/json", 400, "JSON hợp lệ"),
        ("POST", "/api/units/", "<a/>", "text/xml", 415, "không được hỗ trợ"),
        ("POST", "/api/units/", '{"kind": "x", "name": "A"}', "application/json", 400, "lựa chọn"),
        ("GET", "/api/units/?page=99", "", "application/json", 404, "Không có trang"),
        ("POST", "/api/documents/imports/", '{"file": "x"}', "application/json", 400, "không phải là tệp"),
        ("GET", "/api/jobs/00000000-0000-4000-8000-000000000000/", "", "application/json", 404, "Không tìm thấy"),
    ],
)  # fmt: skip
def test_given_bad_requests_then_the_errors_are_in_vietnamese(
    client, two_branches, method, url, body, content_type, status, words
):
    client.force_login(two_branches.superuser)
    response = client.generic(method, url, body, content_type=content_type)
    assert response.status_code == status
    assert words in _detail(response)
