"""Factories for registry documents; indexed for search like the import service does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from kehoach.documents.choices import DocumentStatus
from kehoach.documents.models import Document, Reference
from kehoach.documents.normalize import code_key, fold
from kehoach.documents.services import document_reindex, references_resolve


class DocumentFactory(factory.django.DjangoModelFactory):
    """A registered document owned by ``owner_unit`` (required), dated, numbered and indexed."""

    class Meta:
        model = Document

    system = "party"
    doc_type = "KH"
    doc_type_name = "Kế hoạch"
    number = factory.Sequence(lambda n: str(100 + n))
    symbol = "KH/TU"
    code = factory.LazyAttribute(lambda o: f"{o.number}-{o.symbol}" if o.number else "")
    issuer_name = factory.LazyAttribute(lambda o: o.owner_unit.name)
    date = dt.date(2024, 6, 16)
    year = factory.LazyAttribute(lambda o: o.date.year if o.date else None)
    date_text = factory.LazyAttribute(lambda o: o.date.isoformat() if o.date else "")
    title = "Tuyên truyền thực hiện Chỉ thị về thực hành tiết kiệm, chống lãng phí"
    text = factory.LazyAttribute(lambda o: f"KẾ HOẠCH\n{o.title}\nNội dung kế hoạch.")
    status = DocumentStatus.REVIEWED

    @classmethod
    def _create(cls, model_class: type[Document], *args: Any, **kwargs: Any) -> Document:
        kwargs.setdefault(
            "sort_date", kwargs.get("date") or dt.date(kwargs.get("year") or 2024, 1, 1)
        )
        kwargs["code_key"] = code_key(kwargs.get("code"))
        kwargs["search_title"] = fold(kwargs.get("title"))
        kwargs["search_text"] = fold(
            " ".join(
                [kwargs.get("code") or "", kwargs.get("title") or "", kwargs.get("text") or ""]
            )
        )
        kwargs.setdefault(
            "dedupe_key",
            f"code:{kwargs['code_key']}|{fold(kwargs.get('issuer_name'))}|{kwargs.get('year') or ''}"
            if kwargs["code_key"]
            else f"sha:factory-{factory.random.randgen.random()}",
        )
        doc = super()._create(model_class, *args, **kwargs)
        document_reindex(document=doc)
        return doc


def cite(
    document: Document, code: str, *, year: int | None = None, date: dt.date | None = None
) -> Reference:
    """Make ``document`` cite ``code`` (and resolve the reference)."""
    ref = Reference.objects.create(
        document=document,
        code=code,
        code_key=code_key(code),
        year=year or (date.year if date else None),
        date=date,
        date_text=date.isoformat() if date else "",
        position=document.references.count(),
    )
    references_resolve([Reference.objects.select_related("document").get(pk=ref.pk)])
    ref.refresh_from_db()
    document_reindex(document=document)
    return ref
