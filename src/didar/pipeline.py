"""The pipeline: one readable cascade of plain stages `(Document, Resources) -> Document`.

    read -> clean -> language -> normalize -> dates -> actors -> events -> quotes
    -> meetings reported inside quotes -> stances of quoted speakers
    -> acts (agreements, threats, accusations, ...) -> topics -> finish
"""

from __future__ import annotations

import hashlib
from typing import Any

from didar.actors.resolve import find_actors
from didar.dates.extract import find_dates
from didar.events.acts import find_acts
from didar.events.meetings import find_events, find_quoted_meetings
from didar.events.quotes import find_quotes
from didar.events.stance import find_stances
from didar.ingest.html import article_reader
from didar.record import Document
from didar.resources import Resources
from didar.text.clean import clean, find_kept_boilerplate
from didar.text.decode import read_input
from didar.text.language import detect_language
from didar.text.normalize import display_normalize, fold
from didar.text.sentences import split_sentences
from didar.text.zwnj import repair_zwnj
from didar.topics.tagger import find_topics


def normalize(doc: Document, res: Resources) -> Document:
    """Fix the record's text (letter forms, missing ZWNJ) and build the matching key."""
    text = display_normalize(doc.text, doc.language)
    if doc.language == "fa":
        text = repair_zwnj(text, res.text)
    if text != doc.text:
        # the repair inserted characters: boilerplate spans kept in the text move with it
        doc.analysis.boilerplate = [s for _, s in find_kept_boilerplate(text, res.text.cues)]
    doc.text = text
    if doc.title:
        title = display_normalize(doc.title, doc.language)
        doc.title = repair_zwnj(title, res.text) if doc.language == "fa" else title
    doc.analysis.key, doc.analysis.key_to_text = fold(text)
    doc.analysis.paragraphs, doc.analysis.sentences = split_sentences(text)
    return doc


def finish(doc: Document, res: Resources) -> Document:
    """Stable id: a hash of the normalized main text."""
    digest = hashlib.sha256(doc.analysis.key.encode("utf-8")).hexdigest()
    doc.id = digest[:16]
    return doc


STAGES = (clean, detect_language, normalize, find_dates, find_actors, find_events, find_quotes,
          find_quoted_meetings, find_stances, find_acts, find_topics, finish)


def extract_document(doc: Document, res: Resources) -> Document:
    """Run every stage on a document whose `text` holds the decoded input."""
    for stage in STAGES:
        doc = stage(doc, res)
    return doc


def extract(data: bytes | str, res: Resources, *, source: str | None = None,
            meta: dict[str, Any] | None = None) -> Document:
    """Bytes or text of one article (plus optional metadata: title, url, published, outlet)
    to its complete record. Raises a DidarError subclass for unusable input."""
    cues = getattr(getattr(res, "text", None), "cues", None)  # for HTML pages: boxes to prune
    doc = read_input(data, source=source, meta=meta, page_reader=article_reader(cues))
    return extract_document(doc, res)
