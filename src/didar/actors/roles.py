"""Role phrases: a title with what qualifies it ("وزیر امور خارجه عراق", "سفير الجمهورية الإسلامية
الإيرانية لدى العراق"), the name it stands next to, and, standing alone, the actor it refers
to (one this document names with the role, else the dictionary's holder at the document's
date)."""

from __future__ import annotations

from dataclasses import dataclass

from didar.actors.dictionary import ActorEntry, ActorResources, canonical_role
from didar.actors.match import Hit
from didar.record import Document

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


APPOSITION_MAX = 4  # characters (spaces, commas, quotation marks) between a name and its title


def gap_ok(key: str, a: int, b: int, limit: int = APPOSITION_MAX) -> bool:
    return 0 <= b - a <= limit and all(c in APPOSITION_GAP for c in key[a:b])


def filler_gap(key: str, a: int, b: int) -> bool:
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
        while j < len(hits) and filler_gap(key, ph.ke, hits[j].ks):
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


def adjacent_name(key: str, ph: RolePhrase, by_ks: dict[int, str],
                   by_ke: dict[int, tuple[int, str]], language: str = "fa",
                   taken: set[int] | None = None) -> str | None:
    taken = taken if taken is not None else set()

    def before() -> str | None:
        # "مسعود پزشکیان رئیس جمهور", «قاسم الأعرجی» مشاور ...
        for ke in range(ph.ks, max(-1, ph.ks - APPOSITION_MAX - 1), -1):
            found = by_ke.get(ke)
            if found is not None and found[0] not in taken and gap_ok(key, ke, ph.ks):
                taken.add(found[0])
                return found[1]
        return None

    def after() -> str | None:
        # "وزير الخارجية الإيراني محمد جواد ظريف", honorifics in between
        for ks in range(ph.ke, min(len(key), ph.ke + 41)):
            aid = by_ks.get(ks)
            if aid is not None and ks not in taken:
                gap = key[ph.ke:ks]
                if gap_ok(key, ph.ke, ks) or only_honorifics(gap):
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


def only_honorifics(gap: str) -> bool:
    words = [w for w in gap.replace("،", " ").replace("«", " ").replace("»", " ").split()]
    return len(words) <= 4 and all(w in _HONORIFIC_WORDS for w in words)


def resolve_role(ph: RolePhrase, attached: dict[tuple[str, str | None], str],
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
    holders = unique([h for k in dict.fromkeys(keys)
                       for h in ar.holders_of(k, qualifier, day, TODAY, posted=ph.posted)])
    return holders[0] if len(holders) == 1 else None


def label(ar: ActorResources, role: str | None, country: str | None) -> str | None:
    if role is None or role not in ar.roles:
        return None
    label = ar.roles[role].en
    if country and country in ar.entries:
        label += " of " + ar.entries[country].name
    return label


def role_label(entry: ActorEntry, role_hint: str | None, day: str | None,
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
    return label(ar, span.role, qualifier)


def unique(xs: list[str]) -> list[str]:
    return list(dict.fromkeys(xs))
