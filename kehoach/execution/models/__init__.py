"""The execution domain's models, one module per sub-domain."""

from kehoach.execution.models.plans import Plan, PlanRequirement
from kehoach.execution.models.reports import (
    Evidence,
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ProgressSnapshot,
    ReportingPeriod,
    ReportTemplate,
)
from kehoach.execution.models.tasks import Task

__all__ = [
    "Evidence",
    "Indicator",
    "IndicatorSnapshot",
    "IndicatorTarget",
    "IndicatorValue",
    "Plan",
    "PlanRequirement",
    "ProgressReport",
    "ProgressSnapshot",
    "ReportTemplate",
    "ReportingPeriod",
    "Task",
]
