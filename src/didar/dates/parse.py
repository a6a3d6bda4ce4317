"""A date written alone (a feed item's pubDate, a meta tag) to YYYY-MM-DD with didar's own date
resolution: Solar Hijri, Hijri, and Gregorian dates with Persian or Arabic month names.

    parse_date_text("سه‌شنبه ۲۹ مهر ۱۴۰۴ - ۱۰:۳۰", res.dates)   -> "2025-10-21"
    parse_date_text("السبت 23 آذار 2024", res.dates)              -> "2024-03-23"

The string runs through the dates stage as a tiny document; the first date that resolves to a
day wins. A string that holds no such date gives None.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from didar.dates.extract import find_dates
from didar.dates.resources import DateResources
from didar.record import Document

_PERSIAN_ONLY = set("پچژگکیۀ")
_SOLAR_YEAR = re.compile(r"(?<![0-9۰-۹٠-٩])(?:1[34]|۱[۳۴]|١[٣٤])[0-9۰-۹٠-٩]{2}(?![0-9۰-۹٠-٩])")
MAX_CHARS = 200  # a date string longer than this is not a date string


def parse_date_text(text: str, dates: DateResources) -> str | None:
    """YYYY-MM-DD for the first day-precise date in `text`, else None."""
    text = (text or "").strip()[:MAX_CHARS]
    if not text:
        return None
    persian = _PERSIAN_ONLY & set(text) or _SOLAR_YEAR.search(text)
    first = "fa" if persian else "ar"
    res = SimpleNamespace(dates=dates)
    for language in (first, "ar" if first == "fa" else "fa"):
        doc = find_dates(Document(text=text, language=language), res)  # type: ignore[arg-type]
        if doc.published:
            return doc.published
        for mention in doc.dates:
            if mention.precision == "day" and mention.value:
                return mention.value
    return None
