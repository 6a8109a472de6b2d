"""Every action code a service writes has a readable label; change keys are labelled too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string

from kehoach.audit.labels import action_label, action_labels
from kehoach.audit.models import AuditEntry
from kehoach.audit.services import audit_record

ROOT = Path(__file__).resolve().parents[2]  # kehoach/


def _written_actions() -> dict[str, str]:
    """Every ``action=`` passed to ``audit_record(...)`` in the code base, as written."""
    found: dict[str, str] = {}
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
                for part in ast.walk(kw.value):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found[repr(part.value)] = f"{path.relative_to(ROOT)}:{node.lineno}"
                    elif isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name):
                        found[f"{part.value.id}.{part.attr}"] = (
                            f"{path.relative_to(ROOT)}:{node.lineno}"
                        )
    return found


def test_every_action_written_anywhere_is_a_declared_code_with_a_label():
    # Given every action the services write (collected from the source)
    written = _written_actions()
    assert {"ExecutionAction.PLAN_ISSUE", "OrganizationAction.UNIT_CREATE"} <= written.keys()
    # Then none is a bare string: each is a member of its app's TextChoices
    assert [w for w in written if w.startswith("'")] == []
    # And every declared code resolves to a label, without importing any service module
    declared = {
        f"{cls.__name__}.{member.name}": member.value
        for config in apps.get_app_configs()
        if getattr(config, "audit_actions", None)
        for cls in [import_string(config.audit_actions)]
        for member in cls
    }
    assert set(written) <= set(declared)
    labels = action_labels()
    assert all(action_label(code) != code for code in declared.values())
    assert len(labels) == len(declared)


@pytest.mark.django_db
def test_a_plan_issue_entry_reads_in_vietnamese():
    # Given an entry like the one plans.issuing writes
    actor = get_user_model().objects.create_user(username="a", password="x")
    audit_record(
        actor=actor,
        action="plan.issue",
        obj=actor,
        unit=None,
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
        object_type="execution.evidence",
        changes={"kind": "photo", "name": "anh.png"},
    )
    # When the partial asks for the rows, Then both keys read in Vietnamese
    assert [str(label) for label, _old, _new in entry.change_rows()] == [
        "loại",
        "tệp hoặc đường dẫn",
    ]
