"""The actor stage: dictionary matches, role phrases, discovered actors, coreference, outlet.

1. One automaton pass over the matching key finds names, surnames, role titles, demonyms and
   honorifics; word boundaries (with Arabic clitics و ف ب ل ك) are checked, and overlapping
   matches resolve leftmost-longest.
2. A role title plus what qualifies it (a country, a demonym, an organisation, کشورمان) forms a
   role phrase ("وزیر امور خارجه عراق", "سفير الجمهورية الإسلامية الإيرانية").
3. A role phrase next to a name is that name's role in this document. Next to a name that is not
   in the dictionary (in «» or between stop words), it discovers an actor (`known: false`).
4. A role phrase standing alone refers to the actor of this document who holds that role, else
   to the dictionary's holder at the document's date.
5. Surnames of discovered actors find their later mentions.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from didar.actors.dictionary import ActorEntry, ActorResources, canonical_role
from didar.record import Actor, Document, Mention, Ref, in_boilerplate
from didar.text.normalize import fold_plain, to_key_offset, to_text_span

if TYPE_CHECKING:
    from didar.resources import Resources

CLITICS_AR = ("و", "ف", "ب", "ل", "ک", "وب", "ول", "فب", "فل", "وک", "لل", "ولل", "بال", "وبال")
OTHER_LANGUAGE = {"fa": ("ar",), "ar": ("fa",)}
KIND_RANK = {"name": 0, "short": 1, "role": 2, "demonym": 3, "honorific": 4}
# Characters allowed between a name and the role phrase describing it ("X، وزير ..." / «X» ...).
APPOSITION_GAP = set(" ،,«»\"'()-–—:")
# A gap of filler words allowed between a role title and its country qualifier.
QUALIFIER_FILLERS = ("جدید", "الجدید", "جمهوری", "الجمهوریه", "جمهوریه", "کشور", "دولت",
                     "حکومت", "مملکت", "المملکه", "امور", "الشوون", "لدی", "در", "فی", "الی",
                     "ب")
MAX_QUALIFIER_GAP = 24
SUBORDINATE = "subordinate"  # role of a phrase like "مساعد وزير الخارجية": never resolved by date
POSTED_PREPOSITIONS = ("در", "فی", "لدی", "الی", "ب")
TODAY = "2026-12-31"


class Covered:
    """Key positions already taken by a match (a byte mask: overlap tests cost no scan)."""

    __slots__ = ("mask",)

    def __init__(self, n: int, spans: list[tuple[int, int]]) -> None:
        self.mask = bytearray(n + 1)
        for span in spans:
            self.append(span)

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        self.mask[a:b] = b"\x01" * (b - a)

    def overlaps(self, a: int, b: int) -> bool:
        return a < b and self.mask.find(1, a, b) != -1


@dataclass(slots=True)
class Hit:
    ks: int
    ke: int
    kind: str
    targets: tuple[str, ...]
    lang: str


@dataclass(slots=True)
class RolePhrase:
    ks: int
    ke: int
    role: str
    country: str | None
    org: str | None
    former: bool
    attached: str | None = None  # actor id of the name it describes
    posted: str | None = None  # for ambassadors: the country of the post
    keys: tuple[str, ...] = ()  # every role the title can stand for ("رئيس": head, party_leader)
    resolved: str | None = None  # actor id a standing-alone phrase refers to
    indefinite: bool = False  # "یک مشاور ...", "أحد المستشارين"


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def scan(key: str, ar: ActorResources, language: str) -> list[Hit]:
    """All boundary-checked matches, leftmost-longest, non-overlapping."""
    cands: list[Hit] = []
    n = len(key)
    for end, (pattern, pats) in ar.automaton.iter(key):
        ks = end - len(pattern) + 1
        ke = end + 1
        if ke < n and _is_letter(key[ke]):
            continue
        if ks > 0 and _is_letter(key[ks - 1]):
            if language != "ar" or not _clitic_before(key, ks):
                continue
        by_kind: dict[str, list[str]] = {}
        langs = {}
        for p in pats:
            if p.lang in OTHER_LANGUAGE.get(language, ()):
                # a Persian spelling in Arabic text (مدینه "Medina" vs مدينة "city") or the
                # reverse is another word
                continue
            targets = by_kind.setdefault(p.kind, [])
            if p.target not in targets:
                targets.append(p.target)
            langs[p.kind] = p.lang
        if not by_kind:
            continue
        kind = min(by_kind, key=lambda k: KIND_RANK.get(k, 9))
        targets = tuple(by_kind[kind])
        if kind == "name" and _outlet_as_place(key, ks, targets, ar):
            continue
        cands.append(Hit(ks, ke, kind, targets, langs[kind]))
    cands.sort(key=lambda h: (h.ks, -(h.ke - h.ks), KIND_RANK.get(h.kind, 9)))
    out: list[Hit] = []
    last_end = -1
    for h in cands:
        if h.ks >= last_end:
            out.append(h)
            last_end = h.ke
    return out


PLACE_PREPOSITIONS = ("فی", "در", "الی", "من", "به", "از")


def _outlet_as_place(key: str, ks: int, targets: tuple[str, ...], ar: ActorResources) -> bool:
    """"في بغداد اليوم" is "in Baghdad today", not the outlet Baghdad Today (an outlet named
    after a place, right after a preposition)."""
    if not all(ar.entries[t].outlet for t in targets if t in ar.entries):
        return False
    first = key[ks:].split(" ", 1)[0]
    found = ar.automaton.get(first, None)
    if not found or not any(ar.entries[p.target].type in ("place", "country")
                            for p in found[1] if p.target in ar.entries):
        return False
    words = key[max(0, ks - 6):ks].split()
    glued = ks > 0 and key[ks - 1] == "ب"
    return glued or (bool(words) and words[-1] in PLACE_PREPOSITIONS)


def _clitic_before(key: str, ks: int) -> bool:
    for c in CLITICS_AR:
        s = ks - len(c)
        if s >= 0 and key[s:ks] == c and (s == 0 or not _is_letter(key[s - 1])):
            return True
    return False


def document_day(doc: Document) -> str | None:
    """The date roles are resolved at: the reference date, else the latest full date."""
    if doc.analysis.reference_date:
        return doc.analysis.reference_date
    if doc.published:
        return doc.published
    days = [d.value for d in doc.dates if d.value and d.precision == "day"
            and not d.weekday_conflict]
    return max(days) if days else None


DATELINE_REACH = 60  # characters from the top where a dateline names the outlet
APPOSITION_MAX = 4  # characters (spaces, commas, quotation marks) between a name and its title


def _gap_ok(key: str, a: int, b: int, limit: int = APPOSITION_MAX) -> bool:
    return 0 <= b - a <= limit and all(c in APPOSITION_GAP for c in key[a:b])


def _filler_gap(key: str, a: int, b: int) -> bool:
    if b < a or b - a > MAX_QUALIFIER_GAP:
        return False
    words = [w for w in key[a:b].replace("،", " ").split() if w]
    return all(w in QUALIFIER_FILLERS for w in words)


def build_role_phrases(hits: list[Hit], key: str, ar: ActorResources, doc: Document,
                       ) -> tuple[list[RolePhrase], set[int]]:
    """Role titles with their qualifiers. Returns the phrases and the indexes of hits that
    were absorbed as qualifiers (country / org names inside a phrase)."""
    self_country = ar.folded["self_country_fa"]
    subordinate = ar.folded["subordinate"]
    unnamed = ar.folded["unnamed_fa"] | ar.folded["unnamed_ar"]
    former = ar.folded["former"]
    phrases: list[RolePhrase] = []
    absorbed: set[int] = set()
    i = 0
    while i < len(hits):
        h = hits[i]
        if h.kind != "role":
            i += 1
            continue
        ph = RolePhrase(h.ks, h.ke, h.targets[0], None, None, False, keys=h.targets)
        words_before = key[max(0, h.ks - 12):h.ks].split()
        ph.indefinite = bool(words_before) and words_before[-1] in unnamed
        if words_before and words_before[-1] in subordinate:
            # "مساعدة وزير الخارجية", "معاون وزیر خارجه": someone under the post, not its holder
            ph.role, ph.keys = SUBORDINATE, (SUBORDINATE,)
            ph.ks = key.rindex(words_before[-1], 0, h.ks)
        j = i + 1
        # chained roles and qualifiers: "دبیر کل جنبش ... عراق", "وزير الخارجية الإيراني"
        while j < len(hits) and _filler_gap(key, ph.ke, hits[j].ks):
            nxt = hits[j]
            entry = ar.entries.get(nxt.targets[0]) if nxt.kind != "role" else None
            posted = any(w in POSTED_PREPOSITIONS for w in key[ph.ke:nxt.ks].split())
            if nxt.kind == "role" and nxt.ks - ph.ke <= 2:
                ph.ke = nxt.ke
            elif (posted and "ambassador" in ph.keys and entry is not None
                  and entry.type in ("country", "place")):
                # "سفیر کاستریا در زروان", "سفير أورميلا لدى كاستريا": where the post is
                ph.posted = ph.posted or entry.country
                ph.ke = nxt.ke
            elif nxt.kind == "demonym" or (entry is not None and entry.type == "country"):
                ph.country = ph.country or (entry.country if entry else None) or nxt.targets[0]
                ph.ke = nxt.ke
            elif entry is not None and entry.type == "organization" and not entry.outlet:
                ph.org = ph.org or entry.id
                ph.country = ph.country or entry.country
                ph.ke = nxt.ke
            elif entry is not None and entry.type == "place" and entry.kind == "region":
                ph.country = ph.country or entry.country
                ph.ke = nxt.ke
            else:
                break
            absorbed.add(j)
            j += 1
        tail = key[ph.ke:ph.ke + 16]
        for sc in self_country:
            if tail.startswith(" " + sc):
                ph.country = "IRN"
                ph.ke += 1 + len(sc)
                break
        nxt_word = tail.split()[0] if tail.split() else ""
        if nxt_word in former:
            ph.former = True
            ph.ke = key.index(nxt_word, ph.ke) + len(nxt_word)
        phrases.append(ph)
        i = j
    return phrases, absorbed


def find_actors(doc: Document, res: Resources) -> Document:
    ar = res.actors
    key = doc.analysis.key
    k2t = doc.analysis.key_to_text
    hits = scan(key, ar, doc.language)
    day = document_day(doc)
    doc.analysis.day = day
    phrases, absorbed = build_role_phrases(hits, key, ar, doc)
    refs: list[Ref] = []
    natives: dict[str, str] = {}
    discovered: dict[str, ActorEntry] = {}
    role_native: dict[str, str] = {}

    def text_span(ks: int, ke: int) -> tuple[int, int]:
        return to_text_span(k2t, ks, ke)

    # 1. names, short forms, places, countries, organisations
    name_hits: list[tuple[Hit, str]] = []
    full_names = {t for h in hits if h.kind == "name" for t in h.targets}
    for idx, h in enumerate(hits):
        if h.kind in ("role", "honorific"):
            continue
        aid = _choose(h.targets, ar, day, [r.actor for r in refs])
        if aid is None:
            continue
        if h.kind == "short" and aid not in full_names and not _short_ok(doc, key, h, ar):
            continue
        entry = ar.entries[aid]
        if entry.type == "person":
            # "محمد بن نايف بن عبدالعزيز آل سعود": the lineage continues the name
            nxt_ks = hits[idx + 1].ks if idx + 1 < len(hits) else len(key)
            h.ke = _lineage_end(key, h.ke, nxt_ks)
        s, e = text_span(h.ks, h.ke)
        kind = h.kind if h.kind != "short" else "short"
        refs.append(Ref(s, e, aid, kind, entry.type))
        if h.kind in ("name", "short") and idx not in absorbed:
            name_hits.append((h, aid))
        natives.setdefault(aid, doc.text[s:e])

    # 2. role phrases next to names
    by_ks = {h.ks: aid for h, aid in name_hits}
    by_ke = {h.ke: (h.ks, aid) for h, aid in name_hits}
    name_ends = {h.ke: h.ks for h, _ in name_hits}
    taken: set[int] = set()  # names that already have their role phrase
    for ph in phrases:
        aid = _adjacent_name(key, ph, by_ks, by_ke, doc.language, taken)
        if aid is not None and ar.entries[aid].type == "person":
            ph.attached = aid
            s, e = text_span(ph.ks, ph.ke)
            role_native.setdefault(aid, doc.text[s:e])
            refs.append(Ref(s, e, aid, "role", "person", ph.role))  # the title names them too
            # "X، وزير ...": the name's mention carries the end of the role describing it
            name_ks = next((ks for ke, ks in name_ends.items() if _gap_ok(key, ke, ph.ks)),
                           None)
            name_start = text_span(name_ks, name_ks + 1)[0] if name_ks is not None else -1
            for r in refs:
                if r.actor == aid and r.role is None:
                    r.role = ph.role
                if r.actor == aid and r.start == name_start:
                    r.role_end = e
    # 3. discovery from unattached role phrases
    covered = Covered(len(key), [(h.ks, h.ke) for h in hits if h.kind != "honorific"])
    for ph in phrases:
        if ph.attached:
            continue
        known = _adjacent_known_first_name(key, ph, covered, [r.actor for r in refs], ar)
        if known is not None:
            # "وزير الخارجية الأمريكي جون" where the document names John Kerry
            aid, (ks, ke) = known
            ph.attached = aid
            s, e = text_span(ks, ke)
            refs.append(Ref(s, e, aid, "short", "person", ph.role))
            covered.append((ks, ke))
            continue
        found = _discover(doc, key, ph, covered, ar)
        if found is None:
            continue
        ks, ke = found
        following = next((h for h, aid in name_hits if 0 <= h.ks - ke <= 2
                          and ar.entries[aid].type == "person"), None)
        if following is not None:
            # "خالد بن علي الحميدان": given names before a known surname are that person
            aid = next(a for h, a in name_hits if h is following)
            ph.attached = aid
            s, e = text_span(ks, following.ke)
            refs.append(Ref(s, e, aid, "name", "person", ph.role))
            covered.append((ks, following.ke))
            continue
        s, e = text_span(ks, ke)
        native = doc.text[s:e].strip("«»\"' ")
        known = _known_by_first_names(key[ks:ke], [r.actor for r in refs], ar)
        if known is not None:
            # "الملك سلمان" after "الملك سلمان بن عبد العزيز": the short form of a name here
            ph.attached = known
            refs.append(Ref(s, e, known, "short", "person", ph.role))
            covered.append((ks, ke))
            continue
        entry = _discovered_entry(native, ph, ar)
        discovered.setdefault(entry.id, entry)
        ph.attached = entry.id
        refs.append(Ref(s, e, entry.id, "discovered", "person", ph.role))
        natives.setdefault(entry.id, native)
        ps, pe = text_span(ph.ks, ph.ke)
        role_native.setdefault(entry.id, doc.text[ps:pe])
        covered.append((ks, ke))
    # 4a. the first two words of a long Arabic name ("صباح الأحمد" after "صباح الأحمد الجابر
    # الصباح") find its later mentions in this document
    if doc.language == "ar":
        for alias, aid in _prefix_aliases(refs, natives, ar).items():
            for ks in _find_all(key, alias):
                ke = ks + len(alias)
                if covered.overlaps(ks, ke):
                    continue
                s, e = text_span(ks, ke)
                refs.append(Ref(s, e, aid, "alias", "person"))
                covered.append((ks, ke))
    # 4. surnames of discovered actors
    for entry in discovered.values():
        for alias in _aliases(entry, ar):
            for ks in _find_all(key, alias):
                ke = ks + len(alias)
                if covered.overlaps(ks, ke):
                    continue
                s, e = text_span(ks, ke)
                refs.append(Ref(s, e, entry.id, "alias", "person"))
                covered.append((ks, ke))
    # 5. role phrases standing alone
    attached_roles: dict[tuple[str, str | None], str] = {}
    default_country = "IRN" if doc.language == "fa" else None
    for ph in phrases:
        if ph.attached and ph.role != SUBORDINATE:
            attached_roles.setdefault((ph.role, ph.country), ph.attached)
            attached_roles.setdefault((ph.role, None), ph.attached)
            if ph.country is None and default_country:
                # "مسعود پزشکیان رئیس‌جمهور" in an Iranian report: Iran's president, here
                attached_roles.setdefault((ph.role, default_country), ph.attached)
    present = _unique([r.actor for r in refs if r.type == "person"])
    previous: RolePhrase | None = None
    for ph in phrases:
        if ph.role == "counterpart" and previous is not None:
            # "بنظيره الكاستري", "همتای کره‌ای": the same post in the country named
            ph.role, ph.keys = previous.role, previous.keys
        if ph.attached or ph.resolved:
            previous = ph
            continue
        aid = _resolve_role(ph, attached_roles, present, ar, doc, day)
        ph.resolved = aid
        previous = ph
        s, e = text_span(ph.ks, ph.ke)
        if aid is not None:
            refs.append(Ref(s, e, aid, "role", "person", ph.role, e))
            natives.setdefault(aid, doc.text[s:e])
    refs.sort(key=lambda r: (r.start, r.end))
    for r in refs:
        r.ks, r.ke = to_key_offset(k2t, r.start), to_key_offset(k2t, r.end)
    doc.analysis.refs = refs
    doc.actors = _actors(refs, natives, role_native, discovered, ar, day, doc)
    doc.outlet = doc.outlet or _outlet(doc, hits, key, ar)
    return doc


LINEAGE = re.compile(r" (?:بن|ابن|بنت|ال) [^\W\d_]+")


def _lineage_end(key: str, ke: int, limit: int) -> int:
    """Extend a name over the lineage that follows it (" بن عبدالعزيز آل سعود")."""
    while True:
        m = LINEAGE.match(key, ke)
        if m is None or m.end() > limit:
            return ke
        ke = m.end()


def _unique(xs: list[str]) -> list[str]:
    return list(dict.fromkeys(xs))


# A surname alone that is also an ordinary word (همتی "spirit", ظریف "delicate") names the person
# only when the document also has the full name, or the surname stands where names stand:
# after an honorific, at the start of a sentence or headline, or before a colon.
SHORT_FORM_COMMON_ZIPF = 3.5


def _short_ok(doc: Document, key: str, h: Hit, ar: ActorResources) -> bool:
    from wordfreq import zipf_frequency

    s, e = to_text_span(doc.analysis.key_to_text, h.ks, h.ke)
    lang = doc.language if doc.language in ("fa", "ar") else "fa"
    if zipf_frequency(doc.text[s:e], lang) < SHORT_FORM_COMMON_ZIPF:
        return True
    if _honorific_before(key, h.ks, ar):
        return True
    before = key[:h.ks].rstrip(" ")
    if not before or before[-1] in ".:!?؟\n\"":
        return True
    return key[h.ke:h.ke + 2].lstrip().startswith(":")


def _choose(targets: tuple[str, ...], ar: ActorResources, day: str | None,
            seen: list[str]) -> str | None:
    """One actor for a string several entries share: one already in the document, else one
    holding a role on the document's date, else the only candidate."""
    if len(targets) == 1:
        return targets[0]
    for t in targets:
        if t in seen:
            return t
    if day:
        active = [t for t in targets if ar.entries[t].roles_at(day)]
        if len(active) == 1:
            return active[0]
    return None


