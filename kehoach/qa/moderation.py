"""Moderation against spam, abuse and leaks of personal data only: opinions are never judged.

- ``mask_personal_data``: phone numbers, ID numbers (CMND 9 / CCCD 12 digits), e-mail
  addresses, licence plates and house addresses of third parties are masked before publication;
  the original stays private for the desk and the agency.
- ``text_key``: a fingerprint of the normalised text (case, diacritics, punctuation and spaces
  ignored) to spot the same question sent twice.
- ``abusive_words``: a short list of insults; a question containing one is *held* for a
  moderator (who releases it, masking the words), never refused. Criticism is answered.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from django.utils.translation import gettext_lazy as _

from kehoach.core.text import fold

MASK = "***"

# Vietnamese phone numbers: 0xxx xxx xxx or +84 / 84 followed by nine digits, with optional
# spaces, dots or dashes between groups (mobile and landline 10–11 digits).
_PHONE = re.compile(r"(?<![\w+])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\w)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# Licence plates: 29A-123.45, 51F 12345, 30A1-234.56, 29-B1 123.45.
_PLATE = re.compile(
    r"(?<!\w)\d{2}\s?-?\s?[A-Z]{1,2}\d?\s?-?\s?\d{3}(?:[.\s]?\d{2}|\d?)(?!\w)", re.IGNORECASE
)
# ID numbers: CCCD 12 digits, CMND 9 digits (alone, not part of a longer number).
_ID = re.compile(r"(?<!\d)(?<!\d[.,])(?:\d{12}|\d{9})(?!\d)(?![.,]\d)")
# House addresses: "số 12 ngõ 34 phố Hàng Bạc", "nhà số 5 hẻm 7 đường …", "12/3 ngách 4 …".
_ADDRESS = re.compile(
    r"(?:(?:nhà\s+)?số\s+\d+[\w/]*|\b\d+[/\-]\d+\w*)"
    r"(?:[\s,]+(?:ngõ|ngách|hẻm|kiệt|tổ|tổ dân phố|khu phố|ấp|thôn)\s+\d+[\w/]*)*"
    r"(?:[\s,]+(?:phố|đường|ngõ|hẻm|kiệt)(?:\s+[A-ZĐÂĂÊÔƠƯÀ-Ỹ][\wÀ-ỹ]*){1,4})?",
    re.IGNORECASE,
)
_ADDRESS_HINT = re.compile(r"(?:ngõ|ngách|hẻm|kiệt|phố|đường)", re.IGNORECASE)

KINDS = {
    "email": _("thư điện tử"),
    "phone": _("số điện thoại"),
    "plate": _("biển số xe"),
    "id": _("số CMND/CCCD"),
    "address": _("địa chỉ nhà"),
}


def mask_personal_data(text: str) -> tuple[str, list[str]]:
    """``text`` with third parties' personal data replaced by ``***`` and the kinds masked."""
    found: list[str] = []

    def sub(
        kind: str, pattern: re.Pattern[str], value: str, need: re.Pattern[str] | None = None
    ) -> str:
        def repl(m: re.Match[str]) -> str:
            if need is not None and not need.search(m.group(0)):
                return m.group(0)
            if kind not in found:
                found.append(kind)
            return MASK

        return pattern.sub(repl, value)

    out = sub("email", _EMAIL, text or "")
    out = sub("phone", _PHONE, out)
    out = sub("plate", _PLATE, out)
    out = sub("id", _ID, out)
    out = sub("address", _ADDRESS, out, need=_ADDRESS_HINT)
    return out, found


def text_key(text: str) -> str:
    """Fingerprint of the normalised text (case, diacritics, punctuation, spaces ignored)."""
    words = re.findall(r"\w+", fold(text))
    return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else ""


# Insults only (lower case with their diacritics, whole words; a few bare abbreviations):
# never words of opinion or criticism. Folding would catch innocent words ("đo cho" → "do cho").
ABUSIVE = (
    "đồ ngu",
    "thằng ngu",
    "con ngu",
    "óc chó",
    "đồ chó",
    "thằng chó",
    "mất dạy",
    "khốn nạn",
    "vô học",
    "đm",
    "đcm",
    "dcm",
    "vcl",
    "vkl",
    "clgt",
    "đụ má",
    "địt",
)
_ABUSIVE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ABUSIVE) + r")(?!\w)")


def abusive_words(text: str) -> list[str]:
    """The insults of the short list found in ``text`` (whole words, any case)."""
    normal = unicodedata.normalize("NFC", (text or "").lower())
    return sorted(set(_ABUSIVE.findall(normal)))
