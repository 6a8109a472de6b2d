"""Agency letterheads: who may set them, which one a document uses, and that exports use it."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document

from kehoach.audit.models import AuditEntry
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.documents.tests.factories import DocumentFactory
from kehoach.organizations.choices import Role
from kehoach.paperwork.models import Letterhead
from kehoach.paperwork.selectors import letterhead_for
from kehoach.paperwork.services import letterhead_retire, letterhead_upload
from kehoach.paperwork.tests.conftest import SAMPLES_DIR
from kehoach.paperwork.tests.reading import open_docx

pytestmark = pytest.mark.django_db


def letterhead_docx(text: str) -> bytes:
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(actor, unit, text="TIÊU ĐỀ", system=""):
    return letterhead_upload(
        actor=actor,
        unit=unit,
        name=text,
        content=letterhead_docx(text),
        filename="mau.docx",
        system=system,
    )


def test_a_units_admin_sets_its_letterhead_and_it_is_audited(two_branches):
    admin = two_branches.user("a", Role.ADMIN)
    unit = two_branches.branch("a").unit
    letterhead = upload(admin, unit)
    assert letterhead.is_active and letterhead.file.name.endswith(".docx")
    entry = AuditEntry.objects.get(action="letterhead_upload")
    assert entry.actor == admin and entry.object_id == str(letterhead.pk)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REPORTER, Role.VIEWER])
def test_other_roles_may_not_set_a_letterhead(two_branches, role):
    with pytest.raises(PermissionDenied):
        upload(two_branches.user("a", role), two_branches.branch("a").unit)
    assert not Letterhead.objects.exists()


def test_another_branchs_admin_may_not_set_a_letterhead(two_branches):
    with pytest.raises(PermissionDenied):
        upload(two_branches.user("b", Role.ADMIN), two_branches.branch("a").unit)


def test_a_file_that_is_not_a_docx_or_a_zip_bomb_is_refused(two_branches):
    admin, unit = two_branches.user("a", Role.ADMIN), two_branches.branch("a").unit
    with pytest.raises(DomainError, match=r"không phải văn bản \.docx"):
        letterhead_upload(actor=admin, unit=unit, name="x", content=b"%PDF-1.4", filename="x.docx")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(DomainError, match="bom nén"):
        letterhead_upload(
            actor=admin, unit=unit, name="x", content=bomb.getvalue(), filename="x.docx"
        )
    assert not Letterhead.objects.exists()


def test_a_new_letterhead_retires_the_previous_one(two_branches):
    admin, unit = two_branches.user("a", Role.ADMIN), two_branches.branch("a").unit
    first = upload(admin, unit, "CŨ")
    second = upload(admin, unit, "MỚI")
    first.refresh_from_db()
    assert not first.is_active and second.is_active
    assert letterhead_for(unit=unit, system="party") == second


def test_the_nearest_unit_and_the_matching_system_win(two_branches, django_assert_num_queries):
    admin = two_branches.user("a", Role.ADMIN)
    branch = two_branches.branch("a")
    head_any = upload(admin, branch.unit, "CẤP TRÊN")
    assert letterhead_for(unit=branch.child, system="state") == head_any
    child_party = upload(admin, branch.child, "ĐẢNG", system="party")
    child_any = upload(admin, branch.child, "CHUNG")
    with django_assert_num_queries(1):
        assert letterhead_for(unit=branch.child, system="party") == child_party
    assert letterhead_for(unit=branch.child, system="state") == child_any
    letterhead_retire(actor=admin, letterhead=child_any)
    assert letterhead_for(unit=branch.child, system="state") == head_any
    assert letterhead_for(unit=two_branches.branch("b").unit, system="state") is None


def test_exported_documents_use_their_units_letterhead(client, two_branches):
    unit = two_branches.branch("a").unit
    upload(two_branches.user("a", Role.ADMIN), unit, "SỞ VĂN HÓA - ĐƯỜNG 30/4")
    parsed = json.loads((SAMPLES_DIR / "plan-party.json").read_text(encoding="utf-8"))
    doc = DocumentFactory(owner_unit=unit, number="12", symbol="KH/ĐU", parsed=parsed)
    client.force_login(two_branches.user("a", Role.VIEWER))
    url = reverse("paperwork:document_docx", args=[doc.pk])
    document = open_docx(client.get(url).content)
    assert document.sections[0].first_page_header.paragraphs[0].text == "SỞ VĂN HÓA - ĐƯỜNG 30/4"
    plain = open_docx(client.get(url, {"letterhead": "0"}).content)
    assert "ĐƯỜNG 30/4" not in "".join(
        p.text for p in plain.sections[0].first_page_header.paragraphs
    )


def test_the_command_sets_a_letterhead_for_a_unit_code(two_branches, tmp_path):
    unit = two_branches.branch("a").unit
    path = tmp_path / "mau.docx"
    path.write_bytes(letterhead_docx("TIÊU ĐỀ"))
    call_command("letterhead_upload", unit.code, str(path), "--system", "state")
    assert letterhead_for(unit=unit, system="state").name == "mau"
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("letterhead_upload", "NO-SUCH-UNIT", str(path))
    (tmp_path / "bad.docx").write_text("x")
    with pytest.raises(CommandError, match="Tệp mẫu"):
        call_command("letterhead_upload", unit.code, str(tmp_path / "bad.docx"))
