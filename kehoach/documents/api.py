"""API of the registry: adapters over the same selectors, FilterSet and services as the pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.rest.pagination import PAGE_PARAMETERS, Pagination, paginated
from kehoach.documents import selectors, services
from kehoach.documents.choices import (
    DocumentStatus,
    DocumentSystem,
    SectionRole,
    ShareRequestStatus,
)
from kehoach.documents.filters import DocumentFilter
from kehoach.documents.models import Document, DocumentFile, DocumentImport, DocumentShareRequest
from kehoach.jobs.api import JobOut
from kehoach.jobs.services import job_start
from kehoach.organizations.models import Unit

FILTER_PARAMETERS = [
    OpenApiParameter(
        name,
        OpenApiTypes.INT if name in {"issuer", "unit", "year"} else OpenApiTypes.STR,
        description=str(f.label or name),
    )
    for name, f in DocumentFilter.base_filters.items()
]


class DocumentOut(serializers.ModelSerializer):
    """A document as listed."""

    type_label = serializers.CharField(read_only=True)
    issuer_unit_id = serializers.IntegerField(read_only=True, allow_null=True)
    owner_unit_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "system",
            "doc_type",
            "doc_type_name",
            "type_label",
            "number",
            "symbol",
            "code",
            "issuer_name",
            "issuer_unit_id",
            "owner_unit_id",
            "place",
            "date",
            "date_text",
            "year",
            "title",
            "status",
            "version",
        ]
        read_only_fields = fields


class DocumentReferenceOut(serializers.Serializer):
    code = serializers.CharField()
    doc_type = serializers.CharField()
    number = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    issuer_name = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    title = serializers.CharField()
    mentions = serializers.JSONField()
    target_id = serializers.IntegerField(
        allow_null=True, help_text="The registry document cited, when the caller may read it."
    )
    resolution_note = serializers.CharField()


class DocumentFileOut(serializers.ModelSerializer):
    class Meta:
        model = DocumentFile
        fields = ["id", "original_name", "content_type", "size", "sha256", "created_at"]
        read_only_fields = fields


class DocumentDetailOut(DocumentOut):
    """A document with what docparse read (corrected), its references and files."""

    parsed = serializers.JSONField(read_only=True)
    period_start = serializers.CharField(read_only=True)
    period_end = serializers.CharField(read_only=True)
    references = serializers.SerializerMethodField()
    channels = serializers.SerializerMethodField()
    files = DocumentFileOut(many=True, read_only=True)

    class Meta(DocumentOut.Meta):
        fields = [
            *DocumentOut.Meta.fields,
            "period_start",
            "period_end",
            "parsed",
            "references",
            "channels",
            "files",
        ]
        read_only_fields = fields

    @extend_schema_field(DocumentReferenceOut(many=True))
    def get_references(self, doc: Document) -> list[dict[str, Any]]:
        rows = selectors.document_references(user=self.context["request"].user, document=doc)
        return [
            {
                "code": r.reference.code,
                "doc_type": r.reference.doc_type,
                "number": r.reference.number,
                "year": r.reference.year,
                "issuer_name": r.reference.issuer_name,
                "date": r.reference.date,
                "title": r.reference.title,
                "mentions": r.reference.mentions,
                "target_id": r.target.pk if r.target else None,
                "resolution_note": r.reference.resolution_note if r.target else "",
            }
            for r in rows
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_channels(self, doc: Document) -> list[str]:
        return [c.code for c in doc.channels.all()]


class SearchHitOut(serializers.Serializer):
    document = DocumentOut()
    title_html = serializers.CharField(help_text="Title with <mark> around matched words.")
    snippet_html = serializers.CharField(help_text="A passage with <mark> around matched words.")
    score = serializers.DictField(child=serializers.IntegerField())


class DocumentList(generics.ListAPIView):
    """Documents of the caller's units, recent first (or ranked when ``q`` is given)."""

    serializer_class = DocumentOut
    filter_backends: list[Any] = []  # the FilterSet is applied by the selector, as on the pages

    def get_queryset(self) -> Any:
        return selectors.document_list(user=self.request.user, filters=self.request.query_params)

    @extend_schema(parameters=FILTER_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not (request.query_params.get("q") or "").strip():
            return super().get(request, *args, **kwargs)
        # With words or a code: the search ranking, documents as in the list.
        query, rows = selectors.document_search_rows(
            user=request.user, filters=request.query_params
        )
        paginator = Pagination()
        page: list[Any] = paginator.paginate_queryset(rows, request, view=self) or []
        hits = selectors.document_search_hits(user=request.user, query=query, rows=list(page))
        return paginator.get_paginated_response(
            DocumentOut([h.document for h in hits], many=True).data
        )


class DocumentDetail(generics.RetrieveAPIView):
    """One document of the caller's scope (404 outside it)."""

    serializer_class = DocumentDetailOut

    def get_object(self) -> Document:
        return selectors.document_get(user=self.request.user, document_id=self.kwargs["pk"])


class DocumentSearch(APIView):
    """Ranked, highlighted search by code or words (diacritics optional), with the list's filters."""

    @extend_schema(
        parameters=[*FILTER_PARAMETERS, *PAGE_PARAMETERS],
        responses=paginated(SearchHitOut),
        operation_id="documents_search_list",
    )
    def get(self, request: Request) -> Response:
        query, rows = selectors.document_search_rows(
            user=request.user, filters=request.query_params
        )
        paginator = Pagination()
        page: list[Any] = paginator.paginate_queryset(rows, request, view=self) or []
        hits = selectors.document_search_hits(user=request.user, query=query, rows=list(page))
        data = [
            {
                "document": DocumentOut(h.document).data,
                "title_html": str(h.title_html),
                "snippet_html": str(h.snippet_html),
                "score": h.score,
            }
            for h in hits
        ]
        return paginator.get_paginated_response(data)


class DocumentImportIn(serializers.Serializer):
    file = serializers.FileField(required=False, help_text="DOCX, PDF, TXT or HTML.")
    text = serializers.CharField(required=False, allow_blank=False, help_text="Pasted text.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("file") and not attrs.get("text"):
            raise serializers.ValidationError("Hãy gửi một tệp (file) hoặc nội dung (text).")
        return attrs


class DocumentImportOut(serializers.ModelSerializer):
    """An import under review: what docparse read, and the registered document it would update."""

    existing_id = serializers.IntegerField(allow_null=True, read_only=True)
    document_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = DocumentImport
        fields = [
            "id",
            "status",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "parsed",
            "existing_id",
            "existing_version",
            "document_id",
            "created_at",
        ]
        read_only_fields = fields


class DocumentReferenceIn(serializers.Serializer):
    code = serializers.CharField(max_length=160, required=False, allow_blank=True, default="")
    doc_type = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    year = serializers.IntegerField(required=False, allow_null=True, default=None)
    issuer_name = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    date_text = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    title = serializers.CharField(required=False, allow_blank=True, default="")
    # Named like Field.source in the stubs; DRF's metaclass takes declared fields off the class.
    source = serializers.IntegerField(  # type: ignore[assignment]
        required=False, allow_null=True, default=None, help_text="Index in parsed.references."
    )


class DocumentSectionIn(serializers.Serializer):
    path = serializers.CharField(help_text='Indexes in the outline tree, e.g. "0.2".')
    number = serializers.CharField(required=False, allow_blank=True, default="")
    heading = serializers.CharField(required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=SectionRole.choices, default=SectionRole.OTHER)


class DocumentSaveIn(serializers.Serializer):
    """Corrections to what docparse read; an omitted field keeps the value read."""

    system = serializers.ChoiceField(
        choices=DocumentSystem.choices, required=False, allow_blank=True
    )
    doc_type = serializers.CharField(max_length=16, required=False, allow_blank=True)
    doc_type_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    symbol = serializers.CharField(max_length=120, required=False, allow_blank=True)
    code = serializers.CharField(max_length=160, required=False, allow_blank=True)
    issuer_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
    issuer_unit_id = serializers.IntegerField(required=False, allow_null=True)
    owner_unit_id = serializers.IntegerField(required=False, allow_null=True)
    place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    date_text = serializers.CharField(max_length=10, required=False, allow_blank=True)
    title = serializers.CharField(required=False, allow_blank=True)
    period_start = serializers.CharField(max_length=10, required=False, allow_blank=True)
    period_end = serializers.CharField(max_length=10, required=False, allow_blank=True)
    references = DocumentReferenceIn(many=True, required=False)
    sections = DocumentSectionIn(many=True, required=False)
    status = serializers.ChoiceField(
        choices=DocumentStatus.choices, default=DocumentStatus.REVIEWED
    )
    expected_version = serializers.IntegerField(
        required=False, allow_null=True, help_text="The existing document's version you reviewed."
    )


def _unit(user: Any, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.visible_to(user).filter(pk=unit_id).first()
    if unit is None:
        raise serializers.ValidationError({"unit": "Đơn vị không thuộc phạm vi của bạn."})
    return unit


class DocumentImportCreate(APIView):
    """Read pasted text at once (201, the import to review and save), or start reading an
    uploaded file in the background (202, the job to follow: ``Location`` is its
    ``/api/jobs/<id>/``, whose ``result_api_url`` names the import when it is read; a scan's
    OCR takes minutes). The ``Idempotency-Key`` header makes a resent upload find the same job."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request=DocumentImportIn,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="Any unique string per upload: the same key finds the same job.",
            )
        ],
        responses={201: DocumentImportOut, 202: JobOut},
    )
    def post(self, request: Request) -> Response:
        data = DocumentImportIn(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data.get("file")
        if upload is None:
            imp = services.document_import_start(
                actor=request.user,
                filename="van-ban-dan.txt",
                text=data.validated_data["text"],
            )
            return Response(DocumentImportOut(imp).data, status=status.HTTP_201_CREATED)
        services.document_import_check(actor=request.user, size=upload.size)
        key = (request.headers.get("Idempotency-Key") or "").strip()[:100] or str(uuid.uuid4())
        job = job_start(
            kind="documents.import",
            actor=request.user,
            key=f"api:{key}",
            params={"filename": upload.name, "back": reverse("documents:import")},
            input_file=(upload.name, upload.read()),
        )
        job.refresh_from_db()  # the eager runner may have finished it already
        return Response(
            JobOut(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("api:job_detail", args=[job.pk])},
        )


class DocumentImportDetail(generics.RetrieveAPIView):
    """An import of the caller (404 for anyone else's)."""

    serializer_class = DocumentImportOut

    def get_object(self) -> DocumentImport:
        return selectors.document_import_get(user=self.request.user, import_id=self.kwargs["pk"])


class ShareRequestedOut(serializers.Serializer):
    """The save matched a document of a unit the caller cannot see: a share request was sent."""

    detail = serializers.CharField()
    share_request_id = serializers.IntegerField()


class DocumentImportSave(APIView):
    """Save an import into the registry (creates, or updates the document it matches)."""

    @extend_schema(
        request=DocumentSaveIn,
        responses={201: DocumentDetailOut, 200: DocumentDetailOut, 202: ShareRequestedOut},
    )
    def post(self, request: Request, pk: str) -> Response:
        imp = selectors.document_import_get(user=request.user, import_id=pk)
        body = DocumentSaveIn(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        data = services.initial_data(imp, user=request.user)
        if "issuer_unit_id" in values:
            data.issuer_unit = _unit(request.user, values.pop("issuer_unit_id"))
        if "owner_unit_id" in values:
            data.owner_unit = _unit(request.user, values.pop("owner_unit_id"))
        if "references" in values:
            data.references = [services.ReferenceData(**r) for r in values.pop("references")]
        if "sections" in values:
            data.sections = [services.SectionEdit(**s) for s in values.pop("sections")]
        status_value = values.pop("status")
        expected = values.pop("expected_version", None)
        for name, value in values.items():
            setattr(data, name, value)
        creating = imp.existing_id is None
        try:
            doc = services.document_import_save(
                actor=request.user,
                document_import=imp,
                data=data,
                expected_version=expected,
                status=status_value,
            )
        except services.ShareRequested as exc:
            # Registered by a unit the caller cannot see: nothing saved, its owner was asked.
            body_out = {"detail": exc.message, "share_request_id": exc.share_request.pk}
            return Response(ShareRequestedOut(body_out).data, status=status.HTTP_202_ACCEPTED)
        doc = selectors.document_get(user=request.user, document_id=doc.pk)
        out = DocumentDetailOut(doc, context={"request": request}).data
        return Response(out, status=status.HTTP_201_CREATED if creating else status.HTTP_200_OK)


# --- share requests -------------------------------------------------------------------------


class ShareRequestOut(serializers.ModelSerializer):
    """A share request; the document is named only to those who decide on it, and to the
    requester once it is accepted."""

    requesting_unit_id = serializers.IntegerField(read_only=True)
    requesting_unit_name = serializers.CharField(source="requesting_unit.name", read_only=True)
    document_id = serializers.SerializerMethodField()
    document_code = serializers.SerializerMethodField()
    document_import_id = serializers.SerializerMethodField()

    class Meta:
        model = DocumentShareRequest
        fields = [
            "id",
            "status",
            "requesting_unit_id",
            "requesting_unit_name",
            "document_id",
            "document_code",
            "document_import_id",
            "created_at",
            "decided_at",
        ]
        read_only_fields = fields

    def _names_document(self, obj: DocumentShareRequest) -> bool:
        return bool(self.context.get("incoming") or obj.status == ShareRequestStatus.ACCEPTED)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_document_id(self, obj: DocumentShareRequest) -> int | None:
        return obj.document_id if self._names_document(obj) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_document_code(self, obj: DocumentShareRequest) -> str | None:
        return obj.document.display_code if self._names_document(obj) else None

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_document_import_id(self, obj: DocumentShareRequest) -> str | None:
        """The requester's own import (outgoing only)."""
        if self.context.get("incoming") or obj.document_import_id is None:
            return None
        return str(obj.document_import_id)


class ShareRequestList(generics.ListAPIView):
    """Share requests: ``direction=incoming`` (default) those the caller may decide on (their
    units' documents), ``outgoing`` those their units sent; ``status`` filters."""

    serializer_class = ShareRequestOut

    def _incoming(self) -> bool:
        direction = self.request.query_params.get("direction", "incoming")
        if direction not in ("incoming", "outgoing"):
            raise serializers.ValidationError(
                {"direction": "Chỉ nhận một trong hai giá trị: incoming, outgoing."}
            )
        return direction == "incoming"

    def get_queryset(self) -> Any:
        user = self.request.user
        if self._incoming():
            qs = selectors.share_requests_incoming(user=user)
        else:
            qs = selectors.share_requests_outgoing(user=user).select_related("document")
        wanted = self.request.query_params.get("status")
        if wanted:
            if wanted not in ShareRequestStatus.values:
                raise serializers.ValidationError({"status": "Trạng thái không hợp lệ."})
            qs = qs.filter(status=wanted)
        return qs

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "incoming": self._incoming()}

    @extend_schema(
        parameters=[
            OpenApiParameter("direction", OpenApiTypes.STR, enum=["incoming", "outgoing"]),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(ShareRequestStatus.values)),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ShareRequestDecide(APIView):
    """Accept or decline a request to share one of the caller's units' documents (404 for
    anyone who may not decide on it)."""

    decision = "accept"

    @extend_schema(request=None, responses={200: ShareRequestOut})
    def post(self, request: Request, pk: int) -> Response:
        share_request = selectors.share_request_get(user=request.user, request_id=pk)
        decide = (
            services.share_request_accept
            if self.decision == "accept"
            else services.share_request_decline
        )
        decided = decide(actor=request.user, share_request=share_request)
        return Response(ShareRequestOut(decided, context={"incoming": True}).data)
