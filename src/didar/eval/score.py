"""`didar eval`: score predicted records against gold, exactly as ../shared/eval/README.md says.

    score(gold, records)                 pure: gold dict + predicted record dicts keyed by file name
    evaluate(gold_path, corpus_dir, res) runs the pipeline on each gold document's file, then scores
    format_report(report, "table"|"json")

Every metric is a `Ratio` (hits / total) summed over documents (micro average), so a document
with more gold items weighs more. Each document also keeps what was missed and what was spurious.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from didar.eval.gold import gold_names, load_gold
from didar.eval.keys import ActorKeys, norm, resolve_record_actors
from didar.eval.report import format_report

if TYPE_CHECKING:
    from didar.resources import Resources

__all__ = ["DocReport", "Ratio", "Report", "evaluate", "format_report", "score"]

MEETING_TYPES = frozenset({"meeting", "visit", "phone_call"})
OCCURRED = frozenset({None, "", "occurred"})  # status absent or "occurred"


@dataclass(slots=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def add(self, other: Ratio) -> None:
        self.hits += other.hits
        self.total += other.total


@dataclass(slots=True)
class MeetingCounts:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: MeetingCounts) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        if not self.predicted and not self.gold:
            return None
        denom = self.predicted + self.gold
        return 2 * self.matched / denom  # = 2PR/(P+R); 0.0 when either side is empty


@dataclass(slots=True)
class Counts:
    """Everything that is summed over documents."""

    meetings: MeetingCounts = field(default_factory=MeetingCounts)
    meeting_date: Ratio = field(default_factory=Ratio)
    meeting_place: Ratio = field(default_factory=Ratio)
    meeting_kind: Ratio = field(default_factory=Ratio)
    planned_as_occurred: int = 0
    quote_found: Ratio = field(default_factory=Ratio)  # found / gold quotes
    speaker_of_gold: Ratio = field(default_factory=Ratio)  # right speaker / gold quotes
    speaker_of_found: Ratio = field(default_factory=Ratio)  # right speaker / found quotes
    speakers: Ratio = field(default_factory=Ratio)
    language: Ratio = field(default_factory=Ratio)
    published: Ratio = field(default_factory=Ratio)
    noise: int = 0
    topics_recall: Ratio = field(default_factory=Ratio)
    topics_precision: Ratio = field(default_factory=Ratio)
    stances: Ratio = field(default_factory=Ratio)
    threats: Ratio = field(default_factory=Ratio)
    planned_found: Ratio = field(default_factory=Ratio)  # gold planned entries found as planned
    # non-meeting events (didar's gold extension `acts`; scored only in documents that have it)
    acts_found: Ratio = field(default_factory=Ratio)  # gold acts found / gold acts
    acts_right: Ratio = field(default_factory=Ratio)  # predicted acts matching gold / predicted
    act_status: Ratio = field(default_factory=Ratio)  # status right / gold acts found

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            mine = getattr(self, name)
            if isinstance(mine, int):
                setattr(self, name, mine + getattr(other, name))
            else:
                mine.add(getattr(other, name))

    def metrics(self) -> dict[str, float | None]:
        m = self.meetings
        return {
            "meeting_precision": m.precision,
            "meeting_recall": m.recall,
            "meeting_f1": m.f1,
            "meeting_date_accuracy": self.meeting_date.value,
            "meeting_place_accuracy": self.meeting_place.value,
            "meeting_kind_accuracy": self.meeting_kind.value,
            "planned_as_occurred": float(self.planned_as_occurred),
            "quote_coverage": self.quote_found.value,
            "quote_speaker_accuracy": self.speaker_of_gold.value,
            "quote_speaker_accuracy_of_found": self.speaker_of_found.value,
            "speaker_recall": self.speakers.value,
            "language_accuracy": self.language.value,
            "published_accuracy": self.published.value,
            "noise": float(self.noise),
            "topics_recall": self.topics_recall.value,
            "topics_precision": self.topics_precision.value,
            "stance_recall": self.stances.value,
            "threat_recall": self.threats.value,
            "planned_found": self.planned_found.value,
            "act_recall": self.acts_found.value,
            "act_precision": self.acts_right.value,
            "act_status_accuracy": self.act_status.value,
        }


# The metric names of a report, in display order. Floors (tests/eval/floors.py) use these names.
METRICS = tuple(Counts().metrics())


@dataclass(slots=True)
class DocReport:
    doc: str
    counts: Counts = field(default_factory=Counts)
    error: str | None = None  # the pipeline failed on this file, or no record was given
    # what went wrong, as short human-readable lines, by kind
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)

    @property
    def passes_noise(self) -> bool:
        return self.counts.noise == 0


@dataclass(slots=True)
class Report:
    gold: str
    documents: list[DocReport]
    totals: Counts

    @property
    def metrics(self) -> dict[str, float | None]:
        return self.totals.metrics()

    @property
    def noisy_documents(self) -> list[str]:
        return [d.doc for d in self.documents if not d.passes_noise]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "documents": len(self.documents),
            "metrics": self.metrics,
            "counts": _counts_dict(self.totals),
            "per_document": [
                {
                    "doc": d.doc,
                    "error": d.error,
                    "metrics": d.counts.metrics(),
                    "counts": _counts_dict(d.counts),
                    "missed": d.missed,
                    "spurious": d.spurious,
                    "wrong": d.wrong,
                    "noise": d.noise,
                }
                for d in self.documents
            ],
        }


def _counts_dict(c: Counts) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in c.__slots__:
        v = getattr(c, name)
        if isinstance(v, MeetingCounts):
            out[name] = {"matched": v.matched, "predicted": v.predicted, "gold": v.gold}
        elif isinstance(v, Ratio):
            out[name] = {"hits": v.hits, "total": v.total}
        else:
            out[name] = v
    return out


# --------------------------------------------------------------------------- helpers


def _accepts(gold_value: Any, predicted: Any) -> bool:
    """Exact, or any listed value; a null gold value accepts only null."""
    if isinstance(gold_value, list):
        return predicted in gold_value
    return predicted == gold_value


class _Doc:
    """A predicted record seen through the gold actor keys."""

    def __init__(self, record: Mapping[str, Any], keys: ActorKeys) -> None:
        self.record = record
        self.actors = {a.get("id"): a for a in record.get("actors") or [] if a.get("id")}
        self.gold_of = resolve_record_actors(record, keys)
        self.keys = keys

    def gold_name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        if actor_id in self.gold_of:
            return self.gold_of[actor_id]
        # an id with no actor entry in the record: the id is all there is to match
        name = self.keys.match_text(actor_id)
        self.gold_of[actor_id] = name
        return name

    def label(self, actor_id: str | None) -> str:
        """How an actor is shown in a report line: its gold name, else its own name with '?'."""
        if actor_id is None:
            return "(none)"
        g = self.gold_name(actor_id)
        if g:
            return g
        a = self.actors.get(actor_id)
        return f"?{a.get('name') or a.get('native') or actor_id}" if a else f"?{actor_id}"

    def place_texts(self, actor_id: str) -> list[str]:
        a = self.actors.get(actor_id)
        if a is None:
            return [norm(actor_id)]
        return [t for t in (norm(a.get("name")), norm(a.get("native"))) if t]


def _participants_fit(gold_entry: Mapping[str, Any], predicted: set[str | None]) -> bool:
    """Every gold participant is there, and nothing outside participants ∪ optional."""
    need = set(gold_entry.get("participants", []))
    allowed = need | set(gold_entry.get("optional", []))
    return need <= predicted and predicted <= allowed  # None (unknown actor) is never allowed


def _max_matching(candidates: list[list[int]], n_right: int) -> dict[int, int]:
    """Maximum one-to-one matching (Kuhn's algorithm); candidates[i] lists, in order of
    preference, the right-hand items left item i may take. Returns left -> right."""
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):  # type: ignore[arg-type]
                owner[j] = i
                return True
        return False

    for i in range(len(candidates)):
        augment(i, set())
    return {i: j for j, i in enumerate(owner) if i is not None}


def _fmt_meeting(participants: list[str], date: Any, extra: str = "") -> str:
    d = "null" if date is None else (" | ".join(map(str, date)) if isinstance(date, list) else date)
    return f"{' + '.join(participants)} (date {d}{extra})"


# --------------------------------------------------------------------------- scoring


def _place_right(gold_m: Mapping[str, Any], event: Mapping[str, Any], d: _Doc) -> bool:
    acceptable = gold_m.get("location_any_of", [None])
    loc = event.get("location")
    if loc is None:
        return None in acceptable
    texts = d.place_texts(loc)
    for name in acceptable:
        if name is None:
            continue
        wanted = {norm(name), *d.keys.keys_of(name)}
        if any(w and w in t for w in wanted for t in texts):
            return True
    return False


def _score_meetings(gdoc: Mapping[str, Any], d: _Doc, rep: DocReport) -> None:
    c = rep.counts
    events = [
        e
        for e in d.record.get("events") or []
        if e.get("type") in MEETING_TYPES and e.get("status") in OCCURRED
    ]
    gold_ms = gdoc.get("meetings", [])
    c.meetings = MeetingCounts(predicted=len(events), gold=len(gold_ms))
    pred_sets = [{d.gold_name(p) for p in e.get("participants") or []} for e in events]

    # candidates for each gold meeting, preferring events with the right date, then place
    cands: list[list[int]] = []
    for g in gold_ms:
        fits = [k for k, ps in enumerate(pred_sets) if _participants_fit(g, ps)]
        fits.sort(
            key=lambda k: (
                not _accepts(g.get("date"), events[k].get("date")),
                not _place_right(g, events[k], d),
            )
        )
        cands.append(fits)
    match = _max_matching(cands, len(events))
    c.meetings.matched = len(match)

    for gi, g in enumerate(gold_ms):
        if gi not in match:
            rep.missed.append("meeting " + _fmt_meeting(g["participants"], g.get("date")))
            continue
        e = events[match[gi]]
        who = " + ".join(g["participants"])
        date_ok = _accepts(g.get("date"), e.get("date"))
        c.meeting_date.total += 1
        c.meeting_date.hits += date_ok
        if not date_ok:
            rep.wrong.append(f"meeting date {who}: predicted {e.get('date')}, gold {g.get('date')}")
        place_ok = _place_right(g, e, d)
        c.meeting_place.total += 1
        c.meeting_place.hits += place_ok
        if not place_ok:
            got = d.label(e["location"]) if e.get("location") else "null"
            rep.wrong.append(
                f"meeting place {who}: predicted {got}, "
                f"gold any of {g.get('location_any_of', [None])}"
            )
        c.meeting_kind.total += 1
        kind_ok = e.get("type") == g.get("kind", "meeting")
        c.meeting_kind.hits += kind_ok
        if not kind_ok:
            rep.wrong.append(f"meeting kind {who}: predicted {e.get('type')}, gold {g.get('kind')}")

    matched_events = set(match.values())
    planned = gdoc.get("planned", [])
    for k, e in enumerate(events):
        if k in matched_events:
            continue
        names = [d.label(p) for p in e.get("participants") or []]
        rule = (e.get("evidence") or {}).get("rule", "")
        extra = f", {e.get('type')}" + (f", rule {rule}" if rule else "")
        if any(_participants_fit(p, pred_sets[k]) for p in planned):
            c.planned_as_occurred += 1
            extra += ", PLANNED in gold"
        rep.spurious.append("meeting " + _fmt_meeting(names, e.get("date"), extra))

    # informational: gold planned entries that the record reports as planned
    planned_events = [
        {d.gold_name(p) for p in e.get("participants") or []}
        for e in d.record.get("events") or []
        if e.get("type") in MEETING_TYPES and e.get("status") == "planned"
    ]
    for p in planned:
        c.planned_found.total += 1
        c.planned_found.hits += any(_participants_fit(p, ps) for ps in planned_events)


def _score_quotes(gdoc: Mapping[str, Any], d: _Doc, rep: DocReport) -> None:
    c = rep.counts
    quotes = [
        (norm(q.get("text")), d.gold_name(q.get("speaker")), q.get("speaker"))
        for q in d.record.get("quotes") or []
    ]
    for gq in gdoc.get("quotes", []):
        snippet = norm(gq["snippet"])
        c.quote_found.total += 1
        c.speaker_of_gold.total += 1
        containing = [q for q in quotes if snippet and snippet in q[0]]
        if not containing:
            rep.missed.append(f"quote [{gq['speaker']}] «{gq['snippet']}»")
            continue
        c.quote_found.hits += 1
        c.speaker_of_found.total += 1
        # right when a quote containing the snippet has the gold speaker
        if any(q[1] == gq["speaker"] for q in containing):
            c.speaker_of_gold.hits += 1
            c.speaker_of_found.hits += 1
        else:
            got = ", ".join(sorted({d.label(q[2]) for q in containing}))
            rep.wrong.append(
                f"quote speaker «{gq['snippet']}»: predicted {got}, gold {gq['speaker']}"
            )
    said = {q[1] for q in quotes if q[1]}
    for s in gdoc.get("speakers", []):
        c.speakers.total += 1
        if s in said:
            c.speakers.hits += 1
        else:
            rep.missed.append(f"speaker {s}")


def _score_doc_fields(gdoc: Mapping[str, Any], d: _Doc, rep: DocReport) -> None:
    c = rep.counts
    lang = d.record.get("language")
    c.language.total += 1
    if lang == gdoc.get("language"):
        c.language.hits += 1
    else:
        rep.wrong.append(f"language: predicted {lang}, gold {gdoc.get('language')}")
    pub = d.record.get("published")
    c.published.total += 1
    if _accepts(gdoc.get("published"), pub):
        c.published.hits += 1
    else:
        rep.wrong.append(f"published: predicted {pub}, gold {gdoc.get('published')}")


def _score_noise(gdoc: Mapping[str, Any], d: _Doc, rep: DocReport) -> None:
    """An absent (boilerplate-only) actor in any event role, as a quote's speaker, or named in a
    quote's text, is noise: one count per place it appears."""
    absent = gdoc.get("absent_actors", [])
    if not absent:
        return
    absent_set = set(absent)
    for e in d.record.get("events") or []:
        roles = [("participant", p) for p in e.get("participants") or []]
        roles += [(r, e.get(r)) for r in ("source", "target", "location") if e.get(r)]
        for role, aid in roles:
            g = d.gold_name(aid)
            if g in absent_set:
                rep.counts.noise += 1
                rep.noise.append(f"{g} as {role} of a {e.get('type')} event")
    for q in d.record.get("quotes") or []:
        g = d.gold_name(q.get("speaker"))
        if g in absent_set:
            rep.counts.noise += 1
            rep.noise.append(f"{g} as speaker of «{(q.get('text') or '')[:40]}»")
        text = norm(q.get("text"))
        for name in absent:
            if any(k in text for k in d.keys.keys_of(name)):
                rep.counts.noise += 1
                rep.noise.append(f"{name} named in quote «{(q.get('text') or '')[:40]}»")


def _score_later(gdoc: Mapping[str, Any], d: _Doc, rep: DocReport) -> None:
    """Topics, stances, threats: computed and shown, not gated yet (later issues)."""
    c = rep.counts
    topics = set(d.record.get("topics") or [])
    required = set(gdoc.get("topics_required", []))
    allowed = set(gdoc.get("topics_allowed", [])) | required
    c.topics_recall = Ratio(len(topics & required), len(required))
    c.topics_precision = Ratio(len(topics & allowed), len(topics))
    if required - topics and topics:
        rep.missed.append(f"topics {sorted(required - topics)}")
    if topics - allowed:
        rep.spurious.append(f"topics {sorted(topics - allowed)}")

    stances = {
        (d.gold_name(s.get("source")), d.gold_name(s.get("target")), s.get("polarity"))
        for s in d.record.get("stances") or []
    }
    for s in gdoc.get("stances", []):
        c.stances.total += 1
        c.stances.hits += (s["source"], s["target"], s["polarity"]) in stances
    threats = {
        (d.gold_name(e.get("source")), d.gold_name(e.get("target")))
        for e in d.record.get("events") or []
        if e.get("type") == "threat"  # any status: a conditional threat is still a threat
    }
    for t in gdoc.get("threats", []):
        c.threats.total += 1
        c.threats.hits += (t["source"], t["target"]) in threats
    if "acts" in gdoc:
        _score_acts(gdoc["acts"], d, rep)


MEETING_KINDS = frozenset({"meeting", "visit", "phone_call"})


def _score_acts(gold_acts: list[Mapping[str, Any]], d: _Doc, rep: DocReport) -> None:
    """Non-meeting events against the gold `acts` (type, source, target, status): a gold act is
    found by a predicted event of the same type whose source and target stand for the gold
    names (a null gold target accepts any); each predicted event matches at most one."""
    c = rep.counts
    predicted = [
        (i, e)
        for i, e in enumerate(d.record.get("events") or [])
        if e.get("type") not in MEETING_KINDS
    ]
    used: set[int] = set()
    for g in gold_acts:
        c.acts_found.total += 1
        hit = None
        for i, e in predicted:
            if i in used or e.get("type") != g["type"]:
                continue
            if d.gold_name(e.get("source")) != g["source"]:
                continue
            if g.get("target") is not None and d.gold_name(e.get("target")) != g["target"]:
                continue
            hit = (i, e)
            break
        if hit is None:
            rep.missed.append(f"act {g['type']} {g['source']} -> {g.get('target')}")
            continue
        used.add(hit[0])
        c.acts_found.hits += 1
        c.act_status.total += 1
        c.act_status.hits += _accepts(g.get("status", "occurred"), hit[1].get("status"))
    c.acts_right = Ratio(len(used), len(predicted))
    for i, e in predicted:
        if i not in used:
            rep.spurious.append(
                f"act {e.get('type')} {d.label(e.get('source'))} -> {d.label(e.get('target'))}"
            )


def score_document(
    gdoc: Mapping[str, Any],
    record: Mapping[str, Any] | None,
    keys: ActorKeys,
    error: str | None = None,
) -> DocReport:
    """Score one predicted record against one gold document."""
    rep = DocReport(doc=gdoc["doc"], error=error)
    if record is None:
        rep.error = error or "no predicted record"
        record = {}
    d = _Doc(record, keys)
    _score_doc_fields(gdoc, d, rep)
    _score_meetings(gdoc, d, rep)
    _score_quotes(gdoc, d, rep)
    _score_noise(gdoc, d, rep)
    _score_later(gdoc, d, rep)
    return rep


def _as_dict(record: Any) -> Mapping[str, Any]:
    return record.to_dict() if hasattr(record, "to_dict") else record


def score(
    gold: Mapping[str, Any],
    records: Mapping[str, Any],
    *,
    errors: Mapping[str, str] | None = None,
    name: str = "gold",
) -> Report:
    """Score predicted records (dicts in the record format, or Documents), keyed by the gold
    documents' file names (a path whose last part is the file name also works)."""
    by_name = {Path(k).name: v for k, v in records.items()}
    names: set[str] = set()
    for gdoc in gold["documents"]:
        names |= gold_names(gdoc)
    keys = ActorKeys(gold.get("actors", {}), extra_names=sorted(names))
    docs: list[DocReport] = []
    totals = Counts()
    for gdoc in gold["documents"]:
        rec = records.get(gdoc["doc"], by_name.get(gdoc["doc"]))
        rep = score_document(
            gdoc,
            _as_dict(rec) if rec is not None else None,
            keys,
            error=(errors or {}).get(gdoc["doc"]),
        )
        docs.append(rep)
        totals.add(rep.counts)
    return Report(gold=name, documents=docs, totals=totals)


def extract_records(
    gold: Mapping[str, Any], corpus_dir: str | Path, res: Resources
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Run the pipeline on each gold document's file: (records, errors) keyed by file name."""
    from didar.errors import DidarError
    from didar.pipeline import extract

    records: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    for gdoc in gold["documents"]:
        path = Path(corpus_dir) / gdoc["doc"]
        try:
            data = path.read_bytes()
        except OSError as e:
            errors[gdoc["doc"]] = f"cannot read {path}: {e.strerror or e}"
            continue
        try:
            records[gdoc["doc"]] = extract(data, res, source=str(path)).to_dict()
        except DidarError as e:
            errors[gdoc["doc"]] = str(e)
    return records, errors


def evaluate(
    gold_path: str | Path,
    corpus_dir: str | Path,
    res: Resources | None = None,
    *,
    records: Mapping[str, Any] | None = None,
) -> Report:
    """Score the pipeline on a gold file: run it on each document's file in `corpus_dir`
    (or use the given `records`, keyed by file name)."""
    gold = load_gold(gold_path)
    errors: dict[str, str] = {}
    if records is None:
        if res is None:
            from didar.resources import load_resources

            res = load_resources()
        records, errors = extract_records(gold, corpus_dir, res)
    return score(gold, records, errors=errors, name=Path(gold_path).name)
