"""Stances: a quoted speaker's attitude (-1 hostile, +1 friendly) toward the actors they name.

Only quotes with a speaker count: the source is always the speaker, and words outside quotes
(the reporter's narration) are nobody's stance, except the frame of a statement, the words
between the sentence start and a speech verb that comes first ("X با قدردانی از ایران گفت:"),
which describe the speaker. The cues live in events/data/stance.yaml; each kind ties to its
target in its own way, inside one clause:
- an epithet IS its actor ("رژیم صهیونیستی", "الكيان الغاصب" -> Israel; "شیطان بزرگ" -> the US);
- a hostile designation of an unnamed group ("تروریست‌های مسلح") makes that group a
  discovered actor;
- a noun of hostility or friendship ("توطئه‌های", "برادر", "قوات الاحتلال", "الأشقاء")
  describes the actor named right after it, unless a preposition parts them (after a noun of
  enmity, "دشمنان عراق", only a demonym names the target: Iraq's enemies are not Iraq); as a
  Persian predicate it describes the clause's subject ("آمریکا ... دشمن است") or its object
  ("X را برادران خود می‌دانیم"); as an Arabic predicate, the actor right before it;
- an adjective ("داعش الإرهابي", "مصر الشقيقة") describes the actor right next to it;
- "the two brotherly peoples" (دو ملت برادر، الشعبين الجارين) names both sides of the
  speaker's meeting: the stance is toward the other side's country;
- fighting against an actor ("نبرد علیه داعش", "محاربة داعش") is hostile to it;
- a verb of condemnation or praise (the quote's own verb, "X را محکوم کرد", or one inside it,
  "ندين", "نثمن") and a frame ("با قدردانی از", "مشيدا") target the first actor their object
  names that is not the victim of the act ("حمله به سفارت ایران" condemns no one in Iran).
A target is never the speaker nor the speaker's own country, and is a person, organisation or
country (not a place). A negated predicate ("دشمن ما نیست", "ليس عدوا") cancels the cue; a
negated verb ("محکوم نکرد") is no cue at all. What follows a claim inside the quote ("the enemy
claims that ...") is someone else's words and yields nothing.

No rule emits polarity 0: a neutral mention carries no cue to tell "neutral" from "not
stated", so an actor named without a polar cue gets no stance rather than a guessed 0. A
negated cue is cancelled, not flipped: "not our enemy" is not friendship.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any

import yaml

from didar.events.resources import CueBank, CueSet, cue_index, cue_set
from didar.record import (
    Actor,
    Document,
    Evidence,
    Mention,
    Quote,
    Ref,
    Stance,
    in_boilerplate,
    refs_between,
)
from didar.text.normalize import fold_plain, to_key_offset, to_text_span

if TYPE_CHECKING:
    from didar.resources import Resources

# How many words may stand between a noun cue and the actor it describes ("برادران عزیز
# فلسطینی"); an adjective sits next to its actor, with at most one word between.
NOUN_REACH = 3
ADJECTIVE_REACH = 1
# How many words before an actor a preposition makes it the victim ("به سفارت ایران").
VICTIM_REACH = 3
# How many words after a Persian noun its predicate (است، می‌دانیم) may come.
PREDICATE_REACH = 3
# How far (key characters) from the quote its own speech verb is looked for.
VERB_REACH = 250
TARGET_TYPES = ("person", "organization", "country")
# Arabic clitics in front of a noun with the article: والكيان، بالعدوان، للاحتلال، فالأشقاء
ARABIC_NOUN_CLITICS = ("", "و", "ف", "ب", "وب", "فب")
ARABIC_VERB_CLITICS = ("", "و", "ف")
_BREAK = re.compile(r"[،,.؛;:!?؟\"()\[\]\n]")
_RA = re.compile(r"(?<![^\W\d_])را(?![^\W\d_])")  # the Persian object marker
_STRONG_BREAK = re.compile(r"[.؛;:!?؟\"()\[\]\n]")


@dataclass(frozen=True, slots=True)
class StanceData:
    """Folded cue sets of stance.yaml, per language, with one automaton for all of them."""

    epithets: dict[str, CueSet]  # language -> cues; `epithet_actor` says whose
    epithet_actor: dict[str, str]  # folded cue (with clitics) -> actor id
    groups: dict[str, CueSet]
    group_name: dict[str, str]  # folded cue -> English name of the group
    nouns: dict[tuple[str, int], CueSet]  # (language, polarity)
    adjectives: dict[tuple[str, int], CueSet]
    duals: dict[str, CueSet]
    verbs: dict[tuple[str, int], CueSet]
    against: dict[str, CueSet]  # "نبرد علیه", "الحرب على": the actor right after
    frames: dict[tuple[str, int], CueSet]  # "با قدردانی از", "مشيدا": the actor follows
    predicates_fa: CueSet
    negated_after_fa: CueSet
    negators_before: dict[str, frozenset[str]]
    claims: dict[str, CueSet]
    breaks: dict[str, CueSet]
    victim: dict[str, frozenset[str]]  # prepositions of the one an act is done to
    enmity: frozenset[str]  # folded nouns of enmity, with their Arabic clitic forms
    noun_stops: dict[str, frozenset[str]]
    noun_stop_prefixes: tuple[str, ...]  # Arabic words with a glued preposition
    locatives: dict[str, frozenset[str]]  # part a hostile noun from a later actor


def _variants(words: list[str], lang: str, verb: bool = False) -> list[str]:
    if lang != "ar":
        return list(words)
    out = []
    for w in words:
        if verb:
            out += [c + w for c in ARABIC_VERB_CLITICS]
        elif w.startswith("ال"):
            out += [c + w for c in ARABIC_NOUN_CLITICS] + ["ل" + w[1:], "ول" + w[1:]]
        else:
            out.append(w)
    return out


@cache
def stance_data() -> StanceData:
    """stance.yaml, loaded and folded once per process."""
    path = importlib_resources.files("didar.events") / "data" / "stance.yaml"
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    bank = CueBank()
    langs = ("fa", "ar")

    def cues(words: list[str], lang: str, verb: bool = False) -> CueSet:
        return cue_set(_variants(words, lang, verb), bank=bank)

    epithet_actor: dict[str, str] = {}
    epithets = {}
    for lang in langs:
        words = []
        for actor, by_lang in raw["epithets"].items():
            for w in _variants(by_lang.get(lang, []), lang):
                epithet_actor[fold_plain(w).strip()] = actor
                words.append(w)
        epithets[lang] = cue_set(words, bank=bank)
    group_name: dict[str, str] = {}
    groups = {}
    for lang in langs:
        words = []
        for g in raw["groups"]:
            for w in _variants(g.get(lang) or [], lang):
                group_name[fold_plain(w).strip()] = g["name"]
                words.append(w)
        groups[lang] = cue_set(words, bank=bank)
    polarity = {"hostile": -1, "friendly": 1}
    data = StanceData(
        epithets=epithets,
        epithet_actor=epithet_actor,
        groups=groups,
        group_name=group_name,
        nouns={(lg, p): cues(raw["nouns"][k][lg], lg) for k, p in polarity.items() for lg in langs},
        adjectives={(lg, p): cues(raw["adjectives"][k][lg], lg)
                    for k, p in polarity.items() for lg in langs},
        duals={lg: cues(raw["duals"][lg], lg) for lg in langs},
        verbs={(lg, p): cues(raw["verbs"][k][lg], lg, verb=True)
               for k, p in polarity.items() for lg in langs},
        against={lg: cues(raw["against"][lg], lg) for lg in langs},
        frames={(lg, p): cues(raw["frames"][k][lg], lg)
                for k, p in polarity.items() for lg in langs},
        predicates_fa=cues(raw["predicates_fa"], "fa"),
        negated_after_fa=cues(raw["negated_after_fa"], "fa"),
        negators_before={lg: frozenset(fold_plain(w) for w in raw["negators_before"][lg])
                         for lg in langs},
        claims={lg: cues(raw["claims"][lg], lg, verb=True) for lg in langs},
        breaks={lg: cues(raw["clause_breaks"][lg], lg) for lg in langs},
        victim={lg: frozenset(fold_plain(w) for w in raw["victim_prepositions"][lg])
                for lg in langs},
        enmity=frozenset(fold_plain(w) for lg in langs for w in _variants(raw["enmity"][lg], lg)),
        locatives={lg: frozenset(fold_plain(w) for w in raw["locatives"][lg]) for lg in langs},
        noun_stop_prefixes=tuple(fold_plain(w) for w in raw["noun_stop_prefixes_ar"]),
        noun_stops={lg: frozenset(fold_plain(w) for w in raw["noun_stops"][lg]) for lg in langs},
    )
    bank.build()
    return data


@dataclass(slots=True)
class _Found:
    target: str
    polarity: int
    start: int  # key span of the cue
    end: int
    rule: str


def find_stances(doc: Document, res: Resources) -> Document:
    """The stances of every quote with a speaker (see the module docstring)."""
    lang = doc.language if doc.language in ("fa", "ar") else "fa"
    data = stance_data()
    k2t = doc.analysis.key_to_text
    stances: list[Stance] = []
    for qi, q in enumerate(doc.quotes):
        if not q.speaker or in_boilerplate(doc, q.start):
            continue
        seen: set[tuple[str, int]] = set()  # one stance per target and polarity in a quote
        for f in _Quote(doc, res, data, lang, q).stances():
            if (f.target, f.polarity) in seen:
                continue
            seen.add((f.target, f.polarity))
            s, e = to_text_span(k2t, f.start, f.end)
            stances.append(Stance(source=q.speaker, target=f.target, polarity=f.polarity,
                                  evidence=Evidence(s, e, f.rule), quote=qi))
    doc.stances = stances
    return doc


class _Quote:
    """One quote's statement (and the frame before its verb), its clauses and candidate
    targets; `stances()` ties every cue in it to its target."""

    def __init__(self, doc: Document, res: Resources, data: StanceData, lang: str, q: Quote
                 ) -> None:
        self.doc, self.res, self.data, self.lang, self.q = doc, res, data, lang, q
        self.key, k2t = doc.analysis.key, doc.analysis.key_to_text
        self.idx = cue_index(self.key)
        qs, qe = to_key_offset(k2t, q.start), to_key_offset(k2t, q.end)
        self.own = _own_side(doc, q.speaker)
        # the quote's own speech verb; when it comes first, the words between the sentence
        # start and the verb frame the statement ("X با قدردانی از ... گفت:"): the speaker's
        self.verb = _verb_span(self.key, fold_plain(q.verb), qs, qe)
        self.spans = [(qs, qe)]
        if self.verb and self.verb[1] <= qs:
            # from the sentence start, or from the end of a statement made before it
            vt = k2t[self.verb[0]]
            start = max([_sentence_start(doc, q.start)]
                        + [o.end for o in doc.quotes if o is not q and o.end <= vt])
            sent = to_key_offset(k2t, start)
            if sent < self.verb[0]:
                self.spans.insert(0, (sent, self.verb[0]))
        lo = self.spans[0][0]
        self.refs = [r for r in refs_between(doc, k2t[lo], q.end)
                     if r.type in TARGET_TYPES and r.actor not in self.own]
        self.clauses = [c for sp in self.spans for c in self._clauses(*sp, strong=False)]
        self.strong = [c for sp in self.spans for c in self._clauses(*sp, strong=True)]
        # a claim reaches to the end of its sentence-level clause ("... ادعا می‌کنند که X ...")
        self.reported = [(e, next((m.start() for m in _STRONG_BREAK.finditer(self.key, e, qe)),
                                  qe))
                         for _, e in self.idx.find(data.claims[lang], qs, qe)]
        self.taken: list[tuple[int, int]] = []
        self.found: list[_Found] = []

    def stances(self) -> list[_Found]:
        data, lang, key = self.data, self.lang, self.key
        # epithets and unnamed groups: the cue is the target itself
        for s, e in self.hits(data.epithets[lang]):
            actor = data.epithet_actor.get(key[s:e])
            if actor and actor not in self.own and \
                    _ensure_actor(self.doc, self.res, actor, self.doc.analysis.key_to_text, s, e):
                self.add(actor, -1, s, e, "epithet")
        for s, e in self.hits(data.groups[lang]):
            k2t = self.doc.analysis.key_to_text
            self.add(_group_actor(self.doc, data.group_name[key[s:e]], k2t, s, e), -1, s, e,
                     "hostile-group")
        for s, e in self.hits(data.duals[lang]):
            self.add(_counterpart_country(self.doc, self.q.speaker, self.own), 1, s, e, "dual")
        for s, e in self.hits(data.against[lang]):
            after = [r for r in self.inside(*self.clause(s))
                     if r.ks >= e and _words(key, e, r.ks) <= NOUN_REACH]
            parted = not after or self.parted(e, after[0].ks, -1)
            self.add(None if parted else after[0].actor, -1, s, e, "against")
        for pol in (-1, 1):
            # "با قدردانی از X", "ضمن محکوم کردن X", "مشيدا بـ X": the actor follows
            for s, e in self.hits(data.frames[(lang, pol)]):
                after = self.agents([r for r in self.inside(*self.clause(s)) if r.ks >= e])
                self.add(after[0].actor if after else None, pol, s, e, "frame")
            # a verb of condemnation or praise: its object precedes it in Persian ("X را
            # محکوم می‌کنیم"), follows it in Arabic ("ندين X")
            for s, e in self.hits(data.verbs[(lang, pol)]):
                cands = self.inside(*self.clause(s))
                cands = self.agents([r for r in cands if r.ke <= s] if lang == "fa" else
                                    [r for r in cands if r.ks >= e])
                self.add(cands[0].actor if cands else None, pol, s, e, "verb")
            # the quote's own speech verb, when it condemns or praises: its object is the quote
            verb = self.verb
            if verb and self.idx.find(data.verbs[(lang, pol)], *verb):
                cands = self.agents(self.inside(*self.spans[-1]))
                self.add(cands[0].actor if cands else None, pol, verb[0], verb[1],
                         "speech-verb")
        for pol in (-1, 1):
            for s, e in self.hits(data.nouns[(lang, pol)]):
                if not self.negated(s, e):
                    targets = self.noun_target(s, e, pol)
                    for t in [targets] if not isinstance(targets, list) else targets:
                        self.add(t, pol, s, e, "noun")
            for s, e in self.hits(data.adjectives[(lang, pol)]):
                if not self.negated(s, e):
                    self.add(self.adjective_target(s, e), pol, s, e, "adjective")
        self.found.sort(key=lambda f: f.start)
        return self.found

    def hits(self, cues: CueSet) -> list[tuple[int, int]]:
        """The cue's matches in the statement and its frame, outside spans already used and
        outside words the speaker reports from someone else."""
        return [(s, e) for sp in self.spans for s, e in self.idx.find(cues, *sp)
                if not any(a < e and s < b for a, b in self.taken)
                and not any(a <= s < b for a, b in self.reported)]

    def add(self, target: str | None, polarity: int, s: int, e: int, rule: str) -> None:
        if target is None or target in self.own:
            return
        self.found.append(_Found(target, polarity, s, e, rule))
        self.taken.append((s, e))

    def _clauses(self, s: int, e: int, strong: bool) -> list[tuple[int, int]]:
        """Clauses (key spans) cut at punctuation and clause-opening words; strong clauses are
        cut at sentence punctuation only, not at commas."""
        cuts = {s, e}
        breaks = _STRONG_BREAK if strong else _BREAK
        cuts.update(m.start() for m in breaks.finditer(self.key, s, e))
        cuts.update(a for a, _ in self.idx.find(self.data.breaks[self.lang], s, e))
        points = sorted(cuts)
        return [(a, b) for a, b in itertools.pairwise(points) if b > a]

    def clause(self, pos: int, strong: bool = False) -> tuple[int, int]:
        for a, b in self.strong if strong else self.clauses:
            if a <= pos < b:
                return a, b
        return pos, pos

    def inside(self, s: int, e: int) -> list[Ref]:
        """The candidate targets in [s, e) that are not someone else's reported words."""
        return [r for r in self.refs if s <= r.ks and r.ke <= e
                and not any(a <= r.ks < b for a, b in self.reported)]

    def agents(self, cands: list[Ref]) -> list[Ref]:
        """The candidates that are not the victim of the act ("حمله به سفارت ایران"): no
        victim preposition among the few words before them."""
        victim = self.data.victim[self.lang]
        return [r for r in cands
                if not victim & set(self.key[max(0, r.ks - 40):r.ks].split()[-VICTIM_REACH:])]

    def negated(self, s: int, e: int) -> bool:
        """A negator right before the cue, or (Persian) a negated predicate right after it."""
        cs, ce = self.clause(s)
        if any(w in self.data.negators_before[self.lang] for w in self.key[cs:s].split()[-2:]):
            return True
        if self.lang == "fa":
            for a, _ in self.idx.find(self.data.negated_after_fa, e, ce):
                if _words(self.key, e, a) <= PREDICATE_REACH:
                    return True
        return False

    def noun_target(self, s: int, e: int, polarity: int) -> str | list[str] | None:
        """The actor right after the noun, else the one (or the coordinated ones) it is
        predicated of."""
        key, data, lang = self.key, self.data, self.lang
        cs, ce = self.clause(s)
        enmity = key[s:e] in data.enmity
        after = [r for r in self.inside(cs, ce) if r.ks >= e and _words(key, e, r.ks) <= NOUN_REACH
                 and (not enmity or (r.kind == "demonym" and _words(key, e, r.ks) == 0))]
        if after and not self.parted(e, after[0].ks, polarity):
            return after[0].actor
        if lang == "fa":
            # a predicate: "آمریکا ... دشمن است", "X را، ...، برادران خود می‌دانیم",
            # "روابط ایران و عراق را ... برادرانه خواندند" (the quote's own verb)
            predicates = self.idx.find(data.predicates_fa, e, ce)
            if self.verb and self.verb[0] >= self.spans[-1][1]:
                predicates += self.idx.find(data.predicates_fa, *self.verb)
            if not any(_words(key, e, a) <= PREDICATE_REACH for a, _ in predicates):
                return None
            # of the object: the actor right before the last را ("X را برادر می‌دانیم"),
            # which may stand a few commas back; else of the subject, first in the clause
            ss, _ = self.clause(s, strong=True)
            ras = [m.start() for m in _RA.finditer(key, ss, s)]
            if ras:
                before = self.inside(ras[-2] + 2 if len(ras) > 1 else ss, ras[-1])
                return before[-1].actor if before else None
            before = [r for r in self.inside(cs, ce) if r.ke <= s]
            if not before:
                return None
            # "رژیم صهیونیستی و آمریکا دشمنان ... هستند": both subjects
            subjects = [before[0]]
            for r in before[1:]:
                if key[subjects[-1].ke:r.ks].strip() != "و":
                    break
                subjects.append(r)
            return [r.actor for r in subjects]
        # an Arabic nominal sentence: "أمريكا هي العدو"
        near = [r for r in self.inside(cs, ce) if r.ke <= s and _words(key, r.ke, s) <= 1]
        return near[-1].actor if near else None

    def parted(self, a: int, b: int, polarity: int) -> bool:
        """Do the words in [a, b) part a cue from the actor after them (a predicate, a
        conjunction, a preposition; a locative after a hostile cue)?"""
        data, lang = self.data, self.lang
        between = self.key[a:b].split()
        stops = data.noun_stops[lang] | (data.locatives[lang] if polarity < 0 else set())
        return bool(stops & set(between)) or (
            lang == "ar" and any(w.startswith(data.noun_stop_prefixes) for w in between))

    def adjective_target(self, s: int, e: int) -> str | None:
        cands = self.inside(*self.clause(s))
        before = [r for r in cands if r.ke <= s and _words(self.key, r.ke, s) <= ADJECTIVE_REACH]
        if before:
            return before[-1].actor
        after = [r for r in cands if r.ks >= e and _words(self.key, e, r.ks) <= ADJECTIVE_REACH]
        return after[0].actor if after else None


