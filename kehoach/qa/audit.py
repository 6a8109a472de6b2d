"""Audit vocabulary of the question-and-answer desk."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QaAction(models.TextChoices):
    """Changes to fields, questions, answers and livestream sessions."""

    FIELD_CREATE = "qa_field.create", _("Thêm lĩnh vực hỏi đáp")
    FIELD_UPDATE = "qa_field.update", _("Sửa lĩnh vực hỏi đáp")
    QUESTION_SUBMIT = "qa_question.submit", _("Người dân gửi câu hỏi")
    QUESTION_CLASSIFY = "qa_question.classify", _("Phân loại câu hỏi")
    QUESTION_RELEASE = "qa_question.release", _("Duyệt câu hỏi chờ kiểm duyệt")
    QUESTION_MERGE = "qa_question.merge", _("Gộp câu hỏi trùng")
    QUESTION_ROUTE = "qa_question.route", _("Chuyển câu hỏi đến cơ quan trả lời")
    QUESTION_TRANSFER = "qa_question.transfer", _("Chuyển câu hỏi sang cơ quan khác")
    QUESTION_CLOSE = "qa_question.close", _("Đóng câu hỏi")
    QUESTION_NOTE = "qa_question.note", _("Ghi chú nội bộ")
    QUESTION_ESCALATE = "qa_question.escalate", _("Báo cáo cấp trên câu hỏi quá hạn")
    QUESTION_REOPEN = "qa_question.reopen", _("Người dân hỏi lại")
    QUESTION_FEEDBACK = "qa_question.feedback", _("Người dân đánh giá câu trả lời")
    QUESTION_ON_AIR = "qa_question.on_air", _("Trả lời trực tiếp trên sóng")
    ATTACHMENT_APPROVE = "qa_attachment.approve", _("Công khai tệp đính kèm")
    ANSWER_DRAFT = "qa_answer.draft", _("Soạn trả lời")
    ANSWER_SUBMIT = "qa_answer.submit", _("Trình lãnh đạo duyệt trả lời")
    ANSWER_RETURN = "qa_answer.return", _("Trả lại dự thảo trả lời")
    ANSWER_PUBLISH = "qa_answer.publish", _("Duyệt và công bố trả lời")
    ANSWER_PROMISE_DONE = "qa_answer.promise_done", _("Hoàn thành việc đã hẹn")
    SESSION_CREATE = "qa_session.create", _("Tạo buổi trực tiếp")
    SESSION_ADD = "qa_session.add", _("Đưa câu hỏi vào buổi trực tiếp")


FIELD_LABELS = {
    "agency": _("cơ quan trả lời"),
    "due_date": _("hạn trả lời"),
    "reason": _("lý do"),
    "duplicate_of": _("trùng với câu hỏi"),
    "helped": _("câu trả lời có ích"),
    "on_air_at": _("phút trả lời trên sóng"),
}