def _adjacent_name(key: str, ph: RolePhrase, by_ks: dict[int, str],
                   by_ke: dict[int, tuple[int, str]], language: str = "fa",
                   taken: set[int] | None = None) -> str | None:
    taken = taken if taken is not None else set()

    def before() -> str | None:
        # "مسعود پزشکیان رئیس جمهور", «قاسم الأعرجی» مشاور ...
        for ke in range(ph.ks, max(-1, ph.ks - APPOSITION_MAX - 1), -1):
            found = by_ke.get(ke)
            if found is not None and found[0] not in taken and _gap_ok(key, ke, ph.ks):
                taken.add(found[0])
                return found[1]
        return None

    def after() -> str | None:
        # "وزير الخارجية الإيراني محمد جواد ظريف", honorifics in between
        for ks in range(ph.ke, min(len(key), ph.ke + 41)):
            aid = by_ks.get(ks)
            if aid is not None and ks not in taken:
                gap = key[ph.ke:ks]
                if _gap_ok(key, ph.ke, ks) or _only_honorifics(gap):
                    taken.add(ks)
                    return aid
        return None

    # Arabic titles come before names ("سفير اليابان كازويا ناكاجيما"); Persian after them
    for side in ((after, before) if language == "ar" else (before, after)):
        aid = side()
        if aid is not None:
            return aid
    return None


