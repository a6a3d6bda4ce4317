"""split_sentences: paragraphs and sentences as offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textcorpus import all_articles

from didar.text.clean import clean
from didar.text.decode import read_input
from didar.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)[1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وی گفت. او رفت.", ["وی گفت.", "او رفت."]),
        ("آیا می‌آید؟ بله! حتماً.", ["آیا می‌آید؟", "بله!", "حتماً."]),
        ("هل يأتي؟ نعم.", ["هل يأتي؟", "نعم."]),
        # full stop glued to the next word
        (
            "در منطقه قرار دارد.وی افزود که همکاری ادامه دارد.",
            ["در منطقه قرار دارد.", "وی افزود که همکاری ادامه دارد."],
        ),
        # numbers, dotted dates, Latin tokens
        ("رشد 3.5 درصد بود. پایان.", ["رشد 3.5 درصد بود.", "پایان."]),
        (
            "رشد ۳.۵ درصد و تاریخ 03.02.2021 است. پایان.",
            ["رشد ۳.۵ درصد و تاریخ 03.02.2021 است.", "پایان."],
        ),
        ("سایت www.leader.ir را ببینید. پایان.", ["سایت www.leader.ir را ببینید.", "پایان."]),
        # abbreviations
        (
            "The U.S. and Dr. Smith met. Then they left.",
            ["The U.S. and Dr. Smith met.", "Then they left."],
        ),
        ("سال ۵۰۰ ق.م بود. پایان.", ["سال ۵۰۰ ق.م بود.", "پایان."]),
        # quotes with several sentences stay inside one sentence
        (
            "وی گفت: «ما آماده‌ایم. همکاری ادامه دارد.» سپس رفت.",
            ["وی گفت: «ما آماده‌ایم. همکاری ادامه دارد.»", "سپس رفت."],
        ),
        (
            'وقال: "أكدنا أهمية التعاون. ودعونا إلى الاستقرار". ثم غادر.',
            ['وقال: "أكدنا أهمية التعاون. ودعونا إلى الاستقرار".', "ثم غادر."],
        ),
        (
            "قال: “أي تهديد لدولة هو تهديد للجميع.. لا يمكن لدولة بمفردها”. وأضاف.",
            ["قال: “أي تهديد لدولة هو تهديد للجميع.. لا يمكن لدولة بمفردها”.", "وأضاف."],
        ),
        # an unclosed quote does not swallow the paragraph
        (
            "وی گفت: «ما آماده‌ایم. همکاری ادامه دارد.",
            ["وی گفت: «ما آماده‌ایم.", "همکاری ادامه دارد."],
        ),
        # ellipsis
        ("در اواخر ماه اوت و…     فواد حسین آمد.", ["در اواخر ماه اوت و…", "فواد حسین آمد."]),
        ("...المزيد", ["...المزيد"]),
        ("بدون نقطه پایانی", ["بدون نقطه پایانی"]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraphs() -> None:
    text = "عنوان\n\n  پاراگراف یک. جمله دو.\nپاراگراف دو\n\n\n"
    paragraphs, sents = split_sentences(text)
    assert [text[p.start : p.end] for p in paragraphs] == [
        "عنوان",
        "پاراگراف یک. جمله دو.",
        "پاراگراف دو",
    ]
    assert [(text[s.start : s.end], s.paragraph) for s in sents] == [
        ("عنوان", 0),
        ("پاراگراف یک.", 1),
        ("جمله دو.", 1),
        ("پاراگراف دو", 2),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ابت پ.؟!«»"“” \n35a', max_size=120))
def test_spans_are_ordered_trimmed_and_inside_paragraphs(text: str) -> None:
    paragraphs, sents = split_sentences(text)
    last = 0
    for s in sents:
        assert last <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        p = paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end
        last = s.end
    # every non-space character is in some sentence
    covered = {i for s in sents for i in range(s.start, s.end)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


def test_real_articles(res) -> None:
    for path in all_articles():
        doc = clean(read_input(path.read_bytes()), res)
        _, sents = split_sentences(doc.text)
        assert sents, path.name
        for s in sents:
            sentence = doc.text[s.start : s.end]
            assert len(sentence) < 2500, path.name
            # a sentence break never falls inside a number or a dotted date
            assert not (sentence[0].isdigit() and doc.text[s.start - 1 : s.start] == "."), sentence
