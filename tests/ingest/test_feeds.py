"""Feeds: parsing (RSS, Atom, Jalali and Arabic-month dates), polite fetching (conditional GET,
timeouts, retries, size cap, per-host delay) and polling into the store (new, unchanged, failed;
restarts without re-ingesting). Everything is served by a local server on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from feedserver import (
    ARABIC_DATES,
    CORPUS,
    JALALI_DATES,
    MALFORMED,
    SKIP_REASON,
    FeedServer,
    Route,
    arabic_items,
    article,
    atom,
    persian_items,
    rss,
    standard_server,
)

from didar.dates.resources import load_date_resources
from didar.errors import FeedFormatError, FetchError, ResponseTooLargeError
from didar.ingest.feeds import (
    BACKOFF_MAX,
    PollContext,
    backoff,
    item_date,
    parse_feed,
    poll_round,
    starter_feeds,
    watch,
)
from didar.ingest.http import HttpClient
from didar.store import SQLiteStore
from didar.store.feeds import FAILED, NEW, UNCHANGED, FeedRegistry, parse_iso

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=SKIP_REASON)


@pytest.fixture(scope="module")
def dates():
    return load_date_resources()


@pytest.fixture(scope="module")
def res():
    from didar.resources import load_resources

    return load_resources()


@pytest.fixture
def server():
    s = standard_server() if CORPUS.is_dir() else FeedServer().start()
    yield s
    s.stop()


def quick_fetcher(**kw) -> HttpClient:
    sleeps: list[float] = []
    options = dict(
        timeout=0.5,
        retries=1,
        backoff=0.01,
        host_delay=0.0,
        max_bytes=1024 * 1024,
        sleep=sleeps.append,
    )
    options.update(kw)
    fetcher = HttpClient(**options)
    fetcher.sleeps = sleeps  # type: ignore[attr-defined]
    return fetcher


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        *JALALI_DATES,
        *ARABIC_DATES,
        ("۱۴۰۰/۰۱/۲۴ ۱۰:۳۰", "2021-04-13"),
        ("1400-01-24T10:30:00+04:30", "2021-04-13"),  # a Solar Hijri year in ISO form
        ("٢٣ آذار ٢٠٢٤", "2024-03-23"),
        ("10 رمضان 1445", "2024-03-20"),
        # the date as written, not shifted to UTC (feedparser would say 2021-04-13)
        ("Mon, 12 Apr 2021 23:30:00 -0500", "2021-04-12"),
        ("no date here", None),
        ("", None),
    ],
)
def test_item_date(raw, expected, dates):
    assert item_date(raw, None, dates) == expected


# -- parsing ---------------------------------------------------------------------------------


@needs_corpus
def test_rss_items_from_real_articles(dates):
    items = persian_items("http://127.0.0.1:1")
    feed = parse_feed(rss(items), "test", dates)
    assert feed.title == "خبرگزاری آزمون"
    assert [i.link for i in feed.items] == [link for link, *_ in items]
    assert [i.key for i in feed.items] == [link for link, *_ in items]  # the guid
    assert [i.published for i in feed.items] == [d for _, d in JALALI_DATES]
    title, body = article("fa_farex_02.txt")
    first = feed.items[0]
    assert first.title == title
    # content:encoded (whole body, as paragraphs) wins over the short description
    assert body.split("\n\n")[-1] in first.text and len(first.text) >= len(body) - 10
    assert "<p>" not in first.text


@needs_corpus
def test_atom_items_with_arabic_month_dates(dates):
    feed = parse_feed(atom(arabic_items("http://127.0.0.1:1")), "test", dates)
    assert [i.published for i in feed.items] == [d for _, d in ARABIC_DATES]
    assert feed.items[0].text == article("ar_snn_01.txt")[1]


def test_zwnj_survives_parsing(dates):
    body = "رئیس‌جمهور با وزیر امور خارجه دیدار کرد و گفت‌وگو ادامه دارد."
    feed = parse_feed(rss([("http://x/1", "دیدار رئیس‌جمهور", body, "۱۵ فروردین ۱۴۰۰")]), "t", dates)
    assert "\u200c" in feed.items[0].title and feed.items[0].text == body


def test_malformed_feed_is_a_format_error(dates):
    with pytest.raises(FeedFormatError):
        parse_feed(MALFORMED, "http://x/broken", dates)
    with pytest.raises(FeedFormatError):
        parse_feed(b"\x00\x01 not xml at all", "http://x/binary", dates)


def test_truncated_feed_keeps_what_it_holds(dates):
    body = rss(
        [
            ("http://x/1", "عنوان", "متن خبر اول", "۱۵ فروردین ۱۴۰۰"),
            ("http://x/2", "عنوان دوم", "متن خبر دوم", "۱۵ فروردین ۱۴۰۰"),
        ]
    )
    cut = body[: body.index(b"<item>", body.index(b"<item>") + 1) + 20]
    feed = parse_feed(cut, "http://x/cut", dates)
    assert [i.link for i in feed.items][:1] == ["http://x/1"]
    assert feed.warning and "malformed" in feed.warning


def test_item_without_guid_or_link_gets_a_stable_key(dates):
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        + "<item><title>عنوان</title><description>متن</description></item>".encode()
        + b"</channel></rss>"
    )
    a = parse_feed(body, "u", dates).items[0]
    b = parse_feed(body, "u", dates).items[0]
    assert a.key == b.key and a.key.startswith("sha256:") and a.link is None


# -- fetching --------------------------------------------------------------------------------


@needs_corpus
def test_conditional_get_etag_and_last_modified(server):
    fetcher = quick_fetcher()
    first = fetcher.get(server.url("/rss.xml"))
    assert first.status == 200 and first.etag == '"rss-v1"' and first.body.startswith(b"<?xml")
    again = fetcher.get(server.url("/rss.xml"), etag=first.etag, last_modified=first.last_modified)
    assert again.status == 304 and again.body == b""
    assert server.requests[-1][1]["if-none-match"] == '"rss-v1"'
    atom_first = fetcher.get(server.url("/atom.xml"))
    assert atom_first.etag is None and atom_first.last_modified
    atom_again = fetcher.get(server.url("/atom.xml"), last_modified=atom_first.last_modified)
    assert atom_again.status == 304
    assert server.requests[-1][1]["if-modified-since"] == atom_first.last_modified


@needs_corpus
def test_slow_server_times_out_and_is_retried(server):
    fetcher = quick_fetcher(retries=1)
    with pytest.raises(FetchError) as err:
        fetcher.get(server.url("/slow.xml"))
    assert "timed out" in err.value.message and "2 attempt" in err.value.message
    assert err.value.retryable


def test_server_error_retries_with_exponential_backoff():
    server = FeedServer().start()
    try:
        server.routes["/error.xml"] = Route(status=500)
        fetcher = quick_fetcher(retries=3, backoff=1.5)
        with pytest.raises(FetchError) as err:
            fetcher.get(server.url("/error.xml"))
        assert err.value.status == 500 and "HTTP 500" in err.value.message
        assert server.hits()["/error.xml"] == 4
        assert fetcher.sleeps == [1.5, 3.0, 6.0]

        server.routes["/flaky.xml"] = Route(rss([("http://x/1", "ع", "متن", "")]), fail_first=1)
        ok = quick_fetcher(retries=2).get(server.url("/flaky.xml"))
        assert ok.status == 200 and ok.attempts == 2

        server.routes["/gone.xml"] = Route(status=404)
        with pytest.raises(FetchError) as err:
            quick_fetcher(retries=3).get(server.url("/gone.xml"))
        assert server.hits()["/gone.xml"] == 1 and not err.value.retryable  # 404: no retry
    finally:
        server.stop()


def test_size_cap_on_streamed_and_declared_responses():
    server = FeedServer().start()
    try:
        server.routes["/big.xml"] = Route(stream_bytes=3 * 1024 * 1024)
        server.routes["/declared.xml"] = Route(b"x" * 5000)
        with pytest.raises(ResponseTooLargeError, match="cap"):
            quick_fetcher(max_bytes=100_000).get(server.url("/big.xml"))
        with pytest.raises(ResponseTooLargeError, match="announces 5,000 bytes"):
            quick_fetcher(max_bytes=4000).get(server.url("/declared.xml"))
    finally:
        server.stop()


def test_down_server_and_bad_scheme():
    fetcher = quick_fetcher(retries=0)
    with pytest.raises(FetchError, match=r"cannot reach|connection"):
        fetcher.get("http://127.0.0.1:9/feed")  # discard port: nothing listens
    with pytest.raises(FetchError, match="only http"):
        fetcher.get("file:///etc/passwd")


def test_politeness_delay_per_host():
    now = [100.0]
    sleeps: list[float] = []

    def sleep(s: float) -> None:
        sleeps.append(s)
        now[0] += s

    fetcher = HttpClient(host_delay=2.0, sleep=sleep, clock=lambda: now[0])
    fetcher._wait_for_host("a.example")
    fetcher._wait_for_host("b.example")  # another host: no wait
    now[0] += 0.5
    fetcher._wait_for_host("a.example")  # 0.5 s after the last request to a: wait 1.5 s
    assert sleeps == [1.5]


@pytest.mark.parametrize(
    "failures, expected",
    [
        (1, timedelta(minutes=30)),
        (2, timedelta(hours=1)),
        (3, timedelta(hours=2)),
        (10, BACKOFF_MAX),
    ],
)
def test_backoff_grows_and_is_capped(failures, expected):
    assert backoff(failures, timedelta(minutes=15)) == expected


# -- polling into the store -------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t


def context(path, res, clock=None, pages=False, **fetch) -> PollContext:
    """Feed text only unless `pages`: most items here link to http://x/..., never fetched."""
    store = SQLiteStore(path)
    return PollContext(
        store,
        FeedRegistry(store),
        quick_fetcher(**fetch),
        res,
        interval=timedelta(minutes=15),
        now=clock or Clock(),
        fetch_pages=pages,
    )


