"""The topics stage: document topics with their evidence, and the topics of each quote.

Every cue hit of the lexicon (lexicon.py) gets a weight: the cue's own weight, times the
largest bonus of where it stands (the title, the lead = the first sentences, a sentence holding
an event's evidence, a quote), times every penalty that applies (a single cue of its topic in an
enumeration, unless an agenda marker such as "including" introduces it; a sentence of
condolences or greetings; the closing sentence; boilerplate). The n-th hit of the same cue
counts repeat_decay^(n-1), so several different cues weigh more than one repeated. A topic whose
summed weight reaches its threshold, and a fixed share of the best topic's, is a topic of the
document; its evidence is every hit behind it (offsets into doc.text). A quote's topics are
those whose cues inside it reach quote_threshold. Every number lives in data/scoring.yaml.

Diplomacy is also derived from events: a meeting, visit or phone call (occurred, planned or
conditional) between actors of two or more countries (Actor.country), or a visit by an actor of
one country to a place of another (Event.location), adds
`event_topics.diplomacy.weight` (doubled in the lead), with the event's evidence span as its
TopicTag (cue "event:<type>"), so a report of talks between states is diplomacy even in words
the lexicon lacks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from didar.record import Document, TopicTag, in_boilerplate
from didar.resources import Resources
from didar.text.normalize import fold_plain, to_text_span
from didar.topics.lexicon import Lexicon, load_lexicon


@dataclass(slots=True)
class Scored:
    topic: str
    start: int  # text offsets (-1 for a hit in the title)
    end: int
    cue: str
    weight: float  # with the bonuses and penalties of where it stands
    base: float = 1.0  # the cue's own weight


def find_topics(doc: Document, res: Resources) -> Document:
    """Fill doc.topics, doc.topic_evidence and every quote's topics."""
    lex = load_lexicon()
    sc = lex.scoring
    totals, scored, ctx = score_topics(doc, lex)
    best = max(totals.values(), default=0.0)
    chosen = [t for t, v in totals.items()
              if v >= sc["thresholds"].get(t, sc["threshold"]) and v >= sc["relative_floor"] * best
              and any(h.topic == t and h.start >= 0 and h.weight > 0 for h in scored)]
    doc.topics = sorted(chosen, key=lambda t: (-totals[t], lex.topics.index(t)))
    doc.topic_evidence = sorted(
        (TopicTag(h.topic, h.start, h.end, h.cue) for h in scored
         if h.topic in chosen and h.start >= 0 and h.weight > 0),
        key=lambda t: (t.start, t.end, t.topic))
    _quote_topics(doc, lex, scored, ctx)
    return doc


def score_topics(doc: Document, lex: Lexicon) -> tuple[dict[str, float], list[Scored], _Context]:
    """Every topic's score in a document, and the weighted hits behind it."""
    sc = lex.scoring
    languages = _languages(doc.language)
    key, k2t = doc.analysis.key, doc.analysis.key_to_text
    hits = lex.scan(key, languages)
    ctx = _Context(doc, lex)
    for hit in hits:  # which topics each sentence names with two different cues
        s, _ = to_text_span(k2t, hit.start, hit.end)
        ctx.cues_in_sentence[(ctx.sentence(s), hit.cue.topic)].add(hit.cue.text)
    scored: list[Scored] = []
    for hit in hits:
        s, e = to_text_span(k2t, hit.start, hit.end)
        scored.append(Scored(hit.cue.topic, s, e, hit.cue.text,
                             hit.cue.weight * ctx.factor(s, e, hit.cue.topic), hit.cue.weight))
    if doc.title and fold_plain(doc.title).strip() not in key[:len(doc.title) + 200]:
        bonus = sc["bonuses"]["title"]
        scored += [Scored(h.cue.topic, -1, -1, h.cue.text, h.cue.weight * bonus, h.cue.weight)
                   for h in lex.scan(fold_plain(doc.title), languages)]
    scored += _event_topics(doc, sc, ctx)
    totals: dict[str, float] = defaultdict(float)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for h in sorted(scored, key=lambda h: -h.weight):  # the strongest hit of a cue counts fully
        n = seen[(h.topic, h.cue)]
        seen[(h.topic, h.cue)] += 1
        totals[h.topic] += h.weight * sc["repeat_decay"] ** n
    return dict(totals), scored, ctx


def _languages(language: str) -> frozenset[str] | None:
    if language in ("fa", "ar"):
        return frozenset((language, "en"))
    if language == "en":
        return frozenset(("en",))
    return None


