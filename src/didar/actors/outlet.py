"""The news agency that published a report."""

from __future__ import annotations

from didar.actors.dictionary import ActorResources
from didar.actors.match import Hit
from didar.record import Document, in_boilerplate
from didar.text.normalize import fold_plain

DATELINE_REACH = 60  # characters from the top where a dateline names the outlet


ATTRIBUTION_REACH = 35  # "به گزارش گروه بین‌الملل دفاع‌پرس": the desk may come between


def outlet(doc: Document, hits: list[Hit], key: str, ar: ActorResources) -> str | None:
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
