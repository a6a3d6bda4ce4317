"""Event clusters: the reports of one real-world meeting, from any outlet and language.

Pure functions over small records; the store (`didar.store.clusters`) keeps the clusters and
finds the candidates of a new report through an index on participant pairs, so a new report is
compared with a handful of clusters, never with every stored event.

A report (`Report`: one occurred meeting, visit or phone call of one document) joins a cluster
when everything both state agrees (`compatible`):
- participants: the same set, or one set inside the other when the smaller names two or more
  people (one outlet lists an extra attendee);
- kind: a phone call is never the same event as a meeting or a visit;
- dates: event dates at most DATE_WINDOW_DAYS apart; a report without an event date but with a
  publication date must be published on or up to REPORT_LAG_DAYS after the cluster's dates
  (and within REPORT_LAG_DAYS of the cluster's publication dates);
- weekday: a stated weekday (or the weekday of a stated date) must be one of the cluster's;
- place: the same place, or places of the same country, or one side does not say.
A report that states no time at all (no date, weekday or publication date), or a cluster that
has none, can only agree by default: such a report joins only when exactly one cluster is
compatible (`choose`); when two are, it stays alone rather than be guessed into one.

The cluster's date and participants are the reports' agreement (`summarize`): counts of every
value, None included, so that disagreement stays visible ({"2021-02-27": 2, None: 1}).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from didar.record import Document

CLUSTERED_TYPES = frozenset({"meeting", "visit", "phone_call"})
DATE_WINDOW_DAYS = 1  # event dates of one meeting may differ by a day (time zones, late reports)
REPORT_LAG_DAYS = 7  # an undated report of a meeting is published at most this long after it
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(slots=True)
class Report:
    """One occurred event of one document, as clustering sees it."""

    participants: frozenset[str]
    kind: str  # meeting | visit | phone_call ("call" vs "meet" is what matters)
    date: str | None = None
    weekday: str | None = None
    published: str | None = None
    place: str | None = None
    place_country: str | None = None

    @property
    def anchored(self) -> bool:
        """Does the report say anything about when?"""
        return bool(self.date or self.weekday or self.published)

    def weekday_of(self) -> str | None:
        if self.date:
            return _WEEKDAYS[date.fromisoformat(self.date).weekday()]
        return self.weekday


@dataclass(slots=True)
class Summary:
    """What a cluster's reports state, as counts (None counts reports that do not say)."""

    participants: frozenset[str]  # the union of the reports' participants
    kinds: Counter = field(default_factory=Counter)
    dates: Counter = field(default_factory=Counter)
    weekdays: Counter = field(default_factory=Counter)
    published: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    reports: int = 0

    @property
    def anchored(self) -> bool:
        return (
            any(k for k in self.dates)
            or any(k for k in self.weekdays)
            or any(k for k in self.published)
        )

    def add(self, r: Report) -> None:
        self.participants = self.participants | r.participants
        self.kinds[r.kind] += 1
        self.dates[r.date] += 1
        self.weekdays[r.weekday_of()] += 1
        self.published[r.published] += 1
        self.places[r.place] += 1
        self.countries[r.place_country] += 1
        self.reports += 1

    def to_json(self) -> dict[str, Any]:
        def plain(c: Counter) -> dict[str, int]:
            return {("null" if k is None else k): n for k, n in sorted(c.items(), key=_order)}

        return {
            "participants": sorted(self.participants),
            "kinds": plain(self.kinds),
            "dates": plain(self.dates),
            "weekdays": plain(self.weekdays),
            "published": plain(self.published),
            "places": plain(self.places),
            "countries": plain(self.countries),
            "reports": self.reports,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Summary:
        def counter(x: dict[str, int]) -> Counter:
            return Counter({(None if k == "null" else k): n for k, n in x.items()})

        return cls(
            frozenset(d["participants"]),
            counter(d["kinds"]),
            counter(d["dates"]),
            counter(d["weekdays"]),
            counter(d["published"]),
            counter(d["places"]),
            counter(d["countries"]),
            d["reports"],
        )


def _order(item: tuple[Any, int]) -> tuple[int, str]:
    return (item[0] is None, str(item[0]))


def reports_of(doc: Document) -> list[tuple[int, Report]]:
    """(event index, Report) for every occurred meeting, visit or call of the document."""
    out = []
    for i, e in enumerate(doc.events):
        if e.type not in CLUSTERED_TYPES or e.status != "occurred" or not e.participants:
            continue
        place = doc.actor(e.location) if e.location else None
        country = None
        if place is not None:
            country = place.country or (place.id if place.type == "country" else None)
        out.append(
            (
                i,
                Report(
                    participants=frozenset(e.participants),
                    kind=e.type,
                    date=e.date if e.date_precision == "day" else None,
                    weekday=e.weekday,
                    published=doc.published,
                    place=e.location,
                    place_country=country,
                ),
            )
        )
    return out


def pair_keys(participants: Iterable[str]) -> list[str]:
    """Index keys: every pair of participants ("a|b", sorted), or the one participant."""
    people = sorted(set(participants))
    if len(people) == 1:
        return people
    return [f"{a}|{b}" for a, b in combinations(people, 2)]


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(a) - date.fromisoformat(b)).days


