"""Acts beyond meetings: agreements, threats, accusations, demands, appeals, praise, denials,
condolences and invitations.

Per sentence, a cue of events/data/acts.yaml (licensed by the words it needs nearby) makes an
act when it has a source actor:
- inside a quote: the subject named in the quote before the cue, else the quote's speaker
  («ما به هر تجاوزی پاسخ خواهیم داد» said by X: X threatens);
- elsewhere: the clause's subject — Persian: the first actor not governed by a preposition
  before the cue; Arabic: the first such actor after the verb, else before it — else the speaker
  of a quote in the same sentence (the quote stage has resolved pronouns and honorifics).
The target is the actor acted on: Persian verb-final — the last actor between the source and
the cue ("X از Y قدردانی کرد"), or after it for "خواستار ... شد"; Arabic — the first actor after
the verb and its subject ("أشاد X بـ Y", "طالب X بانسحاب القوات الأمريكية" -> USA).
Status: negated next to the cue or inside a denial ("نفى أن يكون وقّع") -> denied; a condition
(اگر، در صورت، إذا، في حال) -> conditional; future or announced (خواهد، قرار است، سيوقّع) ->
planned (a threat's future is the threat itself). Codes (PLOVER, mode, CAMEO, Goldstein) come
from events/data/codes.yaml. Boilerplate spans yield nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any

import yaml

from didar.dates.extract import date_for_span
from didar.events.resources import ARABIC_PREFIXES, CueBank, CueSet, cue_index, cue_set
from didar.record import Document, Event, Evidence, Ref, Sentence, in_boilerplate, refs_between
from didar.text.normalize import fold_plain, to_key_offset

if TYPE_CHECKING:
    from didar.resources import Resources

LANGS = ("fa", "ar")
ACTOR_TYPES = ("person", "organization", "country")
# Arabic verb-subject: how far after the verb its subject may be named (titles are long)
SUBJECT_REACH = 75
TARGET_REACH = 90  # characters after the verb (or its subject) where the target is named
PLANNED_BEFORE = 60
PLANNED_AFTER = {"fa": 15, "ar": 40}
NEGATION_BEFORE = {"fa": 0, "ar": 12}  # Arabic لم / لن precede the verb
NEGATION_AFTER = {"fa": 15, "ar": 0}  # Persian نکرد / نشد follow the noun of a light verb
DENIAL_BEFORE = 70  # "نفى أن يكون قد وقّع": the denial governs the act after it
DENIAL_AFTER = {"fa": 70, "ar": 0}  # "خبر امضای ... را تکذیب کرد"
CONDITION_BEFORE = 120
MARKER_WORDS = 6  # "از مواضع و حمایت‌های ایران": the marker may govern a longer phrase
CONDITION_AFTER = 40
PUNCT = "\"'()[]«»،,.:؛"
ARABIC_GLUED = ("ب", "وب", "فب", "ل", "ول", "لل", "ولل", "ک", "وک")


@dataclass(frozen=True, slots=True)
class Kind:
    """One cue family of acts.yaml."""

    name: str
    type: str
    code: str
    cues: dict[str, CueSet]
    words: dict[str, frozenset[str]]
    needs: dict[str, CueSet]
    reach: int
    after: dict[str, re.Pattern[str]]
    target: str  # before | after | none (Persian)
    marker: frozenset[str]  # Persian words marking the target (از, به, را ...); empty: any
    status: str | None
    future_is_act: bool


@dataclass(frozen=True, slots=True)
class Subcode:
    code: str
    of: str  # the code it refines
    reach: int
    words: CueSet


@dataclass(frozen=True, slots=True)
class ActResources:
    kinds: tuple[Kind, ...]
    subcodes: tuple[Subcode, ...]
    status: dict[str, dict[str, CueSet]]  # planned | negated | denial | conditional -> lang
    prepositions: dict[str, frozenset[str]]
    heads: dict[str, frozenset[str]]
    first_person: dict[str, frozenset[str]]


@cache
def act_resources() -> ActResources:
    """acts.yaml, folded and compiled once (one automaton for all of its cue sets)."""
    path = importlib_resources.files("didar.events") / "data" / "acts.yaml"
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    bank = CueBank()
    kinds = []
    for k in raw["kinds"]:
        needs = k.get("needs") or {}
        kinds.append(Kind(
            name=k["kind"], type=k["type"], code=k["code"],
            cues={lg: cue_set(k.get(lg) or [], arabic=lg == "ar", bank=bank) for lg in LANGS},
            words={lg: frozenset(fold_plain(w) for w in k.get(lg) or []) for lg in LANGS},
            needs={lg: cue_set(needs[lg], bank=bank) for lg in LANGS if lg in needs},
            reach=int(needs.get("reach", 60)),
            after={lg: re.compile(p) for lg, p in (k.get("after") or {}).items()},
            target=k.get("target", "before"),
            marker=frozenset(fold_plain(w) for w in k.get("marker") or []), status=k.get("status"),
            future_is_act=bool(k.get("future_is_act")),
        ))
    subcodes = tuple(Subcode(s["code"], s["of"], int(s["reach"]), cue_set(s["words"], bank=bank))
                     for s in raw["subcodes"])
    status = {name: {lg: cue_set(by_lang.get(lg) or [], bank=bank) for lg in LANGS}
              for name, by_lang in raw["status"].items()}
    preps = {lg: frozenset(fold_plain(w) for w in raw["prepositions"][lg]) for lg in LANGS}
    heads = {lg: frozenset(fold_plain(w) for w in raw["heads"][lg]) for lg in LANGS}
    first = {lg: frozenset(fold_plain(w) for w in raw["first_person"][lg]) for lg in LANGS}
    bank.build()
    return ActResources(tuple(kinds), subcodes, status, preps, heads, first)


@dataclass(slots=True)
class _Ctx:
    doc: Document
    res: Resources
    acts: ActResources
    lang: str
    key: str
    k2t: list[int]


def find_acts(doc: Document, res: Resources) -> Document:
    """Add the acts of acts.yaml to doc.events (after the meetings)."""
    if doc.language not in LANGS or not doc.text:
        return doc
    cx = _Ctx(doc, res, act_resources(), doc.language, doc.analysis.key,
              doc.analysis.key_to_text)
    idx = cue_index(cx.key)
    sentences = doc.analysis.sentences or [Sentence(0, len(doc.text), 0)]
    seen: set[tuple[str, str, str | None, str]] = set()
    for sent in sentences:
        if in_boilerplate(doc, sent.start):
            continue  # a source line or dateline kept as evidence, not article body
        ks, ke = to_key_offset(cx.k2t, sent.start), to_key_offset(cx.k2t, sent.end)
        taken: list[tuple[int, int]] = []
        for kind in cx.acts.kinds:
            for a, b in idx.find(kind.cues[cx.lang], ks, ke):
                if any(a < tb and ta < b for ta, tb in taken):
                    continue  # an earlier kind read this cue (an invitation, not an appeal)
                if not _licensed(cx, kind, a, b, ks, ke):
                    continue
                event = _act(cx, kind, a, b, ks, ke, sent)
                if event is None:
                    continue
                taken.append((a, b))
                k = (event.type, event.source or "", event.target, event.status)
                if k not in seen:
                    seen.add(k)
                    doc.events.append(event)
    return doc


def _licensed(cx: _Ctx, kind: Kind, a: int, b: int, ks: int, ke: int) -> bool:
    w3 = a
    for _ in range(4):  # the three words before the cue
        w3 = max(ks, cx.key.rfind(" ", ks, max(ks, w3 - 1)))
    if cue_index(cx.key).first(cx.acts.status["background"][cx.lang], w3, a):
        return False  # "بعد توقيع الاتفاق": the signing dates something else
    needs = kind.needs.get(cx.lang)
    if needs is not None and cue_index(cx.key).first(
            needs, max(ks, a - kind.reach), min(ke, b + kind.reach)) is None:
        return False
    after = kind.after.get(cx.lang)
    return after is None or after.match(cx.key, b, min(ke, b + 160)) is not None


def _act(cx: _Ctx, kind: Kind, a: int, b: int, ks: int, ke: int, sent: Sentence
         ) -> Event | None:
    doc, key, k2t = cx.doc, cx.key, cx.k2t
    t0 = k2t[a]
    cue = key[a:b]
    # the act inside a quote; not when the quote is what the act's own verb says ("به X تسلیت
    # گفت": گفت closes both)
    qi = next((i for i, q in enumerate(doc.quotes) if q.start <= t0 < q.end
               and not (q.verb and fold_plain(q.verb) in cue)), None)
    lo, hi = ks, ke
    if qi is not None:
        q = doc.quotes[qi]
        lo, hi = max(ks, to_key_offset(k2t, q.start)), min(ke, to_key_offset(k2t, q.end))
    else:
        lo = _after_lead(cx, ks, a)
    refs = _eligible(doc, refs_between(doc, k2t[lo], k2t[hi - 1] + 1 if hi > lo else k2t[lo]))
    subject = _subject(cx, refs, a, b, lo, _first_person(cx, cue))
    source = subject.actor if subject is not None else None
    speaker = doc.quotes[qi].speaker if qi is not None else None
    if source is not None and speaker and _speaks_for(cx, speaker, source):
        source = speaker  # «ایران ... ضربه خواهد زد» said by Iran's leader: the leader threatens
    if source is None:
        if qi is not None:
            source = speaker
        else:
            source = next((q.speaker for q in doc.quotes
                           if q.speaker and sent.start <= q.start < sent.end), None)
    if source is None:
        return None  # precision: no act without its agent
    target = _target(cx, kind, refs, subject, source, a, b, lo, hi)
    status = _status(cx, kind, a, b, ks, ke)
    code_key = kind.code
    for sc in cx.acts.subcodes:
        if sc.of == code_key and cue_index(key).first(sc.words, b, min(ke, b + sc.reach)):
            code_key = sc.code
            break
    code = cx.res.events.codes[code_key]
    cue_span = (t0, k2t[b - 1] + 1)
    dm = date_for_span(doc, *cue_span)
    if (dm is not None and status != "occurred" and dm.calendar == "relative"
            and dm.value is not None and dm.value == doc.analysis.reference_date):
        dm = None  # "today" dates the report, not the announced act
    value = dm.value if dm and not dm.weekday_conflict else None
    precision = dm.precision if value and dm else "weekday" if dm and dm.weekday else "unknown"
    cameo = code.get("cameo") if status == "occurred" else code.get(f"{status}_cameo")
    goldstein = (code.get("goldstein") if status == "occurred"
                 else code.get(f"{status}_goldstein"))
    return Event(
        type=kind.type, status=status, plover=code["plover"], cameo=cameo,
        participants=[source] + ([target] if target else []), source=source, target=target,
        date=value, date_precision=precision, weekday=dm.weekday if dm else None,
        location=None,
        evidence=Evidence(sent.start, sent.end, f"{kind.name}:{key[a:b]}"
                          + (":in-quote" if qi is not None else "")),
        mode=code.get("mode"), goldstein=goldstein, quote=qi,
    )


def _after_lead(cx: _Ctx, ks: int, a: int) -> int:
    """Skip an agency lead ("به گزارش ایرنا، ...", "وقالت وكالة ..."): its outlet is no agent."""
    lo = ks
    for _, m1 in cue_index(cx.key).find(cx.res.events.cue("lead", cx.lang), ks, a):
        comma = cx.key.find("،", m1, a)
        if comma != -1:
            lo = comma + 1
    return lo


def _eligible(doc: Document, refs: list[Ref]) -> list[Ref]:
    """Actor mentions that can act or be acted on: persons, organizations, countries; not a
    name inside another actor's title ("وزیر خارجه عراق": Iraq is part of the title; a title
    ends at a comma)."""
    titles = []
    for r in refs:
        if r.type == "person" and (r.kind == "role" or r.role_end):
            end = r.role_end or r.end
            commas = [i for i in (doc.text.find(c, r.start, end) for c in "،,") if i != -1]
            titles.append((r.start, min(commas) if commas else end, r.actor))
    return [r for r in refs if r.type in ACTOR_TYPES
            and not any(s <= r.start and r.end <= e and actor != r.actor
                        for s, e, actor in titles)
            and not any(o.type != "person" and o.start <= r.start and r.end <= o.end
                        and (o.start, o.end) != (r.start, r.end)
                        for o in refs)]  # "عراق" inside "کردستان عراق"


def _speaks_for(cx: _Ctx, speaker: str, actor: str) -> bool:
    """Is the actor the speaker's own country (a leader speaking of "Iran" speaks for it)?"""
    a, s = cx.doc.actor(actor), cx.doc.actor(speaker)
    return a is not None and s is not None and a.type == "country" and s.type == "person" \
        and a.country is not None and a.country == s.country


