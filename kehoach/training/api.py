"""API of the training domain: campaigns with their figures, sessions, attendance.

The same selectors and services as the pages, scoped the same way: names only for the unit's
own officers and those above (``selectors.can_see_names``), counts for everyone who sees it.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError
from kehoach.organizations.permissions import is_system_admin, user_unit_paths
from kehoach.training import quiz, selectors
from kehoach.training.choices import Mark
from kehoach.training.models import Campaign, StudySession
from kehoach.training.rollup import UnitRow, session_figures, session_roster
from kehoach.training.services import attendance_mark


class TrainingCampaignOut(serializers.ModelSerializer[Campaign]):
    unit_id = serializers.IntegerField(read_only=True)
    document_id = serializers.IntegerField(read_only=True)
    indicator_id = serializers.IntegerField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True, help_text="open | closed")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "unit_id",
            "document_id",
            "indicator_id",
            "target_percent",
            "starts_on",
            "deadline",
            "status",
            "status_label",
            "closed_on",
        ]
        read_only_fields = fields


class TrainingUnitFiguresOut(serializers.Serializer[UnitRow]):
    unit_id = serializers.IntegerField()
    name = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    depth = serializers.IntegerField()
    expected = serializers.IntegerField(help_text="Σ phải dự của đơn vị và các đơn vị trực thuộc")
    attended = serializers.IntegerField(help_text="Σ đã dự (kể cả học bù), mỗi người một lần")
    excused = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    tested = serializers.IntegerField(help_text="Số người đã làm bài kiểm tra (mỗi người một lần)")
    passed = serializers.IntegerField(help_text="Số người đạt")
    pass_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    sessions = serializers.IntegerField(help_text="Số buổi học đơn vị đã tổ chức hoặc dự")
    units_without_session = serializers.IntegerField()


class TrainingCampaignDetailOut(TrainingCampaignOut):
    as_of = serializers.DateField(read_only=True)
    units = TrainingUnitFiguresOut(many=True, read_only=True)

    class Meta(TrainingCampaignOut.Meta):
        fields = [*TrainingCampaignOut.Meta.fields, "as_of", "units"]
        read_only_fields = fields


class TrainingSessionOut(serializers.ModelSerializer[StudySession]):
    campaign_id = serializers.IntegerField(read_only=True)
    unit_id = serializers.IntegerField(read_only=True)
    unit_ids = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text="open | closed")

    class Meta:
        model = StudySession
        fields = [
            "id",
            "campaign_id",
            "unit_id",
            "unit_ids",
            "mode",
            "held_on",
            "starts_at",
            "ends_at",
            "place",
            "presenter",
            "is_makeup",
            "status",
        ]
        read_only_fields = fields

    def get_unit_ids(self, obj: StudySession) -> list[int]:
        return sorted(u.pk for u in obj.units.all())


class TrainingMarkOut(serializers.Serializer[Any]):
    member_id = serializers.IntegerField()
    full_name = serializers.CharField()
    unit_id = serializers.IntegerField()
    mark = serializers.CharField(allow_blank=True)


class TrainingSessionFiguresOut(serializers.Serializer[Any]):
    expected = serializers.IntegerField()
    present = serializers.IntegerField()
    excused = serializers.IntegerField()
    absent = serializers.IntegerField()
    unmarked = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class TrainingSessionDetailOut(TrainingSessionOut):
    figures = TrainingSessionFiguresOut(read_only=True)
    attendance = TrainingMarkOut(
        many=True, read_only=True, help_text="Chỉ cán bộ của đơn vị và cấp trên thấy họ tên."
    )

    class Meta(TrainingSessionOut.Meta):
        fields = [*TrainingSessionOut.Meta.fields, "figures", "attendance"]
        read_only_fields = fields


class TrainingMarkIn(serializers.Serializer[Any]):
    member_id = serializers.IntegerField(min_value=1)
    mark = serializers.ChoiceField(choices=[*Mark.choices, ("", "xóa")], allow_blank=True)


class TrainingAttendanceIn(serializers.Serializer[Any]):
    marks = TrainingMarkIn(many=True, allow_empty=False)


class TrainingAttendanceOut(serializers.Serializer[Any]):
    present = serializers.IntegerField()
    excused = serializers.IntegerField()
    absent = serializers.IntegerField()
    cleared = serializers.IntegerField()


class TrainingCampaignList(generics.ListAPIView[Campaign]):
    """Campaigns the caller reads: launched by their units or by the units above them."""

    serializer_class = TrainingCampaignOut

    def get_queryset(self) -> Any:
        return selectors.campaign_list(
            user=self.request.user, status=self.request.query_params.get("status", "")
        )


class TrainingCampaignDetail(APIView):
    """A campaign with Σ attended / Σ expected for every unit of its subtree the caller sees."""

    @extend_schema(responses=TrainingCampaignDetailOut)
    def get(self, request: Request, pk: int) -> Response:
        campaign = selectors.campaign_get(user=request.user, campaign_id=pk)
        rollup = selectors.campaign_figures(campaign=campaign, today=timezone.localdate())
        rows = selectors.visible_rows(user=request.user, rollup=rollup)
        data = TrainingCampaignOut(campaign).data
        data["as_of"] = rollup.as_of.isoformat()
        data["units"] = [{**TrainingUnitFiguresOut(row).data, "rate": _rate(row)} for row in rows]
        return Response(data)


def _rate(row: UnitRow) -> str | None:
    return None if row.rate is None else str(row.rate)


class TrainingSessionList(generics.ListAPIView[StudySession]):
    """Sessions of a campaign held or attended by the caller's units."""

    serializer_class = TrainingSessionOut
    queryset = StudySession.objects.none()  # the schema's model; reads go through the selector

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return StudySession.objects.none()
        campaign = selectors.campaign_get(user=self.request.user, campaign_id=self.kwargs["pk"])
        return selectors.session_list(user=self.request.user, campaign=campaign).prefetch_related(
            "units"
        )