_HONORIFIC_WORDS = {"اقای", "سید", "دکتر", "شیخ", "الشیخ", "السید", "الدکتور", "الاستاذ",
                    "الامیر", "الملک", "الجنرال", "مهندس", "سردار", "معالی", "سمو", "جلاله",
                    "فخامه", "حجت الاسلام", "ایت الله", "حضرت", "ایت", "الله", "و"}


def _only_honorifics(gap: str) -> bool:
    words = [w for w in gap.replace("،", " ").replace("«", " ").replace("»", " ").split()]
    return len(words) <= 4 and all(w in _HONORIFIC_WORDS for w in words)


# A word this frequent in the language (Zipf scale, wordfreq) is an ordinary word, not part of a
# name, unless it is a known given name.
COMMON_WORD_ZIPF = 4.5
# Names of people not in the dictionary are mostly rare words: most words of a candidate must be
# rarer than this when nothing else (a given name, quotation marks, an honorific) vouches for it.
RARE_WORD_ZIPF = 3.0


def _discover(doc: Document, key: str, ph: RolePhrase, covered: Covered,
              ar: ActorResources) -> tuple[int, int] | None:
    """A name not in the dictionary next to an unattached role phrase, or None."""
    language = doc.language
    unnamed = ar.folded["unnamed_fa"] | ar.folded["unnamed_ar"]
    before_words = key[max(0, ph.ks - 30):ph.ks].split()
    if before_words and before_words[-1] in unnamed:
        return None
    # «name» right before the phrase
    j = ph.ks
    while j > 0 and key[j - 1] in " ،,":
        j -= 1
    if j > 0 and key[j - 1] == '"':
        start = key.rfind('"', max(0, j - 45), j - 1)
        if start != -1 and _plausible(doc, key, start + 1, j - 1, ar, vouched=True):
            return start + 1, j - 1
    stops = ar.folded["name_stop_fa"]
    if language == "ar":
        stops = stops | ar.folded["name_stop_ar"]
    order = ("after", "before") if language == "ar" else ("before", "after")
    for side in order:
        span = _words_next_to(key, ph, side, stops, covered)
        if span is None:
            continue
        honored = False
        while side == "after" and span is not None:
            # "رئيس الوزراء القطري الشيخ عبدالله ...": skip the honorific, it vouches
            first = key[span[0]:span[1]].split(" ", 1)
            if first[0] not in ar.honorific_words or len(first) == 1:
                break
            span = (span[0] + len(first[0]) + 1, span[1])
            honored = True
        # an honorific before the words, or a name set off by a comma ("یون کانگ هیان، سفیر
        # جدید کره جنوبی") vouches for them
        apposed = side == "before" and "،" in key[span[1]:ph.ks]
        vouched = honored or _honorific_before(key, span[0], ar) or apposed
        if _plausible(doc, key, span[0], span[1], ar, vouched):
            return span
    return None


