"""Scales, names, markers and helpers of the generated province."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from kehoach.documents.normalize import fold
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.models import Unit

UNIT_PREFIX = "GEN-"
USER_PREFIX = "gen."
DOC_PREFIX = "gen:"
PASSWORD = "kehoach2026"  # the same as the demo's; printed by the command
K = UnitKind


@dataclass(frozen=True)
class Scale:
    """How big the generated world is."""

    communes: int
    cells: tuple[int, int]  # cells per commune (min, max)
    departments: int
    offices: tuple[int, int]  # offices per department
    plans: int
    tasks: int
    reports: int


SCALES: dict[str, Scale] = {
    "small": Scale(
        communes=2, cells=(3, 4), departments=2, offices=(1, 2), plans=12, tasks=150, reports=500
    ),
    "city": Scale(
        communes=10,
        cells=(25, 35),
        departments=8,
        offices=(3, 5),
        plans=100,
        tasks=10_000,
        reports=40_000,
    ),
    "province": Scale(
        communes=30,
        cells=(42, 62),
        departments=18,
        offices=(4, 6),
        plans=500,
        tasks=50_000,
        reports=200_000,
    ),
}

# --- names ------------------------------------------------------------------------------------

PROVINCE = ("Tỉnh Gia Lai", "Gia Lai")
COMMUNE_NAMES = [
    "Phường Pleiku", "Phường Hội Phú", "Phường Thống Nhất", "Phường Diên Hồng", "Phường An Phú",
    "Phường An Nhơn", "Phường Quy Nhơn", "Phường Quy Nhơn Đông", "Phường Bồng Sơn",
    "Phường Hoài Nhơn", "Phường Ayun Pa", "Phường An Khê", "Xã Biển Hồ", "Xã Gào", "Xã Ia Ly",
    "Xã Chư Păh", "Xã Ia Grai", "Xã Đức Cơ", "Xã Chư Prông", "Xã Chư Sê", "Xã Phú Thiện",
    "Xã Krông Pa", "Xã Kông Chro", "Xã Đak Đoa", "Xã Mang Yang", "Xã Kbang", "Xã Đak Pơ",
    "Xã Ia Pa", "Xã Tây Sơn", "Xã Vân Canh", "Xã Phù Cát", "Xã Phù Mỹ", "Xã Tuy Phước",
    "Xã Hoài Ân", "Xã An Lão", "Xã Vĩnh Thạnh", "Xã Ia Hrung", "Xã Chư Pưh", "Xã Đak Sơmei",
    "Xã Ia Dom",
]  # fmt: skip
DEPARTMENTS = [
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Y tế", "SYT"), ("Sở Tài chính", "STC"), ("Sở Nội vụ", "SNV"), ("Sở Tư pháp", "STP"),
    ("Sở Khoa học và Công nghệ", "SKHCN"), ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Công Thương", "SCT"), ("Sở Xây dựng", "SXD"), ("Sở Dân tộc và Tôn giáo", "SDTTG"),
    ("Thanh tra tỉnh", "TTr"), ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND"),
    ("Sở Ngoại vụ", "SNgV"), ("Báo và Phát thanh, Truyền hình Gia Lai", "BPTTH"),
    ("Trường Chính trị tỉnh", "TCT"), ("Đài Khí tượng thủy văn tỉnh", "ĐKTTV"),
    ("Ban Quản lý Khu kinh tế tỉnh", "BQLKKT"), ("Công an tỉnh", "CAT"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS"),
]  # fmt: skip
OFFICES = [
    "Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý văn hóa",
    "Phòng Truyền thông", "Phòng Nghiệp vụ", "Phòng Thanh tra - Pháp chế", "Trung tâm Thông tin",
]  # fmt: skip
PROVINCE_BOARDS = [
    ("Ban Tổ chức Tỉnh ủy", "BTCTU"), ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDVTU"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU"), ("Ban Nội chính Tỉnh ủy", "BNCTU"),
    ("Văn phòng Tỉnh ủy", "VPTU"), ("Ban Chính sách, chiến lược Tỉnh ủy", "BCSCLTU"),
]  # fmt: skip
MASS_ORGS = [
    ("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN"), ("Tỉnh Đoàn", "TĐ"), ("Hội Nông dân tỉnh", "HND"),
    ("Hội Cựu chiến binh tỉnh", "HCCB"), ("Liên đoàn Lao động tỉnh", "LĐLĐ"),
]  # fmt: skip
CELL_KINDS = [
    "Chi bộ thôn {n}", "Chi bộ tổ dân phố {n}", "Chi bộ làng {village}", "Chi bộ thôn {village}",
]  # fmt: skip
CELL_FIXED = [
    "Chi bộ Trường Tiểu học {name}", "Chi bộ Trường Trung học cơ sở {name}",
    "Chi bộ Trường Mầm non {name}", "Chi bộ Trạm Y tế", "Chi bộ Công an", "Chi bộ Quân sự",
    "Chi bộ Cơ quan Ủy ban nhân dân", "Chi bộ Cơ quan Đảng - Mặt trận - Đoàn thể",
]  # fmt: skip
VILLAGES = [
    "Plei Ring", "Plei Ốp", "Ia Nueng", "Đê Kop", "Kon Chră", "Tân Lập", "Thanh Bình", "An Mỹ",
    "Hòa Bình", "Phú Thọ", "Trung Hưng", "Định Công", "Mỹ Thạnh", "Hưng Long", "Tân Sơn",
]  # fmt: skip
COMMUNE_OFFICES = [
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
]  # fmt: skip
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Rơ Châm", "Ksor", "Siu", "Rah Lan", "Nay"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Hữu", "Quốc", "Thu", "Xuân", "Hồng", ""]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quang", "Sơn",
         "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Yến", "H'Bia", "Blơng"]  # fmt: skip
TOPICS = [
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "chuyển đổi số và xây dựng chính quyền số",
    "thực hành tiết kiệm, chống lãng phí",
    "phòng, chống tham nhũng, tiêu cực",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "cải cách hành chính",
    "bảo đảm trật tự, an toàn giao thông",
    "phòng, chống ma túy trong thanh thiếu niên",
    "bảo vệ môi trường và ứng phó với biến đổi khí hậu",
    "phổ biến, giáo dục pháp luật",
    "xây dựng nông thôn mới",
    "kỷ niệm các ngày lễ lớn và sự kiện lịch sử",
    "đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030",
    "vận hành chính quyền địa phương hai cấp",
    "phát triển văn hóa đọc trong cộng đồng",
]
ACTIVITIES = [
    "Tổ chức hội nghị quán triệt {t} đến cán bộ, đảng viên",
    "Đăng tải tin, bài tuyên truyền về {t} trên trang thông tin điện tử",
    "Treo băng rôn, khẩu hiệu tuyên truyền về {t} tại trụ sở và nơi công cộng",
    "Phát thanh trên hệ thống loa truyền thanh cơ sở về {t}",
    "Sinh hoạt chi bộ chuyên đề về {t}",
    "Tổ chức cuộc thi tìm hiểu trực tuyến về {t}",
    "Biên soạn tài liệu hỏi - đáp về {t}",
    "Biểu dương, khen thưởng tập thể, cá nhân tiêu biểu trong {t}",
    "Lồng ghép nội dung {t} vào sinh hoạt của Mặt trận và các đoàn thể",
    "Kiểm tra, giám sát việc thực hiện {t} ở cơ sở",
    "Tổng hợp, báo cáo kết quả thực hiện {t}",
    "Cung cấp thông tin định hướng về {t} cho báo cáo viên, tuyên truyền viên",
]
SECTIONS = ["II.1", "II.2", "II.3", "III.1", "III.2", "IV.1", "IV.2"]
NARRATIVES = [
    "Đã tổ chức {n} buổi, có {m} lượt cán bộ, đảng viên và Nhân dân tham dự.",
    "Đăng tải {n} tin, bài; phát thanh {m} lượt trên loa truyền thanh cơ sở.",
    "Treo {n} băng rôn, khẩu hiệu; phát {m} tờ rơi tại các khu dân cư.",
    "Hoàn thành các nội dung theo kế hoạch; còn {n} nội dung chuyển sang kỳ sau.",
]


@dataclass
class Generated:
    """What was written, for the command's summary and the tests."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # role label → username


# --- helpers ----------------------------------------------------------------------------------


def has_generated_data() -> bool:
    return Unit.objects.filter(code__startswith=UNIT_PREFIX).exists()


def _batched_create(model: Any, rows: list[Any], batch: int = 2000) -> list[Any]:
    from kehoach.core.text import fold

    if model.__name__ in ("Plan", "Task"):  # what their save() sets: the folded search text
        for row in rows:
            row.search_text = fold(f"{getattr(row, 'code', '')} {row.title}".strip())
    for i in range(0, len(rows), batch):
        model.objects.bulk_create(rows[i : i + batch])
    return rows


def _person(rnd: random.Random) -> str:
    middle = rnd.choice(MIDDLE)
    return " ".join(p for p in (rnd.choice(SURNAMES), middle, rnd.choice(GIVEN)) if p)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in fold(text)).strip("-")[:40]


def dated(value: dt.date | None) -> dt.date:
    """A date the generator always sets, though the model allows none."""
    if value is None:
        raise ValueError("a generated row has no date where the generator always sets one")
    return value