class TrainingSessionDetail(APIView):
    """A session, its counts, and (officers only) each expected member's mark."""

    @extend_schema(responses=TrainingSessionDetailOut)
    def get(self, request: Request, pk: int) -> Response:
        session = selectors.session_get(user=request.user, session_id=pk)
        data = TrainingSessionOut(session).data
        figures = session_figures(session)
        data["figures"] = {
            "expected": figures.expected,
            "present": figures.present,
            "excused": figures.excused,
            "absent": figures.absent,
            "unmarked": figures.unmarked,
            "rate": None if figures.rate is None else str(figures.rate),
        }
        units = list(session.units.all())
        attendance: list[dict[str, Any]] = []
        if all(selectors.can_see_names(request.user, u) for u in units):
            marks = selectors.session_marks(session)
            attendance = [
                {
                    "member_id": m.pk,
                    "full_name": m.full_name,
                    "unit_id": m.unit_id,
                    "mark": marks.get(m.pk, ""),
                }
                for m in session_roster(session)
            ]
        data["attendance"] = attendance
        return Response(data)


class TrainingAttendance(APIView):
    """Record marks of a session (the unit's reporters and above); all or nothing."""

    @extend_schema(request=TrainingAttendanceIn, responses=TrainingAttendanceOut)
    def post(self, request: Request, pk: int) -> Response:
        session = selectors.session_get(user=request.user, session_id=pk)
        body = TrainingAttendanceIn(data=request.data)
        body.is_valid(raise_exception=True)
        marks: dict[int, str] = {}
        for item in body.validated_data["marks"]:
            if item["member_id"] in marks:
                raise DomainError(_("Một người chỉ được điểm danh một lần trong mỗi lần gửi."))
            marks[item["member_id"]] = item["mark"]
        counts = attendance_mark(actor=request.user, session=session, marks=marks)
        return Response(counts)


class TrainingQuestionStatOut(serializers.Serializer[Any]):
    question_id = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    answered = serializers.IntegerField()
    right = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)


class TrainingQuestionStats(APIView):
    """Per question, the share of right answers over the attempts of the units the caller sees
    (statistics only: no person's answers)."""

    @extend_schema(responses=TrainingQuestionStatOut(many=True))
    def get(self, request: Request, pk: int) -> Response:
        campaign = selectors.campaign_get(user=request.user, campaign_id=pk)
        paths = None if is_system_admin(request.user) else user_unit_paths(request.user)
        return Response(
            [
                {
                    "question_id": st.question.pk,
                    "kind": st.question.kind,
                    "text": st.question.text,
                    "answered": st.answered,
                    "right": st.right,
                    "percent": st.percent,
                }
                for st in quiz.question_stats(campaign, unit_paths=paths)
            ]
        )
