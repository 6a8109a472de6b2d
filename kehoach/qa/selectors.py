"""Reads of the question-and-answer desk: the public's (published questions only, never the
contact details) and the officers' (scoped to the receiving desk and the agency answering)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.core.exceptions import NotFound
from kehoach.core.text import fold
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import (
    Action,
    collapse_paths,
    is_system_admin,
    scope_q,
    user_unit_paths,
)
from kehoach.qa.choices import OPEN_STATUSES, WAITING_STATUSES, QuestionStatus
from kehoach.qa.codes import code_normalise
from kehoach.qa.models import Answer, Field, LiveSession, Question

# --- localities: the communes and wards of the unit tree -------------------------------------
#
# The tree has no kind "commune": a commune or ward is its People's Committee, a unit of kind
# ``peoples_committee`` placed under another People's Committee (the province's, since the
# two-level local government of 2025).


def locality_queryset() -> QuerySet[Unit]:
    return (
        Unit.objects.active()
        .filter(kind=UnitKind.PEOPLES_COMMITTEE, parent__kind=UnitKind.PEOPLES_COMMITTEE)
        .order_by("name")
    )


def is_locality(unit: Unit) -> bool:
    return locality_queryset().filter(pk=unit.pk).exists()


def locality_label(unit: Unit) -> str:
    """ "Ủy ban nhân dân phường Xuân Hương" → "Phường Xuân Hương"."""
    name = unit.name
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            return rest[:1].upper() + rest[1:]
    return name


def public_fields() -> QuerySet[Field]:
    return Field.objects.filter(is_active=True).select_related("unit").order_by("name")


def upcoming_sessions(today: dt.date | None = None) -> QuerySet[LiveSession]:
    today = today or timezone.localdate()
    return LiveSession.objects.filter(starts_at__date__gte=today).order_by("starts_at")


# --- the public -------------------------------------------------------------------------------

PUBLIC_ANSWERS = Prefetch(
    "answers",
    queryset=Answer.objects.filter(published_at__isnull=False)
    .select_related("unit")
    .order_by("published_at", "pk"),
    to_attr="public_answers",
)


def public_question_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Question]:
    """Published questions, newest answer first, searched without diacritics."""
    f = filters or {}
    qs = Question.objects.published().select_related("field", "agency", "locality")
    if f.get("q"):
        for word in fold(str(f["q"]))[:200].split()[:8]:
            qs = qs.filter(search_text__contains=word)
    if f.get("field"):
        qs = qs.filter(field_id=f["field"])
    if f.get("agency"):
        qs = qs.filter(agency_id=f["agency"])
    if f.get("locality"):
        qs = qs.filter(locality_id=f["locality"])
    return qs.prefetch_related(PUBLIC_ANSWERS).order_by("-first_published_at", "-pk")


def public_question_get(*, question_id: int) -> Question:
    q = public_question_list().filter(pk=question_id).prefetch_related("attachments").first()
    if q is None:
        raise NotFound(gettext("Không tìm thấy câu hỏi."))
    return q


def question_by_code(*, code: str) -> Question | None:
    """The question a tracking code names (a merged one answers with its original), or None:
    the page then says the same thing for a wrong and a malformed code."""
    normal = code_normalise(code)
    if not normal:
        return None
    q = Question.objects.select_related("field", "agency", "locality", "duplicate_of").filter(
        code=normal
    )
    found = q.prefetch_related(PUBLIC_ANSWERS).first()
    return found


# --- officers ---------------------------------------------------------------------------------


def question_scope(user: Any, action: Action = Action.VIEW) -> Q:
    """The desk that received the question and the agency answering it (each with the units
    above them) read it."""
    return scope_q(user, field="receiving_unit", action=action) | scope_q(
        user, field="agency", action=action
    )


def question_list(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Question]:
    f = filters or {}
    qs = Question.objects.filter(question_scope(user)).select_related(
        "field", "agency", "locality", "receiving_unit"
    )
    if f.get("q") and code_normalise(str(f["q"])):
        qs = qs.filter(code=code_normalise(str(f["q"])))
    elif f.get("q"):
        for word in fold(str(f["q"]))[:200].split()[:8]:
            qs = qs.filter(search_text__contains=word)
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("field"):
        qs = qs.filter(field_id=f["field"])
    if f.get("agency"):
        qs = qs.filter(agency_id=f["agency"])
    return qs.order_by("-created_at", "-pk")


def desk_queue(*, user: Any) -> QuerySet[Question]:
    """Questions waiting for a desk where ``user`` may act: to classify, release, route."""
    return (
        Question.objects.filter(scope_q(user, field="receiving_unit", action=Action.EDIT))
        .filter(status=QuestionStatus.RECEIVED)
        .select_related("field", "locality", "similar_to")
        .order_by("held", "created_at", "pk")
    )


def agency_queue(*, user: Any) -> QuerySet[Question]:
    """Questions routed to agencies where ``user`` may draft answers, soonest deadline first."""
    return (
        Question.objects.filter(scope_q(user, field="agency", action=Action.REPORT))
        .filter(status__in=OPEN_STATUSES)
        .select_related("field", "locality", "agency")
        .order_by("due_date", "pk")
    )


def approval_queue(*, user: Any) -> QuerySet[Question]:
    """Answers awaiting the approval of an agency head (an editor or above of the agency)."""
    return (
        Question.objects.filter(scope_q(user, field="agency", action=Action.EDIT))
        .filter(status=QuestionStatus.AWAITING_APPROVAL)
        .select_related("field", "locality", "agency")
        .order_by("due_date", "pk")
    )


def overdue_list(*, user: Any, today: dt.date | None = None) -> QuerySet[Question]:
    today = today or timezone.localdate()
    return (
        Question.objects.filter(question_scope(user))
        .filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .select_related("field", "agency", "locality", "escalated_to")
        .order_by("due_date", "pk")
    )


def question_get(*, user: Any, question_id: int) -> Question:
    q = (
        Question.objects.filter(question_scope(user))
        .select_related(
            "field",
            "agency",
            "locality",
            "receiving_unit",
            "duplicate_of",
            "similar_to",
            "session",
            "escalated_to",
        )
        .prefetch_related(
            "attachments",
            Prefetch("transfers", queryset=_transfers()),
            Prefetch("notes", queryset=_notes()),
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("unit", "drafted_by", "approved_by"),
            ),
            "feedback",
        )
        .filter(pk=question_id)
        .first()
    )
    if q is None:
        raise NotFound(gettext("Không tìm thấy câu hỏi."))
    return q


def _transfers() -> QuerySet[Any]:
    from kehoach.qa.models import Transfer

    return Transfer.objects.select_related("from_unit", "to_unit", "by")


def _notes() -> QuerySet[Any]:
    from kehoach.qa.models import InternalNote

    return InternalNote.objects.select_related("by", "unit")


def agency_choices(question: Question) -> QuerySet[Unit]:
    """The agencies a desk picks from (never the whole tree): the question's commune or ward,
    the field's usual agency, the departments of the same tree, the units below the desk, and the agencies this
    desk has sent questions to before (open units only, a bounded list)."""
    ids: set[int] = {question.locality_id}
    if question.field.default_agency_id:
        ids.add(question.field.default_agency_id)
    if question.agency_id:
        ids.add(question.agency_id)
    ids.update(
        Question.objects.filter(receiving_unit_id=question.receiving_unit_id, agency__isnull=False)
        .values_list("agency_id", flat=True)
        .distinct()[:100]
    )
    root = "/" + question.receiving_unit.path.strip("/").split("/")[0] + "/"
    ids.update(
        Unit.objects.filter(
            Q(path__startswith=question.receiving_unit.path)
            | Q(kind=UnitKind.DEPARTMENT, path__startswith=root)
        )
        .values_list("pk", flat=True)
        .order_by("path")[:200]
    )
    return Unit.objects.active().filter(pk__in=sorted(ids)).order_by("path")


def current_draft(question: Question) -> Answer | None:
    """The unpublished answer being written (from the prefetched answers)."""
    drafts = [a for a in question.answers.all() if a.published_at is None]
    return drafts[-1] if drafts else None


def field_list(*, user: Any) -> QuerySet[Field]:
    return Field.objects.visible_to(user).select_related("unit", "default_agency")


def field_get(*, user: Any, field_id: int, action: Action = Action.VIEW) -> Field:
    f = Field.objects.visible_to(user, action).filter(pk=field_id).first()
    if f is None:
        raise NotFound(gettext("Không tìm thấy lĩnh vực."))
    return f


def session_list(*, user: Any) -> QuerySet[LiveSession]:
    """Sessions with their figures: questions collected, answered on air, answered in writing."""
    own = Q(questions__duplicate_of__isnull=True)
    return (
        LiveSession.objects.visible_to(user)
        .select_related("unit")
        .annotate(
            collected=Count("questions", filter=own, distinct=True),
            on_air=Count("questions", filter=own & ~Q(questions__on_air_at=""), distinct=True),
            written=Count(
                "questions",
                filter=own & Q(questions__first_published_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-starts_at")
    )


def session_get(*, user: Any, session_id: int) -> LiveSession:
    s = LiveSession.objects.visible_to(user).select_related("unit").filter(pk=session_id).first()
    if s is None:
        raise NotFound(gettext("Không tìm thấy buổi trực tiếp."))
    return s


def session_figures(session: LiveSession) -> dict[str, int]:
    row = Question.objects.filter(session=session, duplicate_of__isnull=True).aggregate(
        collected=Count("pk"),
        on_air=Count("pk", filter=~Q(on_air_at="")),
        written=Count("pk", filter=Q(first_answered_on__isnull=False)),
    )
    return {k: int(v or 0) for k, v in row.items()}


# --- statistics (counts and rates only) -------------------------------------------------------


ANSWERED = Q(first_answered_on__isnull=False)
ON_TIME = Q(first_answered_on__isnull=False, first_answered_on__lte=F("due_date"))


def _overdue(today: dt.date) -> Q:
    return Q(status__in=WAITING_STATUSES, due_date__lt=today)


def _counts(today: dt.date) -> dict[str, Any]:
    return {
        "received": Count("pk"),
        "answered": Count("pk", filter=ANSWERED),
        "on_time": Count("pk", filter=ON_TIME),
        "overdue": Count("pk", filter=_overdue(today)),
    }


def statistics(*, questions: QuerySet[Question], today: dt.date | None = None) -> dict[str, Any]:
    """Received, answered, answered on time (first answer on or before the due date), overdue,
    and the on-time rate: overall, by field, agency, locality and month. Every figure is a
    plain column comparison (``first_answered_on``, ``received_month``): no per-row function."""
    today = today or timezone.localdate()
    qs = questions.filter(duplicate_of__isnull=True).exclude(
        status=QuestionStatus.CLOSED, first_answered_on__isnull=True
    )
    rows: dict[str, list[dict[str, Any]]] = {}
    # Grouped by the foreign key alone, the names read afterwards for the few groups: joining
    # the names into the grouping made SQLite join 360,000 rows (7 s a table).
    for key, group, names in (
        ("field", "field_id", Field.objects.all()),
        ("agency", "agency_id", Unit.objects.all()),
        ("locality", "locality_id", Unit.objects.all()),
    ):
        found = list(qs.values(group).annotate(**_counts(today)).order_by(group))
        label = dict(
            names.filter(pk__in=[r[group] for r in found if r[group]]).values_list("pk", "name")
        )
        missing = gettext("Chưa chuyển cơ quan trả lời") if key == "agency" else ""
        named = [(r, label.get(r[group])) for r in found]
        named.sort(key=lambda pair: (pair[1] is None, fold(pair[1] or "")))
        rows[key] = [
            _row((_locality_name(name) if key == "locality" else name) if name else missing, r)
            for r, name in named
        ]
    months = qs.values("received_month").annotate(**_counts(today)).order_by("received_month")
    rows["month"] = [
        _row(r["received_month"].strftime("%m/%Y") if r["received_month"] else "", dict(r))
        for r in months
    ]
    # Every question has a field: the total is the sum of the field rows (no fifth scan).
    total: dict[str, Any] = {
        k: sum(r[k] for r in rows["field"]) for k in ("received", "answered", "on_time", "overdue")
    }
    total["on_time_rate"] = (
        round(100 * total["on_time"] / total["answered"], 1) if total["answered"] else None
    )
    return {"total": total, **rows}


def _locality_name(name: str) -> str:
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            return rest[:1].upper() + rest[1:]
    return name


def _row(label: str | None, r: dict[str, Any]) -> dict[str, Any]:
    answered = int(r["answered"] or 0)
    return {
        "label": label or gettext("Chưa phân loại"),
        "received": int(r["received"] or 0),
        "answered": answered,
        "on_time": int(r["on_time"] or 0),
        "overdue": int(r["overdue"] or 0),
        "on_time_rate": round(100 * int(r["on_time"] or 0) / answered, 1) if answered else None,
    }


PUBLIC_STATISTICS_SECONDS = 300


def public_statistics(today: dt.date | None = None) -> dict[str, Any]:
    """The statistics of every desk, computed at most every five minutes (the page says so):
    at province size they read hundreds of thousands of rows."""
    if today is not None:
        return statistics(questions=Question.objects.all(), today=today)
    key = f"qa:public-statistics:{timezone.localdate().isoformat()}"
    found = cache.get(key)
    if found is None:
        found = statistics(questions=Question.objects.all())
        cache.set(key, found, PUBLIC_STATISTICS_SECONDS)
    return found


def statistics_for(*, user: Any, today: dt.date | None = None) -> dict[str, Any]:
    """The statistics of the user's desks and agencies, cached five minutes per scope (the
    same subtrees give the same figures, whoever asks)."""
    if today is not None:
        return statistics(questions=Question.objects.filter(question_scope(user)), today=today)
    scope = "all" if is_system_admin(user) else ",".join(collapse_paths(user_unit_paths(user)))
    digest = hashlib.sha256(scope.encode()).hexdigest()[:32]
    key = f"qa:statistics:{timezone.localdate().isoformat()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = statistics(questions=Question.objects.filter(question_scope(user)))
        cache.set(key, found, PUBLIC_STATISTICS_SECONDS)
    return found
