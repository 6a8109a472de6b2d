"""Reporting cycles, deadline rules, report statuses, indicator rules and evidence kinds."""

from django.db import models


class Cycle(models.TextChoices):
    """How often a report template is due (Decree 09/2019/NĐ-CP, Art. 12)."""

    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    HALF_YEAR = "half_year", "6 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    ANNUAL = "annual", "Hằng năm"


class DeadlineKind(models.TextChoices):
    """How a period's sending deadline is set by the receiving level."""

    DAYS_AFTER_CUTOFF = "days_after_cutoff", "Số ngày sau ngày chốt số liệu"
    DAY_OF_LAST_MONTH = "day_of_last_month", "Ngày cố định của tháng cuối kỳ"
    DAY_OF_NEXT_MONTH = "day_of_next_month", "Ngày cố định của tháng sau kỳ"


class ReportStatus(models.TextChoices):
    """Where a progress report stands in its review."""

    DRAFT = "draft", "Bản nháp"
    SUBMITTED = "submitted", "Đã gửi"
    ACCEPTED = "accepted", "Đã duyệt"
    RETURNED = "returned", "Trả lại"


class PeriodStatus(models.TextChoices):
    """A reporting period is open for reports until it is closed and its figures frozen."""

    OPEN = "open", "Đang mở"
    CLOSED = "closed", "Đã khóa số liệu"


class Aggregation(models.TextChoices):
    """How an indicator's values from many units and periods combine."""

    SUM = "sum", "Cộng tổng"
    RATE = "rate", "Tỷ lệ từ số liệu gốc (Σ tử số / Σ mẫu số)"
    MINIMUM = "minimum", "Giá trị nhỏ nhất"
    ALL_DONE = "all_done", "Tất cả đều hoàn thành"


class Comparator(models.TextChoices):
    """How a value is compared with its target."""

    GE = ">=", "≥ (ít nhất)"
    GT = ">", "> (hơn)"
    LE = "<=", "≤ (không quá)"
    LT = "<", "< (dưới)"
    EQ = "=", "= (đúng bằng)"


class EvidenceKind(models.TextChoices):
    """What proves a report's claims."""

    LINK = "link", "Đường dẫn"
    FILE = "file", "Tệp"
    PHOTO = "photo", "Ảnh"