def _governed(cx: _Ctx, r: Ref) -> bool:
    """Is the mention the object of a preposition ("با X", "من X", "بـX" glued)?"""
    key = cx.key
    rk = r.ks if r.ks >= 0 else to_key_offset(cx.k2t, r.start)
    words = [w.strip(PUNCT) for w in key[max(0, rk - 30):rk].split()]
    preps = cx.acts.prepositions[cx.lang]
    if words and (words[-1] in preps
                  or (len(words) > 1 and words[-2] in preps
                      and words[-1] in cx.acts.heads[cx.lang])):
        return True
    if cx.lang == "ar" and rk > 0 and key[rk - 1].isalpha():
        w0 = key.rfind(" ", 0, rk) + 1
        return key[w0:rk] in ARABIC_GLUED
    return False


def _first_person(cx: _Ctx, cue: str) -> bool:
    """Is the cue a first-person form ("نطالب", "وندعو", "قدردانی می‌کنیم")?"""
    forms = cx.acts.first_person[cx.lang]
    return cue in forms or (cx.lang == "ar" and any(
        cue.startswith(p) and cue[len(p):] in forms for p in ARABIC_PREFIXES if p))


def _subject(cx: _Ctx, refs: list[Ref], a: int, b: int, lo: int,
             first_person: bool = False) -> Ref | None:
    """The agent: not governed by a preposition (nor named elsewhere in the clause as an
    object of one: "با فواد حسین، وزیر خارجه عراق"), not a Persian object ("X را"), not inside
    a condition ("اگر کاستریا حمله کند، ...")."""
    k2t = cx.k2t
    governed = {r.actor for r in refs if r.end <= k2t[a] and _governed(cx, r)}
    conditions = _conditions(cx, lo, a)
    before = [r for r in refs if r.end <= k2t[a] and r.actor not in governed
              and not (cx.lang == "fa" and _object(cx, r))
              and not any(c0 <= r.start < c1 for c0, c1 in conditions)]
    if cx.lang == "ar":
        reach = k2t[min(len(k2t) - 1, b + SUBJECT_REACH)]
        after = [r for r in refs if k2t[b - 1] < r.start <= reach and not _governed(cx, r)]
        if after and not first_person:
            return after[0]
        # subject before the verb: a person first ("الجنرال دانفورد رئيس أركان الجيوش
        # الأميركية الذي دعاه": the general, not the country in his title)
        persons = [r for r in before if r.type == "person"]
        return persons[-1] if persons else before[-1] if before else None
    return before[0] if before else None


