"""Calendar arithmetic: Solar Hijri (Jalali) and Hijri (Umm al-Qura) to and from Gregorian.

Jalali: our own arithmetic, the "breaks" algorithm of K. Borkowski as used by jalaali-js
(Pournader & Toossi). Between the listed break years the leap years follow the 33-year cycle,
which reproduces the calendar Iran uses (the vernal-equinox rule) for 1 AP to 3177 AP.
Tested day by day against jdatetime and persiantools (tests/dates/test_calendars.py).

Hijri: the Umm al-Qura calendar through the `hijridate` package (supported range 1343-1500 AH,
1924-08-01 to 2077-11-16). Outside that range we return None rather than guess.

Every function returning a date returns None for a date that does not exist (31 Esfand,
30 of a 29-day Hijri month, 30 February) or lies outside the supported range.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from hijridate import Gregorian, Hijri

# Jalali years at which the 33-year leap cycle is re-phased (jalaali-js, after Borkowski).
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192,
           2262, 2324, 2394, 2456, 3178)

JALALI_MIN_YEAR = 1
JALALI_MAX_YEAR = 3177
HIJRI_MIN_YEAR = 1343
HIJRI_MAX_YEAR = 1500


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero (as in the reference algorithm)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


@lru_cache(maxsize=4096)  # a pure function of the year: memoized
def _jal_cal(jy: int) -> tuple[int, int, int]:
    """(leap, gy, march) for Jalali year jy: `leap` is the number of years since the last leap
    year (0 means jy is leap); 1 Farvardin jy falls on March `march` of Gregorian year `gy`."""
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap, gy, march


def is_jalali_leap(jy: int) -> bool:
    return _jal_cal(jy)[0] == 0


def jalali_month_length(jy: int, jm: int) -> int:
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if is_jalali_leap(jy) else 29


def is_valid_jalali(jy: int, jm: int, jd: int) -> bool:
    return (JALALI_MIN_YEAR <= jy <= JALALI_MAX_YEAR and 1 <= jm <= 12
            and 1 <= jd <= jalali_month_length(jy, jm))


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> date | None:
    """Gregorian date of Jalali jy/jm/jd, or None if that day does not exist."""
    if not is_valid_jalali(jy, jm, jd):
        return None
    _, gy, march = _jal_cal(jy)
    offset = (jm - 1) * 31 - (jm // 7) * (jm - 7) + jd - 1
    return date.fromordinal(date(gy, 3, march).toordinal() + offset)


def gregorian_to_jalali(d: date) -> tuple[int, int, int]:
    """(year, month, day) in the Jalali calendar."""
    jy = d.year - 621
    leap, gy, march = _jal_cal(jy)
    k = d.toordinal() - date(gy, 3, march).toordinal()
    if k >= 0:
        if k <= 185:
            return jy, 1 + k // 31, k % 31 + 1
        k -= 186
    else:
        jy -= 1
        k += 179
        if leap == 1:
            k += 1
    return jy, 7 + k // 30, k % 30 + 1


def hijri_month_length(hy: int, hm: int) -> int | None:
    """Days in Umm al-Qura month hm of year hy, or None outside the supported range."""
    if not (HIJRI_MIN_YEAR <= hy <= HIJRI_MAX_YEAR and 1 <= hm <= 12):
        return None
    return Hijri(hy, hm, 1).month_length()


def is_valid_hijri(hy: int, hm: int, hd: int) -> bool:
    n = hijri_month_length(hy, hm)
    return n is not None and 1 <= hd <= n


def hijri_to_gregorian(hy: int, hm: int, hd: int) -> date | None:
    """Gregorian date of Umm al-Qura hy/hm/hd, or None if invalid or out of range."""
    if not is_valid_hijri(hy, hm, hd):
        return None
    return Hijri(hy, hm, hd).to_gregorian()


def gregorian_to_hijri(d: date) -> tuple[int, int, int] | None:
    """(year, month, day) in the Umm al-Qura calendar, or None out of range."""
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def gregorian_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def to_gregorian(calendar: str, y: int, m: int, d: int) -> date | None:
    """Dispatch on calendar name: jalali | hijri | gregorian."""
    if calendar == "jalali":
        return jalali_to_gregorian(y, m, d)
    if calendar == "hijri":
        return hijri_to_gregorian(y, m, d)
    return gregorian_date(y, m, d)


def from_gregorian(calendar: str, d: date) -> tuple[int, int, int] | None:
    """(year, month, day) of a Gregorian date in the given calendar."""
    if calendar == "jalali":
        return gregorian_to_jalali(d)
    if calendar == "hijri":
        return gregorian_to_hijri(d)
    return d.year, d.month, d.day
