"""Job kinds: each domain registers the work it knows how to do in the background.

    # kehoach/paperwork/jobs.py
    @register("paperwork.pdf", label=_("Chuyển sang PDF"))
    def make_pdf(job: Job, progress: Progress) -> JobResult:
        progress(10, _("Đang dựng văn bản"))
        ...
        return JobResult(file=("ke-hoach.pdf", data, "application/pdf"))

A handler raises ``DomainError`` with a Vietnamese message when the work cannot be done; the job
then fails with that message and can be retried.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kehoach.core.exceptions import DomainError


class Progress(Protocol):
    def __call__(self, percent: int, step: str = "") -> None: ...


@dataclass(frozen=True)
class JobResult:
    """What a job produced: a page to go on to (``url``), the API resource it made
    (``api_url``) and/or a file (name, bytes, type)."""

    url: str = ""
    api_url: str = ""
    file: tuple[str, bytes, str] | None = None


Handler = Callable[[Any, Progress], JobResult]


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    handler: Handler


_KINDS: dict[str, JobKind] = {}


def register(name: str, *, label: Any) -> Callable[[Handler], Handler]:
    """Register ``handler`` as the job kind ``name`` (``<app>.<what>``)."""

    def decorate(handler: Handler) -> Handler:
        _KINDS[name] = JobKind(name=name, label=str(label), handler=handler)
        return handler

    return decorate


def kind_get(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise DomainError(f"Không có loại tác vụ nền “{name}”.") from None


def kind_label(name: str) -> str:
    kind = _KINDS.get(name)
    return kind.label if kind else name