def _conditions(cx: _Ctx, lo: int, a: int) -> list[tuple[int, int]]:
    """Text spans of clauses before the cue whose names are not its agent: a condition (from
    اگر / إذا to the next comma) and a Persian relative clause closed before the cue ("در این
    دیدار که آقای جهانگیری نیز حضور داشت، ...")."""
    key, out = cx.key, []
    starts = [c0 for c0, _ in cue_index(key).find(cx.acts.status["conditional"][cx.lang], lo, a)]
    relative: list[int] = []
    if cx.lang == "fa":
        i = key.find(" که ", lo, a)
        while i != -1:
            relative.append(i)
            i = key.find(" که ", i + 4, a)
    for c0 in starts + relative:
        ends = [i for i in (key.find("،", c0, a), key.find(",", c0, a)) if i != -1]
        if ends:
            out.append((cx.k2t[c0], cx.k2t[min(ends)]))
        elif c0 in starts:
            out.append((cx.k2t[c0], cx.k2t[a]))
    return out


def _object(cx: _Ctx, r: Ref) -> bool:
    """A Persian object: the name is followed by را ("کاستریا را ... متهم کرد")."""
    return cx.doc.text[r.end:r.end + 4].split()[:1] == ["را"]


def _target(cx: _Ctx, kind: Kind, refs: list[Ref], subject: Ref | None, source: str,
            a: int, b: int, lo: int, hi: int) -> str | None:
    if kind.target == "none" or kind.type == "denial":
        return None
    k2t = cx.k2t
    others = [r for r in refs if r.actor != source]
    if cx.lang == "fa" and kind.target == "before":
        start = subject.end if subject is not None and subject.end <= k2t[a] else k2t[lo]
        cands = [r for r in others if start <= r.start and r.end <= k2t[a]
                 and not _located(cx, r)]
        if kind.marker:
            marked = [r for r in cands if _marked(cx, r, kind.marker)]
            return marked[-1].actor if marked else None
        return cands[-1].actor if cands else None
    start = k2t[b - 1] + 1
    if cx.lang == "fa" and kind.marker:
        limit = k2t[min(hi, b + TARGET_REACH) - 1] + 1
        marked = [r for r in others if start <= r.start < limit and _marked(cx, r, kind.marker)]
        return marked[0].actor if marked else None
    if subject is not None and subject.start >= start:
        start = subject.role_end or subject.end
    limit = k2t[min(hi, b + TARGET_REACH) - 1] + 1
    cands = [r for r in others if start <= r.start < limit and not _located(cx, r)]
    return cands[0].actor if cands else None


