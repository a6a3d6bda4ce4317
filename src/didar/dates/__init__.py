"""didar.dates: date expressions, the publication date and the reference date.

- `resources`: `DateResources` / `load_date_resources()`: the TSV data in `data/`, compiled once.
- `calendars`: Jalali (own arithmetic) and Umm al-Qura Hijri (hijridate) <-> Gregorian.
- `extract`: the `find_dates` stage and `date_for_span` for the events stage.
"""
