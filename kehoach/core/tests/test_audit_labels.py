"""Every action code a service writes has a readable label; change keys are labelled too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver

from kehoach.core.audit import ACTION_LABELS, action_label, audit_record
from kehoach.core.models import AuditEntry
from kehoach.organizations.tests.factories import UnitFactory

ROOT = Path(__file__).resolve().parents[2]  # kehoach/


def _written_action_codes() -> dict[str, str]:
    """Every string literal passed as ``action=`` to ``audit_record(...)`` in the code base."""
    codes: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "audit_record":
                continue
            for kw in node.keywords:
                if kw.arg != "action":
                    continue
                literals = [
                    c.value
                    for c in ast.walk(kw.value)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                ]
                assert literals, f"{path}:{node.lineno}: action is not a literal code"
                for code in literals:
                    codes.setdefault(code, f"{path.relative_to(ROOT)}:{node.lineno}")
    return codes


def test_every_action_code_written_anywhere_has_a_label():
    # Given every action code the services write (collected from the source)
    codes = _written_action_codes()
    assert {"plan.issue", "report.accept", "task.assign", "unit_create"} <= codes.keys()
    # When the site is loaded (the URLconf imports every app's views and services, as a request
    # does) and the codes are looked up in the registry
    get_resolver().url_patterns  # noqa: B018
    missing = {code: where for code, where in codes.items() if code not in ACTION_LABELS}
    # Then none falls back to the raw code
    assert missing == {}


@pytest.mark.django_db
def test_a_plan_issue_entry_reads_in_vietnamese():
    # Given an entry like the one plans.issuing writes
    unit = UnitFactory()
    actor = get_user_model().objects.create_user(username="a", password="x")
    audit_record(
        actor=actor,
        action="plan.issue",
        obj=unit,
        unit=unit,
        changes={"date": "2026-03-02", "requirements_linked": 2, "comment": "Bổ sung"},
    )
    entry = AuditEntry.objects.get(action="plan.issue")
    # When the partial asks for its labels
    rows = {label: new for label, _old, new in entry.change_rows()}
    # Then the action and the change keys are words, not codes
    assert action_label("plan.issue") == "Ban hành kế hoạch"
    assert rows == {
        "ngày ban hành": "02/03/2026",
        "số yêu cầu được đáp ứng": 2,
        "nhận xét": "Bổ sung",
    }


def test_a_field_without_a_verbose_name_takes_the_registered_label():
    # Given an evidence entry: Evidence.kind has only Django's default verbose name "kind"
    entry = AuditEntry(
        action="evidence.add",
        object_type="reports.evidence",
        changes={"kind": "photo", "name": "anh.png"},
    )
    # When the partial asks for the rows, Then both keys read in Vietnamese
    assert [str(label) for label, _old, _new in entry.change_rows()] == [
        "loại",
        "tệp hoặc đường dẫn",
    ]
