"""Training pages: names only to officers, the other branch never, forms through the services."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from docparse.tests.fixtures import TCVN3_ENCODE
from kehoach.audit.models import AuditEntry
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES
from kehoach.training.choices import Mark
from kehoach.training.models import Attendance, Campaign, Member, StudySession
from kehoach.training.services import attendance_mark, session_create
from kehoach.training.tests.helpers import campaign, roster, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(two_branches):
    w = two_branches
    people = {"a1": roster(w.a.child, 3, prefix="A"), "b1": roster(w.b.child, 2, prefix="B")}
    camp = campaign(w.root)
    sessions = {"a1": session(camp, w.a.child), "b1": session(camp, w.b.child)}
    return w, camp, people, sessions


def urls(camp, sess, unit, member):
    return [
        reverse("training:campaign", args=[camp.pk]) + f"?unit={unit.pk}",
        reverse("training:session", args=[sess.pk]),
        reverse("training:session_qr", args=[sess.pk]),
        reverse("training:roster", args=[unit.pk]),
        reverse("training:roster_export", args=[unit.pk, "csv"]),
        reverse("training:roster_import", args=[unit.pk]),
        reverse("training:member_edit", args=[member.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_given_any_role_of_branch_a_then_branch_b_pages_are_404(client, world, role):
    w, camp, people, s = world
    client.force_login(w.user("a", role))
    for url in urls(camp, s["b1"], w.b.child, people["b1"][0]):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Người Thứ B" not in response.content.decode()
    # The campaign itself (launched above both) is read by both branches, cut to their rows.
    page = client.get(reverse("training:campaign", args=[camp.pk])).content.decode()
    assert w.a.child.name in page and w.b.child.name not in page


def test_given_a_viewer_then_counts_without_names(client, world):
    w, _camp, _people, s = world
    client.force_login(w.user("a", Role.VIEWER))
    page = client.get(reverse("training:roster", args=[w.a.child.pk])).content.decode()
    assert "Người Thứ A1" not in page and 'data-testid="roster-expected">3<' in page
    page = client.get(reverse("training:session", args=[s["a1"].pk])).content.decode()
    assert "Người Thứ A1" not in page
    assert (
        client.get(reverse("training:roster_export", args=[w.a.child.pk, "csv"])).status_code == 404
    )


def test_given_the_cells_reporter_then_names_and_the_checklist(client, world):
    w, _camp, people, s = world
    client.force_login(w.a.child_reporter)
    url = reverse("training:session", args=[s["a1"].pk])
    page = client.get(url).content.decode()
    assert "Người Thứ A1" in page and 'name="m-' in page
    data = {f"m-{people['a1'][0].pk}": "present", f"m-{people['a1'][1].pk}": "excused"}
    assert client.post(url, data).status_code == 302
    marks = dict(Attendance.objects.filter(session=s["a1"]).values_list("member_id", "mark"))
    assert marks == {people["a1"][0].pk: Mark.PRESENT, people["a1"][1].pk: Mark.EXCUSED}
    # A member of B1 slipped into the form: nothing saved.
    bad = {**data, f"m-{people['b1'][0].pk}": "present", f"m-{people['a1'][2].pk}": "present"}
    client.post(url, bad)
    assert Attendance.objects.filter(session=s["a1"]).count() == 2


def test_given_an_editor_then_adding_and_editing_a_member(client, world):
    w, _camp, _people, _s = world
    client.force_login(w.user("a", Role.EDITOR))
    url = reverse("training:roster", args=[w.a.child.pk])
    client.post(url, {"full_name": "Trần Thị Mai", "member_code": "A1", "status": "official"})
    assert not Member.objects.filter(full_name="Trần Thị Mai").exists()  # code A1 taken
    response = client.post(
        url, {"full_name": "Trần Thị Mai", "member_code": "M9", "status": "probationary"}
    )
    assert response.status_code == 302
    mai = Member.objects.get(full_name="Trần Thị Mai")
    edit = reverse("training:member_edit", args=[mai.pk])
    client.post(
        edit,
        {
            "full_name": "Trần Thị Mai",
            "member_code": "M9",
            "status": "exempt",
            "version": mai.version,
        },
    )
    mai.refresh_from_db()
    assert mai.status == "exempt"


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "ds.xlsx"
    return out


def test_given_a_roster_file_with_errors_then_every_bad_row_reported_and_nothing_saved(
    client, world
):
    w, _camp, _people, _s = world
    client.force_login(w.user("a", Role.EDITOR))
    before = Member.objects.count()
    upload = _xlsx(
        [
            ["Họ và tên", "Mã đảng viên", "Tình trạng", "Vào danh sách từ"],
            ["Nguyễn Văn Hùng", "X1", "chính thức", "01/02/2025"],
            ["", "X2", "", ""],
            ["Lê Văn Dũng", "X1", "dự bị", ""],
            ["Phạm Thị Hoa", "X3", "nghỉ hưu", "31/02/2025"],
        ]
    )
    page = client.post(reverse("training:roster_import", args=[w.a.child.pk]), {"file": upload})
    text = page.content.decode()
    assert "Dòng 3: thiếu họ và tên" in text
    assert "Dòng 4: mã “X1” trùng với dòng 2" in text
    assert "Dòng 5" in text and "nghỉ hưu" in text and "31/02/2025" in text
    assert Member.objects.count() == before


def test_given_a_tcvn3_csv_then_names_are_converted_and_matched_without_diacritics(client, world):
    w, _camp, people, _s = world
    client.force_login(w.user("a", Role.EDITOR))
    name = "Nguyễn Văn Ân"
    legacy = "".join(TCVN3_ENCODE.get(c, c) for c in name)
    # The existing A1 is found by code; "nguoi thu a2" (no diacritics, no code) by name.
    csv_text = f"Ho va ten;Ma;Tinh trang\n{legacy};N1;mien sinh hoat\nNguoi Thu A1;A1;du bi\n"
    upload = io.BytesIO(csv_text.encode("latin-1"))
    upload.name = "ds.csv"
    response = client.post(reverse("training:roster_import", args=[w.a.child.pk]), {"file": upload})
    assert response.status_code == 302
    new = Member.objects.get(unit=w.a.child, member_code="N1")
    assert new.full_name == name and new.status == "exempt"
    a1 = Member.objects.get(pk=people["a1"][0].pk)
    assert a1.status == "probationary" and a1.full_name == "Nguoi Thu A1"
    assert Member.objects.filter(unit=w.a.child).count() == 4


def test_given_an_export_of_names_then_it_is_audited_and_reads_back(client, world):
    w, _camp, _people, _s = world
    Member.objects.filter(member_code="A1").update(full_name="=HYPERLINK(1)")
    client.force_login(w.a.child_reporter)
    response = client.get(reverse("training:roster_export", args=[w.a.child.pk, "xlsx"]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for c in ws["A"]]
    assert values[0] == "Họ và tên" and "'=HYPERLINK(1)" in values
    entry = AuditEntry.objects.get(action="training.roster_export")
    assert entry.actor_id == w.a.child_reporter.pk and entry.unit_id == w.a.child.pk


def test_given_an_editor_then_a_campaign_from_a_registry_document(client, two_branches):
    w = two_branches
    doc = DocumentFactory(owner_unit=w.a.unit, title="Chỉ thị về học tập", code="27-CT/TW")
    other = DocumentFactory(owner_unit=w.b.unit, title="Văn bản B", code="9-CT/TU")
    client.force_login(w.user("a", Role.EDITOR))
    url = reverse("training:campaign_new")
    assert "27-CT/TW" in client.get(url, {"q": "chi thi hoc tap"}).content.decode()
    assert client.get(url, {"document": other.pk}).status_code == 404
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "document": doc.pk,
            "unit": w.a.unit.pk,
            "starts_on": today.isoformat(),
            "deadline": (today + dt.timedelta(days=20)).isoformat(),
            "target_percent": "98",
        },
    )
    camp = Campaign.objects.get()
    assert response.status_code == 302 and camp.title == "Học tập, quán triệt 27-CT/TW"
    assert camp.document == doc and camp.target_percent == 98


def test_given_a_reporter_of_the_cell_then_a_session_and_the_qr(client, world):
    w, camp, _people, _s = world
    client.force_login(w.a.child_reporter)
    url = reverse("training:session_new", args=[camp.pk])
    form = client.get(url).content.decode()
    assert w.a.child.name in form and w.b.child.name not in form
    response = client.post(
        url,
        {
            "unit": w.a.child.pk,
            "held_on": "2026-03-12",
            "starts_at": "14:00",
            "ends_at": "16:00",
            "mode": "hybrid",
            "points": "Điểm cầu thôn 1; 12\nĐiểm cầu thôn 2",
            "is_makeup": "on",
        },
    )
    sess = StudySession.objects.get(held_on=dt.date(2026, 3, 12))
    assert response.status_code == 302 and sess.is_makeup
    assert [(p.name, p.headcount) for p in sess.points.all()] == [
        ("Điểm cầu thôn 1", 12),
        ("Điểm cầu thôn 2", 0),
    ]
    qr = client.get(reverse("training:session_qr", args=[sess.pk])).content.decode()
    assert "<svg" in qr and sess.checkin_token in qr


def test_given_the_public_check_in_page_then_no_account_is_needed(client, two_branches):
    w = two_branches
    people = roster(w.a.child, 2, prefix="Q")
    camp = campaign(w.root, starts_on=dt.date(2020, 1, 1), deadline=dt.date(2099, 1, 1))
    now = timezone.localtime()
    start = (now - dt.timedelta(minutes=10)).time().replace(microsecond=0)
    if start > now.time():  # just after midnight: keep the session on one day
        start = dt.time(0, 0)
    sess = session_create(
        actor=None,
        campaign=camp,
        unit=w.a.child,
        held_on=now.date(),
        starts_at=start,
        ends_at=dt.time(23, 59),
    )
    url = reverse("training:checkin", args=[sess.checkin_token])
    assert client.get(url).status_code == 200
    ok = client.post(url, {"member_code": "q1", "full_name": "nguoi thu q1"})
    assert ok.status_code == 200 and "Đã điểm danh: Người Thứ Q1" in ok.content.decode()
    refused = client.post(url, {"member_code": "Z9", "full_name": "Nguyễn Lạ"})
    assert refused.status_code == 400
    assert "không có trong danh sách" in refused.content.decode()
    assert Attendance.objects.filter(session=sess, mark=Mark.PRESENT).count() == 1
    assert client.get(reverse("training:checkin", args=["khong-co"])).status_code == 404
    attendance_mark(actor=None, session=sess, marks={people[1].pk: Mark.EXCUSED})


def test_given_the_dashboard_then_rates_and_units_without_session(client, two_branches):
    w = two_branches
    a = roster(w.a.unit, 1, prefix="H")
    a1 = roster(w.a.child, 4, prefix="C")
    roster(w.b.child, 2, prefix="B")
    camp = campaign(w.root)
    sess = session(camp, w.a.child)
    attendance_mark(actor=None, session=sess, marks={m.pk: Mark.PRESENT for m in a1[:3]})
    client.force_login(w.root_admin)
    page = client.get(reverse("training:campaign", args=[camp.pk])).content.decode()
    # Province: 3 / 7 = 42.9 %; B1 has people and no session.
    assert "42,9%" in page and "chưa tổ chức học" in page
    drill = client.get(reverse("training:campaign", args=[camp.pk]), {"unit": w.a.unit.pk})
    text = drill.content.decode()
    assert "60,0%" in text and "75,0%" in text and a[0].full_name not in text


def test_given_an_online_meeting_export_then_matched_reviewed_and_marked(client, world):
    w, _camp, people, s = world
    client.force_login(w.a.child_reporter)
    url = reverse("training:session_import", args=[s["a1"].pk])
    export = (
        "Name (Original Name),User Email,Join Time\n"
        "Nguoi Thu A1 - Chi bo A1,,08:01\n"
        "NGƯỜI THỨ A2,,08:02\n"
        "Nguoi Thu A1 - Chi bo A1,,08:30\n"
        "Khách mời,,08:05\n"
    )
    upload = io.BytesIO(export.encode())
    upload.name = "zoom.csv"
    page = client.post(url, {"file": upload}).content.decode()
    assert Attendance.objects.count() == 0  # reading saves nothing
    assert (
        "Khớp với danh sách: 2 người" in page and "Khách mời" in page and "1 dòng lặp lại" in page
    )
    chosen = [people["a1"][0].pk, people["a1"][1].pk, people["a1"][2].pk]  # A3 picked by hand
    assert client.post(url, {"confirm": "1", "member": chosen}).status_code == 302
    marks = Attendance.objects.filter(session=s["a1"])
    assert marks.count() == 3 and {m.source for m in marks} == {"import"}
    # Another branch's member slipped in: nothing more saved.
    client.post(url, {"confirm": "1", "member": [people["b1"][0].pk]})
    assert Attendance.objects.count() == 3
    client.force_login(w.user("a", Role.VIEWER))
    assert client.get(url).status_code == 404
