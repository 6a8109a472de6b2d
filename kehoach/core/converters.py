"""The ``<id:…>`` path converter: a database id, or no match (404).

Django's ``<id:…>`` accepts any number of digits, and a 20-digit id then reaches the database,
where SQLite raises OverflowError (a 500) and PostgreSQL an out-of-range error. Ids of every
model are 64-bit signed integers on both databases, so a path segment outside 1 … 2⁶³−1 names
nothing: the resolver treats it as no match and the user gets the ordinary 404 page.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))
