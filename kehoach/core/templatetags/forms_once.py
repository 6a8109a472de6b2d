"""``{% form_token %}``: the one-time token of a form that creates something
(kehoach.core.idempotency)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kehoach.core.idempotency import FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
