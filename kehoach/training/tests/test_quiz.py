"""The test after a session: the bank, the window, scoring, one attempt, who sees scores."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.choices import Role
from kehoach.training import quiz
from kehoach.training.choices import Mark
from kehoach.training.models import Attempt, Question
from kehoach.training.rollup import compute_rollup
from kehoach.training.services import attendance_mark
from kehoach.training.tests.helpers import campaign, roster, session

pytestmark = pytest.mark.django_db
AFTER = timezone.make_aware(dt.datetime(2026, 3, 10, 12, 0))  # the session ends at 11:00


@pytest.fixture
def world(two_branches):
    w = two_branches
    people = roster(w.a.child, 4, prefix="A")
    roster(w.b.child, 2, prefix="B")
    camp = campaign(w.root)
    s = session(camp, w.a.child)
    attendance_mark(actor=None, session=s, marks={m.pk: Mark.PRESENT for m in people})
    q1 = quiz.question_create(
        actor=None,
        campaign=camp,
        kind="single",
        text="Chỉ thị 27-CT/TW do cơ quan nào ban hành?",
        choices=[("Bộ Chính trị", True), ("Quốc hội", False), ("Chính phủ", False)],
    )
    q2 = quiz.question_create(
        actor=None,
        campaign=camp,
        kind="multiple",
        text="Những hình thức học tập nào được khuyến khích?",
        choices=[("Trực tiếp", True), ("Trực tuyến", True), ("Không học", False)],
    )
    q3 = quiz.question_create(
        actor=None,
        campaign=camp,
        kind="true_false",
        text="Chỉ tiêu là 98%.",
        choices=[("Đúng", True), ("Sai", False)],
    )
    q4 = quiz.question_create(
        actor=None,
        campaign=camp,
        kind="short",
        text="Viết tắt của Ban Chấp hành Trung ương?",
        answer_text="BCHTW\nBan Chấp hành Trung ương",
    )
    return w, camp, s, people, (q1, q2, q3, q4)


def right(q):
    return [c.pk for c in q.choices.all() if c.is_correct]


def take(s, member, answers, now=AFTER):
    return quiz.attempt_submit(
        token=s.checkin_token,
        member_code=member.member_code,
        full_name=member.full_name,
        answers=answers,
        address="10.1.1.1",
        now=now,
    )


def test_given_answers_then_scored_and_counted_once_per_campaign(world):
    _w, camp, s, people, (q1, q2, q3, q4) = world
    full = take(
        s,
        people[0],
        {q1.pk: right(q1), q2.pk: right(q2), q3.pk: right(q3), q4.pk: "ban chap hanh trung uong"},
    )
    assert (full.correct, full.total, full.passed) == (4, 4, True)
    # A multiple choice half right is wrong; 1 of 4 is under the 50 % pass mark.
    half = take(s, people[1], {q1.pk: right(q1), q2.pk: right(q2)[:1], q4.pk: "BCH"})
    assert (half.correct, half.passed) == (1, False)
    again = take(
        s, people[1], {q1.pk: right(q1), q2.pk: right(q2), q3.pk: right(q3), q4.pk: "BCHTW"}
    )
    assert again.already and again.correct == 1
    assert Attempt.objects.count() == 2
    r = compute_rollup(camp, today=dt.date(2026, 3, 20))
    assert (r.root.tested, r.root.passed, r.root.pass_rate) == (2, 1, Decimal("50.0"))
    stats = quiz.question_stats(camp)
    assert [(st.answered, st.right) for st in stats] == [(2, 2), (2, 1), (2, 1), (2, 1)]


def test_given_the_window_or_a_stranger_then_refused(world):
    _w, _camp, s, people, (q1, *_rest) = world
    with pytest.raises(DomainError, match="thời gian mở"):
        take(s, people[0], {q1.pk: right(q1)}, now=AFTER + dt.timedelta(hours=49))
    with pytest.raises(DomainError, match="thời gian mở"):
        take(s, people[0], {q1.pk: right(q1)}, now=AFTER - dt.timedelta(hours=3))
    stranger = type(people[0])(full_name="Người Lạ", member_code="ZZ")
    with pytest.raises(DomainError, match="không có trong danh sách"):
        take(s, stranger, {})
    assert not Attempt.objects.exists()


def test_given_bad_questions_then_refused_and_rights_checked(world):
    w, camp, _s, _people, _q = world
    for kind, choices, answer in (
        ("single", [("A", True), ("B", True)], ""),
        ("multiple", [("A", False), ("B", False)], ""),
        ("short", [], ""),
        ("single", [("A", True)], ""),
    ):
        with pytest.raises(DomainError):
            quiz.question_create(
                actor=None,
                campaign=camp,
                kind=kind,
                text="Câu?",
                choices=choices,
                answer_text=answer,
            )
    with pytest.raises(PermissionDenied):
        quiz.question_create(
            actor=w.user("a", Role.EDITOR),
            campaign=camp,
            kind="true_false",
            text="?",
            choices=[("Đúng", True), ("Sai", False)],
        )


def test_given_a_csv_then_every_bad_row_reported_and_nothing_saved(world):
    _w, camp, _s, _people, _q = world
    before = Question.objects.count()
    bad = "Loại;Câu hỏi;A;B;C;D;Đáp án\nmột đáp án;Câu 1?;x;y;;;E\nđúng sai;Câu 2?;;;;;Đúng\nvẽ hình;Câu 3?;;;;;\n"
    with pytest.raises(DomainError) as exc:
        quiz.questions_import(actor=None, campaign=camp, data=bad.encode())
    assert (
        "Dòng 2" in exc.value.message
        and "Dòng 4" in exc.value.message
        and "Dòng 3" not in exc.value.message
    )
    assert Question.objects.count() == before
    good = 'Loai,Cau hoi,A,B,C,Dap an\nnhieu dap an,Câu 5?,x,y,z,"A,C"\ntra loi ngan,Câu 6?,,,,Hà Nội\n'
    assert quiz.questions_import(actor=None, campaign=camp, data=good.encode()) == 2
    five = Question.objects.get(text="Câu 5?")
    assert [c.is_correct for c in five.choices.all()] == [True, False, True]


def test_given_roles_then_scores_only_for_the_units_own_officers(client, world):
    w, camp, s, people, (q1, *_rest) = world
    take(s, people[0], {q1.pk: right(q1)})
    url = reverse("training:session", args=[s.pk])
    client.force_login(w.a.child_reporter)
    own = client.get(url).content.decode()
    assert "Người Thứ A1" in own and "1/4" in own
    for user in (w.user("a", Role.ADMIN), w.root_admin):  # above the cell: counts only
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Đã làm bài: 1; đạt: 0." in page and "1/4" not in page
    client.force_login(w.user("a", Role.VIEWER))
    stats = client.get(reverse("training:questions", args=[camp.pk])).content.decode()
    assert 'data-testid="question-stats"' in stats and "Bộ Chính trị" not in stats


def test_given_the_public_test_page_then_taken_without_an_account(client, world, monkeypatch):
    _w, _camp, s, people, (q1, q2, q3, q4) = world
    monkeypatch.setattr(quiz.timezone, "now", lambda: AFTER)
    url = reverse("training:test", args=[s.checkin_token])
    page = client.get(url).content.decode()
    assert "Chỉ thị 27-CT/TW do cơ quan nào ban hành?" in page and f'name="q-{q2.pk}"' in page
    data = {
        "member_code": people[2].member_code,
        "full_name": "nguoi thu a3",
        f"q-{q1.pk}": right(q1),
        f"q-{q2.pk}": right(q2),
        f"q-{q3.pk}": right(q3),
        f"q-{q4.pk}": "bchtw",
    }
    done = client.post(url, data).content.decode()
    assert "đúng 4/4 câu" in done and "Đạt" in done
    assert client.get(reverse("training:test", args=["khong-co"])).status_code == 404
