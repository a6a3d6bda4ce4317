"""Actors the dictionary does not know, found next to role titles («قاسم الأعرجی» مشاور امنیت
ملی عراق), their romanized names and later surname mentions; and when a surname alone is
enough to name a known person."""

from __future__ import annotations

import hashlib

from didar.actors.dictionary import ActorEntry, ActorResources
from didar.actors.match import Covered, Hit, is_letter
from didar.actors.roles import RolePhrase
from didar.record import Document, Ref
from didar.text.normalize import fold_plain, to_text_span

# A surname alone that is also an ordinary word (همتی "spirit", ظریف "delicate") names the person
# only when the document also has the full name, or the surname stands where names stand:
# after an honorific, at the start of a sentence or headline, or before a colon.
SHORT_FORM_COMMON_ZIPF = 3.5


def short_ok(doc: Document, key: str, h: Hit, ar: ActorResources) -> bool:
    from wordfreq import zipf_frequency

    s, e = to_text_span(doc.analysis.key_to_text, h.ks, h.ke)
    lang = doc.language if doc.language in ("fa", "ar") else "fa"
    if zipf_frequency(doc.text[s:e], lang) < SHORT_FORM_COMMON_ZIPF:
        return True
    if honorific_before(key, h.ks, ar):
        return True
    before = key[:h.ks].rstrip(" ")
    if not before or before[-1] in ".:!?؟\n\"":
        return True
    return key[h.ke:h.ke + 2].lstrip().startswith(":")


# A word this frequent in the language (Zipf scale, wordfreq) is an ordinary word, not part of a
# name, unless it is a known given name.
COMMON_WORD_ZIPF = 4.5


# Names of people not in the dictionary are mostly rare words: most words of a candidate must be
# rarer than this when nothing else (a given name, quotation marks, an honorific) vouches for it.
RARE_WORD_ZIPF = 3.0


def discover(doc: Document, key: str, ph: RolePhrase, covered: Covered,
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
        if start != -1 and plausible(doc, key, start + 1, j - 1, ar, vouched=True):
            return start + 1, j - 1
    stops = ar.folded["name_stop_fa"]
    if language == "ar":
        stops = stops | ar.folded["name_stop_ar"]
    order = ("after", "before") if language == "ar" else ("before", "after")
    for side in order:
        span = words_next_to(key, ph, side, stops, covered)
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
        vouched = honored or honorific_before(key, span[0], ar) or apposed
        if plausible(doc, key, span[0], span[1], ar, vouched):
            return span
    return None


def honorific_before(key: str, ks: int, ar: ActorResources) -> bool:
    words = key[max(0, ks - 25):ks].split()
    return bool(words) and words[-1] in ar.honorific_words


def plausible(doc: Document, key: str, ks: int, ke: int, ar: ActorResources,
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


def words_next_to(key: str, ph: RolePhrase, side: str, stops: set[str],
                   covered: Covered) -> tuple[int, int] | None:
    """Up to three words before (or four after) a role phrase, stopping at punctuation, stop
    words and dictionary matches."""
    words: list[tuple[int, int]] = []
    if side == "before":
        i = ph.ks
        while i > 0 and key[i - 1] in " ،,":
            i -= 1
        while len(words) < (5 if has_particle(key, words) else 3):
            while i > 0 and key[i - 1] == " ":
                i -= 1
            j = i
            while j > 0 and is_letter(key[j - 1]):
                j -= 1
            if j == i or key[j:i] in stops or covered.overlaps(j, i):
                break
            words.insert(0, (j, i))
            i = j
            if i > 0 and key[i - 1] != " ":
                break
    else:
        i = ph.ke
        while len(words) < (6 if has_particle(key, words) else 4):
            while i < len(key) and key[i] == " ":
                i += 1
            j = i
            while j < len(key) and is_letter(key[j]):
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


def has_particle(key: str, words: list[tuple[int, int]]) -> bool:
    """"خالد بن ناصر آل شهوان": Arabic names with بن / آل run longer than three words."""
    return any(key[a:b] in NAME_PARTICLES for a, b in words)


def adjacent_known_first_name(key: str, ph: RolePhrase, covered: Covered,
                               present: list[str], ar: ActorResources
                               ) -> tuple[str, tuple[int, int]] | None:
    """One or two words next to a role phrase that begin the name of a person the document
    names elsewhere."""
    stops = ar.folded["name_stop_fa"] | ar.folded["name_stop_ar"]
    for side in ("after", "before"):
        span = words_next_to(key, ph, side, stops, covered)
        if span is None:
            continue
        words = key[span[0]:span[1]].split()
        for n in (2, 1):
            if len(words) < n:
                continue
            part = words[:n] if side == "after" else words[-n:]
            aid = known_by_first_names(" ".join(part), present, ar)
            if aid is not None:
                if side == "after":
                    s0 = span[0]
                    return aid, (s0, key.index(part[-1], s0) + len(part[-1]))
                s1 = span[1]
                return aid, (key.rindex(part[0], 0, s1), s1)
    return None


def known_by_first_names(folded: str, present: list[str], ar: ActorResources) -> str | None:
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


def discovered_entry(native: str, ph: RolePhrase, ar: ActorResources) -> ActorEntry:
    folded = fold_plain(native)
    aid = "x-" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:10]
    country = ph.country
    if ph.role == "ambassador" or ph.org:
        country = ph.country
    name = ar.romanize(native, country)
    return ActorEntry(id=aid, name=name, type="person", country=country,
                      names={"native": [native]}, short={}, roles=[])


def aliases(entry: ActorEntry, ar: ActorResources) -> list[str]:
    """Later mentions of a discovered actor by surname: the last word of the name as written
    (الأعرجی of «قاسم الأعرجی»), when it is long enough not to be a common word."""
    out = []
    for native in entry.names.get("native", []):
        words = fold_plain(native).split()
        if len(words) >= 2 and len(words[-1]) >= 4:
            out.append(words[-1])
    return out


def prefix_aliases(refs: list[Ref], natives: dict[str, str], ar: ActorResources
                    ) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in refs:
        if r.kind != "name" or r.type != "person":
            continue
        words = fold_plain(natives.get(r.actor, "")).split()
        if len(words) >= 3 and words[1] not in NAME_PARTICLES and words[0] not in NAME_PARTICLES:
            out.setdefault(" ".join(words[:2]), r.actor)
    return out
