"""The sign-in sheet (DOCX) and the statistics (XLSX): names only for officers, no formulas."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook

from kehoach.audit.models import AuditEntry
from kehoach.organizations.choices import Role
from kehoach.organizations.models import Unit
from kehoach.training.choices import Mark
from kehoach.training.services import attendance_mark
from kehoach.training.tests.helpers import campaign, roster, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(two_branches):
    w = two_branches
    people = roster(w.a.child, 3, prefix="A")
    roster(w.b.child, 2, prefix="B")
    camp = campaign(w.root)
    s = session(camp, w.a.child, place="Hội trường", presenter="Đồng chí Bí thư")
    attendance_mark(
        actor=None, session=s, marks={people[0].pk: Mark.PRESENT, people[1].pk: Mark.EXCUSED}
    )
    return w, camp, s


def test_given_an_officer_then_the_sign_in_sheet_lists_the_expected_with_marks(client, world):
    w, _camp, s = world
    client.force_login(w.a.child_reporter)
    response = client.get(reverse("training:session_signin", args=[s.pk]))
    assert response.status_code == 200
    doc = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "DANH SÁCH" in text.upper() and "27-CT/TW" in text
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["STT", "Họ và tên", "Mã", "Điểm danh", "Ký tên"]
    assert cells[1][1:4] == ["Người Thứ A1", "A1", "Có mặt"] and cells[2][3] == "Vắng có lý do"
    assert (
        AuditEntry.objects.filter(action="training.signin_export", actor=w.a.child_reporter).count()
        == 1
    )


def test_given_a_viewer_then_no_sign_in_sheet(client, world):
    w, _camp, s = world
    client.force_login(w.user("a", Role.VIEWER))
    assert client.get(reverse("training:session_signin", args=[s.pk])).status_code == 404


def test_given_the_statistics_then_counts_of_the_visible_units_without_formulas(client, world):
    w, camp, _s = world
    Unit.objects.filter(pk=w.a.child.pk).update(name="=HYPERLINK(1)")
    client.force_login(w.user("a", Role.ADMIN))
    response = client.get(reverse("training:campaign_stats", args=[camp.pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[0] for r in rows] == [w.a.unit.name, "'=HYPERLINK(1)"]
    assert rows[1][2:6] == [3, 1, 1, 33.3]
    assert all("Nhánh B" not in str(r[0]) for r in rows)
