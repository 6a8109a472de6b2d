"""API of the Q&A desk: the back office's (scoped like the pages) and the public's, read-only and
anonymous, for answered questions and the statistics. No serializer here has a contact field."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.exceptions import DomainError
from kehoach.core.validation import parse_id
from kehoach.organizations.models import Unit
from kehoach.qa import selectors
from kehoach.qa.models import Answer, Question
from kehoach.qa.services.answers import answer_draft, answer_submit
from kehoach.qa.services.questions import question_route


class QaAnswerOut(serializers.ModelSerializer):
    """A published answer: the agency, the signer's title, the date, a promise if any."""

    agency = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Answer
        fields = [
            "text",
            "agency",
            "signer_title",
            "published_at",
            "promise_date",
            "promise_done_on",
        ]
        read_only_fields = fields


class QaPublicQuestionOut(serializers.ModelSerializer):
    """An answered question as the public reads it (masked text, the name only if shown)."""

    field = serializers.CharField(source="field.name", read_only=True)
    locality = serializers.SerializerMethodField()
    agency = serializers.CharField(source="agency.name", read_only=True, default="")
    asker = serializers.CharField(source="display_name", read_only=True)
    text = serializers.CharField(source="public_text", read_only=True)
    answers = QaAnswerOut(source="public_answers", many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "title",
            "text",
            "field",
            "locality",
            "agency",
            "asker",
            "created_at",
            "first_published_at",
            "answers",
        ]
        read_only_fields = fields

    def get_locality(self, q: Question) -> str:
        return selectors.locality_label(q.locality)


class QaQuestionOut(serializers.ModelSerializer):
    """A question as the officers of its desk and agency list it (never the contact)."""

    code = serializers.CharField(source="code_display", read_only=True)
    field = serializers.CharField(source="field.name", read_only=True)
    locality = serializers.CharField(source="locality.name", read_only=True)
    agency_id = serializers.IntegerField(read_only=True, allow_null=True)
    receiving_unit_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "code",
            "title",
            "public_text",
            "field",
            "locality",
            "status",
            "held",
            "receiving_unit_id",
            "agency_id",
            "routed_on",
            "due_date",
            "first_published_at",
            "escalated_at",
            "created_at",
        ]
        read_only_fields = fields


class QaRouteIn(serializers.Serializer):
    agency_id = serializers.IntegerField()


class QaDraftIn(serializers.Serializer):
    text = serializers.CharField(max_length=10000)
    promise_date = serializers.DateField(required=False, allow_null=True)
    submit = serializers.BooleanField(required=False, default=False)


LIST_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="từ khóa (không cần dấu) hoặc mã tra cứu"),
    OpenApiParameter("status", OpenApiTypes.STR, description="trạng thái"),
]
PUBLIC_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="từ khóa (không cần dấu)"),
    OpenApiParameter("field", OpenApiTypes.INT, description="lĩnh vực"),
    OpenApiParameter("locality", OpenApiTypes.INT, description="xã, phường"),
]


def _int(params: Any, name: str) -> int | None:
    value = params.get(name)
    return parse_id(value, field=name) if value not in (None, "") else None


class QaQuestionList(generics.ListAPIView):
    """Questions of the caller's desks and agencies, newest first."""

    serializer_class = QaQuestionOut
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        p = self.request.query_params
        return selectors.question_list(
            user=self.request.user,
            filters={"q": (p.get("q") or "")[:200], "status": (p.get("status") or "")[:20]},
        )

    @extend_schema(parameters=LIST_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class QaQuestionDetail(generics.RetrieveAPIView):
    """One question of the caller's scope (404 outside it)."""

    serializer_class = QaQuestionOut

    def get_object(self) -> Question:
        return selectors.question_get(user=self.request.user, question_id=self.kwargs["pk"])


class QaQuestionRoute(APIView):
    """Route a received question to an agency (the deadline from the field's working days)."""

    @extend_schema(request=QaRouteIn, responses={200: QaQuestionOut})
    def post(self, request: Request, pk: int) -> Response:
        question = selectors.question_get(user=request.user, question_id=pk)
        data = QaRouteIn(data=request.data)
        data.is_valid(raise_exception=True)
        agency = Unit.objects.filter(pk=data.validated_data["agency_id"]).first()
        if agency is None:
            raise DomainError(gettext("Không tìm thấy cơ quan trả lời."), field="agency_id")
        routed = question_route(actor=request.user, question=question, agency=agency)
        return Response(
            QaQuestionOut(selectors.question_get(user=request.user, question_id=routed.pk)).data
        )


class QaQuestionDraft(APIView):
    """Write the agency's draft answer, and submit it to the head with ``submit``."""

    @extend_schema(request=QaDraftIn, responses={200: QaQuestionOut})
    def post(self, request: Request, pk: int) -> Response:
        question = selectors.question_get(user=request.user, question_id=pk)
        data = QaDraftIn(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        answer_draft(
            actor=request.user,
            question=question,
            text=d["text"],
            promise_date=d.get("promise_date"),
        )
        if d.get("submit"):
            answer_submit(actor=request.user, question=question)
        return Response(
            QaQuestionOut(selectors.question_get(user=request.user, question_id=pk)).data
        )


# --- public, read-only, no account --------------------------------------------------------


class QaPublicQuestionList(generics.ListAPIView):
    """Answered questions, newest answer first (no account needed)."""

    serializer_class = QaPublicQuestionOut
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        p = self.request.query_params
        return selectors.public_question_list(
            filters={
                "q": (p.get("q") or "")[:200],
                "field": _int(p, "field"),
                "locality": _int(p, "locality"),
            }
        )

    @extend_schema(parameters=PUBLIC_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class QaPublicQuestionDetail(generics.RetrieveAPIView):
    """One answered question (404 for any other)."""

    serializer_class = QaPublicQuestionOut
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    def get_object(self) -> Question:
        return selectors.public_question_get(question_id=self.kwargs["pk"])


class QaStatisticsOut(serializers.Serializer):
    total = serializers.DictField()
    field = serializers.ListField(child=serializers.DictField())
    agency = serializers.ListField(child=serializers.DictField())
    locality = serializers.ListField(child=serializers.DictField())
    month = serializers.ListField(child=serializers.DictField())


class QaPublicStatistics(APIView):
    """Received, answered, on time, overdue and the on-time rate (counts only)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses=QaStatisticsOut)
    def get(self, request: Request) -> Response:
        return Response(selectors.public_statistics())
