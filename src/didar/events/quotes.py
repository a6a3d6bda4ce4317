"""Quotes: statements attributed with a speech verb, and who made them.

Per sentence, every speech verb (گفت، تأکید کرد، قال، أضاف ...) opens a statement:
- direct after a colon, or in quotation marks, up to the end of the sentence;
- indirect after که / أن / إن;
- Persian verb-final statements ("X بر ضرورت ... تأکید کرد"): the words before the verb.
The speaker is the verb's subject: Persian — the first person in the clause not governed by a
preposition; Arabic — the first person after the verb, else before it. A pronoun (وی، او،
ایشان), a role mention (رئیس جمهور), a verb with no subject (وأضاف) or "the first/second side"
refers back to the person the text is about: the last subject of the paragraph (or, at a
paragraph's start, the last subject before it). A plural honorific verb (گفتند) with no subject
goes to the last senior figure (supreme leader, marja) mentioned. An unnamed source ("مصادر",
"یک مقام") gives a null speaker, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from didar.events.resources import cue_index
from didar.record import Document, Mention, Quote, Ref, Sentence, in_boilerplate, refs_between
from didar.text.normalize import fold_plain, to_key_offset

if TYPE_CHECKING:
    from didar.resources import Resources

MIN_QUOTE_WORDS = 3
# Arabic verb-subject: how far after the verb its subject may be named (a long title comes
# first: "وأوضح نائب وزير الخارجية الإيراني للشؤون العربية والأفريقية حسين أمير عبد اللهيان")
VERB_SUBJECT_REACH = 75
# A Persian speech verb followed by this many words, with no colon or که, introduces them.
PERSIAN_AFTER_VERB_WORDS = 4
SENIOR_ROLES = ("supreme_leader", "marja")
OPEN_QUOTES = '"'  # the key folds «» “” to "
PRONOUNS = {"fa": ("وی", "او", "ایشان", "نامبرده"), "ar": ("هو", "وهو")}
PRONOUN = "<pronoun>"
NOT_SPEECH_AFTER = re.compile(r" ?و ?گو")  # _subject's answer when a pronoun is the subject


def find_quotes(doc: Document, res: Resources) -> Document:
    lang = doc.language if doc.language in ("fa", "ar") else "fa"
    er = res.events
    key = doc.analysis.key
    k2t = doc.analysis.key_to_text
    sentences = doc.analysis.sentences or [Sentence(0, len(doc.text), 0)]
    verbs = er.speech[lang]
    honor = er.speech["honorific_fa"] if lang == "fa" else None
    comp = er.speech[f"complementizers_{lang}"]
    unnamed = er.speech[f"unnamed_{lang}"]
    preps = {fold_plain(w) for w in res.actors.cues.get(f"prepositions_{lang}", [])}
    senior = _senior_ids(doc, res)
    last_subject: str | None = None
    last_speaker: str | None = None
    quotes: list[Quote] = []
    for sent in sentences:
        if in_boilerplate(doc, sent.start):
            continue  # a source line or dateline kept as evidence, not article body
        ks = to_key_offset(k2t, sent.start)
        ke = to_key_offset(k2t, sent.end)
        refs = [r for r in refs_between(doc, sent.start, sent.end) if r.type == "person"]
        found = _verbs(er, lang, key, ks, ke, verbs, honor)
        head_end = _head_end(key, ks, ke, found)
        subject, subject_end = _subject(key, k2t, ks, head_end, refs, preps, lang)
        if subject == PRONOUN:
            subject = last_subject
            if subject:
                _add_pronoun_mention(doc, key, k2t, ks, head_end, lang, subject)
        cursor = ks
        for vs, ve, kind, pre in found:
            if vs < cursor:
                continue
            if kind == "reported":
                # "نقلت ... عن X قوله: ..." — X said it
                before = [r for r in refs if r.ke <= vs]
                speaker, rule = (before[-1].actor, "reported") if before else (None, "none")
            elif kind == "according":
                speaker, rule = subject, "according-to"
            else:
                speaker, rule = _speaker(doc, key, k2t, ks, vs, ve, refs, preps, lang, subject,
                                         last_subject, last_speaker, kind == "honorific",
                                         senior, unnamed, er, res)
            if kind == "according":
                span, direct, stop = (max(ks, subject_end), vs), False, True
            elif kind == "disc":
                span, direct, stop = (pre, vs), False, False
            else:
                span, direct, stop = _statement(key, ks, ke, vs, ve, max(cursor, subject_end),
                                                comp, lang, refs, k2t)
                nxt = _next_clause_verb(key, found, ve, ke)
                if span is not None and not direct and nxt is not None and span[1] > nxt:
                    # "وأكد X أن ...، فيما أوضح Y أن ...": two statements in one sentence
                    span, stop = (span[0], nxt), False
            cursor = ve
            if rule == "unnamed":
                # an unnamed source ("أضافت الوكالة أن X ...") may report a named speaker's words
                stop = False
            if span is None:
                continue
            quote = _quote(doc, k2t, span, speaker, vs, ve, direct, rule)
            if quote is None:
                continue
            pair = [e for e in doc.events if len(e.participants) >= 2]
            if rule == "joint" and pair:
                # "وأكد الوزيران ...": the same statement, made by each side of the meeting
                for p in pair[-1].participants[:2]:
                    quotes.append(replace(quote, speaker=p))
                continue
            quotes.append(quote)
            if speaker and rule in ("pronoun", "honorific-plural"):
                _add_pronoun_mention(doc, key, k2t, ks, vs, lang, speaker)
            if speaker:
                last_speaker = speaker
            if stop:
                break
        if subject:
            last_subject = subject
        elif found and last_speaker:
            last_subject = last_speaker
    doc.quotes = quotes
    return doc


def _verbs(er, lang: str, key: str, ks: int, ke: int, verbs, honor
           ) -> list[tuple[int, int, str, int]]:
    """Speech verbs of a sentence as (start, end, kind, statement start for two-part verbs)."""
    # "گفت" inside "گفت‌وگو" (talks) is no speech verb: the key has ZWNJ as a space
    found = [(s, e, "verb", -1) for s, e in cue_index(key).find(verbs, ks, ke)
             if not (lang == "fa" and NOT_SPEECH_AFTER.match(key, e))]
    if honor is not None:
        found += [(s, e, "honorific", -1) for s, e in cue_index(key).find(honor, ks, ke)]
    if lang == "ar":
        reported = cue_index(key).find(er.speech["reported_ar"], ks, ke)
        found += [(s, e, "reported", -1) for s, e in reported]
        according = cue_index(key).find(er.speech["according_to_ar"], ks, ke)
        found = [f for f in found if not any(a <= f[0] < b for a, b in according)]
        found += [(s, e, "according", -1) for s, e in according]
    else:
        for s, e in cue_index(key).find(er.speech["discontinuous_fa_end"], ks, ke):
            for first, last in er.discontinuous:
                if key[s:e] != last:
                    continue
                i = key.rfind(first, max(ks, s - 150), s)
                if i != -1:
                    found.append((s, e, "disc", i + len(first)))
                    break
    found.sort()
    return found


SIDE_AFTER_VERB = 25  # characters after a verb where "الجانب الكاستري" names its subject
CLAUSE_JOINERS = ("فیما", "بینما", "کما", "و")


def _next_clause_verb(key: str, found: list[tuple[int, int, str, int]], ve: int, ke: int
                      ) -> int | None:
    """Start of the clause of the next speech verb in the sentence ("، فيما أوضح ..."), or
    None when the next verb is not a new clause."""
    for vs2, _ve2, _k, _p in found:
        if vs2 <= ve or vs2 >= ke:
            continue
        words = key[max(0, vs2 - 12):vs2].replace("،", " ، ").split()
        if words and (words[-1] in CLAUSE_JOINERS or words[-1] == "،"):
            return key.rfind(words[-1], 0, vs2)
        return None
    return None


def _quote(doc: Document, k2t: list[int], span: tuple[int, int], speaker: str | None,
           vs: int, ve: int, direct: bool, rule: str) -> Quote | None:
    qs, qe = span
    if qe <= qs:
        return None
    s, e = k2t[qs], k2t[max(qs, qe - 1)] + 1
    text = doc.text[s:e].strip(" \"'«»“”:،,.\n")
    if len(text.split()) < MIN_QUOTE_WORDS:
        return None
    s = doc.text.find(text, s)
    return Quote(speaker=speaker, text=text, start=s, end=s + len(text),
                 verb=doc.text[k2t[vs]:k2t[ve - 1] + 1], direct=direct, speaker_rule=rule)


def _add_pronoun_mention(doc: Document, key: str, k2t: list[int], ks: int, vs: int, lang: str,
                         speaker: str) -> None:
    """"وی افزود", "ایشان ... گفتند": the pronoun is a mention of the speaker it resolves to."""
    pos = _pronoun_at(key, ks, vs, lang)
    actor = doc.actor(speaker)
    if pos is None or actor is None:
        return
    word = key[pos:].split(None, 1)[0]
    start, end = k2t[pos], k2t[pos + len(word) - 1] + 1
    if not any(m.start == start for m in actor.mentions):
        actor.mentions.append(Mention(start, end, "pronoun"))


def _senior_ids(doc: Document, res: Resources) -> list[str]:
    out = []
    for a in doc.actors:
        entry = res.actors.entries.get(a.id)
        if entry and any(r.role in SENIOR_ROLES for r in entry.roles):
            out.append(a.id)
    return out


def _starts_with_pronoun(key: str, ks: int, lang: str) -> bool:
    words = key[ks:ks + 20].split()
    return bool(words) and words[0] in PRONOUNS[lang]


def _governed(key: str, k2t: list[int], r: Ref, preps: set[str], lang: str) -> bool:
    rk = r.ks
    words = key[max(0, rk - 20):rk].split()
    prev = words[-1] if words else ""
    if prev in preps:
        return True
    if lang == "fa" and prev in ("اقای", "دکتر", "سید", "شیخ", "حضرت", "الله", "ایت"):
        # honorifics: look one word further back
        more = [w for w in words[:-1] if w not in ("اقای", "دکتر", "سید", "شیخ", "حضرت",
                                                   "الله", "ایت")]
        return bool(more) and more[-1] in preps
    if lang == "ar" and rk > 0 and key[rk - 1] in "بل" and (rk < 2 or key[rk - 2] == " "):
        return True
    return False


def _head_end(key: str, ks: int, ke: int, verbs: list[tuple[int, int, bool]]) -> int:
    """End of the part of a sentence where its subject can be: before the first speech verb
    (Persian) or the first colon; what follows is what was said."""
    end = ke
    colon = key.find(":", ks, ke)
    if colon != -1:
        end = colon
    if verbs:
        end = min(end, verbs[0][1] + 60)
    return end


def _subject(key: str, k2t: list[int], ks: int, ke: int, refs: list[Ref], preps: set[str],
             lang: str) -> tuple[str | None, int]:
    """The person the sentence is about and the key offset where that mention ends: the first
    person not governed by a preposition and not inside a که-clause or quotation; PRONOUN when
    a subject pronoun (وی، ایشان) comes first."""
    pron = _pronoun_at(key, ks, ke, lang)
    pron_end = pron + len(key[pron:].split(None, 1)[0]) if pron is not None else ks
    for r in refs:
        rk = r.ks
        if rk >= ke:
            break
        if pron is not None and pron < rk:
            return PRONOUN, pron_end
        if _governed(key, k2t, r, preps, lang):
            continue
        if lang == "fa" and _in_relative_clause(key, ks, rk):
            continue
        if key.count('"', ks, rk) % 2 == 1 and r.kind != "discovered":
            continue
        return r.actor, to_key_offset(k2t, max(r.end, r.role_end or 0))
    return (PRONOUN, pron_end) if pron is not None else (None, ks)


def _pronoun_at(key: str, ks: int, ke: int, lang: str) -> int | None:
    """Offset of a subject pronoun among the first words of the sentence (after adverbials
    like "در ادامه،"), or None."""
    pos = ks
    for word in key[ks:min(ke, ks + 60)].split()[:6]:
        pos = key.find(word, pos)
        if word.strip("،,") in PRONOUNS[lang]:
            return pos
        pos += len(word)
    return None


def _in_relative_clause(key: str, ks: int, rk: int) -> bool:
    """"در این دیدار که آقای جهانگیری ... حضور داشت، X": skip names between که and the comma."""
    seg = key[ks:rk]
    i = seg.rfind(" که ")
    return i != -1 and "،" not in seg[i:]


def _speaker(doc: Document, key: str, k2t: list[int], ks: int, vs: int, ve: int,
             refs: list[Ref], preps: set[str], lang: str, subject: str | None,
             last_subject: str | None, last_speaker: str | None, honorific: bool,
             senior: list[str], unnamed, er, res) -> tuple[str | None, str]:
    comp = er.speech[f"complementizers_{lang}"]
    before = [r for r in refs if r.ks < vs]
    after = [r for r in refs if r.ks >= ve]
    # Arabic verb first: "وقال الحكيم", "أكد رئيس تيار الحكمة عمار الحكيم"
    if cue_index(key).first(er.speech["joint"], vs, min(len(key), ve + 15)) or \
            cue_index(key).first(er.speech["joint"], max(ks, vs - 20), vs):
        return None, "joint"  # "وأكد الوزيران", "طرفین تأکید کردند": both, not one
    if lang == "ar":
        near = [r for r in after if r.ks - ve <= VERB_SUBJECT_REACH
                and not _governed(key, k2t, r, preps, lang)]
        u = cue_index(key).first(unnamed, ve, min(len(key), ve + 25))
        # "قال مسؤولٌ ...": an unnamed subject right after the verb (not inside "أن الحكومة")
        if u and key[ve:u[0]].split() and cue_index(key).first(comp, ve, u[0]):
            u = None
        if u and (not near or near[0].ks > u[0]):
            return None, "unnamed"
        if near and not key[ve:near[0].ks].strip().startswith(":"):
            return near[0].actor, "verb-subject"
    if _pronoun_at(key, ks, vs, lang) is not None and not before and last_subject:
        if honorific and senior and last_subject not in senior:
            # "ایشان ... تأکید کردند": the plural of respect points to the senior figure
            return senior[0], "honorific-plural"
        return last_subject, "pronoun"
    spans = [(r.ks, to_key_offset(k2t, max(r.end, r.role_end or 0)))
             for r in refs]
    u = _unnamed_subject(key, ks, vs, unnamed, preps, spans)
    subj_before = [r for r in before if not _governed(key, k2t, r, preps, lang)
                   and not (lang == "fa" and _in_relative_clause(key, ks,
                                                                 r.ks))]
    if u and (not subj_before or subj_before[-1].ks < u[0]):
        # the source is unnamed, unless a person is named after it ("أضافت الوكالة أن الشيخ
        # صباح الأحمد رحب ...": the agency reports what he said)
        return None, "unnamed"
    if u and lang == "ar":
        return subj_before[-1].actor, "subject"
    if subject is not None and subj_before:
        return subject, "subject"
    if subj_before:
        return subj_before[0].actor, "subject"
    sides = _side(key, k2t, ks, vs, doc, er, res, refs_all=doc.analysis.refs,
                  last_speaker=last_speaker)
    if sides:
        return sides, "side"
    if honorific and senior:
        return senior[0], "honorific-plural"
    if _starts_with_pronoun(key, ks, lang) and last_subject:
        return last_subject, "pronoun"
    if last_subject:
        return last_subject, "implicit-subject"
    return None, "none"


def _unnamed_subject(key: str, ks: int, vs: int, unnamed, preps: set[str],
                     inside: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """An unnamed source in subject position ("منابع آگاه گفتند"), not one governed by a
    preposition ("با مقامات عراقی") nor a word of a named actor's title ("سخنگوی وزارت")."""
    for a, b in cue_index(key).find(unnamed, ks, vs):
        if any(s <= a < e for s, e in inside):
            continue
        words = key[max(ks, a - 15):a].split()
        if not words or words[-1] not in preps:
            return a, b
    return None