def add_all(registry: FeedRegistry, server: FeedServer) -> None:
    for path in ("/rss.xml", "/atom.xml", "/slow.xml", "/broken.xml", "/big.xml", "/error.xml"):
        registry.add(server.url(path), path.strip("/").split(".")[0])


@needs_corpus
def test_poll_round_records_every_outcome_and_survives_bad_feeds(server, res, tmp_path):
    db = tmp_path / "feeds.db"
    ctx = context(db, res)
    add_all(ctx.registry, server)
    polls = {p.feed_id: p for p in poll_round(ctx)}
    by_name = {f.name: polls[f.id] for f in ctx.registry.feeds()}

    assert by_name["rss"].status == NEW and by_name["rss"].new_items == 3
    assert by_name["rss"].stored == 3 and by_name["rss"].http_status == 200
    assert by_name["atom"].status == NEW and by_name["atom"].stored == 3
    assert by_name["slow"].status == FAILED and "timed out" in by_name["slow"].error
    assert by_name["broken"].status == FAILED
    assert "not an RSS or Atom feed" in by_name["broken"].error
    assert by_name["big"].status == FAILED and "E122" in by_name["big"].error
    assert by_name["error"].status == FAILED and by_name["error"].http_status == 500
    assert ctx.store.counts()["documents"] == 6

    # the stored records carry the feed's metadata; the Jalali pubDate became the date
    docs = ctx.store._db.execute(
        "SELECT url, outlet, published, title FROM documents ORDER BY url"
    ).fetchall()
    fa = {d["url"]: d for d in docs if "/fa/" in d["url"]}
    assert fa[server.url("/fa/news/1")]["published"] == "2021-04-04"
    assert {d["outlet"] for d in docs} == {"rss", "atom"}
    assert all(d["title"] for d in docs)

    # the record of polls and the feed list
    history = ctx.registry.polls()
    assert len(history) == 6 and {p["status"] for p in history} == {NEW, FAILED}
    listing = {row["name"]: row for row in ctx.registry.listing()}
    assert listing["rss"]["items"] == 3 and listing["rss"]["etag"] == '"rss-v1"'
    assert listing["error"]["failures"] == 1 and listing["error"]["last_status"] == FAILED
    ctx.store.close()


