"""The test after each session: a question bank per campaign, a window after the session,
taken on a phone through the session's QR (no account), auto-scored, one attempt counted.

The line we keep: a test checks knowledge of the document's content (single, multiple choice,
true/false, short factual answers); nothing asks for or grades opinions. A person's answers and
score are shown to that person on submitting and to the officers of their own unit
(``can_see_scores``); above the unit only counts, pass rates and per-question statistics travel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.text import fold
from kehoach.organizations.permissions import Action, is_system_admin, require, user_unit_paths
from kehoach.training.audit import TrainingAction
from kehoach.training.choices import QuestionKind
from kehoach.training.models import (
    Attempt,
    Campaign,
    CheckinFailure,
    Choice,
    Member,
    Question,
    StudySession,
)
from kehoach.training.services import checkin_throttled, code_variants

MAX_QUESTIONS = 200
TRUE_FALSE = ("Đúng", "Sai")


def can_see_scores(user: Any, unit: Any) -> bool:
    """A person's score: the officers (reporter or more) of the member's own unit only."""
    if is_system_admin(user):
        return False  # administrators run the system; they are not the unit's officers
    return unit.path in user_unit_paths(user, Action.REPORT)


# --- the question bank ----------------------------------------------------------------------


def _check(kind: str, text: str, choices: list[tuple[str, bool]], answer_text: str) -> None:
    if kind not in QuestionKind.values:
        raise DomainError(_("Loại câu hỏi không hợp lệ."), field="kind")
    if not text.strip():
        raise DomainError(_("Cần nhập câu hỏi."), field="text")
    right = sum(1 for _t, ok in choices if ok)
    if kind == QuestionKind.SHORT:
        if not answer_text.strip():
            raise DomainError(_("Câu trả lời ngắn cần có đáp án."), field="answer_text")
        return
    if len(choices) < 2:
        raise DomainError(_("Cần ít nhất hai phương án trả lời."), field="choices")
    if any(not t.strip() for t, _ok in choices):
        raise DomainError(_("Phương án trả lời không được để trống."), field="choices")
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and right != 1:
        raise DomainError(_("Câu hỏi này phải có đúng một đáp án đúng."), field="choices")
    if kind == QuestionKind.MULTIPLE and right < 1:
        raise DomainError(_("Cần ít nhất một đáp án đúng."), field="choices")


def _create(
    campaign: Campaign,
    kind: str,
    text: str,
    choices: list[tuple[str, bool]],
    answer_text: str,
    position: int,
) -> Question:
    question = Question.objects.create(
        campaign=campaign,
        kind=kind,
        text=text.strip(),
        answer_text=answer_text.strip(),
        position=position,
    )
    Choice.objects.bulk_create(
        [
            Choice(question=question, text=t.strip()[:500], is_correct=ok, position=i)
            for i, (t, ok) in enumerate(choices)
        ]
    )
    return question


def _require_bank(actor: Any, campaign: Campaign) -> None:
    require(
        actor, Action.EDIT, campaign.unit, _("Bạn không có quyền soạn câu hỏi của đợt học tập này.")
    )
    if campaign.questions.count() >= MAX_QUESTIONS:
        raise DomainError(_("Mỗi đợt học tập có tối đa 200 câu hỏi."))


@transaction.atomic
def question_create(
    *,
    actor: Any,
    campaign: Campaign,
    kind: str,
    text: str,
    choices: list[tuple[str, bool]] | None = None,
    answer_text: str = "",
) -> Question:
    _require_bank(actor, campaign)
    if kind == QuestionKind.TRUE_FALSE and not choices:
        raise DomainError(_("Câu đúng / sai cần chọn đáp án đúng."), field="choices")
    choices = [] if kind == QuestionKind.SHORT else list(choices or [])
    _check(kind, text, choices, answer_text)
    question = _create(campaign, kind, text, choices, answer_text, campaign.questions.count() + 1)
    audit_record(
        actor=actor,
        action=TrainingAction.QUESTION_CREATE,
        obj=campaign,
        unit=campaign.unit,
        changes={"rows": [None, 1]},
    )
    return question


KIND_WORDS = {
    "mot dap an": QuestionKind.SINGLE,
    "mot": QuestionKind.SINGLE,
    "single": QuestionKind.SINGLE,
    "nhieu dap an": QuestionKind.MULTIPLE,
    "nhieu": QuestionKind.MULTIPLE,
    "multiple": QuestionKind.MULTIPLE,
    "dung sai": QuestionKind.TRUE_FALSE,
    "dung/sai": QuestionKind.TRUE_FALSE,
    "true_false": QuestionKind.TRUE_FALSE,
    "tra loi ngan": QuestionKind.SHORT,
    "ngan": QuestionKind.SHORT,
    "short": QuestionKind.SHORT,
}
LETTERS = "ABCDEF"


@transaction.atomic
def questions_import(*, actor: Any, campaign: Campaign, data: bytes) -> int:
    """CSV (UTF-8, "," or ";"): Loại; Câu hỏi; A … F; Đáp án ("B", "A,C", "Đúng", or the short
    answer). Every bad row reported in Vietnamese; any error saves nothing."""
    _require_bank(actor, campaign)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("Tệp câu hỏi phải là CSV mã hóa UTF-8.")) from None
    lines = text.splitlines()
    if not lines:
        raise DomainError(_("Tệp rỗng."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [fold(h) for h in rows[0]]
    try:
        i_kind = header.index("loai")
        i_text = header.index("cau hoi")
        i_key = header.index("dap an")
    except ValueError:
        raise DomainError(
            _("Thiếu cột: cần “Loại”, “Câu hỏi”, “Đáp án” và các cột phương án A, B, C, D.")
        ) from None
    letters = [(h.upper(), i) for i, h in enumerate(header) if h.upper() in LETTERS and len(h) == 1]
    errors: list[str] = []
    parsed: list[tuple[str, str, list[tuple[str, bool]], str]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue

        def cell(i: int, row: list[str] = row) -> str:
            return row[i].strip() if i < len(row) else ""

        kind = KIND_WORDS.get(fold(cell(i_kind)))
        key = cell(i_key)
        if kind is None:
            errors.append(
                _("Dòng %(l)s: loại câu hỏi “%(k)s” không hợp lệ.") % {"l": line, "k": cell(i_kind)}
            )
            continue
        options = [(letter, cell(i)) for letter, i in letters if cell(i)]
        choices: list[tuple[str, bool]] = []
        answer = ""
        if kind == QuestionKind.SHORT:
            answer = key
        elif kind == QuestionKind.TRUE_FALSE:
            value = fold(key)
            choices = [
                (TRUE_FALSE[0], value in ("dung", "d", "true")),
                (TRUE_FALSE[1], value in ("sai", "s", "false")),
            ]
        else:
            wanted = {k.strip().upper() for k in key.replace(";", ",").split(",") if k.strip()}
            unknown = wanted - {letter for letter, _t in options}
            if unknown or not wanted:
                errors.append(
                    _("Dòng %(l)s: đáp án “%(k)s” không khớp phương án nào.")
                    % {"l": line, "k": key}
                )
                continue
            choices = [(t, letter in wanted) for letter, t in options]
        try:
            _check(kind, cell(i_text), choices, answer)
        except DomainError as exc:
            errors.append(_("Dòng %(l)s: %(m)s") % {"l": line, "m": exc.message})
            continue
        parsed.append((kind, cell(i_text), choices, answer))
    if errors:
        raise DomainError(_("Tệp có lỗi, chưa lưu câu hỏi nào: ") + " ".join(errors))
    if not parsed:
        raise DomainError(_("Tệp không có câu hỏi nào."))
    start = campaign.questions.count()
    if start + len(parsed) > MAX_QUESTIONS:
        raise DomainError(_("Mỗi đợt học tập có tối đa 200 câu hỏi."))
    for n, (qkind, qtext, qchoices, qanswer) in enumerate(parsed, start=1):
        _create(campaign, qkind, qtext, qchoices, qanswer, start + n)
    audit_record(
        actor=actor,
        action=TrainingAction.QUESTION_CREATE,
        obj=campaign,
        unit=campaign.unit,
        changes={"rows": [None, len(parsed)]},
    )
    return len(parsed)


# --- taking the test ------------------------------------------------------------------------


def test_window(session: StudySession) -> tuple[dt.datetime, dt.datetime]:
    """From the end of the session for the campaign's ``test_hours``, local time."""
    opens = timezone.make_aware(
        dt.datetime.combine(session.held_on, session.ends_at)
    ) - dt.timedelta(minutes=30)
    return opens, opens + dt.timedelta(minutes=30, hours=session.campaign.test_hours)


