"""Worked examples of the training rules: rates from raw counts, exempt, excused, make-up,
transfer, frozen close; rights and refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations.choices import Role
from kehoach.training.choices import Mark, MarkSource
from kehoach.training.models import Attendance, Member
from kehoach.training.rollup import compute_rollup, session_figures
from kehoach.training.services import (
    attendance_mark,
    campaign_close,
    member_create,
    member_transfer,
    member_update,
    session_checkin,
    session_close,
)
from kehoach.training.tests.helpers import campaign, roster, session

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 20)


def present(sess, members, mark=Mark.PRESENT):
    attendance_mark(actor=None, session=sess, marks={m.pk: mark for m in members})


@pytest.fixture
def world(two_branches):
    """Province → A (4 people) → A1 (9 expected + 1 exempt); B → B1 (50 people)."""
    w = two_branches
    people = {
        "a": roster(w.a.unit, 4),
        "a1": roster(w.a.child, 10, exempt=1),
        "b1": roster(w.b.child, 50),
    }
    camp = campaign(w.root)
    s_a = session(camp, w.a.unit)
    s_a1 = session(camp, w.a.child)
    s_b1 = session(camp, w.b.child)
    present(s_a, people["a"])
    present(s_a1, people["a1"][:8])
    present(s_a1, [people["a1"][8]], Mark.EXCUSED)
    present(s_b1, people["b1"][:49])
    return w, camp, people, {"a": s_a, "a1": s_a1, "b1": s_b1}


def test_given_three_levels_then_each_rate_is_sum_attended_over_sum_expected(world):
    w, camp, _people, _s = world
    r = compute_rollup(camp, today=TODAY)
    a1, a, root = r.rows[w.a.child.pk], r.rows[w.a.unit.pk], r.rows[w.root.pk]
    # The exempt person of A1 is left out: 9 expected, 8 present, 1 excused.
    assert (a1.expected, a1.attended, a1.excused) == (9, 8, 1)
    assert a1.rate == Decimal("88.9")
    # A = A's own 4/4 + A1's 8/9 = 12/13, not the mean of 100 % and 88.9 %.
    assert (a.expected, a.attended) == (13, 12)
    assert a.rate == Decimal("92.3")
    # Province = 12/13 + 49/50 = 61/63 = 96.8 %; the mean of the three cells' rates is 95.6 %.
    assert (root.expected, root.attended) == (63, 61)
    assert root.rate == Decimal("96.8")
    assert root.below(camp.target) and not r.rows[w.b.child.pk].below(Decimal(98))
    # The branch heads B and the root have no roster of their own: not owed a session.
    assert root.units_without_session == 0


def test_given_an_excused_absence_then_a_make_up_session_lifts_the_rates_once(world):
    w, camp, people, _s = world
    excused = people["a1"][8]
    makeup = session(camp, w.a.child, day=18, is_makeup=True)
    present(makeup, [excused])
    # Marked present twice in the campaign (also at the make-up): still counted once.
    present(makeup, people["a1"][:3])
    r = compute_rollup(camp, today=TODAY)
    assert (r.rows[w.a.child.pk].attended, r.rows[w.a.child.pk].excused) == (9, 0)
    assert r.rows[w.a.child.pk].rate == Decimal("100.0")
    assert (r.root.expected, r.root.attended, r.root.rate) == (63, 62, Decimal("98.4"))
    assert not r.root.below(camp.target)


def test_given_an_exempt_member_then_not_expected_and_the_session_counts_agree(world):
    _w, _camp, people, s = world
    figures = session_figures(s["a1"])
    assert (figures.expected, figures.present, figures.excused) == (9, 8, 1)
    member_update(actor=None, member=people["a1"][0], fields={"status": "exempt"})
    assert session_figures(s["a1"]).expected == 8


def test_given_a_transfer_mid_campaign_then_the_person_counts_once_in_the_new_unit(world):
    w, camp, people, s = world
    mover = people["a1"][0]  # present at A1's session on 10/3
    moved = member_transfer(actor=None, member=mover, to_unit=w.b.child, on=dt.date(2026, 3, 15))
    assert moved.person == mover.person and moved.joined_on == dt.date(2026, 3, 15)
    mover.refresh_from_db()
    assert mover.left_on == dt.date(2026, 3, 14)
    r = compute_rollup(camp, today=TODAY)
    assert (r.rows[w.a.child.pk].expected, r.rows[w.a.child.pk].attended) == (8, 7)
    assert (r.rows[w.b.child.pk].expected, r.rows[w.b.child.pk].attended) == (51, 50)
    assert (r.root.expected, r.root.attended) == (63, 61)
    # The past session keeps who was expected where.
    assert session_figures(s["a1"]).expected == 9
    assert session_figures(s["b1"]).expected == 50


def test_given_a_closed_campaign_then_its_figures_are_frozen(world):
    w, camp, _people, _s = world
    campaign_close(actor=None, campaign=camp, today=TODAY)
    roster(w.a.child, 5, prefix="NEW")
    from kehoach.training.rollup import campaign_rollup

    camp.refresh_from_db()
    r = campaign_rollup(camp, today=TODAY)
    assert (r.root.expected, r.root.attended) == (63, 61)
    assert r.rows[w.a.unit.pk].rate == Decimal("92.3")
    with pytest.raises(DomainError, match="kết thúc"):
        session(camp, w.a.child, day=25)
    assert AuditEntry.objects.filter(action="training.campaign_close").count() == 1


def test_given_a_unit_with_people_and_no_session_then_it_is_flagged(two_branches):
    w = two_branches
    roster(w.a.child, 3)
    roster(w.b.child, 2)
    camp = campaign(w.root)
    s = session(camp, w.b.child)
    present(s, Member.objects.filter(unit=w.b.child))
    r = compute_rollup(camp, today=TODAY)
    assert r.rows[w.a.child.pk].sessions == 0
    assert r.rows[w.a.unit.pk].units_without_session == 1
    assert r.root.units_without_session == 1
    assert (r.root.expected, r.root.attended) == (5, 2)


def test_given_a_joint_session_then_both_rosters_are_expected(two_branches):
    w = two_branches
    a = roster(w.a.unit, 2)
    a1 = roster(w.a.child, 3)
    camp = campaign(w.a.unit)
    joint = session(camp, w.a.unit, joint_units=[w.a.child])
    assert session_figures(joint).expected == 5
    present(joint, a + a1[:2])
    r = compute_rollup(camp, today=TODAY)
    assert r.rows[w.a.child.pk].sessions == 1 and r.rows[w.a.child.pk].attended == 2
    assert (r.root.expected, r.root.attended) == (5, 4)


def test_given_a_closed_session_then_counts_are_frozen_and_marks_refused(world):
    w, _camp, people, s = world
    closed = session_close(actor=None, session=s["a1"])
    assert (closed.expected_count, closed.present_count, closed.excused_count) == (9, 8, 1)
    roster(w.a.child, 3, prefix="LATE")
    assert session_figures(closed).expected == 9
    with pytest.raises(DomainError, match="khóa"):
        present(closed, [people["a1"][8]])


def test_given_a_member_of_another_unit_then_marking_saves_nothing(world):
    _w, _camp, people, s = world
    before = Attendance.objects.count()
    with pytest.raises(DomainError, match="không thuộc danh sách"):
        attendance_mark(
            actor=None,
            session=s["a1"],
            marks={people["a1"][8].pk: Mark.PRESENT, people["b1"][49].pk: Mark.PRESENT},
        )
    assert Attendance.objects.count() == before
    assert Attendance.objects.get(session=s["a1"], member=people["a1"][8]).mark == Mark.EXCUSED


def test_given_roles_then_rights_follow_the_tree(two_branches):
    w = two_branches
    with pytest.raises(PermissionDenied):
        member_create(actor=w.user("a", Role.REPORTER), unit=w.a.child, full_name="X")
    with pytest.raises(PermissionDenied):
        member_create(actor=w.user("b", Role.ADMIN), unit=w.a.child, full_name="X")
    member_create(actor=w.user("a", Role.EDITOR), unit=w.a.child, full_name="Nguyễn Văn A")
    camp = campaign(w.root)
    # The cell's reporter holds its session; B's admin cannot hold one for A1.
    session(camp, w.a.child, actor=w.a.child_reporter)
    with pytest.raises(PermissionDenied):
        session(camp, w.a.child, actor=w.user("b", Role.ADMIN))
    with pytest.raises(PermissionDenied):
        campaign(w.a.unit, actor=w.user("a", Role.REPORTER))


def test_given_duplicate_codes_or_bad_dates_then_refused(two_branches):
    w = two_branches
    member_create(actor=None, unit=w.a.child, full_name="Lê Thị B", member_code="DV01")
    with pytest.raises(DomainError, match="DV01"):
        member_create(actor=None, unit=w.a.child, full_name="Lê Thị C", member_code="DV01")
    # The same code in another unit is fine.
    member_create(actor=None, unit=w.b.child, full_name="Lê Thị C", member_code="DV01")
    with pytest.raises(DomainError, match="Hạn hoàn thành"):
        campaign(w.root, deadline=dt.date(2026, 2, 1))
    with pytest.raises(DomainError, match="phạm vi"):
        session(campaign(w.a.unit), w.b.child)


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, day, hour, minute))


def test_given_the_qr_then_a_member_checks_in_once_by_code_and_name(world):
    _w, _camp, people, s = world
    token = s["a1"].checkin_token
    target = people["a1"][9]  # the exempt one may still come
    args = {"token": token, "address": "10.0.0.1", "now": _at(10, 9)}
    name = target.full_name.upper().replace("Ư", "U").replace("Ứ", "U")  # without diacritics
    result = session_checkin(member_code=target.member_code, full_name=name, **args)
    assert result.member_name == target.full_name and not result.already
    again = session_checkin(member_code=target.member_code, full_name=target.full_name, **args)
    assert again.already
    assert Attendance.objects.filter(member=target, source=MarkSource.CHECKIN).count() == 1
    with pytest.raises(DomainError, match="không có trong danh sách"):
        session_checkin(member_code="ZZ9", full_name="Người Lạ", **args)
    # The name must match the code.
    with pytest.raises(DomainError, match="không có trong danh sách"):
        session_checkin(member_code=target.member_code, full_name="Người Khác", **args)


def test_given_the_qr_outside_its_window_or_another_session_then_refused(world):
    _w, _camp, people, s = world
    m = people["a1"][8]
    for when in (_at(10, 7, 0), _at(10, 12, 0), _at(11, 9)):
        with pytest.raises(DomainError, match="thời gian diễn ra"):
            session_checkin(
                token=s["a1"].checkin_token,
                member_code=m.member_code,
                full_name=m.full_name,
                address="10.0.0.2",
                now=when,
            )
    # A1's member at B1's session: not on that roster.
    with pytest.raises(DomainError, match="không có trong danh sách"):
        session_checkin(
            token=s["b1"].checkin_token,
            member_code=m.member_code,
            full_name=m.full_name,
            address="10.0.0.2",
            now=_at(10, 9),
        )
    with pytest.raises(DomainError, match="không hợp lệ"):
        session_checkin(
            token="nope", member_code="1", full_name="x", address="10.0.0.2", now=_at(10, 9)
        )


def test_given_many_wrong_codes_from_one_address_then_throttled(world):
    _w, _camp, people, s = world
    m = people["a1"][0]
    args = {"token": s["a1"].checkin_token, "address": "10.9.9.9", "now": _at(10, 9)}
    for i in range(10):
        with pytest.raises(DomainError):
            session_checkin(member_code=f"X{i}", full_name="Đoán Mò", **args)
    with pytest.raises(DomainError, match="quá nhiều lần"):
        session_checkin(member_code=m.member_code, full_name=m.full_name, **args)
    # Another address is not held back.
    session_checkin(
        member_code=m.member_code,
        full_name=m.full_name,
        token=s["a1"].checkin_token,
        address="10.9.9.8",
        now=_at(10, 9),
    )


def test_given_a_session_closed_below_target_then_the_unit_and_its_superior_are_told(
    world, django_capture_on_commit_callbacks
):
    from kehoach.notifications.models import Notification

    w, _camp, _people, s = world
    with django_capture_on_commit_callbacks(execute=True):
        session_close(actor=None, session=s["a1"])  # 8/9 = 88.9 % < 98 %
        session_close(actor=None, session=s["a"])  # 4/4: nobody is told
    notices = Notification.objects.filter(kind="study_below")
    told = {n.user_id for n in notices}
    assert w.a.child_reporter.pk in told and w.user("a", Role.REPORTER).pk in told
    assert w.user("b", Role.ADMIN).pk not in told
    n = notices.first()
    assert "8/9 (88,9%)" in n.title and "học bù" in n.body and "makeup=1" in n.url
    assert "Người Thứ" not in n.title + n.body
