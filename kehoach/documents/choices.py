"""Closed vocabularies of the registry: systems, review status, channels, section roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentSystem(models.TextChoices):
    """Which document system a document belongs to (numbering and format rules differ)."""

    PARTY = "party", _("Văn bản của Đảng")
    STATE = "state", _("Văn bản hành chính nhà nước")


class DocumentStatus(models.TextChoices):
    """Whether a person has checked what docparse read."""

    DRAFT = "draft", _("Chưa duyệt")
    REVIEWED = "reviewed", _("Đã duyệt")


class ImportStatus(models.TextChoices):
    """Where an import stands: read and waiting for review, or saved into the registry."""

    PENDING = "pending", _("Chờ duyệt")
    SAVED = "saved", _("Đã lưu")
    # The document is registered by a unit the importer cannot see: a share request was sent.
    REQUESTED = "requested", _("Đã đề nghị dùng chung")


class ShareRequestStatus(models.TextChoices):
    """Where a request to share another branch's document stands."""

    PENDING = "pending", _("Chờ quyết định")
    ACCEPTED = "accepted", _("Đã đồng ý")
    DECLINED = "declined", _("Đã từ chối")


class ChannelCode(models.TextChoices):
    """Communication channels (DESIGN.md §5, a closed vocabulary)."""

    PRESS = "press", _("Báo chí, phương tiện thông tin đại chúng")
    WEB = "web", _("Trang, cổng thông tin điện tử")
    SOCIAL = "social", _("Mạng xã hội")
    LIVESTREAM = "livestream", _("Phát trực tiếp, hỏi đáp trực tuyến")
    LOUDSPEAKER = "loudspeaker", _("Loa, đài truyền thanh cơ sở")
    MOBILE_TEAM = "mobile_team", _("Tuyên truyền lưu động")
    ORAL = "oral", _("Tuyên truyền miệng, báo cáo viên")
    MEETING = "meeting", _("Hội nghị, hội thảo, sinh hoạt chi bộ")
    PRINT = "print", _("Tài liệu, ấn phẩm, tờ rơi")
    VISUAL = "visual", _("Cổ động trực quan")
    CONTEST = "contest", _("Cuộc thi, hội thi")
    EMULATION = "emulation", _("Phong trào thi đua")
    CULTURE = "culture", _("Văn hóa, văn nghệ, thể thao")
    ONLINE_LEARNING = "online_learning", _("Học tập trực tuyến")


class SectionRole(models.TextChoices):
    """What a section of a plan is for (DESIGN.md §5)."""

    PURPOSE = "purpose", _("Mục đích")
    REQUIREMENTS = "requirements", _("Yêu cầu")
    PURPOSE_REQUIREMENTS = "purpose_requirements", _("Mục đích, yêu cầu")
    CONTENT = "content", _("Nội dung")
    FORMS = "forms", _("Hình thức")
    TASKS = "tasks", _("Nhiệm vụ, giải pháp")
    ORGANIZATION = "organization", _("Tổ chức thực hiện")
    TIMELINE = "timeline", _("Thời gian, tiến độ")
    FUNDING = "funding", _("Kinh phí")
    OTHER = "other", _("Khác")


class AssignmentRole(models.TextChoices):
    """A unit's part in an assignment."""

    LEAD = "lead", _("Chủ trì")
    SUPPORT = "support", _("Phối hợp")


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
