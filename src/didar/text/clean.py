"""Cut what is not the article: teasers, related lists, comment prompts, page chrome, footers.

Works on lines (a line is a paragraph), with every cue in data/boilerplate.yaml, and stays
conservative: a rule removes a whole line only when the line is a cue (or a short line that
starts with one), and cuts "to the end of the text" only after a marker that ends the article
("انتهای پیام", a lone "إقرأ أيضاً:") with enough text before it.

Decisions:
- The title line stays in `text` as its first paragraph (offsets cover it); `doc.title` is set
  from it when the input had no title: a short first line set off by a blank line, or a short
  kicker ending in ":" ("ولایتی:") followed by such a line.
- Datelines ("بغداد اليوم - بغداد"), publication lines ("تاریخ انتشار: ..."), bylines and
  source lines ("المصدر: وكالة بغداد اليوم", "منبع: ایرنا") stay in the text: they carry the
  date and the outlet. Source lines and datelines are recorded in `doc.analysis.boilerplate`
  (kept, but not article body: no events, quotes or actors come from them). A title footer
  ("رابط الخبر بصحيفة الوئام: <title>") keeps its outlet part and loses the repeated title.
- "کد خبر: ..." (an id without a date) is dropped.
- Markdown links become their link text; markdown images are dropped.
- A lead sentence repeated at the top (a page's summary, title block and lead) is kept once.
- Whitespace is normalized: lines trimmed, runs of spaces made one, at most one blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from didar.record import Document, Span
from didar.text.resources import BoilerplateCues, cue_key, first_word, text_resources

# A lone "read also" marker or an end marker cuts to the end only with this much text before.
MIN_BODY_BEFORE_TEASER = 120
# Lines longer than this are never compared whole against cues: only their first
# MAX_CUE_LINE_CHARS characters are keyed (every cue is much shorter).
MAX_CUE_LINE_CHARS = 60
# Trailing rules look at the last TRAILING_CHARS characters of the text.
TRAILING_CHARS = 40
# An inline "read also" line ("اقرأ أيضا: <headline>") is dropped up to this length.
TEASER_LINE_MAX_CHARS = 300
# List lines after a related-list header: bullets, or lines up to this length that do not read
# as a sentence of body text (ending in "." and longer than LIST_SENTENCE_MIN_CHARS).
LIST_ITEM_MAX_CHARS = 160
LIST_SENTENCE_MIN_CHARS = 60
LIST_BULLETS = "•·▪●►*-–—"
# Lines starting with a chrome prefix are dropped up to this length.
CHROME_PREFIX_MAX_CHARS = 120
# Link teasers ("عکس| ...") are dropped up to this length.
LINK_TEASER_MAX_CHARS = 200
# Title: a first line of at most TITLE_MAX_CHARS and at least TITLE_MIN_WORDS words, not ending
# in a full stop, followed by a blank line; a kicker has at most KICKER_MAX_WORDS words.
TITLE_MAX_CHARS = 200
TITLE_MIN_WORDS = 3
KICKER_MAX_WORDS = 4
# Repeated lead: a prefix of the text of at least MIN_REPEAT_CHARS that occurs again within the
# first LEAD_WINDOW_CHARS, found from a probe of REPEAT_PROBE_CHARS; at most MAX_REPEATS copies.
MIN_REPEAT_CHARS = 40
REPEAT_PROBE_CHARS = 40
LEAD_WINDOW_CHARS = 2500
MAX_REPEATS = 5
# Trailing rules are applied until none matches, at most this often.
MAX_TRAILING_PASSES = 6

_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\(\s*[^()\s]{1,2000}\s*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(\s*(?:https?://|www\.|/)[^()\s]{0,2000}\s*\)")
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+")
_NUMBER_LINE = re.compile(r"[0-9۰-۹٠-٩]{1,6}")
_END_MARKER_REST = re.compile(r"[\s/\\|0-9۰-۹٠-٩\-]*")
_SEPARATORS = ":|｜-–—»"
# "X - Y" with a few words on each side and no sentence: a dateline (بغداد اليوم - بغداد).
_DATELINE = re.compile(r"[^\s\-–—ـ|.:]+(?: [^\s\-–—ـ|.:]+){0,3} ?[-–—ـ|/] ?[^\s\-–—ـ|.:]+"
                       r"(?: [^\s\-–—ـ|.:]+){0,2} ?[-–—ـ]?")
_SENTENCE_END = ".!?؟"
_ELLIPSIS = ("…", "...")


@dataclass(slots=True)
class CleanResult:
    text: str
    title: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule kind, removed text)
    kept: list[tuple[str, Span]] = field(default_factory=list)  # kept boilerplate: (kind, span)


def clean(doc: Document, res: Any) -> Document:
    """Stage: replace `doc.text` by the article text, set the title if missing, and record
    the kept boilerplate spans (source lines, dateline) in `doc.analysis.boilerplate`."""
    cues = text_resources(res).cues
    result = clean_text(doc.text, cues)
    if not result.text:
        result = CleanResult(
            text=_normalize_lines([_normalize_spaces(x) for x in doc.text.split("\n")]))
        doc.warnings.append("cleaning found nothing but boilerplate; the text is kept uncleaned")
    doc.text = result.text
    if not doc.title and result.title:
        doc.title = result.title
    doc.analysis.boilerplate = [span for _, span in result.kept]
    return doc


def clean_text(text: str, cues: BoilerplateCues) -> CleanResult:
    """The cleaning itself, with what was removed (for tests and debugging)."""
    result = CleanResult(text="")
    text = _MD_IMAGE.sub(lambda m: _note(result, "markdown_image", m.group(), ""), text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    for kind, rule in cues.segment_regex.items():
        if rule.applies(text):
            text = rule.regex.sub(lambda m, k=kind: _note(result, k, m.group(), " "), text)
    lines: list[str | None] = _split_lines(text)
    footer_title = _remove_lines(lines, cues, result)
    text = _normalize_lines(lines)
    text = _remove_trailing(text, cues, result)
    text = _remove_repeated_lead(text, result)
    result.text = text
    result.title = find_title(text, cues) or footer_title
    result.kept = find_kept_boilerplate(text, cues)
    return result


def _note(result: CleanResult, kind: str, removed: str, replacement: str) -> str:
    result.removed.append((kind, removed))
    return replacement


# Blanks other than a single space between words; when the text has none of these, its lines
# need no whitespace normalization (the common case, checked with fast substring tests).
_ODD_BLANKS = ("  ", "\t", "\xa0", "\n ", " \n", "\u2002", "\u2003", "\u2009", "\u200a",
               "\u202f", "\u3000", "\x0b", "\x0c")


def _normalize_spaces(line: str) -> str:
    """Trim the line and make every run of spaces, tabs and other blanks one space."""
    return " ".join(line.split())


def _split_lines(text: str) -> list[str | None]:
    if text[:1].isspace() or text[-1:].isspace() or any(b in text for b in _ODD_BLANKS):
        return [_normalize_spaces(line) for line in text.split("\n")]
    return list(text.split("\n"))


def _normalize_lines(lines: list[str | None]) -> str:
    """Join lines, with at most one blank line between paragraphs; None (a removed line)
    leaves no trace."""
    out: list[str] = []
    for line in lines:
        if line is None:
            continue
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _starts_with_cue(key: str, cue: str) -> bool:
    """`key` starts with `cue` as whole words."""
    return key.startswith(cue) and (len(key) == len(cue) or not key[len(cue)].isalnum())


def _after_cue(key: str, cue: str) -> str:
    return key[len(cue):].lstrip()


def _is_list_item(line: str) -> bool:
    if line[0] in LIST_BULLETS:
        return True
    if len(line) > LIST_ITEM_MAX_CHARS:
        return False
    return not (line[-1] == "." and len(line) > LIST_SENTENCE_MIN_CHARS)


def _remove_lines(lines: list[str | None], cues: BoilerplateCues,
                  result: CleanResult) -> str | None:
    """Remove boilerplate lines in place (set to None); return a title found in a title footer."""
    footer_title: str | None = None
    body_chars = 0
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        kind = ""
        if first_word(line) not in cues.first_words:
            if _URL_LINE.fullmatch(line):
                kind = "url"
            elif _NUMBER_LINE.fullmatch(line):
                kind = "number"
            if kind:
                _cut(lines, i, i + 1, kind, result)
            else:
                body_chars += len(line)
            i += 1
            continue
        whole = len(line) <= MAX_CUE_LINE_CHARS
        key = cue_key(line if whole else line[:MAX_CUE_LINE_CHARS])
        if whole and any(
            _starts_with_cue(key, c) and _END_MARKER_REST.fullmatch(key[len(c):])
            for c in cues.end_markers
        ):
            if body_chars >= MIN_BODY_BEFORE_TEASER:
                _cut(lines, i, n, "end_marker", result)
                break
            kind = "end_marker"
        elif whole and key in cues.read_also:
            if body_chars >= MIN_BODY_BEFORE_TEASER:
                _cut(lines, i, n, "read_also", result)
                break
            _cut(lines, i, i + 1, "read_also", result)
            j = _next_nonblank(lines, i + 1)
            if j < n and len(lines[j]) <= TEASER_LINE_MAX_CHARS:
                _cut(lines, j, j + 1, "read_also", result)
            i = j + 1
            continue
        elif whole and (key in cues.related_lists or key in cues.comment_prompts):
            j = i + 1
            while j < n and (not lines[j] or _is_list_item(lines[j])):
                j += 1
            _cut(lines, i, j, "related" if key in cues.related_lists else "comments", result)
            i = j
            continue
        elif len(line) <= TEASER_LINE_MAX_CHARS and any(
            _starts_with_cue(key, c) and _after_cue(key, c)[:1] in _SEPARATORS
            and len(_after_cue(key, c)) > 1
            for c in cues.read_also
        ):
            kind = "read_also"
        elif whole and key in cues.chrome_lines:
            kind = "chrome"
        elif len(line) <= CHROME_PREFIX_MAX_CHARS and any(
            _starts_with_cue(key, c) for c in cues.chrome_prefixes
        ):
            kind = "chrome"
        elif any(_starts_with_cue(key, c) for c in cues.title_footers):
            head, sep, tail = line.partition(":")
            if sep and tail.strip():
                footer_title = footer_title or tail.strip()
                result.removed.append(("title_footer", sep + tail))
                lines[i] = head.strip()
                body_chars += len(lines[i])
                i += 1
                continue
            kind = "chrome"
        elif len(line) <= LINK_TEASER_MAX_CHARS and any(
            _starts_with_cue(key, c) and _after_cue(key, c)[:1] in "|｜" for c in cues.link_teasers
        ):
            kind = "link_teaser"
        elif _URL_LINE.fullmatch(line):
            kind = "url"
        elif _NUMBER_LINE.fullmatch(line):
            kind = "number"
        if kind:
            _cut(lines, i, i + 1, kind, result)
        else:
            body_chars += len(line)
        i += 1
    return footer_title


def _next_nonblank(lines: list[str | None] | list[str], i: int) -> int:
    while i < len(lines) and not lines[i]:
        i += 1
    return i


def _cut(lines: list[str | None], start: int, end: int, kind: str,
         result: CleanResult) -> None:
    removed = "\n".join(line for line in lines[start:end] if line)
    if removed:
        result.removed.append((kind, removed))
    for k in range(start, end):
        lines[k] = None


def _remove_trailing(text: str, cues: BoilerplateCues, result: CleanResult) -> str:
    for _ in range(MAX_TRAILING_PASSES):
        for kind, rule in cues.trailing_regex.items():
            tail = max(0, len(text) - TRAILING_CHARS)
            m = rule.regex.search(text, tail) if rule.needs in text[tail:] else None
            if m and m.start() > 0:
                result.removed.append((kind, m.group().strip()))
                text = text[: m.start()].rstrip()
                break
        else:
            return text
    return text


def _word_end(text: str, i: int) -> int:
    """The end of the word at or after offset i."""
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def _at_word_edge(text: str, k: int) -> bool:
    return k <= 0 or k >= len(text) or not (text[k].isalnum() and text[k - 1].isalnum())


def _common_prefix(text: str, a: int, b: int, cap: int) -> int:
    n = 0
    limit = min(cap, len(text) - b)
    while n < limit and text[a + n] == text[b + n]:
        n += 1
    return n


def _remove_repeated_lead(text: str, result: CleanResult) -> str:
    """Keep one copy of a lead that the page repeats at the top (summary, title block, lead).

    The repeated unit is a prefix of the text that occurs again within LEAD_WINDOW_CHARS and is
    a whole sentence (the copy ends with a full stop or is followed by one). Later copies go,
    with the whitespace before them; a first copy cut short with an ellipsis goes instead.
    """
    for _ in range(MAX_REPEATS):
        probe_end = _word_end(text, REPEAT_PROBE_CHARS)
        window = min(len(text), LEAD_WINDOW_CHARS)
        if probe_end >= window:
            return text
        j = text.find(text[:probe_end], probe_end, window)
        if j < 0:
            return text
        n = _common_prefix(text, 0, j, j)
        while n > 0 and not (_at_word_edge(text, n) and _at_word_edge(text, j + n)):
            n -= 1
        n = len(text[:n].rstrip())
        if n < MIN_REPEAT_CHARS:
            return text
        gap = text[n:j]
        if gap.strip() in _ELLIPSIS:
            result.removed.append(("repeated_lead", text[:j].strip()))
            text = text[j:]
            continue
        if "\n" in gap and not gap.strip():
            return text  # a title line repeated as the first sentence of the body
        if text[n - 1] not in _SENTENCE_END and text[j + n: j + n + 1] not in _SENTENCE_END:
            return text
        start = j
        while start > n and text[start - 1].isspace():
            start -= 1
        result.removed.append(("repeated_lead", text[j: j + n]))
        text = text[:start] + text[j + n:]
    return text


def find_title(text: str, cues: BoilerplateCues) -> str | None:
    """The headline at the top of `text`, if it has one (see the module docstring)."""
    lines = text.split("\n")
    i = _next_nonblank(lines, 0)
    if i >= len(lines):
        return None
    first = lines[i]
    if _DATELINE.fullmatch(first):
        return None
    kicker = ""
    if first.endswith(":") and len(first.split()) <= KICKER_MAX_WORDS:
        kicker = first
        i = _next_nonblank(lines, i + 1)
        if i >= len(lines):
            return None
    line = lines[i]
    separated = i + 1 < len(lines) and not lines[i + 1]
    more = _next_nonblank(lines, i + 1) < len(lines)
    if (
        not (separated and more)
        or len(line) > TITLE_MAX_CHARS
        or len(line.split()) < TITLE_MIN_WORDS
        or line[-1] in ".:"
        or _DATELINE.fullmatch(line)
        or (first_word(line) in cues.first_words and any(
            _starts_with_cue(cue_key(line[:MAX_CUE_LINE_CHARS]), c) for c in cues.source_lines))
    ):
        return None
    return f"{kicker} {line}" if kicker else line


# "... گذشته است.منبع: ایرنا": a source cue, ":" and a short name ending the text.
_TAIL_SOURCE = re.compile(r"(?:^|[\s.!?؟])((?:[^\s.!?؟:]+ ){0,2}[^\s.!?؟:]+) ?: ?[^\n.!?؟:]{1,60}$")
TAIL_SOURCE_CHARS = 200


def find_kept_boilerplate(text: str, cues: BoilerplateCues) -> list[tuple[str, Span]]:
    """Spans of `text` kept for their evidence but not article body: a dateline at the top,
    source lines ("المصدر: ...", "منبع: ...", also as the last segment of the text) and what
    is left of title footers. Call it again after any edit that shifts offsets."""
    kept: list[tuple[str, Span]] = []
    sources = set(cues.source_lines)
    pos = 0
    first = True
    for line in text.split("\n"):
        if line and (first or first_word(line) in cues.first_words):
            key = cue_key(line[:MAX_CUE_LINE_CHARS])
            if first and _DATELINE.fullmatch(line):
                kept.append(("dateline", Span(pos, pos + len(line))))
            elif (len(line) <= CHROME_PREFIX_MAX_CHARS and any(
                _starts_with_cue(key, c) and _after_cue(key, c)[:1] == ":" for c in sources
            )) or any(_starts_with_cue(key, c) for c in cues.title_footers):
                kept.append(("source", Span(pos, pos + len(line))))
        if line:
            first = False
        pos += len(line) + 1
    tail_start = max(text.rfind("\n") + 1, len(text) - TAIL_SOURCE_CHARS)
    colon = text.rfind(":", tail_start)
    m = _TAIL_SOURCE.search(text, max(tail_start, colon - 60)) if colon >= 0 else None
    if m and cue_key(m.group(1)) in sources:
        start = m.start(1)
        if not any(span.start <= start < span.end for _, span in kept):
            kept.append(("source", Span(start, len(text))))
    return kept