def _honorific_before(key: str, ks: int, ar: ActorResources) -> bool:
    words = key[max(0, ks - 25):ks].split()
    return bool(words) and words[-1] in ar.honorific_words


def _plausible(doc: Document, key: str, ks: int, ke: int, ar: ActorResources,
               vouched: bool) -> bool:
    """Do the words at key[ks:ke] look like a person's name?"""
    from wordfreq import zipf_frequency

    s, e = to_text_span(doc.analysis.key_to_text, ks, ke)
    # judge the words as written: "نیک‌پور" is one rare word, not the common "نیک" and "پور"
    originals = doc.text[s:e].split()
    words = [fold_plain(o).replace(" ", "") for o in originals]
    if not 1 <= len(words) <= 6 or not all(w.isalpha() for w in words):
        return False
    lang = doc.language if doc.language in ("fa", "ar") else "fa"
    given = sum(w in ar.given_names for w in words)
    rare = 0
    prev = ""
    for w, orig in zip(words, originals, strict=True):
        after_particle, prev = prev in NAME_PARTICLES, w
        if w in ar.given_names or w in NAME_PARTICLES or after_particle:
            # "بن علي", "آل ثاني": a lineage word may be an ordinary word ("ثاني" second)
            continue
        z = zipf_frequency(orig, lang)
        if z >= COMMON_WORD_ZIPF:
            return False
        rare += z < RARE_WORD_ZIPF
    if len(words) < 2 and not vouched:
        return False
    return vouched or given > 0 or rare * 2 > len(words)


