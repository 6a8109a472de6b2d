"""Livestream sessions: created by the organising unit, questions collected before and during,
marked answered on air with the time in the recording, then answered in writing as usual."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from kehoach.audit.services import audit_record
from kehoach.core.exceptions import DomainError
from kehoach.core.validation import clean
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, require
from kehoach.qa.audit import QaAction
from kehoach.qa.models import LiveSession, Question

_STAMP = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")


@transaction.atomic
def session_create(
    *,
    actor: Any,
    unit: Unit,
    starts_at: dt.datetime,
    topic: str,
    leaders: str = "",
    platform_url: str = "",
) -> LiveSession:
    require(
        actor, Action.EDIT, unit, gettext("Bạn không có quyền tạo buổi trực tiếp cho đơn vị này.")
    )
    session = LiveSession(
        unit=unit,
        starts_at=starts_at,
        topic=(topic or "").strip()[:300],
        leaders=(leaders or "").strip()[:2000],
        platform_url=(platform_url or "").strip(),
    )
    clean(session)
    session.save()
    audit_record(actor=actor, action=QaAction.SESSION_CREATE, obj=session, unit=unit)
    return session


@transaction.atomic
def session_add_question(*, actor: Any, session: LiveSession, question: Question) -> Question:
    """Collect a question (asked before or during the broadcast) for the session."""
    require(actor, Action.EDIT, session.unit, gettext("Bạn không có quyền sửa buổi trực tiếp này."))
    require(
        actor,
        Action.EDIT,
        question.receiving_unit,
        gettext("Bạn không có quyền xử lý câu hỏi này."),
    )
    question.session = session
    question.save(update_fields=["session", "updated_at"])
    audit_record(actor=actor, action=QaAction.SESSION_ADD, obj=question, unit=session.unit)
    return question


def parse_stamp(text: str) -> str:
    """ "1:02:03" or "12:30" as hh:mm:ss; a DomainError otherwise."""
    m = _STAMP.match((text or "").strip())
    if not m:
        raise DomainError(
            gettext("Thời điểm trong bản ghi viết dạng giờ:phút:giây, ví dụ 0:12:30."),
            field="on_air_at",
        )
    h, mnt, s = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
    return f"{h}:{mnt:02d}:{s:02d}"


@transaction.atomic
def question_mark_on_air(*, actor: Any, question: Question, stamp: str) -> Question:
    """The question was answered on air at ``stamp`` of the recording."""
    if question.session is None:
        raise DomainError(gettext("Câu hỏi không thuộc buổi trực tiếp nào."))
    require(
        actor,
        Action.EDIT,
        question.session.unit,
        gettext("Bạn không có quyền sửa buổi trực tiếp này."),
    )
    value = parse_stamp(stamp)
    old = question.on_air_at
    question.on_air_at = value
    question.save(update_fields=["on_air_at", "updated_at"])
    audit_record(
        actor=actor,
        action=QaAction.QUESTION_ON_AIR,
        obj=question,
        unit=question.session.unit,
        changes={"on_air_at": [old or None, value]},
    )
    return question
