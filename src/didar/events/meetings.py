"""Meetings, visits and phone calls.

For each sentence (the part before a colon that opens quoted speech), a meeting, phone or host
cue with two or more persons gives one event; a subject meeting a list of people gives one
bilateral event per person unless a multilateral cue says otherwise. Status comes from planned,
negated and conditional cues in the sentence; a cue that refers back ("در این دیدار",
"خلال الاستقبال") or recalls a past meeting as background makes no new event, and names in an
attendance clause ("حضر الاستقبال ...") join the event they attended. A visit with no named
counterpart is kept only when its traveller has no meeting in the document. The same
participants make one event per document.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from didar.dates.extract import date_for_span
from didar.events.resources import cue_index
from didar.record import Document, Event, Evidence, Ref, Sentence, in_boilerplate, refs_between
from didar.text.normalize import fold_plain, to_key_offset

if TYPE_CHECKING:
    from didar.events.resources import EventResources
    from didar.resources import Resources

# Future and negation markers count only near the cue ("دیدار خواهد کرد", "من المقرر أن يلتقي"),
# not anywhere in a long sentence.
PLANNED_BEFORE = 60
PLANNED_AFTER = 40
WELCOME_SPAN = 50  # characters after a welcome cue where the welcoming person is named
VISIT_OBJECT_REACH = 90  # characters from an Arabic visit verb to the place it takes


@dataclass(slots=True)
class Candidate:
    type: str
    status: str
    participants: list[str]
    start: int
    end: int
    rule: str
    sentence: int
    location: str | None = None
    host: str | None = None
    guest: str | None = None
    attendees: list[str] = field(default_factory=list)
    cue: tuple[int, int] = (0, 0)  # text span of the cue, for dating
    headline: bool = False


def find_events(doc: Document, res: Resources) -> Document:
    er = res.events
    key = doc.analysis.key
    k2t = doc.analysis.key_to_text
    sentences = doc.analysis.sentences or [Sentence(0, len(doc.text), 0)]
    lang = doc.language if doc.language in ("fa", "ar") else "fa"
    cands: list[Candidate] = []
    leads = er.cue("lead", lang)
    for si, sent in enumerate(sentences):
        if in_boilerplate(doc, sent.start):
            continue  # a source line or dateline kept as evidence, not article body
        s_ks = to_key_offset(k2t, sent.start)
        s_ke = to_key_offset(k2t, sent.end)
        # an agency lead ("به گزارش فارس، ...") starts a new unit even where a headline or a
        # byline was glued to it without a full stop
        cuts = [s_ks] + [a for a, _ in cue_index(key).find(leads, s_ks, s_ke) if a > s_ks] + [s_ke]
        for ks, ke in itertools.pairwise(cuts):
            region_end = _speech_cut(key, ks, ke)
            lo, hi = k2t[ks], k2t[region_end] if region_end < len(k2t) else len(doc.text)
            refs = refs_between(doc, lo, hi)
            cands.extend(_sentence_events(doc, er, lang, key, ks, region_end, refs, si, sent,
                                          cands, res))
    doc.events = _merge(doc, cands, res)
    return doc


def _speech_cut(key: str, ks: int, ke: int) -> int:
    """End of the part of a sentence that reports events: before a colon (quoted speech)."""
    colon = key.find(":", ks, ke)
    return colon if colon != -1 else ke


def _persons(refs: list[Ref]) -> list[Ref]:
    return [r for r in refs if r.type == "person" and r.kind != "pronoun"]


def _not_possessors(persons: list[Ref], key: str, k2t: list[int], heads: frozenset[str]
                    ) -> list[Ref]:
    """Drop names that are a possessor ("صهر ترامب" Trump's son-in-law, "دفتر رئیس‌جمهور"):
    the person meant is someone else."""
    out = []
    for r in persons:
        rk = r.ks
        words = key[max(0, rk - 15):rk].split()
        if words and words[-1] in heads:
            continue
        out.append(r)
    return out


def _sentence_events(doc: Document, er: EventResources, lang: str, key: str, ks: int, ke: int,
                     refs: list[Ref], si: int, sent: Sentence, previous: list[Candidate],
                     res: Resources) -> list[Candidate]:
    phone = cue_index(key).first(er.cue("phone_call", lang), ks, ke)
    host = cue_index(key).first(er.cue("host", lang), ks, ke)
    meet = cue_index(key).first(er.cue("meeting", lang), ks, ke)
    visit = cue_index(key).first(er.cue("visit", lang), ks, ke)
    attendance = cue_index(key).first(er.cue("attendance", lang), ks, ke)
    if not (phone or host or meet or visit or attendance):
        return []  # most sentences: nothing to look at
    k2t = doc.analysis.key_to_text
    persons = _not_possessors(_persons(refs), key, k2t, er.cue("possessed", lang).words_set)
    if attendance and previous:
        # attendees of the event just reported: "حضر الاستقبال X و Y" (after the cue) or
        # "که X نیز حضور داشت" (between که and the cue)
        att_ks = attendance[0]
        if lang == "fa":
            kc = key.rfind(" که ", ks, att_ks)
            lo, hi = k2t[kc if kc != -1 else ks], k2t[att_ks]
        else:
            lo, hi = k2t[att_ks], k2t[ke - 1] + 1
        present = [r for r in persons if lo <= r.start < hi]
        if present:
            att = previous[-1].attendees
            att.extend(r.actor for r in present if r.actor not in att
                       and r.actor not in previous[-1].participants)
            persons = [r for r in persons if r not in present]
            if not persons:
                return []
    welcome = cue_index(key).first(er.cue("welcome", lang), ks, ke)
    if welcome is not None:
        w0, w1 = k2t[welcome[0]], k2t[min(welcome[1] + WELCOME_SPAN, ke) - 1]
        persons = [r for r in persons if not w0 <= r.start <= w1]
        if host and host[0] >= welcome[0] and host[1] <= welcome[1] + 2:
            host = None
    cue = phone or host or meet
    if cue is None and visit is None:
        return []
    if cue_index(key).first(er.cue("background", lang), ks, ke):
        return []
    etype = "phone_call" if phone else "visit" if host else "meeting"
    if cue_index(key).first(er.cue("anaphoric", lang), ks, ke):
        # "در این دیدار ...", "خلال الاستقبال ...": more about an event already reported
        return []
    actors = list(dict.fromkeys(r.actor for r in persons))
    anchor = cue or visit
    status = _status(er, lang, key, max(ks, anchor[0] - PLANNED_BEFORE),
                     min(ke, anchor[1] + PLANNED_AFTER), ks, ke)
    location = _location(doc, res, key, ks, ke, refs)
    start, end = k2t[ks], k2t[max(ks, ke - 1)] + 1
    a = anchor
    cue_span = (k2t[a[0]], k2t[a[1] - 1] + 1)
    out: list[Candidate] = []
    if cue is not None and len(actors) >= 2:
        rule = f"{etype}:{key[cue[0]:cue[1]]}"
        if cue_index(key).first(er.cue("multilateral", lang), ks, ke) or len(actors) == 2:
            groups = [actors]
        else:
            groups = [[actors[0], other] for other in actors[1:]]
        for g in groups:
            c = Candidate(etype, status, g, start, end, rule, si, location, cue=cue_span)
            if host:
                c.host, c.guest = _host_guest(persons, g, key, host, k2t, lang)
            out.append(c)
        if visit is not None and status != "occurred" and location is not None:
            # "وصل ... الى طهران في زيارة يلتقي خلالها ...": the arrival happened, the meeting
            # is to come
            v_status = _status(er, lang, key, max(ks, visit[0] - PLANNED_BEFORE),
                               min(ke, visit[1] + 10), ks, ke)
            if v_status == "occurred" and not _domestic(res, actors[0], location):
                v_span = (k2t[visit[0]], k2t[visit[1] - 1] + 1)
                out.append(Candidate("visit", "occurred", [actors[0]], start, end,
                                     f"visit:{key[visit[0]:visit[1]]}", si, location,
                                     guest=actors[0], cue=v_span))
        return out
    if cue is not None and len(actors) == 1:
        # "سپس با X دیدار کرد": the subject is the one the paragraph is about
        subject = _paragraph_subject(doc, sent, previous)
        if subject and subject != actors[0]:
            rule = f"{etype}:{key[cue[0]:cue[1]]}:implicit-subject"
            return [Candidate(etype, status, [subject, actors[0]], start, end, rule, si,
                              location, cue=cue_span)]
    if (visit is not None and len(actors) == 1 and location is not None
            and not any(a <= visit[0] < b
                        for a, b in cue_index(key).find(er.cue("visit_anaphoric", lang), ks, ke))
            and not _domestic(res, actors[0], location)):
        rule = f"visit:{key[visit[0]:visit[1]]}"
        return [Candidate("visit", status, actors, start, end, rule, si, location,
                          guest=actors[0], cue=cue_span)]
    return out


def _domestic(res: Resources, traveller: str, place: str) -> bool:
    """A trip inside the traveller's own country ("زيارة لإقليم كردستان الإيراني" by Iran's
    president) is not a visit in the diplomatic sense."""
    entries = res.actors.entries
    t, p = entries.get(traveller), entries.get(place)
    return t is not None and p is not None and t.country is not None and t.country == p.country


def _paragraph_subject(doc: Document, sent: Sentence, previous: list[Candidate]) -> str | None:
    for c in reversed(previous):
        if doc.analysis.sentences[c.sentence].paragraph == sent.paragraph:
            return c.participants[0]
    return None


def _status(er: EventResources, lang: str, key: str, ks: int, ke: int,
            sent_ks: int | None = None, sent_ke: int | None = None) -> str:
    """Status from cues near the event cue; a denial ("... را تکذیب کرد", "نفى") anywhere in
    the sentence."""
    if cue_index(key).first(er.cue("denied", lang), sent_ks if sent_ks is not None else ks,
                                    sent_ke if sent_ke is not None else ke):
        return "denied"
    if cue_index(key).first(er.cue("negated", lang), ks, ke):
        return "denied"
    if cue_index(key).first(er.cue("conditional", lang), ks, ke):
        return "conditional"  # "اگر ... دیدار خواهد کرد": if, then will
    if cue_index(key).first(er.cue("planned", lang), ks, ke):
        return "planned"
    return "occurred"


def _location(doc: Document, res: Resources, key: str, ks: int, ke: int,
              refs: list[Ref]) -> str | None:
    """A place or country written as the setting: "در تهران", "في بغداد", "بجدة"."""
    lang = doc.language if doc.language == "ar" else "fa"
    settings = res.events.cue("settings", lang).words
    visit_verbs = res.events.cue("visit_object", lang)
    best: str | None = None
    # a country inside a person's title ("وزير الخارجية بجمهورية مصر العربية") is no setting
    titles = [(r.start, r.end) for r in refs if r.kind == "role" and r.type == "person"]
    refs = [r for r in refs if not any(a <= r.start and r.end <= b for a, b in titles)]
    # "يزور مدينة سبيدكوه", "زار طهران": the place a visit verb takes as its object
    for r in refs:
        if r.type not in ("place", "country") or r.kind == "demonym":
            continue
        rk = r.ks
        words = key[max(ks, rk - 30):rk].split()
        while words and words[-1] in settings:
            words.pop()
        if words and visit_verbs.first(words[-1]):
            return r.actor
        # Arabic verb-subject-object: "زارت وزيرة الخارجية ... مدينة ديروان"
        if lang == "ar" and words and words[-1] not in ("فی", "الی", "من", "عن", "علی"):
            verb = cue_index(key).first(visit_verbs, max(ks, rk - VISIT_OBJECT_REACH), rk)
            if verb is not None and not key[verb[1]:rk].count("،"):
                return r.actor
    for r in refs:
        if r.type not in ("place", "country") or r.kind == "demonym":
            continue
        rk = r.ks
        if _in_relative_clause(key, ks, rk):
            continue
        before = key[max(ks, rk - 40):rk]
        words = before.split()
        while words and words[-1] in settings:
            words.pop()  # "در فرودگاه ملکار", "في قصر السلام بمدينة جدة"
        prev = words[-1] if words else ""
        glued = rk > 0 and key[rk - 1] == "ب" and (rk - 1 == 0 or not key[rk - 2].isalpha())
        if glued or prev in ("در", "فی", "الی", "بمدینه", "مدینه", "العاصمه") or \
                before.endswith(("سفر به ", "وارد ", "وصل الی ", "وصلها ")) or \
                key[rk:rk + 40].split(" ", 2)[1:2] == ["سفر"]:
            if r.type == "place":
                return r.actor
            best = best or r.actor
    return best


RELATIVE_MARKERS = (" التی ", " الذی ", " اللذین ", " الذین ")


def _in_relative_clause(key: str, ks: int, rk: int) -> bool:
    """A place inside a relative clause ("التي أثارت جدلا في مصر") is not the event's setting."""
    seg = key[ks:rk]
    for m in RELATIVE_MARKERS:
        i = seg.rfind(m)
        if i != -1 and "،" not in seg[i:] and "," not in seg[i:]:
            return True
    return False


