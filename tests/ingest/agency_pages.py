"""Web pages in the layouts of Persian and Arabic news agencies, built from the real articles
in ../shared/corpus (never copied into the project: read at test time).

`agency_page(...)` wraps paragraphs into a page with what real agency pages carry around an
article: header and navigation, breadcrumbs, a byline, the body as <p>s, a "read also" box
inside the article container, tags, related links, a comment form with the comment policy, a
most-read list and a footer. Used by tests/ingest/test_html_pages.py, test_fetch.py and
scripts/bench_html.py.
"""

from __future__ import annotations

import html as html_lib
import json
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ZWNJ = "\u200c"

# Visible page chrome, per language.
CHROME = {
    "fa": {
        "nav": ["صفحه اصلی", "سیاسی", "بین‌الملل", "اقتصادی", "ورزشی", "عکس"],
        "tags": "برچسب‌ها",
        "related": "اخبار مرتبط",
        "comments": "نظر شما",
        "policy": (
            "نظرات حاوی توهین و هرگونه نسبت ناروا به اشخاص حقیقی و حقوقی منتشر "
            "نمی‌شود و مسئولیت نظرات با نویسندگان آن‌هاست."
        ),
        "comment_body": "خیلی خوب بود، ممنون از خبرنگار محترم که این خبر را پوشش داد.",
        "send": "ارسال نظر",
        "commenter": "علی",
        "today": "امروز: شنبه ۱ آذر ۱۴۰۵",
        "most_read": "پربازدیدترین‌ها",
        "footer": "کلیه حقوق این سایت محفوظ است. استفاده از مطالب با ذکر منبع بلامانع است.",
        "read_also": "بیشتر بخوانید:",
        "code": "کد خبر: ۴۲۳۷۳۸",
    },
    "ar": {
        "nav": ["الرئيسية", "سياسة", "العراق", "اقتصاد", "رياضة", "فيديو"],
        "tags": "الوسوم",
        "related": "أخبار ذات صلة",
        "comments": "أضف تعليقك",
        "policy": (
            "التعليقات المنشورة لا تعبر عن رأي الموقع ويحتفظ الموقع بحق حذف أي تعليق "
            "يتضمن إساءة أو تجريحا."
        ),
        "comment_body": "خبر مهم جدا، شكرا لكم على المتابعة المستمرة للأحداث.",
        "send": "إرسال",
        "commenter": "علي",
        "today": "السبت 22 تشرين الثاني 2026",
        "most_read": "الأكثر قراءة",
        "footer": "جميع الحقوق محفوظة لوكالة الأنباء. يمنع النسخ دون ذكر المصدر.",
        "read_also": "إقرأ أيضاً:",
        "code": "رقم الخبر: 123456",
    },
}
# The "read also" story put inside the article: a real, unrelated report (seed 002's teaser).
READ_ALSO = {
    "ar": (
        "مناقشة تطورات الأوضاع.. تعزيز التعاون مع أمريكا بمختلف المجالات",
        [
            "بحث مستشار الأمن القومي لرئيس حكومة الوحدة الوطنية، إبراهيم الدبيبة، مع القائم "
            "بأعمال السفارة الأمريكية لدى ليبيا، جيريمي بيرنت، سبل تعزيز التعاون المشترك في "
            "مختلف المجالات."
        ],
    ),
    "fa": (
        "دیدار دبیبه با کاردار آمریکا در طرابلس",
        [
            "ابراهیم الدبیبه مشاور امنیت ملی دولت وحدت ملی لیبی با جرمی برنت کاردار سفارت "
            "آمریکا در لیبی درباره راه‌های گسترش همکاری‌ها گفت‌وگو کرد."
        ],
    ),
}
READ_ALSO_MARK = "الدبيبة"  # in the Arabic story
READ_ALSO_MARK_FA = "الدبیبه"


@dataclass
class PageSpec:
    paragraphs: list[str]
    title: str
    lang: str = "fa"
    outlet: str = "خبرگزاری"
    url: str = "https://agency.example/news/1"
    published_meta: str | None = None  # article:published_time
    json_ld_date: str | None = None  # NewsArticle.datePublished
    byline: str | None = None  # a visible date line outside the body
    author: str | None = None
    read_also: str = "box"  # box | flat | inline | none
    read_also_at: int = 2  # after this many paragraphs
    charset: str | None = "utf-8"  # <meta charset>; None: no tag
    extra_meta: dict[str, str] = field(default_factory=dict)


def _e(text: str) -> str:
    return html_lib.escape(text, quote=True)