def _event_topics(doc: Document, sc: dict, ctx: _Context) -> list[Scored]:
    out: list[Scored] = []
    for topic, rule in (sc.get("event_topics") or {}).items():
        for ev in doc.events:
            if ev.type not in rule["types"] or ev.status not in rule["statuses"]:
                continue
            # who took part, and where a visit went ("... arrived in Baghdad")
            ids = list(ev.participants) + ([ev.location] if ev.location else [])
            countries = {a.country for p in ids if (a := doc.actor(p)) is not None and a.country}
            if len(countries) < 2:
                continue
            s, e = ev.evidence.start, ev.evidence.end
            bonus = sc["bonuses"]["lead"] if ctx.in_lead(s) else 1.0
            out.append(Scored(topic, s, e, f"event:{ev.type}", rule["weight"] * bonus))
    return out


def _quote_topics(doc: Document, lex: Lexicon, scored: list[Scored], ctx: _Context) -> None:
    threshold = lex.scoring["quote_threshold"]
    for q in doc.quotes:
        totals: dict[str, float] = defaultdict(float)
        for h in scored:
            if h.start >= q.start and h.end <= q.end and not h.cue.startswith("event:"):
                totals[h.topic] += ctx.penalty(h.start, h.end, h.topic, closing=False) * h.base
        q.topics = sorted((t for t, v in totals.items() if v >= threshold),
                          key=lambda t: (-totals[t], lex.topics.index(t)))


class _Context:
    """Where a span stands: its sentence, the lead, quotes, events, lists, condolences."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.sc = lex.scoring
        self.lex = lex
        sents = doc.analysis.sentences
        self.starts = [s.start for s in sents]
        self.sents = sents
        body = [i for i, s in enumerate(sents) if not in_boilerplate(doc, s.start)]
        lead = body[: self.sc["lead_sentences"]]
        self.lead = set(lead)
        self.closing = body[-1] if len(body) > len(lead) + 1 else -1
        self.event_sents = {self.sentence(ev.evidence.start) for ev in doc.events} - {-1}
        self._condolence: dict[int, bool] = {}
        self._separators: dict[int, int] = {}
        self.separators = tuple(self.sc["list_separators"])
        self.cues_in_sentence: dict[tuple[int, str], set[str]] = defaultdict(set)

    def sentence(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def in_lead(self, offset: int) -> bool:
        return self.sentence(offset) in self.lead

    def in_quote(self, start: int, end: int) -> bool:
        return any(q.start <= start and end <= q.end for q in self.doc.quotes)

    def factor(self, start: int, end: int, topic: str) -> float:
        b = self.sc["bonuses"]
        i = self.sentence(start)
        bonus = max([1.0]
                    + ([b["lead"]] if i in self.lead else [])
                    + ([b["event_sentence"]] if i in self.event_sents else [])
                    + ([b["quote"]] if self.in_quote(start, end) else []))
        return bonus * self.penalty(start, end, topic)

    def penalty(self, start: int, end: int, topic: str, closing: bool = True) -> float:
        p = self.sc["penalties"]
        i = self.sentence(start)
        factor = 1.0
        if in_boilerplate(self.doc, start):
            factor *= p["boilerplate"]
        if i >= 0 and self._is_condolence(i):
            factor *= p["condolence"]
        if closing and i >= 0 and i == self.closing:
            factor *= p["closing"]
        if i >= 0 and len(self.cues_in_sentence.get((i, topic), ())) < 2 \
                and not self._after_agenda(i, start) and self._in_list(i, start, end):
            factor *= p["list"]
        return factor

    def _after_agenda(self, i: int, start: int) -> bool:
        s = self.sents[i]
        return self.lex.agenda.search(fold_plain(self.doc.text[s.start:start])) is not None

    def _is_condolence(self, i: int) -> bool:
        if i not in self._condolence:
            s = self.sents[i]
            text = fold_plain(self.doc.text[s.start:s.end])
            self._condolence[i] = self.lex.condolence.search(text) is not None
        return self._condolence[i]

    def _in_list(self, i: int, start: int, end: int) -> bool:
        """The span is one item of an enumeration: a separator touches it (before or after its
        word) and its sentence has at least list_min_separators of them."""
        s = self.sents[i]
        text = self.doc.text
        if i not in self._separators:
            chunk = text[s.start:s.end]
            self._separators[i] = sum(chunk.count(sep) for sep in self.separators)
        if self._separators[i] < self.sc["list_min_separators"]:
            return False
        # the word around the span, then what touches it on either side
        a, z = start, end
        while a > s.start and text[a - 1].isalpha():
            a -= 1
        while z < s.end and (text[z].isalpha() or text[z] == "\u200c"):
            z += 1
        if a < start and text[a] == "و":
            return True  # Arabic "و" glued to the item: "والأمنية"
        return bool(_LIST_BEFORE.search(text, max(s.start, a - 6), a)
                    or _LIST_AFTER.match(text, z, min(s.end, z + 6)))


# A list separator touching an item: a comma, or the word "و" / "and" (not a word ending in و).
_LIST_BEFORE = re.compile(r"(?:[،,؛]\s*|(?<![^\W\d_])(?:و|and)\s+)$")
_LIST_AFTER = re.compile(r"\s*(?:[،,؛]|(?:و|and)(?![^\W\d_]))")