@needs_corpus
def test_second_round_is_unchanged_and_failing_feeds_back_off(server, res, tmp_path):
    clock = Clock()
    ctx = context(tmp_path / "feeds.db", res, clock)
    add_all(ctx.registry, server)
    list(poll_round(ctx))
    assert ctx.registry.due(clock()) == []  # everything is scheduled for later

    clock.t += timedelta(minutes=16)  # good feeds are due again, failing ones are not
    due = {f.name for f in ctx.registry.due(clock())}
    assert due == {"rss", "atom"}
    second = list(poll_round(ctx))
    assert [p.status for p in second] == [UNCHANGED, UNCHANGED]
    assert all(p.http_status == 304 and p.new_items == 0 for p in second)
    assert ctx.store.counts()["documents"] == 6

    clock.t += timedelta(minutes=15)  # 31 min after the failures: their first backoff is over
    third = list(poll_round(ctx, force=True))
    assert len(third) == 6
    errors = {f.name: f for f in ctx.registry.feeds()}
    assert errors["error"].failures == 2 and errors["rss"].failures == 0
    wait = parse_iso(errors["error"].next_poll) - parse_iso(errors["error"].last_polled)
    assert wait == timedelta(hours=1)  # the second failure in a row doubles the wait
    ctx.store.close()