def _sentence_start(doc: Document, offset: int) -> int:
    for sent in doc.analysis.sentences:
        if sent.start <= offset < sent.end:
            return sent.start
    return offset


def _own_side(doc: Document, speaker: str | None) -> set[str]:
    """The speaker and the speaker's country: never the target of their own stance."""
    own = {speaker} if speaker else set()
    actor = doc.actor(speaker) if speaker else None
    if actor is not None and actor.country:
        own.add(actor.country)
    return own


def _words(key: str, a: int, b: int) -> int:
    return len(key[a:b].split()) if b > a else 0


def _verb_span(key: str, verb: str, qs: int, qe: int) -> tuple[int, int] | None:
    """Where the quote's own speech verb stands: right after it (Persian verb-final
    statements) or before it (Arabic, and "X گفت: ...")."""
    if not verb:
        return None
    after = key.find(verb, qe, qe + VERB_REACH)
    before = key.rfind(verb, max(0, qs - VERB_REACH), qs)
    spans = []
    if after != -1:
        spans.append((after - qe, after))
    if before != -1:
        spans.append((qs - before - len(verb), before))
    if not spans:
        return None
    start = min(spans)[1]
    return start, start + len(verb)


def _counterpart_country(doc: Document, speaker: str | None, own: set[str]) -> str | None:
    """The country of the other side of the speaker's meeting, if the text names it."""
    for ev in doc.events:
        if ev.type not in ("meeting", "visit", "phone_call") or speaker not in ev.participants:
            continue
        for p in ev.participants:
            actor = doc.actor(p)
            if p == speaker or actor is None:
                continue
            country = actor.id if actor.type == "country" else actor.country
            if country and country not in own and doc.actor(country) is not None:
                return country
    return None


