"""The public pages: no account, CSRF, honeypot, rate limits behind a proxy, no enumeration by
code, no contact detail anywhere, diacritic-insensitive search, public statistics."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kehoach.organizations.choices import Role
from kehoach.qa.codes import code_display
from kehoach.qa.models import ClientAttempt, Question
from kehoach.qa.services.answers import answer_draft, answer_publish, answer_submit
from kehoach.qa.services.questions import attachment_approve, question_route
from kehoach.qa.tests.factories import png_bytes

pytestmark = pytest.mark.django_db
PNG = png_bytes()
PHONE = "0912 345 678"
EMAIL = "nguoihoi.rieng@example.vn"


def _post(client, qa, **extra):
    headers = {k: extra.pop(k) for k in list(extra) if k.startswith("HTTP_")}
    data = {
        "field": qa.fields["a"].pk,
        "locality": qa.ward.pk,
        "text": f"Đèn đường ngõ 5 tắt cả tháng nay, nhà bên cạnh gọi {PHONE} không ai nghe",
        "contact_phone": "0987 000 111",
        "contact_email": EMAIL,
        "asker_name": "Nguyễn Văn Hỏi",
        "website": "",
        **extra,
    }
    return client.post(reverse("qa_public:ask"), data, **headers)


def _publish(qa, q):
    w = qa.world
    question_route(actor=None, question=q, agency=w.a.child)
    answer_draft(actor=None, question=q, text="Phường đã thay bóng đèn ngày 12/3.")
    answer_submit(actor=None, question=q)
    answer_publish(actor=w.a.users[Role.EDITOR], question=q, signer_title="Chủ tịch UBND phường")
    q.refresh_from_db()
    return q


def test_given_no_account_when_asking_then_the_thank_you_page_shows_the_code(client, qa):
    page = client.get(reverse("qa_public:ask"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Phường Hòa Bình" in html and "Xã Ia Thử" in html
    assert "Thành ủy Nhánh A" not in html  # only communes and wards are places
    response = _post(client, qa)
    assert response.status_code == 302
    q = Question.objects.get()
    thanks = client.get(response["Location"])
    assert code_display(q.code) in thanks.content.decode()
    assert PHONE not in q.public_text and PHONE in q.text


def test_the_ask_form_needs_its_csrf_token(qa):
    client = Client(enforce_csrf_checks=True)
    assert _post(client, qa).status_code == 403
    assert Question.objects.count() == 0


def test_given_a_filled_honeypot_then_nothing_is_stored(client, qa):
    response = _post(client, qa, website="http://spam.example")
    assert response.status_code == 400
    assert "Không gửi được" in response.content.decode()
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    "text", ["", "<script>alert(1)</script>", "x" * 6000, " ".join(["từ"] * 10000)]
)
def test_given_bad_text_then_a_vietnamese_message_and_nothing_stored(client, qa, text):
    response = _post(client, qa, text=text)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert Question.objects.count() == 0


def test_given_html_in_every_field_then_it_is_shown_escaped(client, qa):
    attack = "<img src=x onerror=alert(1)> đường hỏng lâu rồi chưa sửa"
    _post(client, qa, text=attack, title=attack, asker_name="<b>x</b>", show_name="on")
    q = _publish(qa, Question.objects.get())
    html = client.get(reverse("qa_public:detail", args=[q.pk])).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<b>x</b>" not in html


def test_given_a_disguised_file_then_the_form_says_so(client, qa):
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image at all" * 10)
    response = _post(client, qa, attachments=[fake])
    assert response.status_code == 400
    assert "không phải ảnh" in response.content.decode()
    assert Question.objects.count() == 0


def test_given_a_flood_from_one_address_then_it_is_stopped(client, qa, settings):
    settings.KEHOACH_QA_RATE_LIMITS = {"ask": (2, 3600)}
    for i in range(2):
        assert _post(client, qa, text=f"Câu hỏi số {i} về đèn đường ngõ năm").status_code == 302
    response = _post(client, qa, text="Câu hỏi thứ ba về đèn đường ngõ năm")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert Question.objects.count() == 2
    assert not ClientAttempt.objects.filter(address_key__contains="127.0.0.1").exists()
    from datetime import timedelta

    from django.utils import timezone

    from kehoach.qa.throttle import attempts_purge

    assert (
        attempts_purge(now=timezone.now() + timedelta(hours=2)) == 2
    )  # the refused one is not counted
    assert _post(client, qa, text="Câu hỏi sau một giờ về đèn đường").status_code == 302


def test_a_forged_forwarded_header_does_not_dodge_the_limit_without_a_trusted_proxy(
    client, qa, settings
):
    settings.KEHOACH_QA_RATE_LIMITS = {"ask": (1, 3600)}
    settings.KEHOACH_TRUSTED_PROXY_HEADER = ""
    assert _post(client, qa, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 302
    r = _post(client, qa, text="Câu hỏi khác về đèn ngõ năm", HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert r.status_code == 429


def test_behind_the_trusted_proxy_each_client_address_has_its_own_limit(client, qa, settings):
    settings.KEHOACH_QA_RATE_LIMITS = {"ask": (1, 3600)}
    settings.KEHOACH_TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    assert _post(client, qa, HTTP_X_REAL_IP="203.0.113.5").status_code == 302
    again = _post(client, qa, text="Câu hỏi khác về đèn ngõ năm", HTTP_X_REAL_IP="203.0.113.5")
    assert again.status_code == 429
    other = _post(client, qa, text="Câu hỏi thứ ba về đèn ngõ", HTTP_X_REAL_IP="203.0.113.6")
    assert other.status_code == 302


def test_a_wrong_and_a_malformed_code_get_the_same_answer(client, qa):
    q = qa.ask()
    wrong = "0" * 16 if q.code != "0" * 16 else "1" * 16
    pages = [
        client.post(reverse("qa_public:lookup"), {"code": c}).content.decode()
        for c in (wrong, "abc", "'; drop table qa_question; --")
    ]
    assert all("Không tìm thấy câu hỏi nào với mã này" in p for p in pages)
    # Only the form's own CSRF token differs between the pages.
    import re

    strip = [re.sub(r"[A-Za-z0-9]{64}", "", p) for p in pages]
    assert strip[0] == strip[1] == strip[2]


def test_looking_up_the_code_shows_the_status_and_never_the_contact(client, qa):
    _post(client, qa)
    q = Question.objects.get()
    page = client.post(reverse("qa_public:lookup"), {"code": code_display(q.code).lower()})
    html = page.content.decode()
    assert "Đã tiếp nhận" in html
    for secret in (PHONE, "0987 000 111", EMAIL, "Nguyễn Văn Hỏi"):
        assert secret not in html
    _publish(qa, q)
    html = client.post(reverse("qa_public:lookup"), {"code": q.code}).content.decode()
    assert "Phường đã thay bóng đèn" in html and "Chủ tịch UBND phường" in html
    assert PHONE not in html and EMAIL not in html
    response = client.post(
        reverse("qa_public:feedback"), {"code": q.code, "helped": "0", "follow_up": ""}
    )
    assert "Cảm ơn bạn" in response.content.decode()
    assert q.feedback.get().helped is False


def test_the_list_searches_without_diacritics_and_shows_only_published(client, qa):
    published = _publish(qa, qa.ask(text="Đèn chiếu sáng đường Lê Lợi bị hỏng"))
    waiting = qa.ask(text="Cây xanh đường Lê Lợi đổ chưa dọn")
    html = client.get(reverse("qa_public:list"), {"q": "den chieu sang le loi"}).content.decode()
    assert "Đèn chiếu sáng đường Lê Lợi" in html
    html = client.get(reverse("qa_public:list")).content.decode()
    assert "Cây xanh" not in html
    assert client.get(reverse("qa_public:detail", args=[waiting.pk])).status_code == 404
    assert client.get(reverse("qa_public:detail", args=[published.pk])).status_code == 200


def test_an_attachment_is_public_only_once_approved_and_the_question_published(client, qa):
    q = qa.ask(attachments=[SimpleUploadedFile("anh.png", PNG)])
    att = q.attachments.get()
    url = reverse("qa_public:attachment", args=[q.pk, att.pk])
    assert client.get(url).status_code == 404
    _publish(qa, q)
    assert client.get(url).status_code == 404
    attachment_approve(actor=None, attachment=att)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_the_public_statistics_show_the_on_time_rate(client, qa):
    _publish(qa, qa.ask())
    qa.ask(text="Một câu hỏi khác chưa trả lời về chợ")
    html = client.get(reverse("qa_public:statistics")).content.decode()
    assert 'id="qa-on-time-rate">100,0%' in html
    assert "Giao thông, đô thị A" in html


def test_the_list_pages_without_counting_everything(client, qa, monkeypatch):
    from kehoach.qa.views import public

    monkeypatch.setattr(public, "PAGE_SIZE", 1)
    older = _publish(qa, qa.ask(text="Câu hỏi cũ hơn về chợ phường"))
    newer = _publish(qa, qa.ask(text="Câu hỏi mới hơn về vỉa hè"))
    first = client.get(reverse("qa_public:list")).content.decode()
    assert "mới hơn" in first and "cũ hơn" not in first and "page=2" in first
    second = client.get(reverse("qa_public:list"), {"page": "2"}).content.decode()
    assert "cũ hơn" in second and "page=1" in second and "page=3" not in second
    assert older.pk != newer.pk
    assert client.get(reverse("qa_public:list"), {"page": "99999999"}).status_code == 200