def _side(key: str, k2t: list[int], ks: int, vs: int, doc: Document, er, res,
          refs_all: list[Ref], last_speaker: str | None) -> str | None:
    """A participant of the last two-party event named by its side: "طرف اول" / "الطرف الثاني",
    "طرف زروانی" / "الجانب الكاستري" / "الضيف الزرواني" (by country), or "من جانبه" /
    "بدوره" (the participant who did not speak last)."""
    pair = [e for e in doc.events if len(e.participants) >= 2]
    if not pair:
        return None
    parts = pair[-1].participants[:2]
    if cue_index(key).first(er.speech["first_side"], ks, vs):
        return parts[0]
    if cue_index(key).first(er.speech["second_side"], ks, vs):
        return parts[1]
    # the side named right after the verb (Arabic: "أوضح الجانب الكاستري"), else closest before
    after = cue_index(key).first(er.speech["side_words"], vs, min(len(key), vs + SIDE_AFTER_VERB))
    found = cue_index(key).find(er.speech["side_words"], ks, vs)
    side = after or (found[-1] if found else None)
    if side is not None:
        for r in refs_all:
            rk = r.ks
            if side[1] <= rk <= side[1] + 2 and r.type == "country":
                country = res.actors.entries[r.actor].country
                for p in parts:
                    entry = res.actors.entries.get(p)
                    if entry is not None and entry.country == country:
                        return p
    if cue_index(key).first(er.speech["other_side"], ks, vs) and last_speaker in parts:
        return parts[1] if parts[0] == last_speaker else parts[0]
    return None


