"""Job kinds used by the tests of the jobs app itself (registered on import)."""

from __future__ import annotations

from typing import Any

from kehoach.core.exceptions import DomainError
from kehoach.jobs.registry import JobResult, Progress, register

RUNS: list[str] = []


@register("tests.echo", label="Thử: trả lại")
def echo(job: Any, progress: Progress) -> JobResult:
    RUNS.append(str(job.pk))
    progress(40, "Nửa đường")
    progress(80, "Sắp xong")
    if job.params.get("refuse"):
        raise DomainError("Không làm được việc này: thiếu dữ liệu.")
    if job.params.get("crash"):
        raise RuntimeError("a bug")
    if job.params.get("file"):
        return JobResult(file=("ket-qua.txt", b"xin chao", "text/plain"))
    return JobResult(url=job.params.get("url", "/plans/"))
