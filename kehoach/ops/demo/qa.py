"""Demo data of "Dân hỏi – Chính quyền trả lời": the desk of the provincial People's Committee's
office with four fields, questions from Đà Lạt's wards at every step (one received with a phone
number to mask, one routed, one overdue and escalated, one awaiting the head's approval, two
answered, one with a promise), and two livestream sessions. Idempotent: nothing is added when
the desk already has its fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from kehoach.organizations.models import Unit
from kehoach.qa.models import Field
from kehoach.qa.services.answers import answer_draft, answer_publish, answer_submit
from kehoach.qa.services.deadlines import questions_escalate_overdue
from kehoach.qa.services.fields import field_create
from kehoach.qa.services.questions import question_note, question_route, question_submit
from kehoach.qa.services.sessions import question_mark_on_air, session_create

FIELDS = [
    ("Giao thông, đô thị", 7, "P-XH"),
    ("Môi trường, vệ sinh", 7, "P-XH"),
    ("Đất đai, xây dựng", 10, "STNMT"),
    ("Văn hóa, du lịch", 7, "SVHTTDL"),
]


@transaction.atomic
def seed_demo_qa(*, stdout: Any) -> None:
    units = {
        u.code: u
        for u in Unit.objects.filter(
            code__in=["VP-UBND", "P-XH", "P-CL", "P-LV", "X-LD", "STNMT", "SVHTTDL", "UBND-LD"]
        )
    }
    desk = units["VP-UBND"]
    if Field.objects.filter(unit=desk).exists():
        stdout.write("Hỏi đáp mẫu: đã có, bỏ qua.")
        return
    fields = {
        name: field_create(
            actor=None, unit=desk, name=name, answer_days=days, default_agency=units[agency]
        )
        for name, days, agency in FIELDS
    }
    today = timezone.localdate()
    xh, cl, lv = units["P-XH"], units["P-CL"], units["P-LV"]
    traffic, env = fields["Giao thông, đô thị"], fields["Môi trường, vệ sinh"]

    question_submit(
        field=traffic,
        locality=cl,
        title="Ổ gà trên đường Hoàng Văn Thụ",
        text=(
            "Đoạn đường Hoàng Văn Thụ gần số 12 ngõ 34 có nhiều ổ gà, xe máy dễ ngã. Anh Hùng ở "
            "đầu ngõ (0912 345 678) đã phản ánh nhiều lần. Khi nào đường được sửa?"
        ),
        asker_name="Nguyễn Thị Lan",
        show_name=True,
        contact_email="lan.nguyen@example.vn",
    )
    routed = question_submit(
        field=env,
        locality=xh,
        text="Rác thải ở chân dốc Nguyễn Chí Thanh tồn đọng ba ngày chưa được thu gom.",
    )
    question_route(actor=None, question=routed, agency=xh, today=today)
    late = question_submit(
        field=traffic,
        locality=xh,
        text="Đèn chiếu sáng đường Trần Quốc Toản tắt từ đầu tháng, buổi tối rất tối.",
    )
    question_route(actor=None, question=late, agency=xh, today=today - dt.timedelta(days=21))
    question_note(actor=None, question=late, text="Đã gọi Công ty Điện lực, chờ thay bóng.")
    questions_escalate_overdue(today=today)
    waiting = question_submit(
        field=env,
        locality=xh,
        text="Cống thoát nước trước chợ Đà Lạt bốc mùi, đề nghị nạo vét trước mùa mưa.",
    )
    question_route(actor=None, question=waiting, agency=xh, today=today - dt.timedelta(days=2))
    answer_draft(
        actor=None,
        question=waiting,
        text="UBND phường đã giao Tổ dân phố kiểm tra; cống sẽ được nạo vét trong tuần tới.",
    )
    answer_submit(actor=None, question=waiting)
    past = session_create(
        actor=None,
        unit=desk,
        starts_at=timezone.now() - dt.timedelta(days=10),
        topic="Đối thoại về chỉnh trang đô thị Đà Lạt",
        leaders="Phó Chủ tịch UBND tỉnh; Chủ tịch UBND phường Xuân Hương",
        platform_url="https://www.facebook.com/ubndlamdong/live",
    )
    session_create(
        actor=None,
        unit=desk,
        starts_at=timezone.now() + dt.timedelta(days=7),
        topic="Dân hỏi – Chính quyền trả lời: môi trường và vệ sinh đô thị",
        leaders="Giám đốc Sở Tài nguyên và Môi trường",
        platform_url="https://www.youtube.com/@ubndlamdong/live",
    )
    for text, answer, promise, locality in (
        (
            "Vỉa hè đường Phan Đình Phùng bị lấn chiếm làm chỗ bán hàng, người đi bộ phải xuống lòng đường.",
            "UBND phường đã ra quân xử lý lấn chiếm vỉa hè và sẽ kiểm tra định kỳ hằng tuần.",
            None,
            xh,
        ),
        (
            "Cây thông cổ thụ ở hẻm 5 đường Hai Bà Trưng nghiêng, nguy cơ đổ khi mưa bão.",
            "Công ty Công viên cây xanh sẽ cắt tỉa, gia cố cây trước ngày hẹn dưới đây.",
            today + dt.timedelta(days=20),
            lv,
        ),
    ):
        q = question_submit(
            field=env if locality == lv else traffic, locality=locality, text=text, session=past
        )
        question_route(actor=None, question=q, agency=xh, today=today - dt.timedelta(days=6))
        answer_draft(actor=None, question=q, text=answer, promise_date=promise)
        answer_submit(actor=None, question=q)
        answer_publish(actor=None, question=q, signer_title="Phó Chủ tịch UBND phường Xuân Hương")
        question_mark_on_air(actor=None, question=q, stamp="0:18:40")
    stdout.write("Hỏi đáp mẫu: 4 lĩnh vực, 7 câu hỏi, 2 buổi trực tiếp (/hoi-dap/, /qa/).")