def test_open(session: StudySession, now: dt.datetime) -> bool:
    opens, closes = test_window(session)
    return opens <= now <= closes and not session.campaign.is_closed


def paper(session: StudySession) -> list[tuple[Question, list[Choice]]]:
    """The questions with their options, shuffled the same way for everyone of the session."""
    questions = list(
        session.campaign.questions.prefetch_related("choices").order_by("position", "id")
    )
    out = []
    for q in questions:
        options = list(q.choices.all())
        random.Random(f"{session.checkin_token}:{q.pk}").shuffle(options)
        out.append((q, options))
    return out


@dataclass
class Score:
    correct: int
    total: int
    passed: bool
    already: bool = False


def _right(question: Question, choices: list[Choice], answer: Any) -> bool:
    if question.kind == QuestionKind.SHORT:
        accepted = {fold(a) for a in question.answer_text.splitlines() if a.strip()}
        return isinstance(answer, str) and fold(answer) in accepted
    wanted = {c.pk for c in choices if c.is_correct}
    given = {int(a) for a in answer} if isinstance(answer, list) else set()
    return given == wanted


def attempt_submit(
    *,
    token: str,
    member_code: str,
    full_name: str,
    answers: dict[int, Any],
    address: str,
    now: dt.datetime | None = None,
) -> Score:
    """Score a member's test (no account: code and name, as at check-in); one per campaign."""
    now = now or timezone.now()
    session = (
        StudySession.objects.select_related("campaign", "unit").filter(checkin_token=token).first()
    )
    if session is None:
        raise DomainError(_("Mã QR không hợp lệ hoặc không phải của buổi học này."))
    if checkin_throttled(session, address, now):
        raise DomainError(_("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút."))
    if not test_open(session, now):
        raise DomainError(_("Bài kiểm tra chỉ làm được trong thời gian mở sau buổi học."))
    questions = paper(session)
    if not questions:
        raise DomainError(_("Đợt học tập chưa có câu hỏi kiểm tra."))
    name_key = fold(full_name)
    member = next(
        (
            m
            for m in Member.objects.filter(
                unit__in=session.units.all(), member_code__in=code_variants(member_code)
            )
            .active_on(session.held_on)
            .order_by("id")
            if m.name_key == name_key and name_key
        ),
        None,
    )
    if member is None:
        CheckinFailure.objects.create(session=session, address=address[:45], at=now)
        raise DomainError(
            _(
                "Mã người học và họ tên không có trong danh sách của buổi học. Vui lòng báo với người điểm danh."
            )
        )
    existing = Attempt.objects.filter(campaign=session.campaign, person=member.person).first()
    if existing is not None:
        return Score(existing.correct, existing.total, existing.passed, already=True)
    results = {str(q.pk): _right(q, options, answers.get(q.pk)) for q, options in questions}
    correct = sum(results.values())
    total = len(questions)
    passed = correct * 100 >= session.campaign.pass_percent * total
    clean_answers = {str(k): v for k, v in answers.items() if k in {q.pk for q, _o in questions}}
    try:
        with transaction.atomic():
            Attempt.objects.create(
                campaign=session.campaign,
                session=session,
                member=member,
                person=member.person,
                correct=correct,
                total=total,
                passed=passed,
                answers=clean_answers,
                results=results,
            )
            audit_record(
                actor=None,
                action=TrainingAction.TEST_SUBMIT,
                obj=session,
                unit=session.unit,
                changes={"rows": [None, 1]},  # no name, no score above the unit
            )
    except IntegrityError:  # submitted twice at once
        existing = Attempt.objects.get(campaign=session.campaign, person=member.person)
        return Score(existing.correct, existing.total, existing.passed, already=True)
    return Score(correct, total, passed)