def _marked(cx: _Ctx, r: Ref, marker: frozenset[str]) -> bool:
    """Is a Persian mention marked as the target: its nearest preposition among the six words
    before it (no punctuation between) is a marker, or را follows it?"""
    if "را" in marker and _object(cx, r):
        return True
    rk = r.ks if r.ks >= 0 else to_key_offset(cx.k2t, r.start)
    words = cx.key[max(0, rk - 60):rk].split()[-MARKER_WORDS:]
    preps = cx.acts.prepositions[cx.lang]
    for w in reversed(words):
        if w.strip(PUNCT) in marker:
            return True
        if w.strip(PUNCT) in preps or any(p in w for p in "،,.:"):
            return False
    return False


def _located(cx: _Ctx, r: Ref) -> bool:
    """A country or city written as a setting ("در تهران", "في بغداد") is not acted on."""
    rk = r.ks if r.ks >= 0 else to_key_offset(cx.k2t, r.start)
    words = cx.key[max(0, rk - 12):rk].split()
    return bool(words) and words[-1] in ("در", "فی")


def _status(cx: _Ctx, kind: Kind, a: int, b: int, ks: int, ke: int) -> str:
    if kind.status:
        return kind.status
    idx, st, lang = cue_index(cx.key), cx.acts.status, cx.lang
    status = "occurred"
    if kind.type != "denial" and (
            idx.first(st["negated"][lang], max(ks, a - NEGATION_BEFORE[lang]),
                      min(ke, b + NEGATION_AFTER[lang]))
            or idx.first(st["denial"][lang], max(ks, a - DENIAL_BEFORE),
                         min(ke, b + DENIAL_AFTER[lang]))):
        status = "denied"
    elif idx.first(st["conditional"][lang], max(ks, a - CONDITION_BEFORE),
                   min(ke, b + CONDITION_AFTER)):
        status = "conditional"
    elif (_future_prefix(cx.key[a:b], kind.words[lang]) if lang == "ar" else False) or \
            idx.first(st["planned"][lang], max(ks, a - PLANNED_BEFORE),
                      min(ke, b + PLANNED_AFTER[lang])):
        status = "planned"
    if status == "planned" and kind.future_is_act:
        status = "occurred"  # "ضربه خواهیم زد", "سيرد": the threat is made now
    return status


def _future_prefix(word: str, cues: frozenset[str]) -> bool:
    """Does an Arabic cue carry the glued future prefix ("سيوقع", "وستوقع")?"""
    for p in sorted(ARABIC_PREFIXES, key=len, reverse=True):
        if p and word.startswith(p) and word[len(p):] in cues:
            return "س" in p
    return False
