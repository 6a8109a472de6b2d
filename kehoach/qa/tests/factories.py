"""The Q&A world on top of the two branches: the communes people ask from, a field of each
branch's desk (the branch's head unit) answered by its child unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kehoach.organizations.choices import UnitKind
from kehoach.organizations.services import unit_create
from kehoach.organizations.testing import TwoBranches
from kehoach.qa.models import Field, Question
from kehoach.qa.services.fields import field_create
from kehoach.qa.services.questions import question_submit


@dataclass
class QaWorld:
    world: TwoBranches
    province: Any
    ward: Any
    commune: Any
    fields: dict[str, Field]

    def ask(self, branch: str = "a", text: str = "", **kwargs: Any) -> Question:
        return question_submit(
            field=self.fields[branch],
            locality=kwargs.pop("locality", self.ward),
            text=text or f"Đường vào khu dân cư nhánh {branch} bị ngập mỗi khi mưa, khi nào sửa?",
            **kwargs,
        )


def make_qa_world(world: TwoBranches, prefix: str = "") -> QaWorld:
    province = unit_create(
        actor=None,
        kind=UnitKind.PEOPLES_COMMITTEE,
        name=f"{prefix}Ủy ban nhân dân tỉnh Thử Nghiệm",
        code=f"{prefix}Q-UBT",
    )
    ward = unit_create(
        actor=None,
        kind=UnitKind.PEOPLES_COMMITTEE,
        name=f"{prefix}Ủy ban nhân dân phường Hòa Bình",
        code=f"{prefix}Q-P1",
        parent=province,
    )
    commune = unit_create(
        actor=None,
        kind=UnitKind.PEOPLES_COMMITTEE,
        name=f"{prefix}Ủy ban nhân dân xã Ia Thử",
        code=f"{prefix}Q-X1",
        parent=province,
    )
    fields = {
        b.name: field_create(
            actor=None,
            unit=b.unit,
            name=f"Giao thông, đô thị {b.name.upper()}",
            answer_days=7,
            default_agency=b.child,
        )
        for b in (world.a, world.b)
    }
    return QaWorld(world=world, province=province, ward=ward, commune=commune, fields=fields)


def png_bytes(size: int = 4) -> bytes:
    """A real (decodable) PNG: attachments are decoded and written again without metadata."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (size, size), "red").save(out, format="PNG")
    return out.getvalue()
