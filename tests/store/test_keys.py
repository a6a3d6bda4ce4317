"""The keys the store indexes: equal to the pipeline's fold, plus ئ -> ی."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from didar.store.keys import name_key, search_key, search_key_with_offsets, search_tokens
from didar.text.normalize import fold_plain

ARABIC_AND_PERSIAN = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ANY = st.one_of(ARABIC_AND_PERSIAN, st.characters(), st.sampled_from("\u200c\u200d\u0640 «»"))


@given(st.text(ANY, max_size=60))
def test_search_key_is_the_pipeline_fold_plus_hamza_yeh(text):
    assert search_key(text) == fold_plain(text).replace("ئ", "ی")
    key, offsets = search_key_with_offsets(text)
    assert key == search_key(text) and len(offsets) == len(key) + 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("رئیس‌جمهور", "رييس جمهور"),
        ("رئيس‌الجمهورية", "رئیس الجمهوریه"),
        ("پزشكيان", "پزشکیان"),
        ("۱۴۰۴", "1404"),
        ("٢٠٢٤", "2024"),
        ("مُحَمَّد", "محمد"),
        ("إيـــران", "ایران"),
        ("الكاظمي", "الکاظمی"),
    ],
)
def test_spelling_variants_share_a_key(a, b):
    assert search_tokens(a) == search_tokens(b)


@pytest.mark.parametrize(
    "raw, key",
    [
        ("Ammar al-Hakim", "ammar al hakim"),
        ("  Mohammed Shia' AL-SUDANI ", "mohammed shia al sudani"),
        ("«عمار حکیم»", "عمار حکیم"),
        ("pezeshkian-masoud", "pezeshkian masoud"),
    ],
)
def test_name_keys(raw, key):
    assert name_key(raw) == key