def _words_next_to(key: str, ph: RolePhrase, side: str, stops: set[str],
                   covered: Covered) -> tuple[int, int] | None:
    """Up to three words before (or four after) a role phrase, stopping at punctuation, stop
    words and dictionary matches."""
    words: list[tuple[int, int]] = []
    if side == "before":
        i = ph.ks
        while i > 0 and key[i - 1] in " ،,":
            i -= 1
        while len(words) < (5 if _has_particle(key, words) else 3):
            while i > 0 and key[i - 1] == " ":
                i -= 1
            j = i
            while j > 0 and _is_letter(key[j - 1]):
                j -= 1
            if j == i or key[j:i] in stops or covered.overlaps(j, i):
                break
            words.insert(0, (j, i))
            i = j
            if i > 0 and key[i - 1] != " ":
                break
    else:
        i = ph.ke
        while len(words) < (6 if _has_particle(key, words) else 4):
            while i < len(key) and key[i] == " ":
                i += 1
            j = i
            while j < len(key) and _is_letter(key[j]):
                j += 1
            lineage = bool(words) and key[words[-1][0]:words[-1][1]] in NAME_PARTICLES
            if j == i or (key[i:j] in stops and not lineage) or \
                    covered.overlaps(i, j):
                break
            words.append((i, j))
            i = j
            if i < len(key) and key[i] != " ":
                break
    if not words:
        return None
    return words[0][0], words[-1][1]


