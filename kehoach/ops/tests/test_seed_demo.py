"""The demo seeder builds the world through the services and is idempotent."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from kehoach.accounts.models import User
from kehoach.audit.models import AuditEntry
from kehoach.organizations.models import Membership, Unit, UnitVersion
from kehoach.organizations.selectors import unit_list

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Unit.objects.count(),
        UnitVersion.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )


def test_given_an_empty_database_when_seeding_twice_then_the_second_run_adds_nothing(monkeypatch):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    audit = AuditEntry.objects.exclude(object_type__startswith="documents.").count()
    call_command("seed_demo", stdout=io.StringIO())

    assert _counts() == first
    assert AuditEntry.objects.exclude(object_type__startswith="documents.").count() == audit
    text = out.getvalue()
    for username in (
        "admin",
        "bientap.tu",
        "bientap.thanhuy",
        "baocao.chibo1",
        "xem.stttt",
        "baocao.stttt",
    ):
        assert username in text
    assert "kehoach2026" in text and "http://127.0.0.1:8000" in text
    # The study campaign: CB-P1 6 of 7 expected (one exempt, one excused), CB-P2 6 of 6,
    # CB-TTVH 5 people and no session yet: the Thành ủy at 12 / 18 = 66.7 %.
    from kehoach.training.models import Campaign, StudySession
    from kehoach.training.rollup import compute_rollup

    campaign = Campaign.objects.get()
    assert StudySession.objects.count() == 2 and "/training/campaigns/" in text
    root = compute_rollup(campaign, today=campaign.starts_on + dt.timedelta(days=10)).root
    assert (root.expected, root.attended, root.units_without_session) == (18, 12, 1)


def test_given_the_demo_world_then_seed_issuers_exist_and_branches_are_separate():
    call_command("seed_demo", stdout=io.StringIO())
    for abbreviation in ("TU", "ThU", "ĐUS", "STTTT", "BTCTU", "BTGDVTU"):
        assert Unit.objects.filter(abbreviation=abbreviation).exists(), abbreviation
    board = Unit.objects.get(code="BTGDVTU")
    assert board.name_at(dt.date(2024, 6, 16)) == "Ban Tuyên giáo Tỉnh ủy"
    assert board.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert Unit.objects.get(code="BDVTU").successor == board
    assert User.objects.get(username="admin").is_superuser
    editor_city = User.objects.get(username="bientap.thanhuy")
    viewer_dept = User.objects.get(username="xem.stttt")
    assert Unit.objects.get(code="STTTT") not in set(unit_list(user=editor_city))
    assert Unit.objects.get(code="CB-P1") not in set(unit_list(user=viewer_dept))
    assert User.objects.get(username="baocao.chibo1").check_password("kehoach2026")


def test_given_the_password_rules_then_every_demo_login_of_the_readme_passes_them():
    from django.contrib.auth.password_validation import validate_password

    from kehoach.ops.management.commands.seed_demo import DEMO_PASSWORD, USERS

    assert DEMO_PASSWORD == "kehoach2026"  # README's demo logins
    for username, full_name, _position, _unit, _role in USERS:
        validate_password(
            DEMO_PASSWORD,
            User(username=username, full_name=full_name, email=f"{username}@demo.kehoach.vn"),
        )


def test_given_the_demo_world_then_the_provinces_board_reads_the_whole_province_only():
    from kehoach.documents.selectors import document_list
    from kehoach.execution.selectors.plans import plan_list
    from kehoach.organizations.permissions import Action, can

    call_command("seed_demo", stdout=io.StringIO())
    board_editor = User.objects.get(username="bientap.tu")
    city = Unit.objects.get(code="ThU-DL")
    assert can(board_editor, Action.VIEW, city) and not can(board_editor, Action.EDIT, city)
    assert plan_list(user=board_editor).filter(unit=city).exists()
    assert document_list(user=board_editor).exists()
    assert not can(board_editor, Action.VIEW, Unit.objects.get(code="STTTT"))
