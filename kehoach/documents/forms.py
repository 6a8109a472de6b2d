"""Forms of the import and review pages (the API uses serializers over the same services)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from kehoach.documents.choices import DocumentSystem, SectionRole
from kehoach.documents.services import (
    DocumentData,
    ReferenceData,
    SectionEdit,
    editable_units,
    flat_sections,
)


class ImportForm(forms.Form):
    """Upload a file or paste the text of a document.

    ``token`` is drawn when the form is shown: submitting the same form twice (a double click,
    a resent request) finds the job already started instead of reading the file again."""

    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    file = forms.FileField(
        label=_("Tệp văn bản (DOCX, PDF, TXT, HTML)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,.pdf,.txt,.html,.htm,text/plain,application/pdf"}
        ),
    )
    text = forms.CharField(
        label=_("Hoặc dán nội dung văn bản"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data.get("file")
        limit = settings.KEHOACH_UPLOAD_MAX_BYTES
        if f is not None and f.size > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
            )
        return f

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Hãy chọn một tệp hoặc dán nội dung văn bản."))
        return data


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return ("— " * obj.depth) + obj.name


class ReviewForm(forms.Form):
    """The document's own fields as the reviewer corrects them."""

    system = forms.ChoiceField(
        label=_("Hệ thống văn bản"),
        choices=[("", _("— chưa rõ —")), *DocumentSystem.choices],
        required=False,
    )
    doc_type = forms.CharField(label=_("Loại (viết tắt)"), max_length=16, required=False)
    doc_type_name = forms.CharField(label=_("Tên loại"), max_length=100, required=False)
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=120, required=False)
    code = forms.CharField(
        label=_("Số, ký hiệu (như trích dẫn)"),
        max_length=160,
        required=False,
        help_text=_("Để trống nếu văn bản chưa có số."),
    )
    issuer_name = forms.CharField(
        label=_("Cơ quan ban hành (như ghi)"), max_length=300, required=False
    )
    issuer_unit = UnitChoiceField(
        label=_("Cơ quan ban hành trong hệ thống"),
        queryset=None,
        required=False,
        empty_label=_("— không thuộc phạm vi của tôi —"),
    )
    owner_unit = UnitChoiceField(
        label=_("Đơn vị quản lý văn bản"),
        queryset=None,
        required=False,
        empty_label=_("— chọn —"),
        help_text=_("Khi đã chọn cơ quan ban hành, văn bản thuộc về cơ quan đó."),
    )
    place = forms.CharField(label=_("Địa danh"), max_length=120, required=False)
    date_text = forms.CharField(
        label=_("Ngày ban hành"),
        max_length=10,
        required=False,
        help_text=_("Ví dụ 25/12/2023; 9/2023 nếu để trống ngày; 2023 nếu chỉ biết năm."),
    )
    title = forms.CharField(
        label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    period_start = forms.CharField(label=_("Giai đoạn từ"), max_length=10, required=False)
    period_end = forms.CharField(label=_("đến"), max_length=10, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = editable_units(user).only("id", "name", "depth", "path")
        cast(forms.ModelChoiceField, self.fields["issuer_unit"]).queryset = units
        cast(forms.ModelChoiceField, self.fields["owner_unit"]).queryset = units

    @staticmethod
    def initial_from(data: DocumentData, *, version: int | None) -> dict[str, Any]:
        fields = [
            "system", "doc_type", "doc_type_name", "number", "symbol", "code", "issuer_name",
            "place", "date_text", "title", "period_start", "period_end",
        ]  # fmt: skip
        initial: dict[str, Any] = {f: getattr(data, f) for f in fields}
        initial["issuer_unit"] = data.issuer_unit.pk if data.issuer_unit else None
        initial["owner_unit"] = data.owner_unit.pk if data.owner_unit else None
        initial["version"] = version
        return initial


class ReferenceForm(forms.Form):
    """One cited document."""

    code = forms.CharField(label=_("Số, ký hiệu"), max_length=160, required=False)
    doc_type = forms.CharField(label=_("Loại"), max_length=16, required=False)
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2100, required=False)
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=300, required=False)
    date_text = forms.CharField(label=_("Ngày"), max_length=10, required=False)
    title = forms.CharField(label=_("Trích yếu"), required=False)
    source = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SectionForm(forms.Form):
    """The heading and role of one section of the outline."""

    path = forms.CharField(widget=forms.HiddenInput)
    depth = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label=_("Số mục"), max_length=20, required=False)
    heading = forms.CharField(label=_("Tiêu đề mục"), max_length=500, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=SectionRole.choices)


ReferenceFormSet = formset_factory(ReferenceForm, extra=1, can_delete=True, max_num=300)
SectionFormSet = formset_factory(SectionForm, extra=0, max_num=1000)


def review_forms(
    *,
    user: Any,
    data: Any | None,
    initial: DocumentData,
    parsed: dict[str, Any],
    version: int | None,
) -> tuple[ReviewForm, Any, Any]:
    """The three forms of the review page, bound to ``data`` on POST."""
    form = ReviewForm(data, user=user, initial=ReviewForm.initial_from(initial, version=version))
    refs = ReferenceFormSet(
        data,
        prefix="refs",
        initial=[
            {
                "code": r.code,
                "doc_type": r.doc_type,
                "number": r.number,
                "year": r.year,
                "issuer_name": r.issuer_name,
                "date_text": r.date_text,
                "title": r.title,
                "source": r.source,
            }
            for r in initial.references
        ],
    )
    sections = SectionFormSet(
        data,
        prefix="sections",
        initial=[
            {
                "path": path,
                "depth": depth,
                "number": s.get("number") or "",
                "heading": s.get("heading") or "",
                "role": s.get("role") or "other",
            }
            for path, depth, s in flat_sections(parsed)
        ],
    )
    return form, refs, sections


def document_data_from(form: ReviewForm, refs: Any, sections: Any) -> DocumentData:
    """The services' input from the three valid forms."""
    c = form.cleaned_data
    return DocumentData(
        system=c.get("system") or "",
        doc_type=c.get("doc_type") or "",
        doc_type_name=c.get("doc_type_name") or "",
        number=c.get("number") or "",
        symbol=c.get("symbol") or "",
        code=c.get("code") or "",
        issuer_name=c.get("issuer_name") or "",
        issuer_unit=c.get("issuer_unit"),
        owner_unit=c.get("owner_unit"),
        place=c.get("place") or "",
        date_text=c.get("date_text") or "",
        title=c.get("title") or "",
        period_start=c.get("period_start") or "",
        period_end=c.get("period_end") or "",
        references=[
            ReferenceData(
                code=r.get("code") or "",
                doc_type=r.get("doc_type") or "",
                number=r.get("number") or "",
                year=r.get("year"),
                issuer_name=r.get("issuer_name") or "",
                date_text=r.get("date_text") or "",
                title=r.get("title") or "",
                source=r.get("source"),
            )
            for r in refs.cleaned_data
            if r and not r.get("DELETE")
        ],
        sections=[
            SectionEdit(
                path=s["path"],
                number=s.get("number") or "",
                heading=s.get("heading") or "",
                role=s.get("role") or "other",
            )
            for s in sections.cleaned_data
            if s
        ],
    )