def _host_guest(persons: list[Ref], group: list[str], key: str, host: tuple[int, int],
                k2t: list[int], lang: str) -> tuple[str | None, str | None]:
    """استقبل X Y: X hosts Y (Arabic, verb first); X از Y استقبال کرد (Persian)."""
    if len(group) != 2:
        return None, None
    if lang == "ar" and key[host[0]:host[1]].startswith("استقبل"):
        after = [r.actor for r in persons if r.start >= k2t[host[0]] and r.actor in group]
        if after:
            h = after[0]
            return h, next(a for a in group if a != h)
    return group[0], group[1]


def _merge(doc: Document, cands: list[Candidate], res: Resources) -> list[Event]:
    """One event per participant set; a visit without counterpart only if its traveller has no
    meeting in the document."""
    merged: dict[frozenset[str], Candidate] = {}
    headline_end = _title_end(doc)
    for c in cands:
        if c.start < headline_end:
            c.headline = True
            if doc.language == "ar" and c.status == "occurred" and _imperfect(c.rule):
                # an Arabic headline's present tense ("يزور", "تبحث مع") tells no tense: the
                # body decides; a headline alone announces
                c.status = "planned"
        k = frozenset(c.participants)
        prev = merged.get(k)
        if prev is None:
            merged[k] = c
            continue
        if prev.headline and not c.headline:
            # the body's account of the same event replaces the headline's
            c.attendees.extend(a for a in prev.attendees if a not in c.attendees)
            c.location = c.location or prev.location
            merged[k] = c
            continue
        if prev.status != "occurred" and c.status == "occurred":
            prev.status = c.status
        if c.type == "phone_call":
            prev.type = "phone_call"
        if date_for_span(doc, *prev.cue) is None:
            prev.cue = c.cue
        prev.location = prev.location or c.location
        prev.host = prev.host or c.host
        prev.guest = prev.guest or c.guest
        prev.attendees.extend(a for a in c.attendees if a not in prev.attendees)
    met = {p for c in merged.values() if len(c.participants) > 1 and c.status == "occurred"
           for p in c.participants}
    # a visit whose traveller has a meeting in the document is told by its meetings; a planned
    # visit is kept (it is news of its own)
    return [_event(doc, c, res) for c in merged.values()
            if not (len(c.participants) == 1 and c.participants[0] in met
                    and c.status == "occurred")]


