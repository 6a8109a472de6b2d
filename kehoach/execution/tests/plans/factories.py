"""Factories for plans, tasks and report templates; they go through the services."""

from __future__ import annotations

from typing import Any

import factory

from kehoach.execution.models.plans import Plan
from kehoach.execution.models.tasks import Task
from kehoach.execution.services.plans import plan_create
from kehoach.execution.services.tasks import task_create


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft plan created by ``plan_create`` as the system; pass ``unit``."""

    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Kế hoạch tuyên truyền số {n}")

    @classmethod
    def _create(cls, model_class: type[Plan], *args: Any, **kwargs: Any) -> Plan:
        return plan_create(actor=None, **kwargs)


class TaskFactory(factory.django.DjangoModelFactory):
    """A task created by ``task_create`` as the system; pass ``plan``."""

    class Meta:
        model = Task

    title = factory.Sequence(lambda n: f"Nhiệm vụ số {n}")

    @classmethod
    def _create(cls, model_class: type[Task], *args: Any, **kwargs: Any) -> Task:
        return task_create(actor=None, **kwargs)
