"""Audit vocabulary of the training app: its action codes and the labels of its change keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingAction(models.TextChoices):
    MEMBER_CREATE = "training.member_create", _("Thêm người vào danh sách học tập")
    MEMBER_UPDATE = "training.member_update", _("Sửa thông tin người học")
    MEMBER_TRANSFER = "training.member_transfer", _("Chuyển sinh hoạt người học")
    ROSTER_IMPORT = "training.roster_import", _("Nhập danh sách người học")
    ROSTER_EXPORT = "training.roster_export", _("Xuất danh sách có họ tên")
    CAMPAIGN_CREATE = "training.campaign_create", _("Mở đợt học tập, quán triệt")
    CAMPAIGN_CLOSE = "training.campaign_close", _("Kết thúc đợt học tập")
    SESSION_CREATE = "training.session_create", _("Tạo buổi học")
    SESSION_CLOSE = "training.session_close", _("Khóa buổi học")
    ATTENDANCE_MARK = "training.attendance_mark", _("Điểm danh buổi học")
    QUESTION_CREATE = "training.question_create", _("Thêm câu hỏi kiểm tra")
    TEST_SUBMIT = "training.test_submit", _("Nộp bài kiểm tra")
    SIGNIN_EXPORT = "training.signin_export", _("In danh sách dự học")


FIELD_LABELS = {
    "full_name": _("họ và tên"),
    "member_code": _("mã người học"),
    "rows": _("số dòng"),
    "created": _("thêm mới"),
    "updated": _("cập nhật"),
    "present": _("có mặt"),
    "excused": _("vắng có lý do"),
    "absent": _("vắng không lý do"),
    "expected": _("phải dự"),
    "attended": _("đã dự"),
    "to_unit": _("chuyển đến"),
    "format": _("định dạng"),
    "values": _("số chỉ tiêu"),
}
