"""Gold-side comparison: the normalization of ../shared/eval/README.md and actor matching by keys.

This is deliberately independent of `didar.text.normalize`: the scorer must not share a bug with
the pipeline it scores. The README's rule, implemented literally:

    Keys and names are compared after lowercasing, removing spaces, hyphens, apostrophes, dots,
    ZWNJ, tatweel and diacritics, and unifying ي/ی ى/ی ك/ک ة/ه أ/إ/آ/ٱ → ا.

A predicted actor stands for the gold name whose key occurs in the actor's `name` or `native`
most specifically (the longest matching key); its `id` is consulted only when those match nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

# Letters unified before comparison (README list, nothing more).
_UNIFY = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}
)

# Removed: hyphens (ASCII and Unicode hyphens, soft hyphen), apostrophes, dots, ZWNJ, tatweel,
# and invisible joiners/marks that are spaces in all but name. Whitespace is removed separately.
_REMOVE = set("-\u2010\u2011\u00ad'’‘ʼʻ`.\u200c\u200d\u200e\u200f\u2060\ufeff\u0640")

# Arabic-script diacritics: Quranic signs, harakat (fathatan..sukun, maddah/hamza marks),
# superscript alef, small high/low marks.
_ARABIC_DIACRITICS = (
    {chr(c) for c in range(0x0610, 0x061B)}
    | {chr(c) for c in range(0x064B, 0x0660)}
    | {chr(0x0670)}
    | {chr(c) for c in range(0x06D6, 0x06DD)}
    | {chr(c) for c in range(0x06DF, 0x06E5)}
    | {chr(c) for c in range(0x06E7, 0x06E9)}
    | {chr(c) for c in range(0x06EA, 0x06EE)}
)


def _is_arabic_script(ch: str) -> bool:
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF


def norm(text: str | None) -> str:
    """The README's comparison form of a key, name, snippet or quote text."""
    if not text:
        return ""
    out: list[str] = []
    for ch in text.translate(_UNIFY):
        if ch in _REMOVE or ch.isspace() or ch in _ARABIC_DIACRITICS:
            continue
        if _is_arabic_script(ch):
            # never decompose Arabic letters: NFD would strip the hamza off ؤ, ئ, ۀ
            out.append(ch)
            continue
        # Latin and other scripts: drop combining marks (é -> e), then lowercase
        for c in unicodedata.normalize("NFD", ch):
            if unicodedata.category(c) != "Mn":
                out.append(c.lower())
    return "".join(out)


class ActorKeys:
    """The gold `actors` table, ready to match predicted actors against it."""

    def __init__(
        self, actors: Mapping[str, Mapping[str, Iterable[str]]], extra_names: Iterable[str] = ()
    ) -> None:
        # (normalized key, gold name), longest key first; ties keep the gold file's order
        pairs: list[tuple[str, str]] = []
        for name, entry in actors.items():
            for key in entry.get("keys", []):
                k = norm(key)
                if k:
                    pairs.append((k, name))
        # a name used in the documents without an `actors` entry is its own (only) key
        for name in extra_names:
            if name not in actors and norm(name):
                pairs.append((norm(name), name))
        self._pairs = sorted(pairs, key=lambda p: -len(p[0]))
        self._keys_of: dict[str, list[str]] = {}
        for k, name in pairs:
            self._keys_of.setdefault(name, []).append(k)

    def match_text(self, *texts: str | None) -> str | None:
        """The gold name whose key occurs most specifically (longest key) in any of the texts."""
        normed = [t for t in (norm(x) for x in texts) if t]
        if not normed:
            return None
        for key, name in self._pairs:
            if any(key in t for t in normed):
                return name
        return None

    def match_actor(self, name: str | None, native: str | None, actor_id: str | None) -> str | None:
        """README rule: `name` and `native` first; the `id` only when those match nothing."""
        found = self.match_text(name, native)
        if found is None and actor_id:
            found = self.match_text(actor_id)
        return found

    def keys_of(self, gold_name: str) -> list[str]:
        """Normalized keys of a gold name (the name itself when it has no entry)."""
        return self._keys_of.get(gold_name) or [norm(gold_name)]


def resolve_record_actors(record: Mapping, keys: ActorKeys) -> dict[str, str | None]:
    """Map every actor id of a predicted record to the gold name it stands for (or None)."""
    out: dict[str, str | None] = {}
    for a in record.get("actors") or []:
        aid = a.get("id")
        if aid is None:
            continue
        out[aid] = keys.match_actor(a.get("name"), a.get("native"), aid)
    return out