NAME_PARTICLES = ("بن", "ابن", "ال", "ابو", "عبد", "بنت")


def _has_particle(key: str, words: list[tuple[int, int]]) -> bool:
    """"خالد بن ناصر آل شهوان": Arabic names with بن / آل run longer than three words."""
    return any(key[a:b] in NAME_PARTICLES for a, b in words)


def _adjacent_known_first_name(key: str, ph: RolePhrase, covered: Covered,
                               present: list[str], ar: ActorResources
                               ) -> tuple[str, tuple[int, int]] | None:
    """One or two words next to a role phrase that begin the name of a person the document
    names elsewhere."""
    stops = ar.folded["name_stop_fa"] | ar.folded["name_stop_ar"]
    for side in ("after", "before"):
        span = _words_next_to(key, ph, side, stops, covered)
        if span is None:
            continue
        words = key[span[0]:span[1]].split()
        for n in (2, 1):
            if len(words) < n:
                continue
            part = words[:n] if side == "after" else words[-n:]
            aid = _known_by_first_names(" ".join(part), present, ar)
            if aid is not None:
                if side == "after":
                    s0 = span[0]
                    return aid, (s0, key.index(part[-1], s0) + len(part[-1]))
                s1 = span[1]
                return aid, (key.rindex(part[0], 0, s1), s1)
    return None