def _same_people(a: frozenset[str], b: frozenset[str]) -> bool:
    if a == b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= 2 and small <= big


def compatible(r: Report, s: Summary) -> bool:
    """Does everything the report and the cluster both state agree? (see the module rules)"""
    if not _same_people(r.participants, s.participants):
        return False
    calls = {k for k in s.kinds if k == "phone_call"}
    if bool(calls) != (r.kind == "phone_call"):
        return False
    dates = [d for d in s.dates if d]
    if r.date and dates and min(abs(_days(r.date, d)) for d in dates) > DATE_WINDOW_DAYS:
        return False
    if not r.date and r.published:
        if dates and not any(0 <= _days(r.published, d) <= REPORT_LAG_DAYS for d in dates):
            return False
        published = [p for p in s.published if p]
        if (
            not dates
            and published
            and min(abs(_days(r.published, p)) for p in published) > REPORT_LAG_DAYS
        ):
            return False
    if r.date and not dates:
        published = [p for p in s.published if p]
        if published and not any(0 <= _days(p, r.date) <= REPORT_LAG_DAYS for p in published):
            return False
    weekday = r.weekday_of()
    weekdays = {w for w in s.weekdays if w}
    # dates on both sides were compared above (a day apart is a different weekday)
    if weekday and weekdays and weekday not in weekdays and not (r.date and dates):
        return False
    places = {p for p in s.places if p}
    countries = {c for c in s.countries if c}
    if r.place and places and r.place not in places:
        if not (r.place_country and r.place_country in countries):
            return False
    return True


def choose(r: Report, candidates: Sequence[tuple[int, Summary]]) -> int | None:
    """The cluster (key) the report joins, or None for a new cluster."""
    fits = [(key, s) for key, s in candidates if compatible(r, s)]
    if not fits:
        return None
    anchored = [(key, s) for key, s in fits if s.anchored]
    if not r.anchored or not anchored:
        # nothing in time to go by: only an unambiguous match is taken
        return fits[0][0] if len(fits) == 1 else None
    if len(anchored) == 1:
        return anchored[0][0]
    return min(anchored, key=lambda ks: _distance(r, ks[1]))[0]


def _distance(r: Report, s: Summary) -> tuple[int, int]:
    """How far the report is from a cluster in time (smaller is closer), then fewer reports."""
    mine = r.date or r.published
    theirs = [d for d in s.dates if d] or [p for p in s.published if p]
    if not mine or not theirs:
        return (10**6, -s.reports)
    return (min(abs(_days(mine, t)) for t in theirs), -s.reports)


def agreed(c: Counter) -> Any:
    """The value most reports state (ties: the earliest), or None when none states one."""
    stated = [(n, k) for k, n in c.items() if k is not None]
    if not stated:
        return None
    best = max(n for n, _ in stated)
    return min(k for n, k in stated if n == best)
