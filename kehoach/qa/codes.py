"""Tracking codes: 80 random bits from ``secrets`` (the source of ``secrets.token_urlsafe``),
written in Crockford's base-32 alphabet so that a citizen can read them out on the phone and
type them in any case: ``K7QX-M2PA-9D4H-TR3C``. Nothing in a code says when or where it was
made, so codes cannot be guessed or walked."""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U
LENGTH = 16  # 16 × 5 = 80 bits
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_normalise(typed: str) -> str:
    """What the citizen typed as a stored code ("k7qx m2pa-9d4h tr3c" → "K7QXM2PA9D4HTR3C");
    an empty string when it cannot be one (the lookup then answers as for a wrong code)."""
    text = "".join(c for c in (typed or "")[:64].upper() if c.isalnum()).translate(_READ_AS)
    if len(text) != LENGTH or any(c not in ALPHABET for c in text):
        return ""
    return text