def _known_by_first_names(folded: str, present: list[str], ar: ActorResources) -> str | None:
    """A person of this document whose full name begins with these words."""
    folded = folded.strip(' "')
    for aid in dict.fromkeys(present):
        entry = ar.entries.get(aid)
        if entry is None or entry.type != "person":
            continue
        prefix = folded + " "
        for f in entry.folded_names():
            if f == folded or f.startswith(prefix):
                return aid
    return None


def _discovered_entry(native: str, ph: RolePhrase, ar: ActorResources) -> ActorEntry:
    folded = fold_plain(native)
    aid = "x-" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:10]
    country = ph.country
    if ph.role == "ambassador" or ph.org:
        country = ph.country
    name = ar.romanize(native, country)
    return ActorEntry(id=aid, name=name, type="person", country=country,
                      names={"native": [native]}, short={}, roles=[])


def _aliases(entry: ActorEntry, ar: ActorResources) -> list[str]:
    """Later mentions of a discovered actor by surname: the last word of the name as written
    (الأعرجی of «قاسم الأعرجی»), when it is long enough not to be a common word."""
    out = []
    for native in entry.names.get("native", []):
        words = fold_plain(native).split()
        if len(words) >= 2 and len(words[-1]) >= 4:
            out.append(words[-1])
    return out


def _prefix_aliases(refs: list[Ref], natives: dict[str, str], ar: ActorResources
                    ) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in refs:
        if r.kind != "name" or r.type != "person":
            continue
        words = fold_plain(natives.get(r.actor, "")).split()
        if len(words) >= 3 and words[1] not in NAME_PARTICLES and words[0] not in NAME_PARTICLES:
            out.setdefault(" ".join(words[:2]), r.actor)
    return out


def _find_all(key: str, s: str) -> list[int]:
    out = []
    i = key.find(s)
    while i != -1:
        before_ok = i == 0 or not _is_letter(key[i - 1])
        after_ok = i + len(s) >= len(key) or not _is_letter(key[i + len(s)])
        if before_ok and after_ok:
            out.append(i)
        i = key.find(s, i + 1)
    return out


def _resolve_role(ph: RolePhrase, attached: dict[tuple[str, str | None], str],
                  present: list[str], ar: ActorResources, doc: Document,
                  day: str | None) -> str | None:
    """The actor a role phrase standing alone refers to: one this document names with that
    role, else one of its actors who holds it, else the dictionary's only holder at the
    document's date. Posts with many holders at once (ambassadors, party leaders) resolve only
    within the document."""
    role = ar.roles.get(ph.role)
    if role is None or ph.indefinite:
        return None  # "یک مشاور امنیت ملی", "مسؤول في وزارة": someone, not the post's holder
    country = ph.country
    if country is None and role.scope == "country" and doc.language == "fa":
        country = "IRN"  # Iranian outlets leave Iran unsaid: "رئیس جمهور", "وزیر امور خارجه"
    if (ph.role, country) in attached:
        return attached[(ph.role, country)]
    if country is None and (ph.role, None) in attached:
        return attached[(ph.role, None)]
    qualifier = ph.org if ph.org else country
    if qualifier is None and ph.role in ar.in_document_roles:
        return None  # "سفيرة" alone: which ambassador the text does not say
    wanted = {ph.role, canonical_role(ar.roles, ph.role)}
    if ph.org:
        wanted |= {canonical_role(ar.roles, k) for k in ph.keys}
    for aid in present:
        entry = ar.entries.get(aid)
        if entry is None:
            continue
        for span in entry.roles:
            if ({span.role, canonical_role(ar.roles, span.role)} & wanted
                    and (qualifier is None or qualifier in (span.country, span.org))
                    and (day is None or span.covers(day) or ph.former)):
                return aid
    if ph.former or qualifier is None:
        return None
    canonical = canonical_role(ar.roles, ph.role)
    if ph.org is None and ph.role in ar.in_document_roles:
        # many holders at once: only an ambassador whose post is stated can be looked up
        if not (canonical == "ambassador" and ph.posted):
            return None
    keys = [canonical] + ([canonical_role(ar.roles, k) for k in ph.keys] if ph.org else [])
    holders = _unique([h for k in dict.fromkeys(keys)
                       for h in ar.holders_of(k, qualifier, day, TODAY, posted=ph.posted)])
    return holders[0] if len(holders) == 1 else None


