"""repair_zwnj: missing ZWNJ put back, nothing else changed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textcorpus import DEV, SEEDS, corpus_files

from didar.text.normalize import display_normalize
from didar.text.resources import ZWNJ
from didar.text.zwnj import PERSIAN_LETTERS, decide, repair_zwnj

Z = ZWNJ


@pytest.mark.parametrize(
    ("glued", "expected"),
    [
        # the seeds' glued words, from the lexicon
        ("میکنند", f"می{Z}کنند"),
        ("بینالملل", f"بین{Z}الملل"),
        ("رئیسجمهور", f"رئیس{Z}جمهور"),
        ("نشانهای", f"نشانه{Z}ای"),
        ("زمینهساز", f"زمینه{Z}ساز"),
        ("گروههای", f"گروه{Z}های"),
        ("منطقهای", f"منطقه{Z}ای"),  # not منطق‌های
        ("خامنهای", f"خامنه{Z}ای"),  # a name: not خامن‌های
        ("نمیکند", f"نمی{Z}کند"),
        ("میشود", f"می{Z}شود"),
        ("میکنم", f"می{Z}کنم"),  # glued is more frequent on the web; the verb prefix wins
        ("بینالمللی", f"بین{Z}المللی"),
        ("نخستوزیر", f"نخست{Z}وزیر"),
        ("سهشنبه", f"سه{Z}شنبه"),
        ("آمریکاییها", f"آمریکایی{Z}ها"),
        # morphology for what the lexicon lacks
        ("تفرقهانگیز", f"تفرقه{Z}انگیز"),
        ("تفرقهافکنانه", f"تفرقه{Z}افکنانه"),
        ("عرصهها", f"عرصه{Z}ها"),
        ("توطئهها", f"توطئه{Z}ها"),
        ("همپیمانانش", f"هم{Z}پیمانانش"),
        ("برداشتهایم", f"برداشته{Z}ایم"),
        ("قدرتافزایی", f"قدرت{Z}افزایی"),
        ("جداییناپذیر", f"جدایی{Z}ناپذیر"),
        ("گستردهتری", f"گسترده{Z}تری"),
        ("شاخصههای", f"شاخصه{Z}های"),
        ("دستهبندیهای", f"دسته{Z}بندی{Z}های"),
        ("میشماریم", f"می{Z}شماریم"),
        ("رفتوآمدهای", f"رفت{Z}وآمدهای"),  # data compound; no ZWNJ after د
        ("عالیرتبه", f"عالی{Z}رتبه"),
        # stays as written: good glued words, names, non-joining letters, Arabic
        ("همچنین", "همچنین"),
        ("بیشتر", "بیشتر"),
        ("آنها", "آنها"),
        ("دیدارها", "دیدارها"),  # not دی‌دارها
        ("تانکرها", "تانکرها"),  # ر does not join: no ZWNJ needed
        ("همکارانم", "همکارانم"),  # همکاران + م, not هم‌کارانم
        ("میدان", "میدان"),
        ("میدانی", "میدانی"),
        ("میلیون", "میلیون"),
        ("بیمار", "بیمار"),
        ("همدانی", "همدانی"),
        ("الکاظمی", "الکاظمی"),
        ("الأعرجی", "الأعرجی"),
        ("المهندس", "المهندس"),
        ("امیرعبداللهیان", "امیرعبداللهیان"),
        ("بیرنت", "بیرنت"),
        ("مهام", "مهام"),
        ("منها", "منها"),
        ("قطعاً", "قطعاً"),  # diacritic: left alone
        ("میکُنند", "میکُنند"),  # diacritic
        ("میـکنند", "میـکنند"),  # tatweel
        ("ميكنند", "ميكنند"),  # Arabic ي ك: the pipeline Persianizes first; alone, left as is
        ("۱۴۰۴", "۱۴۰۴"),  # digits
        ("میکنند۱۲", f"می{Z}کنند۱۲"),  # digits glued to a word: the word is repaired
        (f"می{Z}کنند", f"می{Z}کنند"),  # already right
    ],
)
def test_words(res, glued: str, expected: str) -> None:
    assert repair_zwnj(glued, res) == expected
    if PERSIAN_LETTERS.issuperset(glued):
        assert decide(glued, res.lexicon) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "مردم عراق مواضع را دنبال میکنند و ما را میشناسند.",
            f"مردم عراق مواضع را دنبال می{Z}کنند و ما را می{Z}شناسند.",
        ),
        ("(خامنهای)، «رئیسجمهور»: منطقهای!", f"(خامنه{Z}ای)، «رئیس{Z}جمهور»: منطقه{Z}ای!"),
        ("سطر اول میکنند\nسطر دوم گروههای  سیاسی", f"سطر اول می{Z}کنند\nسطر دوم گروه{Z}های  سیاسی"),
        # Arabic quoted in Persian text keeps its spelling
        ("وی گفت: «بحثها مستمرة في المنطقة» و رفت.", "وی گفت: «بحثها مستمرة في المنطقة» و رفت."),
        ("قال إن عملها في المنطقة مهم", "قال إن عملها في المنطقة مهم"),
        ("English words stay, 2024-10-21 too.", "English words stay, 2024-10-21 too."),
        ("", ""),
    ],
)
def test_running_text(res, text: str, expected: str) -> None:
    assert repair_zwnj(text, res) == expected


_ALPHABET = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئآ" + " \n.،«»" + Z + "ةأ0123456789"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_only_zwnj_is_inserted_and_repair_is_idempotent(res, text: str) -> None:
    out = repair_zwnj(text, res)
    assert out.replace(Z, "") == text.replace(Z, "")
    assert len(out) >= len(text)
    assert repair_zwnj(out, res) == out


def _changes(text: str, res) -> dict[str, str]:
    out = repair_zwnj(text, res)
    a, b = text.split(" "), out.split(" ")
    assert len(a) == len(b)
    return {x: y for x, y in zip(a, b, strict=True) if x != y}


def test_seeds_and_dev(res) -> None:
    files = [p for p in corpus_files(SEEDS) if not p.name.startswith("002_")]
    files += corpus_files(DEV, "fa_*.txt")
    if not files:
        pytest.skip("real articles not found (set DIDAR_SHARED)")
    changed: dict[str, str] = {}
    for path in files:
        text = display_normalize(path.read_text(encoding="utf-8"), "fa")
        out = repair_zwnj(text, res)
        assert out.replace(Z, "") == text.replace(Z, ""), path.name
        changed.update(_changes(text, res))
    repaired = {w.strip().strip(".،:؛»«()") for w in changed.values()}
    for word in [
        "می‌کنند",
        "بین‌الملل",
        "رئیس‌جمهور",
        "تفرقه‌انگیز",
        "نشانه‌ای",
        "هم‌پیمانانش",
        "عرصه‌ها",
        "زمینه‌ساز",
        "گروه‌های",
        "منطقه‌ای",
        "خامنه‌ای",
        "نمی‌کند",
        "برداشته‌ایم",
    ]:
        assert word in repaired, word
    for wrong in ["منطق‌های", "خامن‌های", "دی‌دارها", "هم‌کارانم", "ال‌کاظمی"]:
        assert wrong not in repaired, wrong
    assert len(changed) >= 60
