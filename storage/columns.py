"""Values as the app database's columns will take them, whatever a family or a channel sent.

PostgreSQL refuses a NUL character in text and a string longer than its column, and the driver
cannot encode a lone surrogate (JSON's "\\ud800" decodes to one). A record refused for any of
these would be refused on every retry, so every value is made storable before it is written:
on SQLite too, so both databases keep the same thing.
"""

from __future__ import annotations

import re

from storage.models import Base

_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(value):
    """The value without NUL characters or lone surrogates, through lists and dicts (JSON)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value.replace("\x00", ""))
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    return value


def fit(model: type[Base], **values) -> dict:
    """The values made storable, and strings cut to the length of `model`'s column."""
    columns = model.__table__.columns
    fitted = {}
    for name, value in values.items():
        value = storable(value)
        length = getattr(columns[name].type, "length", None)  # String(n); None for Text
        fitted[name] = value[:length] if isinstance(value, str) and length else value
    return fitted