@needs_corpus
def test_restart_continues_without_reingesting(server, res, tmp_path):
    db = tmp_path / "feeds.db"
    first = context(db, res)
    first.registry.add(server.url("/rss.xml"), "rss")
    assert [p.stored for p in poll_round(first)] == [3]
    first.store.close()

    # the agency publishes one more item; a new process (new store, new registry) polls again
    base = server.base
    items = persian_items(base, ["fa_farex_20.txt"]) + persian_items(base)
    items[0] = (f"{base}/fa/news/new", *items[0][1:])
    server.routes["/rss.xml"].body = rss(items)
    server.routes["/rss.xml"].etag = '"rss-v2"'
    second = context(db, res)
    [poll] = list(poll_round(second, force=True))
    assert poll.status == NEW and poll.items == 4 and poll.new_items == 1 and poll.stored == 1
    assert second.store.counts()["documents"] == 4

    # without the seen-items record, the store's idempotent ingest is the second guard
    second.store._db.execute("DELETE FROM feed_items")
    server.routes["/rss.xml"].etag = '"rss-v3"'
    [poll] = list(poll_round(second, force=True))
    assert poll.new_items == 4 and poll.stored == 0 and poll.duplicates == 4
    assert second.store.counts()["documents"] == 4
    second.store.close()


def test_item_that_cannot_be_extracted_fails_alone(res, tmp_path):
    server = FeedServer().start()
    try:
        body = rss(
            [
                ("http://x/empty", "   ", "\u200f\u200e ", "۱۵ فروردین ۱۴۰۰"),
                (
                    "http://x/ok",
                    "دیدار",
                    "وزیر امور خارجه ایران با همتای عراقی خود دیدار کرد.",
                    "۱۵ فروردین ۱۴۰۰",
                ),
            ]
        )
        server.routes["/f.xml"] = Route(body)
        ctx = context(tmp_path / "f.db", res)
        ctx.registry.add(server.url("/f.xml"), "f")
        [poll] = list(poll_round(ctx))
        assert poll.status == NEW and poll.stored == 1 and poll.failed_items == 1
        [again] = list(poll_round(ctx, force=True))  # the unusable item is not retried forever
        assert again.status == UNCHANGED and again.items == 2 and again.new_items == 0
        ctx.store.close()
    finally:
        server.stop()


def test_watch_polls_then_sleeps_until_the_next_feed_is_due(res, tmp_path):
    server = FeedServer().start()
    try:
        server.routes["/f.xml"] = Route(
            rss(
                [("http://x/1", "دیدار", "وزیر امور خارجه ایران با همتای عراقی خود دیدار کرد.", "")]
            )
        )
        ctx = context(tmp_path / "w.db", res)
        ctx.registry.add(server.url("/f.xml"), "f")

        class Stop(Exception):
            pass

        slept: list[float] = []

        def sleep(seconds: float) -> None:
            slept.append(seconds)
            raise Stop

        polls = []
        with pytest.raises(Stop):
            for poll in watch(ctx, sleep=sleep, max_wait=60):
                polls.append(poll)
        assert [p.status for p in polls] == [NEW]
        assert slept == [60]  # next poll in 15 min: wait the loop's maximum, then look again
        ctx.store.close()
    finally:
        server.stop()


def test_feed_list_add_remove(tmp_path):
    store = SQLiteStore(tmp_path / "l.db")
    registry = FeedRegistry(store)
    assert registry.add("http://a.example/rss", "A") is True
    assert registry.add("http://a.example/rss") is False
    assert registry.add("http://b.example/rss", "B") is True
    assert [f.name for f in registry.feeds()] == ["A", "B"]
    assert registry.remove("A") == 1 and registry.remove("nope") == 0
    assert [f.url for f in registry.feeds()] == ["http://b.example/rss"]
    assert (2, "feeds") in store.migrations()
    store.close()


def test_starter_list_is_valid_and_marked_unverified():
    feeds = starter_feeds()
    assert len(feeds) >= 10
    assert {f.country for f in feeds} == {"IRN", "IRQ"}
    assert all(f.url.startswith("https://") for f in feeds)
    assert all(f.verified is False for f in feeds)
    assert all(f.language in {"fa", "ar", "en"} for f in feeds)
    from importlib.resources import files

    text = files("didar.ingest").joinpath("data/feeds.yaml").read_text("utf-8")
    assert "UNVERIFIED" in text


