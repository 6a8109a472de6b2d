"""Rules of the question-and-answer desk: submission, moderation, routing in working days,
transfer, answers approved once, feedback, escalation, statistics."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.notifications.models import Notification
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.services import unit_create
from kehoach.qa.choices import QuestionStatus
from kehoach.qa.codes import ALPHABET, code_display, code_normalise
from kehoach.qa.models import Question
from kehoach.qa.moderation import abusive_words, mask_personal_data
from kehoach.qa.selectors import question_by_code, question_list, statistics
from kehoach.qa.services.answers import (
    answer_draft,
    answer_publish,
    answer_return,
    answer_submit,
    question_feedback,
)
from kehoach.qa.services.deadlines import due_soon_items, questions_escalate_overdue
from kehoach.qa.services.questions import (
    question_classify,
    question_close,
    question_merge,
    question_release,
    question_route,
    question_transfer,
)
from kehoach.qa.services.sessions import question_mark_on_air, session_create
from kehoach.qa.tests.factories import png_bytes

pytestmark = pytest.mark.django_db

PNG = png_bytes()


def _answered(qa, question, actor_editor=None):
    w = qa.world
    question_route(actor=w.a.users[Role.EDITOR], question=question, agency=w.a.child)
    officer = w.a.child_reporter
    answer_draft(actor=officer, question=question, text="Thành phố sẽ sửa đường trong tháng tới.")
    answer_submit(actor=officer, question=question)
    return answer_publish(
        actor=actor_editor or w.a.users[Role.EDITOR],
        question=question,
        signer_title="Phó Chủ tịch UBND phường",
    )


# --- submission and moderation ----------------------------------------------------------------


def test_given_a_question_when_submitted_then_the_code_is_random_readable_and_the_desk_is_told(
    qa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        q = qa.ask()
    assert len(q.code) == 16 and set(q.code) <= set(ALPHABET)
    assert code_display(q.code).count("-") == 3
    assert code_normalise(code_display(q.code).lower()) == q.code
    assert q.status == QuestionStatus.RECEIVED and q.receiving_unit == qa.world.a.unit
    assert AuditEntry.objects.filter(action="qa_question.submit", object_id=str(q.pk)).exists()
    assert Notification.objects.filter(user=qa.world.a.users[Role.EDITOR]).exists()
    assert not Notification.objects.filter(user=qa.world.b.users[Role.EDITOR]).exists()
    assert qa.ask().code != q.code


@pytest.mark.parametrize("text", ["", "   ", "ngắn", "x " * 6000])
def test_given_an_empty_or_huge_question_then_it_is_refused_in_vietnamese_and_nothing_saved(
    qa, text
):
    with pytest.raises(DomainError) as exc:
        qa.ask(text=text or " ")
    assert "câu hỏi" in exc.value.message.lower() or "viết" in exc.value.message.lower()
    assert Question.objects.count() == 0


def test_given_a_unit_that_is_no_commune_then_the_locality_is_refused(qa):
    with pytest.raises(DomainError):
        qa.ask(locality=qa.world.a.unit)
    with pytest.raises(DomainError):
        qa.ask(locality=qa.province)


def test_given_a_disguised_or_big_file_then_the_question_is_refused_whole(qa, settings):
    settings.KEHOACH_QA_ATTACHMENT_MAX_BYTES = 1000
    fake = SimpleUploadedFile("anh.png", b"<script>alert(1)</script>" + b"x" * 50)
    with pytest.raises(DomainError, match="không phải ảnh"):
        qa.ask(attachments=[fake])
    big = SimpleUploadedFile("anh.png", PNG + b"\x00" * 2000)
    truncated = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(DomainError, match="Không đọc được ảnh"):
        qa.ask(attachments=[truncated])
    with pytest.raises(DomainError, match="lớn quá"):
        qa.ask(attachments=[big])
    assert Question.objects.count() == 0
    ok = qa.ask(attachments=[SimpleUploadedFile("anh.png", PNG)])
    (att,) = ok.attachments.all()
    assert att.content_type == "image/png" and not att.approved
    assert "anh" not in att.file.name  # a random name, not the sender's


def test_given_a_photo_with_gps_metadata_then_it_is_stored_without_it(qa):
    from io import BytesIO

    from PIL import Image

    img = Image.new("RGB", (8, 8), "blue")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (21.0, 2.0, 0.0)}  # GPSInfo: latitude
    raw = BytesIO()
    img.save(raw, format="JPEG", exif=exif)
    assert b"PhoneMaker" in raw.getvalue()
    q = qa.ask(attachments=[SimpleUploadedFile("IMG_0001.jpg", raw.getvalue())])
    stored = q.attachments.get().file.read()
    assert b"PhoneMaker" not in stored and stored[:2] == b"\xff\xd8"
    with Image.open(BytesIO(stored)) as back:
        assert not back.getexif()


def test_given_personal_data_of_third_parties_then_it_is_masked_and_the_original_kept(qa):
    text = (
        "Nhà ông Tuấn số 12 ngõ 34 phố Hàng Bạc, SĐT 0912 345 678, xe 29A-123.45, "
        "CCCD 001203004567, thư tuan.nv@gmail.com đổ rác ra đường mỗi tối."
    )
    q = qa.ask(text=text)
    for secret in (
        "0912 345 678",
        "29A-123.45",
        "001203004567",
        "tuan.nv@gmail.com",
        "số 12 ngõ 34",
    ):
        assert secret not in q.public_text
        assert secret in q.text
    assert set(q.masked_kinds) == {"phone", "plate", "id", "email", "address"}
    assert "đổ rác ra đường" in q.public_text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("gọi +84 912 345 678 nhé", "gọi *** nhé"),
        ("số 0263.3822.111 của phường", "số *** của phường"),
        ("CMND 123456789 cấp năm 2010", "CMND *** cấp năm 2010"),
        ("xe 51F 12345 đỗ", "xe *** đỗ"),
        ("ngân sách 1.234.567.890 đồng cho 120 hộ năm 2024", None),
        ("Đường Trần Phú xuống cấp", None),
    ],
)
def test_masking_of_each_kind(text, masked):
    out, _kinds = mask_personal_data(text)
    assert out == (masked or text)


def test_given_insults_then_the_question_is_held_not_refused_and_criticism_is_never_held(qa):
    held = qa.ask(text="Đồ ngu, cán bộ phường làm việc như vậy à, đường hỏng cả năm")
    assert held.held and held.status == QuestionStatus.RECEIVED
    critical = qa.ask(
        text="Chính quyền phường làm việc quá chậm, tôi rất bức xúc vì đường hỏng cả năm"
    )
    assert not critical.held
    assert abusive_words("đo cho chính xác con đường lớn") == []
    with pytest.raises(DomainError, match="kiểm duyệt"):
        question_route(actor=None, question=held, agency=qa.world.a.child)
    question_release(actor=qa.world.a.users[Role.EDITOR], question=held)
    held.refresh_from_db()
    assert not held.held


def test_given_the_same_text_twice_then_the_second_is_flagged_and_can_be_merged(qa):
    first = qa.ask(text="Khi nào sửa đường Trần Phú?")
    second = qa.ask(text="khi nao sua  duong TRAN PHU")
    assert second.similar_to == first
    elsewhere = qa.ask("b", text="Khi nào sửa đường Trần Phú?")
    assert elsewhere.similar_to is None  # another desk's question is never named
    question_merge(actor=qa.world.a.users[Role.EDITOR], question=second, into=first)
    second.refresh_from_db()
    assert second.duplicate_of == first and second.status == QuestionStatus.CLOSED
    _answered(qa, first)
    found = question_by_code(code=second.code)
    assert found is not None and found.duplicate_of == first


# --- routing, deadlines, transfer -------------------------------------------------------------


def test_given_a_question_routed_before_tet_2027_then_its_deadline_skips_the_holidays(qa):
    q = qa.ask()
    question_route(actor=None, question=q, agency=qa.world.a.child, today=dt.date(2027, 2, 3))
    q.refresh_from_db()
    # Tết 2027: 4–10 February off; 7 working days after Wed 3 Feb end on Fri 19 Feb (12 Feb
    # without the holidays).
    assert q.due_date == dt.date(2027, 2, 19)
    assert q.status == QuestionStatus.ROUTED and q.agency == qa.world.a.child


def test_given_a_field_of_ten_days_then_the_deadline_counts_ten_working_days(qa):
    f = qa.fields["a"]
    f.answer_days = 10
    f.save()
    q = qa.ask()
    question_route(actor=None, question=q, agency=qa.world.a.child, today=dt.date(2026, 12, 28))
    q.refresh_from_db()
    assert q.due_date == dt.date(2027, 1, 12)  # 1 January off, two weekends


def test_given_another_branchs_editor_then_routing_is_refused(qa):
    q = qa.ask()
    with pytest.raises(PermissionDenied):
        question_route(actor=qa.world.b.users[Role.EDITOR], question=q, agency=qa.world.b.unit)
    with pytest.raises(PermissionDenied):
        question_route(actor=qa.world.a.users[Role.REPORTER], question=q, agency=qa.world.a.child)


def test_given_a_transfer_then_the_reason_is_kept_and_the_deadline_restarts(qa):
    w = qa.world
    other_agency = unit_create(
        actor=None, kind=UnitKind.OFFICE, name="Phòng Quản lý đô thị", parent=w.a.unit
    )
    q = qa.ask()
    question_route(actor=None, question=q, agency=w.a.child, today=dt.date(2026, 3, 2))
    with pytest.raises(DomainError, match="lý do"):
        question_transfer(actor=w.a.users[Role.EDITOR], question=q, to_unit=other_agency, reason="")
    t = question_transfer(
        actor=w.a.users[Role.EDITOR],
        question=q,
        to_unit=other_agency,
        reason="Thuộc thẩm quyền quản lý đô thị",
        today=dt.date(2026, 3, 9),
    )
    q.refresh_from_db()
    assert t.from_unit == w.a.child and t.to_unit == other_agency
    assert q.agency == other_agency and q.due_date == dt.date(2026, 3, 18)
    assert AuditEntry.objects.filter(action="qa_question.transfer").count() == 1


def test_given_a_question_then_only_its_desk_and_agency_read_it(qa):
    w = qa.world
    q = qa.ask()
    question_route(actor=None, question=q, agency=w.a.child)
    assert list(question_list(user=w.a.child_reporter)) == [q]
    assert list(question_list(user=w.a.users[Role.VIEWER])) == [q]
    assert list(question_list(user=w.b.users[Role.ADMIN])) == []
    assert list(question_list(user=w.b.child_reporter)) == []


# --- answers ----------------------------------------------------------------------------------


def test_given_a_draft_then_the_head_publishes_it_with_title_and_date(qa):
    q = qa.ask(text="Gọi tôi 0987654321 để hỏi việc sửa đường Trần Phú", contact_email="a@b.vn")
    answer = _answered(qa, q)
    q.refresh_from_db()
    assert q.status == QuestionStatus.PUBLISHED and q.first_published_at is not None
    assert answer.approved_by == qa.world.a.users[Role.EDITOR]
    assert answer.signer_title == "Phó Chủ tịch UBND phường" and answer.unit == qa.world.a.child
    assert "0987654321" not in q.public_text


def test_given_an_officer_then_approving_is_refused_and_a_return_goes_back_to_drafting(qa):
    w = qa.world
    q = qa.ask()
    question_route(actor=None, question=q, agency=w.a.child)
    answer_draft(actor=w.a.child_reporter, question=q, text="Chúng tôi sẽ kiểm tra và trả lời.")
    answer_submit(actor=w.a.child_reporter, question=q)
    with pytest.raises(PermissionDenied):
        answer_publish(actor=w.a.child_reporter, question=q, signer_title="Chuyên viên")
    answer_return(actor=w.a.users[Role.EDITOR], question=q, reason="Cần nêu rõ thời hạn")
    q.refresh_from_db()
    assert q.status == QuestionStatus.DRAFTING


def test_given_a_published_answer_when_published_again_then_it_is_refused(qa):
    q = qa.ask()
    _answered(qa, q)
    with pytest.raises(DomainError, match="đã được công bố"):
        answer_publish(actor=qa.world.a.users[Role.EDITOR], question=q, signer_title="Chủ tịch")
    assert q.answers.filter(published_at__isnull=False).count() == 1


@pytest.mark.django_db(transaction=True)
def test_given_two_heads_publishing_at_once_then_the_answer_is_published_once(two_branches):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the conditional UPDATE is checked above")
    from kehoach.qa.tests.factories import make_qa_world

    qa = make_qa_world(two_branches)
    w = qa.world
    q = qa.ask()
    question_route(actor=None, question=q, agency=w.a.child)
    answer_draft(actor=w.a.child_reporter, question=q, text="Chúng tôi sẽ sửa trong tháng này.")
    answer_submit(actor=w.a.child_reporter, question=q)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def publish(user):
        barrier.wait()
        try:
            answer_publish(actor=user, question=q, signer_title="Chủ tịch")
            results.append("ok")
        except DomainError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=publish, args=(u,))
        for u in (w.a.users[Role.EDITOR], w.a.users[Role.ADMIN])
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert q.answers.filter(published_at__isnull=False).count() == 1


def test_given_feedback_with_a_follow_up_then_the_question_reopens_with_a_new_deadline(qa):
    q = qa.ask()
    _answered(qa, q)
    question_feedback(question=q, helped=False, follow_up="Đến nay vẫn chưa sửa, số 0912345678")
    q.refresh_from_db()
    assert q.status == QuestionStatus.ROUTED and q.reopened == 1 and q.due_date
    assert "0912345678" not in q.public_text
    with pytest.raises(DomainError):
        question_feedback(question=q, helped=True)


def test_given_a_closed_question_then_it_is_not_answered(qa):
    q = qa.ask(text="thử thử thử thử")
    question_close(actor=qa.world.a.users[Role.EDITOR], question=q, reason="Thư thử nghiệm")
    q.refresh_from_db()
    assert q.status == QuestionStatus.CLOSED
    with pytest.raises(DomainError):
        question_route(actor=None, question=q, agency=qa.world.a.child)


def test_given_a_field_of_another_desk_then_classifying_is_refused(qa):
    q = qa.ask()
    with pytest.raises(DomainError):
        question_classify(actor=None, question=q, field=qa.fields["b"])


# --- reminders and escalation -----------------------------------------------------------------


def test_given_an_overdue_question_then_it_escalates_once_to_the_agencys_superior(
    qa, django_capture_on_commit_callbacks
):
    w = qa.world
    head_of_superior = w.a.users[Role.EDITOR]
    q = qa.ask()
    question_route(actor=None, question=q, agency=w.a.child, today=dt.date(2026, 3, 2))
    q.refresh_from_db()
    assert due_soon_items(dt.date(2026, 3, 10))  # due 11 March: within two working days
    assert questions_escalate_overdue(today=dt.date(2026, 3, 11)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert questions_escalate_overdue(today=dt.date(2026, 3, 12)) == 1
    q.refresh_from_db()
    assert q.escalated_to == w.a.unit and q.escalated_at is not None
    assert Notification.objects.filter(user=head_of_superior, kind="overdue").exists()
    assert questions_escalate_overdue(today=dt.date(2026, 3, 13)) == 0


# --- statistics and livestream ----------------------------------------------------------------


def test_the_on_time_rate_counts_first_answers_on_or_before_the_deadline(qa):
    w = qa.world
    on_time, late, waiting = (
        qa.ask(),
        qa.ask(text="Câu hỏi thứ hai về chiếu sáng"),
        qa.ask(text="Câu hỏi thứ ba về cây xanh"),
    )
    for q in (on_time, late, waiting):
        question_route(actor=None, question=q, agency=w.a.child, today=dt.date(2026, 3, 2))
    _publish = answer_publish
    for q in (on_time, late):
        answer_draft(actor=None, question=q, text="Đã giao phường xử lý xong.")
        answer_submit(actor=None, question=q)
        _publish(actor=None, question=q, signer_title="Chủ tịch")
    Question.objects.filter(pk=late.pk).update(
        first_published_at=timezone.make_aware(dt.datetime(2026, 3, 20, 9)),
        first_answered_on=dt.date(2026, 3, 20),
    )
    Question.objects.filter(pk=on_time.pk).update(
        first_published_at=timezone.make_aware(dt.datetime(2026, 3, 11, 16)),
        first_answered_on=dt.date(2026, 3, 11),  # the due date itself: on time
    )
    stats = statistics(questions=Question.objects.all(), today=dt.date(2026, 3, 25))
    t = stats["total"]
    assert (t["received"], t["answered"], t["on_time"], t["overdue"]) == (3, 2, 1, 1)
    assert t["on_time_rate"] == 50.0
    (agency_row,) = stats["agency"]
    assert agency_row["on_time_rate"] == 50.0


def test_a_livestream_session_collects_and_marks_questions_answered_on_air(qa):
    w = qa.world
    s = session_create(
        actor=w.a.users[Role.EDITOR],
        unit=w.a.unit,
        starts_at=timezone.now() + dt.timedelta(days=3),
        topic="Chỉnh trang đô thị",
        platform_url="https://www.facebook.com/thanhpho/live",
    )
    q = qa.ask(session=s)
    assert q.session == s
    with pytest.raises(DomainError, match="giờ:phút:giây"):
        question_mark_on_air(actor=w.a.users[Role.EDITOR], question=q, stamp="mười hai phút")
    question_mark_on_air(actor=w.a.users[Role.EDITOR], question=q, stamp="12:30")
    q.refresh_from_db()
    assert q.on_air_at == "0:12:30"
    with pytest.raises(PermissionDenied):
        question_mark_on_air(actor=w.b.users[Role.EDITOR], question=q, stamp="1:00:00")
