"""Closed vocabularies of the registry: systems, review status, channels, section roles."""

from django.db import models


class DocumentSystem(models.TextChoices):
    """Which document system a document belongs to (numbering and format rules differ)."""

    PARTY = "party", "Văn bản của Đảng"
    STATE = "state", "Văn bản hành chính nhà nước"


class DocumentStatus(models.TextChoices):
    """Whether a person has checked what docparse read."""

    DRAFT = "draft", "Chưa duyệt"
    REVIEWED = "reviewed", "Đã duyệt"


class ImportStatus(models.TextChoices):
    """Where an import stands: read and waiting for review, or saved into the registry."""

    PENDING = "pending", "Chờ duyệt"
    SAVED = "saved", "Đã lưu"


class ChannelCode(models.TextChoices):
    """Communication channels (DESIGN.md §5, a closed vocabulary)."""

    PRESS = "press", "Báo chí, phương tiện thông tin đại chúng"
    WEB = "web", "Trang, cổng thông tin điện tử"
    SOCIAL = "social", "Mạng xã hội"
    LIVESTREAM = "livestream", "Phát trực tiếp, hỏi đáp trực tuyến"
    LOUDSPEAKER = "loudspeaker", "Loa, đài truyền thanh cơ sở"
    MOBILE_TEAM = "mobile_team", "Tuyên truyền lưu động"
    ORAL = "oral", "Tuyên truyền miệng, báo cáo viên"
    MEETING = "meeting", "Hội nghị, hội thảo, sinh hoạt chi bộ"
    PRINT = "print", "Tài liệu, ấn phẩm, tờ rơi"
    VISUAL = "visual", "Cổ động trực quan"
    CONTEST = "contest", "Cuộc thi, hội thi"
    EMULATION = "emulation", "Phong trào thi đua"
    CULTURE = "culture", "Văn hóa, văn nghệ, thể thao"
    ONLINE_LEARNING = "online_learning", "Học tập trực tuyến"


class SectionRole(models.TextChoices):
    """What a section of a plan is for (DESIGN.md §5)."""

    PURPOSE = "purpose", "Mục đích"
    REQUIREMENTS = "requirements", "Yêu cầu"
    PURPOSE_REQUIREMENTS = "purpose_requirements", "Mục đích, yêu cầu"
    CONTENT = "content", "Nội dung"
    FORMS = "forms", "Hình thức"
    TASKS = "tasks", "Nhiệm vụ, giải pháp"
    ORGANIZATION = "organization", "Tổ chức thực hiện"
    TIMELINE = "timeline", "Thời gian, tiến độ"
    FUNDING = "funding", "Kinh phí"
    OTHER = "other", "Khác"


class AssignmentRole(models.TextChoices):
    """A unit's part in an assignment."""

    LEAD = "lead", "Chủ trì"
    SUPPORT = "support", "Phối hợp"


# Type codes and their names (REFERENCE.md §1), used to name a type in lists and filters.
DOC_TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QyĐ": "Quy định",
    "QĐi": "Quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TT": "Thông tri / Thông tư",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "CĐ": "Công điện",
    "NĐ": "Nghị định",
    "TTLT": "Thông tư liên tịch",
    "L": "Luật",
    "GM": "Giấy mời",
}