# --- statistics (counts and rates: seen by everyone who sees the campaign) --------------------


@dataclass
class QuestionStat:
    question: Question
    answered: int
    right: int

    @property
    def percent(self) -> float | None:
        return round(self.right * 100 / self.answered, 1) if self.answered else None


def question_stats(
    campaign: Campaign, *, unit_paths: list[str] | None = None
) -> list[QuestionStat]:
    """Per question, how many of the attempts got it right (attempts of the given subtrees)."""
    attempts = Attempt.objects.filter(campaign=campaign)
    if unit_paths is not None:
        q = Q(pk__in=[])
        for path in unit_paths:
            q |= Q(member__unit__path__startswith=path)
        attempts = attempts.filter(q)
    rows = list(attempts.values_list("results", flat=True))
    questions = list(campaign.questions.order_by("position", "id"))
    out = []
    for question in questions:
        key = str(question.pk)
        marks = [r[key] for r in rows if key in r]
        out.append(QuestionStat(question, len(marks), sum(1 for m in marks if m)))
    return out


def session_scores(session: StudySession) -> list[Attempt]:
    """The attempts of a session with the members (for the unit's own officers only)."""
    return list(session.attempts.select_related("member").order_by("member__name_key", "id"))


def session_test_counts(session: StudySession) -> dict[str, int]:
    data = session.attempts.aggregate(tested=Count("id"), passed=Count("id", filter=Q(passed=True)))
    return {"tested": data["tested"] or 0, "passed": data["passed"] or 0}
