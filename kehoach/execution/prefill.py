"""Figures other domains offer for a progress report's indicators (no retyping).

Execution sits below the domains that count things (training's study campaigns), so it cannot
ask them: they register a provider here (``register``, called from their ``AppConfig.ready``),
the way job kinds and audit labels are registered. The report form asks every provider for
suggestions and pre-fills the indicators the unit has not filled in yet, naming the source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    """A figure for one indicator: a value, and for a rate its denominator, with its source."""

    indicator_id: int
    value: int
    denominator: int | None
    source: str
    url: str = ""


Provider = Callable[..., list[Suggestion]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider ``(*, task, unit, period, indicators) -> list[Suggestion]``."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def suggestions(*, task: Any, unit: Any, period: Any, indicators: list[Any]) -> list[Suggestion]:
    """Every provider's suggestions for the report of ``unit`` on ``task`` in ``period``."""
    if not indicators:
        return []
    found: list[Suggestion] = []
    for provider in _PROVIDERS:
        found.extend(provider(task=task, unit=unit, period=period, indicators=indicators))
    return found
