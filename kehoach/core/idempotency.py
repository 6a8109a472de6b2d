"""A double-posted form creates one row.

Every form that creates something carries a one-time token (``{% load forms_once %}`` then
``{% form_token %}`` inside the ``<form>``: a hidden ``form_token`` field). The view is wrapped in
``@once_per_token``; it marks its success by returning ``submitted(request, redirect(...))``.

- The first POST with a token claims it (a ``FormSubmission`` row, unique per user and token)
  in the same transaction as the view's own writes, and keeps where the success led.
- The same token posted again (a double click, a reload of the POST, the back button, a retry
  after a lost answer) creates nothing: it is redirected to that first result, with a note. On
  PostgreSQL a second POST sent while the first is still running waits on the claim's unique
  index until the first commits; on SQLite writes are serialised anyway.
- A POST that does not succeed (a form error, a refusal) releases its claim, so the corrected
  form can be sent again; its writes, if any, were the view's own business.
- A POST without a token (an old page, a script) is served as before, unprotected.

The API has its own ``Idempotency-Key`` header for uploads (kehoach/documents/api.py).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast, overload

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.core.models import FormSubmission

FIELD = "form_token"
KEPT_FOR = dt.timedelta(days=1)
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_DONE = "_kehoach_form_done"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def new_token() -> str:
    return uuid.uuid4().hex


def clean_token(value: Any) -> str | None:
    """The token as 32 lowercase hex digits (a UUID's dashes dropped), or None if it is not one."""
    text = str(value or "").strip().replace("-", "").lower()
    return text if _TOKEN.match(text) else None


def submitted(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Mark the POST as done: the same form posted again will be sent to ``response``'s
    location (a redirect) instead of doing its work twice."""
    setattr(request, _DONE, response["Location"])
    return response


@overload
def once_per_token(view: View, *, field: str = FIELD) -> View: ...
@overload
def once_per_token(view: None = None, *, field: str = FIELD) -> Callable[[View], View]: ...
def once_per_token(view: Any = None, *, field: str = FIELD) -> Any:
    """Decorate a view whose POST creates something (see the module's docstring)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            token = clean_token(request.POST.get(field)) if request.method == "POST" else None
            user = getattr(request, "user", None)
            if token is None or user is None or not user.is_authenticated:
                return view(request, *args, **kwargs)
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        claim = FormSubmission.objects.create(user=user, token=token)
                except IntegrityError:
                    return _replay(request, user, token)
                response = view(request, *args, **kwargs)
                location = getattr(request, _DONE, None)
                if location:
                    FormSubmission.objects.filter(pk=claim.pk).update(location=location[:2000])
                    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
                else:
                    claim.delete()
            return response

        return cast(View, wrapper)

    return decorate(view) if view is not None else decorate


def _replay(request: HttpRequest, user: Any, token: str) -> HttpResponse:
    prior = FormSubmission.objects.filter(user=user, token=token).first()
    if prior is None or not prior.location:
        return HttpResponse(
            gettext("Biểu mẫu này đang được xử lý. Hãy chờ một lát rồi tải lại trang."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    messages.info(
        request,
        gettext("Biểu mẫu này đã được gửi trước đó; đây là kết quả của lần gửi ấy."),
        fail_silently=True,  # a request without the messages middleware is still redirected
    )
    return HttpResponseRedirect(prior.location)
