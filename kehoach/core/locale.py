"""Vietnamese first: the interface language is the user's explicit choice, else Vietnamese.

Django's LocaleMiddleware also follows the browser's Accept-Language, so an officer whose browser
is an English build would get a half-English interface without asking for it. Here only the
language cookie set by the header's language switch (``/i18n/setlang/``) changes the language.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that ignores Accept-Language: cookie choice, else LANGUAGE_CODE."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