def _ensure_actor(doc: Document, res: Resources, actor_id: str, k2t: list[int], s: int,
                  e: int) -> bool:
    """The epithet's actor is in the record, with the epithet as one of its mentions."""
    ts, te = to_text_span(k2t, s, e)
    actor = doc.actor(actor_id)
    if actor is None:
        entry = res.actors.entries.get(actor_id)
        if entry is None:
            return False
        actor = Actor(id=entry.id, name=entry.name, native=doc.text[ts:te], type=entry.type,
                      country=entry.country, role=None, known=True, lat=entry.lat,
                      lon=entry.lon)
        doc.actors.append(actor)
    if not any(m.start < te and ts < m.end for m in actor.mentions):
        actor.mentions.append(Mention(ts, te, "name"))
        actor.mentions.sort(key=lambda m: m.start)
        names = [m for m in actor.mentions if m.kind != "role"]
        if names[0].start == ts:  # "native" is the name as first written
            actor.native = doc.text[ts:te]
    return True


def _group_actor(doc: Document, name: str, k2t: list[int], s: int, e: int) -> str:
    """The discovered actor for a designated group (one per name in a document)."""
    aid = "x-" + hashlib.sha1(f"group:{name}".encode()).hexdigest()[:10]
    ts, te = to_text_span(k2t, s, e)
    actor = doc.actor(aid)
    if actor is None:
        actor = Actor(id=aid, name=name, native=doc.text[ts:te], type="organization",
                      country=None, role=None, known=False)
        doc.actors.append(actor)
    actor.mentions.append(Mention(ts, te, "name"))
    return aid
