"""The actor stage: dictionary matches, role phrases, discovered actors, coreference, outlet.

1. One automaton pass over the matching key finds names, surnames, role titles, demonyms and
   honorifics; word boundaries (with Arabic clitics و ف ب ل ك) are checked, and overlapping
   matches resolve leftmost-longest.
2. A role title plus what qualifies it (a country, a demonym, an organisation, کشورمان) forms a
   role phrase ("وزیر امور خارجه عراق", "سفير الجمهورية الإسلامية الإيرانية").
3. A role phrase next to a name is that name's role in this document. Next to a name that is not
   in the dictionary (in «» or between stop words), it discovers an actor (`known: false`).
4. A role phrase standing alone refers to the actor of this document who holds that role, else
   to the dictionary's holder at the document's date.
5. Surnames of discovered actors find their later mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from didar.actors.dictionary import ActorEntry, ActorResources
from didar.actors.discover import (
    adjacent_known_first_name,
    aliases,
    discover,
    discovered_entry,
    known_by_first_names,
    prefix_aliases,
    short_ok,
)
from didar.actors.match import Covered, Hit, find_all, lineage_end, scan
from didar.actors.outlet import outlet
from didar.actors.roles import (
    SUBORDINATE,
    RolePhrase,
    adjacent_name,
    build_role_phrases,
    gap_ok,
    label,
    resolve_role,
    role_label,
    unique,
)
from didar.record import Actor, Document, Mention, Ref
from didar.text.normalize import to_key_offset, to_text_span

if TYPE_CHECKING:
    from didar.resources import Resources


def document_day(doc: Document) -> str | None:
    """The date roles are resolved at: the reference date, else the latest full date."""
    if doc.analysis.reference_date:
        return doc.analysis.reference_date
    if doc.published:
        return doc.published
    days = [d.value for d in doc.dates if d.value and d.precision == "day"
            and not d.weekday_conflict]
    return max(days) if days else None


def find_actors(doc: Document, res: Resources) -> Document:
    ar = res.actors
    key = doc.analysis.key
    k2t = doc.analysis.key_to_text
    hits = scan(key, ar, doc.language)
    day = document_day(doc)
    doc.analysis.day = day
    phrases, absorbed = build_role_phrases(hits, key, ar, doc)
    refs: list[Ref] = []
    natives: dict[str, str] = {}
    discovered: dict[str, ActorEntry] = {}
    role_native: dict[str, str] = {}

    def text_span(ks: int, ke: int) -> tuple[int, int]:
        return to_text_span(k2t, ks, ke)

    # 1. names, short forms, places, countries, organisations
    name_hits: list[tuple[Hit, str]] = []
    full_names = {t for h in hits if h.kind == "name" for t in h.targets}
    for idx, h in enumerate(hits):
        if h.kind in ("role", "honorific"):
            continue
        aid = _choose(h.targets, ar, day, [r.actor for r in refs])
        if aid is None:
            continue
        if h.kind == "short" and aid not in full_names and not short_ok(doc, key, h, ar):
            continue
        entry = ar.entries[aid]
        if entry.type == "person":
            # "محمد بن نايف بن عبدالعزيز آل سعود": the lineage continues the name
            nxt_ks = hits[idx + 1].ks if idx + 1 < len(hits) else len(key)
            h.ke = lineage_end(key, h.ke, nxt_ks)
        s, e = text_span(h.ks, h.ke)
        kind = h.kind if h.kind != "short" else "short"
        refs.append(Ref(s, e, aid, kind, entry.type))
        if h.kind in ("name", "short") and idx not in absorbed:
            name_hits.append((h, aid))
        natives.setdefault(aid, doc.text[s:e])

    # 2. role phrases next to names
    by_ks = {h.ks: aid for h, aid in name_hits}
    by_ke = {h.ke: (h.ks, aid) for h, aid in name_hits}
    name_ends = {h.ke: h.ks for h, _ in name_hits}
    taken: set[int] = set()  # names that already have their role phrase
    for ph in phrases:
        aid = adjacent_name(key, ph, by_ks, by_ke, doc.language, taken)
        if aid is not None and ar.entries[aid].type == "person":
            ph.attached = aid
            s, e = text_span(ph.ks, ph.ke)
            role_native.setdefault(aid, doc.text[s:e])
            refs.append(Ref(s, e, aid, "role", "person", ph.role))  # the title names them too
            # "X، وزير ...": the name's mention carries the end of the role describing it
            name_ks = next((ks for ke, ks in name_ends.items() if gap_ok(key, ke, ph.ks)),
                           None)
            name_start = text_span(name_ks, name_ks + 1)[0] if name_ks is not None else -1
            for r in refs:
                if r.actor == aid and r.role is None:
                    r.role = ph.role
                if r.actor == aid and r.start == name_start:
                    r.role_end = e
    # 3. discovery from unattached role phrases
    covered = Covered(len(key), [(h.ks, h.ke) for h in hits if h.kind != "honorific"])
    for ph in phrases:
        if ph.attached:
            continue
        known = adjacent_known_first_name(key, ph, covered, [r.actor for r in refs], ar)
        if known is not None:
            # "وزير الخارجية الأمريكي جون" where the document names John Kerry
            aid, (ks, ke) = known
            ph.attached = aid
            s, e = text_span(ks, ke)
            refs.append(Ref(s, e, aid, "short", "person", ph.role))
            covered.append((ks, ke))
            continue
        found = discover(doc, key, ph, covered, ar)
        if found is None:
            continue
        ks, ke = found
        following = next((h for h, aid in name_hits if 0 <= h.ks - ke <= 2
                          and ar.entries[aid].type == "person"), None)
        if following is not None:
            # "خالد بن علي الحميدان": given names before a known surname are that person
            aid = next(a for h, a in name_hits if h is following)
            ph.attached = aid
            s, e = text_span(ks, following.ke)
            refs.append(Ref(s, e, aid, "name", "person", ph.role))
            covered.append((ks, following.ke))
            continue
        s, e = text_span(ks, ke)
        native = doc.text[s:e].strip("«»\"' ")
        known = known_by_first_names(key[ks:ke], [r.actor for r in refs], ar)
        if known is not None:
            # "الملك سلمان" after "الملك سلمان بن عبد العزيز": the short form of a name here
            ph.attached = known
            refs.append(Ref(s, e, known, "short", "person", ph.role))
            covered.append((ks, ke))
            continue
        entry = discovered_entry(native, ph, ar)
        discovered.setdefault(entry.id, entry)
        ph.attached = entry.id
        refs.append(Ref(s, e, entry.id, "discovered", "person", ph.role))
        natives.setdefault(entry.id, native)
        ps, pe = text_span(ph.ks, ph.ke)
        role_native.setdefault(entry.id, doc.text[ps:pe])
        covered.append((ks, ke))
    # 4a. the first two words of a long Arabic name ("صباح الأحمد" after "صباح الأحمد الجابر
    # الصباح") find its later mentions in this document
    if doc.language == "ar":
        for alias, aid in prefix_aliases(refs, natives, ar).items():
            for ks in find_all(key, alias):
                ke = ks + len(alias)
                if covered.overlaps(ks, ke):
                    continue
                s, e = text_span(ks, ke)
                refs.append(Ref(s, e, aid, "alias", "person"))
                covered.append((ks, ke))
    # 4. surnames of discovered actors
    for entry in discovered.values():
        for alias in aliases(entry, ar):
            for ks in find_all(key, alias):
                ke = ks + len(alias)
                if covered.overlaps(ks, ke):
                    continue
                s, e = text_span(ks, ke)
                refs.append(Ref(s, e, entry.id, "alias", "person"))
                covered.append((ks, ke))
    # 5. role phrases standing alone
    attached_roles: dict[tuple[str, str | None], str] = {}
    default_country = "IRN" if doc.language == "fa" else None
    for ph in phrases:
        if ph.attached and ph.role != SUBORDINATE:
            attached_roles.setdefault((ph.role, ph.country), ph.attached)
            attached_roles.setdefault((ph.role, None), ph.attached)
            if ph.country is None and default_country:
                # "مسعود پزشکیان رئیس‌جمهور" in an Iranian report: Iran's president, here
                attached_roles.setdefault((ph.role, default_country), ph.attached)
    present = unique([r.actor for r in refs if r.type == "person"])
    previous: RolePhrase | None = None
    for ph in phrases:
        if ph.role == "counterpart" and previous is not None:
            # "بنظيره الكاستري", "همتای کره‌ای": the same post in the country named
            ph.role, ph.keys = previous.role, previous.keys
        if ph.attached or ph.resolved:
            previous = ph
            continue
        aid = resolve_role(ph, attached_roles, present, ar, doc, day)
        ph.resolved = aid
        previous = ph
        s, e = text_span(ph.ks, ph.ke)
        if aid is not None:
            refs.append(Ref(s, e, aid, "role", "person", ph.role, e))
            natives.setdefault(aid, doc.text[s:e])
    refs.sort(key=lambda r: (r.start, r.end))
    for r in refs:
        r.ks, r.ke = to_key_offset(k2t, r.start), to_key_offset(k2t, r.end)
    doc.analysis.refs = refs
    doc.actors = _actors(refs, natives, role_native, discovered, ar, day, doc)
    doc.outlet = doc.outlet or outlet(doc, hits, key, ar)
    return doc


def _choose(targets: tuple[str, ...], ar: ActorResources, day: str | None,
            seen: list[str]) -> str | None:
    """One actor for a string several entries share: one already in the document, else one
    holding a role on the document's date, else the only candidate."""
    if len(targets) == 1:
        return targets[0]
    for t in targets:
        if t in seen:
            return t
    if day:
        active = [t for t in targets if ar.entries[t].roles_at(day)]
        if len(active) == 1:
            return active[0]
    return None


def _actors(refs: list[Ref], natives: dict[str, str], role_native: dict[str, str],
            discovered: dict[str, ActorEntry], ar: ActorResources, day: str | None,
            doc: Document) -> list[Actor]:
    out: dict[str, Actor] = {}
    for r in refs:
        actor = out.get(r.actor)
        if actor is None:
            entry = ar.entries.get(r.actor) or discovered.get(r.actor)
            if entry is None:
                continue
            known = r.actor in ar.entries
            actor = Actor(
                id=entry.id, name=entry.name, native=natives.get(entry.id, ""),
                type=entry.type, country=entry.country,
                role=role_label(entry, r.role, day, ar) if known else
                label(ar, r.role, entry.country),
                known=known, role_native=role_native.get(entry.id),
                lat=entry.lat, lon=entry.lon,
            )
            out[r.actor] = actor
        actor.mentions.append(Mention(r.start, r.end, r.kind))
    return list(out.values())