def test_a_bug_on_one_feed_is_recorded_and_the_round_goes_on(res, tmp_path, monkeypatch):
    import didar.ingest.feeds as feeds_module

    server = FeedServer().start()
    try:
        good = rss(
            [
                (
                    "http://x/1",
                    "دیدار",
                    "وزیر امور خارجه ایران با همتای عراقی خود دیدار کرد.",
                    "۱۵ فروردین ۱۴۰۰",
                )
            ]
        )
        server.routes["/bug.xml"] = Route(b"<rss version='2.0'><channel></channel></rss>")
        server.routes["/good.xml"] = Route(good)
        real = feeds_module.parse_feed

        def parse(body, url, *args, **kw):
            if url.endswith("/bug.xml"):
                raise RuntimeError("boom")
            return real(body, url, *args, **kw)

        monkeypatch.setattr(feeds_module, "parse_feed", parse)
        ctx = context(tmp_path / "b.db", res)
        ctx.registry.add(server.url("/bug.xml"), "bug")
        ctx.registry.add(server.url("/good.xml"), "good")
        bug, ok = list(poll_round(ctx))
        assert bug.status == FAILED and "internal error: RuntimeError: boom" in bug.error
        assert ok.status == NEW and ok.stored == 1
        ctx.store.close()
    finally:
        server.stop()


def test_an_older_database_gains_the_feed_tables(tmp_path, monkeypatch):
    import didar.store.sqlite as sqlite_module

    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(sqlite_module, "MIGRATIONS", sqlite_module.MIGRATIONS[:1])
        SQLiteStore(path).close()
    with SQLiteStore(path) as store:
        assert [n for n, _ in store.migrations()][:2] == [1, 2]
        registry = FeedRegistry(store)
        assert registry.add("http://a.example/rss", "A") and registry.listing()[0]["name"] == "A"


# -- article pages of short items ------------------------------------------------------------

LEAD = "وزیر امور خارجه ایران با همتای عراقی خود در بغداد دیدار کرد."
ARTICLE = [
    LEAD,
    "به گزارش خبرگزاری آزمون، دو وزیر در این دیدار درباره همکاری‌های اقتصادی، امنیت مرزها و "
    "بازگشایی گذرگاه‌های مرزی گفت‌وگو کردند و بر ادامه رایزنی‌ها تأکید داشتند.",
    "وزیر امور خارجه عراق نیز گفت که دولت این کشور از گسترش روابط با همسایگان خود حمایت می‌کند "
    "و نشست بعدی دو طرف در تهران برگزار خواهد شد.",
    "این دیدار در ادامه سفر منطقه‌ای وزیر امور خارجه انجام شد که پیش از این به دمشق و بیروت "
    "نیز سفر کرده بود و با مقام‌های دو کشور دیدار داشت.",
]
# longer than FULL_PAGE_MIN_CHARS: the feed holds the whole article
LONG_TEXT = " ".join(
    f"رئیس مجلس عراق در نشست شماره {n} با نمایندگان استان‌های جنوبی درباره بودجه سال آینده، "
    f"پروژه‌های آب و برق و بازسازی مدرسه‌ها گفت‌وگو کرد و گزارش کمیته {n} را شنید."
    for n in ("یک", "دو", "سه", "چهار", "پنج")
)
OTHER_LEADS = [
    "سفیر ایران در بغداد با استاندار بصره درباره زائران اربعین گفت‌وگو کرد.",
    "رئیس‌جمهور عراق پیام تبریک روز ملی کویت را برای امیر این کشور فرستاد.",
    "سخنگوی دولت از برگزاری انتخابات شوراهای استانی در ماه آینده خبر داد.",
]


def article_page(paragraphs: list[str], title: str = "دیدار دو وزیر") -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='fa'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><nav>خانه | اخبار | ورزش</nav><article><h1>{title}</h1>{paras}"
        f"</article><footer>همه حقوق محفوظ است</footer></body></html>"
    ).encode()