def _title_end(doc: Document) -> int:
    """End offset of the headline at the top of the text (0 when there is none)."""
    if not doc.title:
        return 0
    want = fold_plain(doc.title).split()
    got: list[str] = []
    for p in doc.analysis.paragraphs:
        got += fold_plain(doc.text[p.start:p.end]).split()
        if got[:len(want)] == want or len(got) >= len(want):
            return p.end if got[:len(want)] == want else 0
    return 0


def _imperfect(rule: str) -> bool:
    """Is the cue word an Arabic present-tense verb (يزور، تبحث، يلتقي، يستقبل)?"""
    word = rule.split(":")[1] if ":" in rule else ""
    word = word.lstrip("وف")
    return word[:1] in ("ی", "ت") and len(word) > 3


def _event(doc: Document, c: Candidate, res: Resources) -> Event:
    participants = c.participants + [a for a in c.attendees if a not in c.participants]
    code = res.events.codes["host" if c.host else c.type]
    dm = date_for_span(doc, *c.cue)
    if (dm is not None and c.status != "occurred" and dm.calendar == "relative"
            and dm.value is not None and dm.value == doc.analysis.reference_date):
        dm = None  # "قالت مصادر اليوم إن X سيزور ...": today dates the report, not the visit
    value = dm.value if dm and not dm.weekday_conflict else None
    if value:
        precision = dm.precision
    elif dm and dm.weekday:
        precision = "weekday"
    else:
        precision = "unknown"
    host, guest = c.host, c.guest
    if c.location and not host and len(c.participants) == 2:
        host, guest = _by_location(c, res)
    return Event(
        type=c.type, status=c.status, plover=code["plover"],
        cameo=(code["cameo"] if c.status == "occurred" else
               code["planned_cameo"] if c.status == "planned" else None),
        participants=participants, source=c.participants[0],
        target=c.participants[1] if len(c.participants) > 1 else None,
        date=value, date_precision=precision, weekday=dm.weekday if dm else None,
        location=c.location, evidence=Evidence(c.start, c.end, c.rule), host=host, guest=guest,
        mode=code.get("mode"),
        goldstein=(code.get("goldstein") if c.status == "occurred" else
                   code.get("planned_goldstein") if c.status == "planned" else None),
    )