def _statement(key: str, ks: int, ke: int, vs: int, ve: int, cursor: int, comp, lang: str,
               refs: list[Ref], k2t: list[int]) -> tuple[tuple[int, int] | None, bool, bool]:
    """The span of what was said, whether it is direct, and whether the rest of the sentence
    belongs to this statement (so later verbs in it are inside the quote)."""
    rest = key[ve:ke]
    stripped = rest.lstrip()
    lead = len(rest) - len(stripped)
    # direct: after a colon, possibly after the speaker's name ("قال ظريف ... إن:")
    colon = key.find(":", ve, ke)
    if colon != -1 and (colon - ve <= 100) and (lang == "ar" or colon - ve <= 3):
        body = colon + 1
        return (body, ke), True, True
    if stripped.startswith('"'):
        close = key.find('"', ve + lead + 1, ke)
        return (ve + lead, close + 1 if close != -1 else ke), True, True
    c = cue_index(key).first(comp, ve, min(ke, ve + 60))
    if c is not None:
        q = key.find('"', c[1], ke)
        # «إن العلاقات ...» / إن «...»: quotation marks right before or after إن/أن
        direct = (q != -1 and q - c[1] <= 3) or key[max(ve, c[0] - 2):c[0]].strip() == '"'
        if key[max(ve, c[0] - 2):c[0]].strip() == '"':
            return (c[0] - 1, ke), True, True
        return (c[1], ke), direct, True
    if lang == "ar":
        # "أكد X، اليوم، أهمية ..." and participle clauses "مؤكداً X": after the subject
        start = ve
        near = [r for r in refs if 0 <= r.ks - ve <= 40]
        if near:
            start = near[0].ke
        if ke - start > 10:
            return (start, ke), False, True
        return None, False, False
    # Persian with که left out: "گفت اطمینان می‌دهم ...", "ابراز امیدواری نمود ... گردد"
    if len(stripped.split()) >= PERSIAN_AFTER_VERB_WORDS and not stripped.startswith("و "):
        return (ve + lead, ke), False, True
    # Persian verb-final: the words before the verb, after the subject
    start = cursor
    if '"' in key[start:vs]:
        q1 = key.find('"', start, vs)
        q2 = key.find('"', q1 + 1, vs)
        if q2 != -1:
            return (q1, q2 + 1), True, False
    return (start, vs), False, False