def test_short_items_are_read_from_their_page_and_fall_back_to_the_feed_text(res, tmp_path):
    from didar.ingest.feeds import FULL_PAGE_MIN_CHARS
    from didar.ingest.http import USER_AGENT

    assert len(LEAD) < FULL_PAGE_MIN_CHARS <= len(LONG_TEXT)
    server = FeedServer().start()
    try:
        html = "text/html; charset=utf-8"
        server.routes["/news/full"] = Route(article_page(ARTICLE), content_type=html)
        server.routes["/news/long"] = Route(article_page(["نباید خوانده شود."]), content_type=html)
        server.routes["/news/empty"] = Route(
            b"<html><body><script>x()</script></body></html>", content_type=html
        )
        server.routes["/news/pdf"] = Route(b"%PDF-1.4", content_type="application/pdf")
        items = [
            (server.url("/news/full"), "دیدار دو وزیر", LEAD, "۱۵ فروردین ۱۴۰۰"),
            (server.url("/news/missing"), "خبر دوم", OTHER_LEADS[0], "۱۵ فروردین ۱۴۰۰"),
            (server.url("/news/long"), "خبر بلند", LONG_TEXT, "۱۵ فروردین ۱۴۰۰"),
            (server.url("/news/empty"), "خبر سوم", OTHER_LEADS[1], "۱۵ فروردین ۱۴۰۰"),
            (server.url("/news/pdf"), "خبر چهارم", OTHER_LEADS[2], "۱۵ فروردین ۱۴۰۰"),
        ]
        server.routes["/f.xml"] = Route(rss(items))
        ctx = context(tmp_path / "p.db", res, pages=True)
        ctx.registry.add(server.url("/f.xml"), "آزمون")
        [poll] = list(poll_round(ctx))
        assert poll.status == NEW and poll.new_items == 5 and poll.stored == 5, repr(poll)
        assert poll.failed_items == 0

        hits = server.hits()
        assert hits["/news/full"] == hits["/news/missing"] == hits["/news/empty"] == 1
        assert hits["/news/long"] == 0  # the feed held the whole article: no page fetched
        pages = [h for path, h in server.requests if path.startswith("/news/")]
        assert {h["user-agent"] for h in pages} == {USER_AGENT}  # the same client as the feed

        docs = {
            d["url"]: d
            for d in ctx.store._db.execute(
                "SELECT url, title, outlet, published, text FROM documents"
            )
        }
        full = docs[server.url("/news/full")]
        assert ARTICLE[2] in full["text"] and "خانه" not in full["text"]  # the page's article
        assert (full["title"], full["outlet"], full["published"]) == (
            "دیدار دو وزیر",
            "آزمون",
            "2021-04-04",
        )  # the feed's metadata kept
        for path, lead in zip(
            ("/news/missing", "/news/empty", "/news/pdf"), OTHER_LEADS, strict=True
        ):
            assert docs[server.url(path)]["text"] == lead  # the feed's own text
        assert "نباید" not in docs[server.url("/news/long")]["text"]

        # the poll says which pages failed and why
        assert "feed text used for 3 short item(s)" in poll.error
        assert "/news/missing: [E131] HTTP 404" in poll.error
        assert "/news/empty: the page gave no text" in poll.error
        assert "/news/pdf: [E134]" in poll.error
        assert ctx.registry.polls()[0]["error"] == poll.error

        [again] = list(poll_round(ctx, force=True))  # seen: no page is fetched again
        assert again.new_items == 0 and server.hits()["/news/full"] == 1
        ctx.store.close()
    finally:
        server.stop()


def test_item_pages_share_the_politeness_delay_and_the_size_cap(res, tmp_path):
    server = FeedServer().start()
    try:
        html = "text/html; charset=utf-8"
        server.routes["/a"] = Route(article_page(ARTICLE), content_type=html)
        server.routes["/b"] = Route(article_page(ARTICLE * 40), content_type=html)  # > the cap
        server.routes["/f.xml"] = Route(
            rss([(server.url("/a"), "الف", LEAD, ""), (server.url("/b"), "ب", OTHER_LEADS[0], "")])
        )
        ctx = context(tmp_path / "c.db", res, pages=True, max_bytes=20_000)
        sleeps: list[float] = []
        now = [0.0]
        ctx.client.host_delay = 5.0
        ctx.client._clock = lambda: now[0]
        ctx.client._sleep = lambda s: (sleeps.append(s), now.__setitem__(0, now[0] + s))
        ctx.registry.add(server.url("/f.xml"), "f")
        [poll] = list(poll_round(ctx))
        assert sleeps == [5.0, 5.0]  # feed, page a, page b: one host, one schedule
        assert poll.stored == 2 and "/b: [E133]" in poll.error  # too large: the feed's text
        ctx.store.close()
    finally:
        server.stop()