def find_quoted_meetings(doc: Document, res: Resources) -> Document:
    """Meetings a speaker reports in their own words: "از سفر به بغداد و دیدار با فواد حسین
    ... خرسندم", "خلال لقائنا مع محمد كاظم آل صادق". Inside a quote, a meeting cue with no
    person before it has the speaker as its subject."""
    er = res.events
    lang = doc.language if doc.language in ("fa", "ar") else "fa"
    key, k2t = doc.analysis.key, doc.analysis.key_to_text
    known = {frozenset(e.participants[:2]) for e in doc.events}
    denial = er.cue("denied", lang)
    for q in doc.quotes:
        if not q.speaker:
            continue
        if denial.regex is not None and denial.regex.fullmatch(fold_plain(q.verb)):
            continue  # "نفى ... أن يكون قد التقى": a denied meeting is not reported here
        qs, qe = to_key_offset(k2t, q.start), to_key_offset(k2t, q.end)
        cue = cue_index(key).first(er.cue("meeting", lang), qs, qe)
        if cue is None or cue_index(key).first(er.cue("anaphoric", lang), qs, qe):
            continue
        refs = refs_between(doc, q.start, q.end)
        persons = [r for r in _persons(refs) if r.actor != q.speaker]
        if any(r.start < k2t[cue[0]] for r in persons):
            continue
        status = _status(er, lang, key, max(qs, cue[0] - PLANNED_BEFORE),
                         min(qe, cue[1] + PLANNED_AFTER))
        # a city named anywhere in the quote ("از سفر به بغداد و دیدار با ..."), else a place
        # after the cue ("لقائنا مع ... في بغداد"), not a country mentioned before it
        after = _location(doc, res, key, cue[0], qe, [r for r in refs if r.ks >= cue[0]])
        anywhere = _location(doc, res, key, qs, qe, refs)
        entries = res.actors.entries
        location = next((p for p in (after, anywhere)
                         if p in entries and entries[p].type == "place"), after)
        cue_span = (k2t[cue[0]], k2t[cue[1] - 1] + 1)
        for other in dict.fromkeys(r.actor for r in persons):
            if frozenset((q.speaker, other)) in known:
                continue
            known.add(frozenset((q.speaker, other)))
            c = Candidate("meeting", status, [q.speaker, other], q.start, q.end,
                          f"meeting:{key[cue[0]:cue[1]]}:in-quote", -1, location, cue=cue_span)
            doc.events.append(_event(doc, c, res))
    met = {p for e in doc.events if len(e.participants) > 1 and e.status == "occurred"
           for p in e.participants}
    doc.events = [e for e in doc.events
                  if not (len(e.participants) == 1 and e.participants[0] in met
                          and e.status == "occurred")]
    return doc


def _by_location(c: Candidate, res: Resources) -> tuple[str | None, str | None]:
    """In the host's country, the other participant is the guest."""
    entries = res.actors.entries
    place = entries.get(c.location or "")
    if place is None:
        return None, None
    a, b = c.participants
    ca = entries[a].country if a in entries else None
    cb = entries[b].country if b in entries else None
    if ca == place.country and cb and cb != ca:
        return a, b
    if cb == place.country and ca and ca != cb:
        return b, a
    return None, None