def agency_page(spec: PageSpec) -> str:
    c = CHROME[spec.lang]
    teaser_title, teaser_paras = READ_ALSO[spec.lang]
    head = [
        f'<meta charset="{spec.charset}">' if spec.charset else "",
        f"<title>{_e(spec.title)} - {_e(spec.outlet)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta property="og:title" content="{_e(spec.title)}">',
        f'<meta property="og:site_name" content="{_e(spec.outlet)}">',
        '<meta property="og:type" content="article">',
        f'<link rel="canonical" href="{_e(spec.url)}">',
        '<link rel="stylesheet" href="/static/site.css">',
        "<script>window.dataLayer = window.dataLayer || [];</script>",
    ]
    if spec.published_meta:
        head.append(f'<meta property="article:published_time" content="{spec.published_meta}">')
    if spec.json_ld_date:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": spec.title,
            "datePublished": spec.json_ld_date,
            "publisher": {"@type": "Organization", "name": spec.outlet},
        }
        head.append(
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        )
    if spec.author:
        head.append(f'<meta name="author" content="{_e(spec.author)}">')
    for k, v in spec.extra_meta.items():
        head.append(f'<meta name="{k}" content="{_e(v)}">')

    nav = "".join(f'<li><a href="/service/{i}">{_e(x)}</a></li>' for i, x in enumerate(c["nav"]))
    body: list[str] = []
    read_also_box = (
        '<div class="news-box">'
        f'<span class="box-title">{_e(c["read_also"])}</span>'
        f'<h3><a href="/news/999">{_e(teaser_title)}</a></h3>'
        + "".join(f"<p>{_e(p)}</p>" for p in teaser_paras)
        + "</div>"
    )
    for i, p in enumerate(spec.paragraphs):
        if i == spec.read_also_at and spec.read_also == "box":
            body.append(read_also_box)
        elif i == spec.read_also_at and spec.read_also == "inline":
            body.append(
                f"<p><strong>{_e(c['read_also'])}</strong> "
                f'<a href="/news/999">{_e(teaser_title)}</a></p>'
            )
        body.append(f"<p>{_e(p)}</p>")
    if spec.read_also == "flat":  # marker and story as plain paragraphs after the article
        body.append(f"<p>{_e(c['read_also'])}</p>")
        body.append(f"<p>{_e(teaser_title)}</p>")
        body.extend(f"<p>{_e(p)}</p>" for p in teaser_paras)
    byline = f'<div class="news-date">{_e(spec.byline)}</div>' if spec.byline else ""
    author = f'<div class="author">{_e(spec.author)}</div>' if spec.author else ""
    related = "".join(
        f'<li><a href="/news/{900 + i}">{_e(t)}</a></li>'
        for i, t in enumerate([teaser_title, spec.title[:40] + " ..."])
    )
    return f"""<!DOCTYPE html>
<html lang="{spec.lang}" dir="rtl">
<head>
{chr(10).join(h for h in head if h)}
</head>
<body class="page-news">
<header class="site-header"><div class="logo"><a href="/">{_e(spec.outlet)}</a></div>
<div class="date">{_e(c["today"])}</div>
<nav class="main-menu"><ul>{nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="..."></form></header>
<div class="breadcrumb"><a href="/">{_e(c["nav"][0])}</a> ›
<a href="/s/1">{_e(c["nav"][1])}</a></div>
<main class="container">
<article class="news-item">
<div class="news-code">{_e(c["code"])}</div>
{byline}
<h1 class="title">{_e(spec.title)}</h1>
{author}
<div class="news-body">
{chr(10).join(body)}
</div>
<div class="tags"><span>{_e(c["tags"])}</span> <a href="/tag/1">{_e(c["nav"][2])}</a></div>
<div class="share"><a href="#">Telegram</a> <a href="#">X</a> <a href="#">WhatsApp</a></div>
</article>
<section class="related-news"><h2>{_e(c["related"])}</h2><ul>{related}</ul></section>
<section id="comments" class="comments">
<h2>{_e(c["comments"])}</h2>
<p class="comment-policy">{_e(c["policy"])}</p>
<div class="comment-item"><span class="comment-author">{_e(c["commenter"])}</span>
<p>{_e(c["comment_body"])}</p></div>
<form class="comment-form" method="post"><textarea name="body"></textarea>
<button type="submit">{_e(c["send"])}</button></form>
</section>
<aside class="sidebar"><h3>{_e(c["most_read"])}</h3><ul>{related}</ul></aside>
</main>
<footer class="site-footer"><p>{_e(c["footer"])}</p></footer>
<script src="/static/app.js"></script>
</body>
</html>
"""


def read_article(path: Path) -> list[str]:
    """The paragraphs of a corpus article (non-blank lines, spaces made single)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [" ".join(line.split()) for line in lines if line.strip()]


def corpus_available() -> bool:
    return (CORPUS / "seeds").is_dir() and (CORPUS / "dev").is_dir()


SKIP_REASON = f"the real articles of ../shared/corpus are absent ({CORPUS}): page tests skipped"
