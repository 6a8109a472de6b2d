"""Build the demo world through the services: a province's Party committee, city committee,
cells, People's Committee and departments, mass organisations, users for every role; then the
demo documents. Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import importlib
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from kehoach.accounts.models import User
from kehoach.accounts.services import user_create
from kehoach.core.exceptions import DomainError
from kehoach.ops.demo.qa import seed_demo_qa
from kehoach.ops.demo.training import seed_demo_training
from kehoach.organizations.choices import AdvisoryScope, Role, UnitKind
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.services import (
    membership_grant,
    unit_advisory_set,
    unit_create,
    unit_merge,
    unit_update,
)

DEMO_PASSWORD = "kehoach2026"  # demo only; printed at the end
K = UnitKind

# (code, parent code, kind, name, short name, abbreviation)
UNITS: list[tuple[str, str | None, str, str, str, str]] = [
    ("LD", None, K.OTHER, "Tỉnh Lâm Đồng", "Lâm Đồng", "LĐ"),
    ("TU", "LD", K.PARTY_COMMITTEE, "Tỉnh ủy Lâm Đồng", "Tỉnh ủy", "TU"),
    ("BTGDVTU", "TU", K.PARTY_BOARD, "Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", "BTGTU"),
    ("BDVTU", "TU", K.PARTY_BOARD, "Ban Dân vận Tỉnh ủy", "Ban Dân vận", "BDVTU"),
    ("BTCTU", "TU", K.PARTY_BOARD, "Ban Tổ chức Tỉnh ủy", "Ban Tổ chức", "BTCTU"),
    ("VPTU", "TU", K.PARTY_BOARD, "Văn phòng Tỉnh ủy", "Văn phòng", "VPTU"),
    ("ThU-DL", "TU", K.PARTY_COMMITTEE, "Thành ủy Đà Lạt", "Thành ủy", "ThU"),
    (
        "BTGThU-DL",
        "ThU-DL",
        K.PARTY_BOARD,
        "Ban Tuyên giáo Thành ủy Đà Lạt",
        "Ban Tuyên giáo Thành ủy",
        "BTGThU",
    ),
    (
        "VPThU-DL",
        "ThU-DL",
        K.PARTY_BOARD,
        "Văn phòng Thành ủy Đà Lạt",
        "Văn phòng Thành ủy",
        "VPThU",
    ),
    ("CB-P1", "ThU-DL", K.PARTY_CELL, "Chi bộ Phường 1", "Chi bộ Phường 1", "CBP1"),
    ("CB-P2", "ThU-DL", K.PARTY_CELL, "Chi bộ Phường 2", "Chi bộ Phường 2", "CBP2"),
    (
        "CB-TTVH",
        "ThU-DL",
        K.PARTY_CELL,
        "Chi bộ Trung tâm Văn hóa - Thể thao và Truyền thông Thành phố",
        "Chi bộ Trung tâm VH-TT&TT",
        "CBTTVH",
    ),
    ("DUK", "TU", K.PARTY_COMMITTEE, "Đảng ủy Khối các cơ quan tỉnh", "Đảng ủy Khối", "ĐUK"),
    (
        "DUS-TNMT",
        "DUK",
        K.PARTY_COMMITTEE,
        "Đảng ủy Sở Tài nguyên và Môi trường",
        "Đảng ủy Sở",
        "ĐUS",
    ),
    (
        "CB-VPS-TNMT",
        "DUS-TNMT",
        K.PARTY_CELL,
        "Chi bộ Văn phòng Sở Tài nguyên và Môi trường",
        "Chi bộ Văn phòng Sở",
        "CBVPS",
    ),
    (
        "CB-DD-TNMT",
        "DUS-TNMT",
        K.PARTY_CELL,
        "Chi bộ Phòng Quản lý đất đai",
        "Chi bộ Phòng Đất đai",
        "CBĐĐ",
    ),
    (
        "CB-MT-TNMT",
        "DUS-TNMT",
        K.PARTY_CELL,
        "Chi bộ Chi cục Bảo vệ môi trường",
        "Chi bộ Chi cục BVMT",
        "CBMT",
    ),
    ("UBND-LD", "LD", K.PEOPLES_COMMITTEE, "Ủy ban nhân dân tỉnh Lâm Đồng", "UBND tỉnh", "UBND"),
    ("STTTT", "UBND-LD", K.DEPARTMENT, "Sở Thông tin và Truyền thông", "Sở TT&TT", "STTTT"),
    ("STTTT-VP", "STTTT", K.OFFICE, "Văn phòng Sở Thông tin và Truyền thông", "Văn phòng Sở", "VP"),
    (
        "STTTT-TTBCXB",
        "STTTT",
        K.OFFICE,
        "Phòng Thông tin - Báo chí - Xuất bản",
        "Phòng TT-BC-XB",
        "TTBCXB",
    ),
    (
        "STTTT-BCVT",
        "STTTT",
        K.OFFICE,
        "Phòng Bưu chính - Viễn thông và Công nghệ thông tin",
        "Phòng BCVT-CNTT",
        "BCVT",
    ),
    (
        "STTTT-TTCNTT",
        "STTTT",
        K.OFFICE,
        "Trung tâm Công nghệ thông tin và Truyền thông",
        "Trung tâm CNTT&TT",
        "TTCNTT",
    ),
    (
        "SVHTTDL",
        "UBND-LD",
        K.DEPARTMENT,
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VH-TT&DL",
        "SVHTTDL",
    ),
    ("STNMT", "UBND-LD", K.DEPARTMENT, "Sở Tài nguyên và Môi trường", "Sở TN&MT", "STNMT"),
    ("SNV", "UBND-LD", K.DEPARTMENT, "Sở Nội vụ", "Sở Nội vụ", "SNV"),
    # The desk of "Dân hỏi – Chính quyền trả lời" and the communes and wards people ask from
    # (a commune or ward is its People's Committee under the province's).
    ("VP-UBND", "UBND-LD", K.OFFICE, "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND", "VP"),
    (
        "P-XH",
        "UBND-LD",
        K.PEOPLES_COMMITTEE,
        "Ủy ban nhân dân phường Xuân Hương - Đà Lạt",
        "UBND phường Xuân Hương",
        "UBND",
    ),
    (
        "P-CL",
        "UBND-LD",
        K.PEOPLES_COMMITTEE,
        "Ủy ban nhân dân phường Cam Ly - Đà Lạt",
        "UBND phường Cam Ly",
        "UBND",
    ),
    (
        "P-LV",
        "UBND-LD",
        K.PEOPLES_COMMITTEE,
        "Ủy ban nhân dân phường Lâm Viên - Đà Lạt",
        "UBND phường Lâm Viên",
        "UBND",
    ),
    (
        "X-LD",
        "UBND-LD",
        K.PEOPLES_COMMITTEE,
        "Ủy ban nhân dân xã Lạc Dương",
        "UBND xã Lạc Dương",
        "UBND",
    ),
    (
        "MTTQ-LD",
        "LD",
        K.MASS_ORGANIZATION,
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng",
        "Mặt trận Tổ quốc tỉnh",
        "MTTQ",
    ),
    (
        "TDTN-LD",
        "LD",
        K.MASS_ORGANIZATION,
        "Tỉnh Đoàn Lâm Đồng (Đoàn Thanh niên Cộng sản Hồ Chí Minh)",
        "Tỉnh Đoàn",
        "TĐTN",
    ),
    # One seed plan comes from another province's People's Committee: it exists as its own root.
    (
        "UBND-HCM",
        None,
        K.PEOPLES_COMMITTEE,
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "UBND Thành phố",
        "UBND",
    ),
]

# The 2025 reform in miniature: the propaganda and mass-mobilisation boards were merged.
REFORM_DATE = dt.date(2025, 3, 1)

# (username, full name, position, unit code or None for the superuser, role)
USERS: list[tuple[str, str, str, str | None, str | None]] = [
    ("admin", "Quản trị hệ thống", "Quản trị hệ thống", None, None),
    ("quantri.tu", "Trần Văn Quản", "Chánh Văn phòng Tỉnh ủy", "TU", Role.ADMIN),
    (
        "bientap.tu",
        "Nguyễn Thị Biên",
        "Chuyên viên Ban Tuyên giáo và Dân vận",
        "BTGDVTU",
        Role.EDITOR,
    ),
    ("bientap.thanhuy", "Lê Văn Tập", "Chuyên viên Ban Tuyên giáo Thành ủy", "ThU-DL", Role.EDITOR),
    ("baocao.chibo1", "Phạm Thị Cáo", "Bí thư Chi bộ Phường 1", "CB-P1", Role.REPORTER),
    ("baocao.chibo2", "Ngô Văn Hai", "Bí thư Chi bộ Phường 2", "CB-P2", Role.REPORTER),
    (
        "baocao.ttvh",
        "Bùi Thị Thu",
        "Phó Bí thư Chi bộ Trung tâm VH-TT&TT",
        "CB-TTVH",
        Role.REPORTER,
    ),
    ("quantri.ubnd", "Hoàng Văn Trị", "Chánh Văn phòng UBND tỉnh", "UBND-LD", Role.ADMIN),
    ("xem.stttt", "Võ Thị Xem", "Chuyên viên Sở Thông tin và Truyền thông", "STTTT", Role.VIEWER),
    ("baocao.stttt", "Đặng Văn Báo", "Văn thư Văn phòng Sở", "STTTT-VP", Role.REPORTER),
    ("tiepnhan.ubnd", "Lý Thị Nhận", "Chuyên viên Văn phòng UBND tỉnh", "VP-UBND", Role.EDITOR),
    ("traloi.xuanhuong", "Đinh Văn Lời", "Công chức UBND phường Xuân Hương", "P-XH", Role.REPORTER),
    (
        "lanhdao.xuanhuong",
        "Trương Thị Duyệt",
        "Phó Chủ tịch UBND phường Xuân Hương",
        "P-XH",
        Role.EDITOR,
    ),
]


# What each login can try in the demo (the last column of the printed table).
TRY = {
    "admin": "mọi trang, quản trị",
    "quantri.tu": "bảng điều hành toàn tỉnh, đơn vị, người dùng",
    "bientap.tu": "nhập, tra cứu văn bản; đọc kế hoạch, văn bản toàn tỉnh (cơ quan tham mưu)",
    "bientap.thanhuy": "lập, ban hành kế hoạch; duyệt báo cáo; theo dõi ban hành",
    "baocao.chibo1": "việc của tôi; sửa báo cáo bị trả lại",
    "baocao.chibo2": "báo cáo chờ duyệt; nhắc hạn",
    "baocao.ttvh": "báo cáo quá hạn; nộp báo cáo",
    "quantri.ubnd": "đơn vị, người dùng của UBND tỉnh",
    "xem.stttt": "xem văn bản, kế hoạch",
    "baocao.stttt": "việc của tôi; nộp báo cáo",
    "tiepnhan.ubnd": "hỏi đáp: tiếp nhận, chuyển câu hỏi của người dân (/qa/)",
    "traloi.xuanhuong": "hỏi đáp: soạn trả lời, trình duyệt",
    "lanhdao.xuanhuong": "hỏi đáp: duyệt và công bố trả lời",
}


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu (đơn vị, người dùng, văn bản) qua các dịch vụ; chạy lại không tạo trùng."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The seeder's own jobs (the notices' e-mails) run as it goes, so that what they print
        # comes before the logins, which are the last thing on the screen.
        with override_settings(KEHOACH_JOBS_RUNNER="eager"):
            self._seed()

    def _seed(self) -> None:
        try:
            with transaction.atomic():
                created_units = self._units()
                created_users, admin = self._users()
        except DomainError as exc:
            raise CommandError(f"Không tạo được dữ liệu mẫu: {exc.message}") from exc
        self.stdout.write(
            f"Đơn vị: {created_units} mới, {Unit.objects.count()} tổng. "
            f"Người dùng: {created_users} mới, {User.objects.count()} tổng."
        )
        self._documents(admin)
        self._execution(admin)
        self._training()
        self._qa()
        self._print_logins()

    def _units(self) -> int:
        by_code = {u.code: u for u in Unit.objects.filter(code__in=[c for c, *_ in UNITS])}
        created = 0
        for code, parent_code, kind, name, short_name, abbreviation in UNITS:
            if code in by_code:
                continue
            parent = by_code[parent_code] if parent_code else None
            by_code[code] = unit_create(
                actor=None,
                kind=kind,
                name=name,
                short_name=short_name,
                abbreviation=abbreviation,
                code=code,
                parent=parent,
                valid_from=dt.date(2000, 1, 1),
            )
            created += 1
        board = by_code["BTGDVTU"]
        if board.name == "Ban Tuyên giáo Tỉnh ủy":
            unit_update(
                actor=None,
                unit=board,
                on=REFORM_DATE,
                name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
                short_name="Ban Tuyên giáo và Dân vận",
                abbreviation="BTGDVTU",
                note="Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy",
            )
        mass = Unit.objects.get(pk=by_code["BDVTU"].pk)
        if mass.valid_to is None:
            unit_merge(actor=None, unit=mass, into=board, on=REFORM_DATE)
        # The board steers the province's communication work: it reads the whole province.
        unit_advisory_set(actor=None, unit=board, scope=AdvisoryScope.VIEW)
        return created

    def _users(self) -> tuple[int, User]:
        created = 0
        units = {u.code: u for u in Unit.objects.filter(code__in=[u[3] for u in USERS if u[3]])}
        for username, full_name, position, unit_code, role in USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=username,
                    password=DEMO_PASSWORD,
                    full_name=full_name,
                    position=position,
                    email=f"{username}@demo.kehoach.vn",
                    is_superuser=unit_code is None,
                )
                created += 1
            if unit_code and role:
                unit = units[unit_code]
                if not Membership.objects.filter(user=user, unit=unit).exists():
                    membership_grant(actor=None, user=user, unit=unit, role=role)
        return created, User.objects.get(username="admin")

    def _documents(self, admin: User) -> None:
        try:
            module = importlib.import_module("kehoach.ops.demo.documents")
        except ModuleNotFoundError as exc:
            if exc.name and "kehoach.documents" in exc.name:
                self.stdout.write(
                    "Chưa có phần văn bản mẫu (kehoach.ops.demo.documents): bỏ qua bước nhập văn bản."
                )
                return
            raise
        seed = getattr(module, "seed_demo_documents", None)
        if seed is None:
            self.stdout.write(
                "kehoach.ops.demo.documents chưa có seed_demo_documents: bỏ qua bước nhập văn bản."
            )
            return
        seed(actor=admin, stdout=self.stdout)

    def _execution(self, admin: User) -> None:
        try:
            from kehoach.ops.demo.execution import seed_demo_execution
        except ImportError:
            self.stdout.write("Chưa có phần kế hoạch mẫu (kehoach.ops.demo.execution): bỏ qua.")
            return
        try:
            seed_demo_execution(actor=admin, stdout=self.stdout)
        except DomainError as exc:
            raise CommandError(f"Không tạo được kế hoạch mẫu: {exc.message}") from exc

    def _training(self) -> None:
        try:
            seed_demo_training(actor=None, stdout=self.stdout)
        except DomainError as exc:
            raise CommandError(f"Không tạo được đợt học tập mẫu: {exc.message}") from exc

    def _qa(self) -> None:
        try:
            seed_demo_qa(stdout=self.stdout)
        except DomainError as exc:
            raise CommandError(f"Không tạo được hỏi đáp mẫu: {exc.message}") from exc

    def _print_logins(self) -> None:
        rows = []
        for username, _full, _pos, unit_code, role in USERS:
            if unit_code is None:
                rows.append((username, "Quản trị hệ thống", "mọi đơn vị", TRY.get(username, "")))
                continue
            unit = Unit.objects.get(code=unit_code)
            rows.append(
                (username, str(Role(role or Role.VIEWER).label), unit.name, TRY.get(username, ""))
            )
        width = [max(len(r[i]) for r in rows) for i in range(4)]
        header = ("Tên đăng nhập", "Vai trò", "Đơn vị (và các đơn vị trực thuộc)", "Thử")
        width = [max(w, len(h)) for w, h in zip(width, header, strict=True)]
        line = "  ".join("-" * w for w in width)
        self.stdout.write("")
        self.stdout.write(
            f"Tài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD} — chỉ dùng để thử):"
        )
        self.stdout.write(
            "  ".join(h.ljust(w) for h, w in zip(header, width, strict=True)).rstrip()
        )
        self.stdout.write(line)
        for row in rows:
            self.stdout.write(
                "  ".join(c.ljust(w) for c, w in zip(row, width, strict=True)).rstrip()
            )
        self.stdout.write("")
        port = os.environ.get("PORT") or "8000"
        self.stdout.write(f"Mở http://127.0.0.1:{port} và đăng nhập.")
