"""The campaigns' figures offered to the progress reports (``execution.prefill``).

A campaign tied to a plan's rate indicator fills that indicator in the report of every unit of
its subtree, for a period the campaign overlaps: numerator = attended, denominator = expected,
of the unit's whole subtree, counted as of the period's end (``rollup``).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.execution.choices import Aggregation
from kehoach.execution.prefill import Suggestion
from kehoach.training.models import Campaign
from kehoach.training.rollup import campaign_rollup


def campaign_suggestions(
    *, task: Any, unit: Any, period: Any, indicators: list[Any]
) -> list[Suggestion]:
    rate_ids = [ind.pk for ind in indicators if ind.aggregation == Aggregation.RATE]
    if not rate_ids:
        return []
    above = [int(p) for p in unit.path.strip("/").split("/") if p]
    campaigns = (
        Campaign.objects.filter(
            indicator_id__in=rate_ids,
            unit_id__in=above,
            starts_on__lte=period.end,
            deadline__gte=period.start,
        )
        .select_related("unit", "indicator")
        .order_by("-starts_on", "-id")
    )
    out: list[Suggestion] = []
    seen: set[int] = set()
    today = min(period.end, timezone.localdate())
    for campaign in campaigns:
        if campaign.indicator_id in seen:
            continue  # the latest campaign of an indicator wins
        # A closed campaign reports its frozen figures; an open one is counted at the period's end.
        rollup = campaign_rollup(campaign, today=today)
        row = rollup.rows.get(unit.pk)
        if row is None or not row.expected:
            continue
        seen.add(campaign.indicator_id or 0)
        out.append(
            Suggestion(
                indicator_id=campaign.indicator_id or 0,
                value=row.attended,
                denominator=row.expected,
                source=gettext("Đợt học tập “%(t)s”") % {"t": campaign.title},
                url=reverse("training:campaign", args=[campaign.pk]),
            )
        )
    return out