def _actors(refs: list[Ref], natives: dict[str, str], role_native: dict[str, str],
            discovered: dict[str, ActorEntry], ar: ActorResources, day: str | None,
            doc: Document) -> list[Actor]:
    out: dict[str, Actor] = {}
    for r in refs:
        actor = out.get(r.actor)
        if actor is None:
            entry = ar.entries.get(r.actor) or discovered.get(r.actor)
            if entry is None:
                continue
            known = r.actor in ar.entries
            actor = Actor(
                id=entry.id, name=entry.name, native=natives.get(entry.id, ""),
                type=entry.type, country=entry.country,
                role=_role_label(entry, r.role, day, ar) if known else
                _label(ar, r.role, entry.country),
                known=known, role_native=role_native.get(entry.id),
                lat=entry.lat, lon=entry.lon,
            )
            out[r.actor] = actor
        actor.mentions.append(Mention(r.start, r.end, r.kind))
    return list(out.values())


def _label(ar: ActorResources, role: str | None, country: str | None) -> str | None:
    if role is None or role not in ar.roles:
        return None
    label = ar.roles[role].en
    if country and country in ar.entries:
        label += " of " + ar.entries[country].name
    return label


def _role_label(entry: ActorEntry, role_hint: str | None, day: str | None,
                ar: ActorResources) -> str | None:
    if entry.type != "person":
        return None
    spans = entry.roles_at(day) if day else []
    if role_hint:
        hinted = [s for s in spans if s.role == role_hint]
        spans = hinted or spans
    if not spans:
        return None
    span = spans[0]
    qualifier = span.org if span.org and span.org in ar.entries else span.country
    return _label(ar, span.role, qualifier)


ATTRIBUTION_REACH = 35  # "به گزارش گروه بین‌الملل دفاع‌پرس": the desk may come between


def _outlet(doc: Document, hits: list[Hit], key: str, ar: ActorResources) -> str | None:
    """The news agency that published the report: named in the lead's attribution ("به گزارش
    ایلنا"), in a source line or footer the cleaner kept ("المصدر: ...", "رابط الخبر بصحيفة
    ..."), or in the dateline at the top. Agencies the report cites in its body ("وفق ما نقلته
    وكالة ...") are sources, not the outlet."""
    lead = ar.folded["attribution_lead"]
    by_name = {fold_plain(k): v for k, v in ar.cues.get("outlet_after_lead", {}).items()} \
        if isinstance(ar.cues.get("outlet_after_lead"), dict) else {}
    k2t = doc.analysis.key_to_text
    best: tuple[int, int, str] | None = None
    for h in hits:
        entry = ar.entries.get(h.targets[0]) if h.kind in ("name", "short") else None
        if entry is None or not entry.outlet:
            continue
        before = key[max(0, h.ks - ATTRIBUTION_REACH):h.ks]
        if any(c in before for c in lead):
            rank = 0
        elif in_boilerplate(doc, k2t[h.ks]):
            rank = 1
        elif h.ks < DATELINE_REACH:
            rank = 2
        else:
            continue
        cand = (rank, h.ks, entry.name)
        if best is None or cand < best:
            best = cand
    # "به گزارش فارس": an agency whose short name is also a common word, after a lead
    for cue in lead:
        i = key.find(cue + " ")
        if i == -1:
            continue
        word = key[i + len(cue) + 1:].split(" ", 1)[0].strip("،,")
        aid = by_name.get(word)
        if aid in ar.entries and (best is None or (0, i) < best[:2]):
            best = (0, i, ar.entries[aid].name)
    return best[2] if best else None
