"""find_dates on real Persian and Arabic script: golden (input, expected) tables, traps that
must give no date, weekday conflicts, relative dates, year inference and date_for_span."""

from __future__ import annotations

import pytest

from didar.dates.extract import date_for_span
from didar.record import DateMention, Document, Sentence


def _mention(doc: Document, written: str) -> DateMention:
    found = [m for m in doc.dates if m.text == written]
    assert found, f"no mention {written!r} in {[m.text for m in doc.dates]}"
    return found[0]


def _check_offsets(doc: Document) -> None:
    last_end = 0
    for m in doc.dates:
        assert doc.text[m.start:m.end] == m.text
        assert last_end <= m.start < m.end <= len(doc.text)
        last_end = m.end


# (text, mention as written, calendar, value, precision, weekday)
FA_GOLDEN = [
    ("مسعود پزشکیان شامگاه یکشنبه ۱۶ شهریور ۱۴۰۴، در دیدار آقای حکیم",
     "شامگاه یکشنبه ۱۶ شهریور ۱۴۰۴", "jalali", "2025-09-07", "day", "Sunday"),
    ("پزشکیان، بعد از ظهر امروز سه‌شنبه ۲۹ مهر ۱۴۰۴ در دیدار با الأعرجی",
     "بعد از ظهر امروز سه‌شنبه ۲۹ مهر ۱۴۰۴", "jalali", "2025-10-21", "day", "Tuesday"),
    ("پزشکیان، بعد از ظهر امروز سهشنبه ۲۹ مهر ۱۴۰۴ در دیدار",
     "بعد از ظهر امروز سهشنبه ۲۹ مهر ۱۴۰۴", "jalali", "2025-10-21", "day", "Tuesday"),
    ("کد خبر: ۴۲۳۷۳۸\nتاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020\n",
     "۰۶ آبان ۱۳۹۹", "jalali", "2020-10-27", "day", None),
    ("کد خبر: ۴۲۳۷۳۸\nتاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰ - 27October 2020\n",
     "27October 2020", "gregorian", "2020-10-27", "day", None),
    ("رایزنی با مقامات عراقی چهارشنبه 19 خرداد 1400 - 14:30 سخنگوی وزارت",
     "چهارشنبه 19 خرداد 1400", "jalali", "2021-06-09", "day", "Wednesday"),
    ("یون کانگ هیان، امروز (یکشنبه) ٢٠ تیرماه ١۴٠٠ و در آغاز مأموریت خود",
     "امروز (یکشنبه) ٢٠ تیرماه ١۴٠٠", "jalali", "2021-07-11", "day", "Sunday"),
    ("ایران از عراق باثبات حمایت می کند خرداد 20, 1400 18:17 Asia/Tehran",
     "خرداد 20, 1400", "jalali", "2021-06-10", "day", None),
    ("که از سپتامبر ۲۰۱۸ میلادی (شهریورماه ۱۳۹۷) پرداخت نشده است",
     "سپتامبر ۲۰۱۸ میلادی", "gregorian", "2018-09-01", "month", None),
    ("که از سپتامبر ۲۰۱۸ میلادی (شهریورماه ۱۳۹۷) پرداخت نشده است",
     "شهریورماه ۱۳۹۷", "jalali", "2018-08-23", "month", None),
    ("وی در سال ۱۹۸۷ فعالیتش را در وزارت خارجه آغاز کرد",
     "۱۹۸۷", "gregorian", "1987-01-01", "year", None),
    ("انقلاب در ۲۲ بهمن ۱۳۵۷ پیروز شد", "۲۲ بهمن ۱۳۵۷", "jalali", "1979-02-11", "day", None),
    ("این حادثه در ۱۰ دی ۱۴۰۲ رخ داد", "۱۰ دی ۱۴۰۲", "jalali", "2023-12-31", "day", None),
    ("این نشست در تاریخ 1400/03/19 برگزار شد", "1400/03/19", "jalali", "2021-06-09", "day",
     None),
    ("او در ۲ مه ۲۰۲۱ به تهران آمد", "۲ مه ۲۰۲۱", "gregorian", "2021-05-02", "day", None),
    ("مراسم ۱۳ رجب ۱۴۴۵ ه.ق برگزار شد", "۱۳ رجب ۱۴۴۵ ه.ق", "hijri", "2024-01-25", "day", None),
    ("ولادت در ۱۴ ربیع‌الاول ۱۴۴۷ جشن گرفته شد", "۱۴ ربیع‌الاول ۱۴۴۷", "hijri", "2025-09-06",
     "day", None),
    ("مهلت تا ۳۰ اسفند ۱۴۰۳ بود", "۳۰ اسفند ۱۴۰۳", "jalali", "2025-03-20", "day", None),
    ("گفته شد ۳۱ اسفند ۱۴۰۴ مهلت است", "۳۱ اسفند ۱۴۰۴", "jalali", None, "day", None),
    ("فواد حسین، صبح روز سه‌شنبه ۱۹ مرداد، با جواد ظریف در تهران دیدار کرد",
     "صبح روز سه‌شنبه ۱۹ مرداد", "jalali", None, "day", "Tuesday"),
    ("فواد حسین صبح ‌امروز چهارشنبه 15 بهمن (3 فوریه) وارد تهران شد",
     "3 فوریه", "gregorian", None, "day", None),
    ("امیرعبداللهیان روز سه شنبه با جایشانکر دیدار نمود",
     "روز سه شنبه", "relative", None, "weekday", "Tuesday"),
    ("چانگ ایی ینگ بعدازظهر پنجشنبه با امیرعبداللهیان تلفنی گفت‌وگو کرد",
     "بعدازظهر پنجشنبه", "relative", None, "weekday", "Thursday"),
    ("رهبر انقلاب عصر امروز (سه شنبه) در دیدار الکاظمی گفتند",
     "عصر امروز (سه شنبه)", "relative", None, "weekday", "Tuesday"),
    ("در نشست بغداد که در اواخر ماه اوت برگزار خواهد شد",
     "ماه اوت", "gregorian", None, "month", None),
]

AR_GOLDEN = [
    ("أكد الحكيم، اليوم السبت (23 آذار 2024)، أهمية تعزيز التعاون",
     "اليوم السبت (23 آذار 2024)", "gregorian", "2024-03-23", "day", "Saturday"),
    ("وذلك في ١٤ ربيع الأول ١٤٤٧ هـ في المسجد", "١٤ ربيع الأول ١٤٤٧ هـ", "hijri", "2025-09-06",
     "day", None),
    ("في ١٤ ربيع الاول ١٤٤٧ هـ", "١٤ ربيع الاول ١٤٤٧ هـ", "hijri", "2025-09-06", "day", None),
    ("الموافق 13 رمضان 1445 هـ في", "13 رمضان 1445 هـ", "hijri", "2024-03-23", "day", None),
    ("رفض السبسي اليوم الأحد 19 فيفري 2016 التصريح بفحوى المكالمة",
     "اليوم الأحد 19 فيفري 2016", "gregorian", "2016-02-19", "day", "Sunday"),
    ("الذي أبرمته بلاده في 14 يوليو (تموز) 2015 مع القوى", "14 يوليو (تموز) 2015",
     "gregorian", "2015-07-14", "day", None),
    ("خلال شهر أبريل (نيسان) 2015 رسالة من أوباما", "أبريل (نيسان) 2015", "gregorian",
     "2015-04-01", "month", None),
    ("توصلت، في يوليو/تموز 2015، إلى اتفاق", "يوليو/تموز 2015", "gregorian", "2015-07-01",
     "month", None),
    ("الموقع بالصخيرات في ديسمبر 2015، برعاية الأمم المتحدة", "ديسمبر 2015", "gregorian",
     "2015-12-01", "month", None),
    ("وصل في 15 كانون الأول 2019 إلى بغداد", "15 كانون الأول 2019", "gregorian", "2019-12-15",
     "day", None),
    ("منذ كانون الثاني 2020 لم يتغير شيء", "كانون الثاني 2020", "gregorian", "2020-01-01",
     "month", None),
    ("يوم 3 جوان 2017 في تونس", "يوم 3 جوان 2017", "gregorian", "2017-06-03", "day", None),
    ("في 5 أوت 2017 وقعت", "5 أوت 2017", "gregorian", "2017-08-05", "day", None),
    ("وفي 10 مايو 2015 أعلن", "10 مايو 2015", "gregorian", "2015-05-10", "day", None),
    ("في 20 أيار 2015 أعلن", "20 أيار 2015", "gregorian", "2015-05-20", "day", None),
    ("على مساحات شاسعة من العراق وسوريا في 2014 .", "2014", "gregorian", "2014-01-01", "year",
     None),
    ("صدر القرار عام 1436 هـ في الرياض", "1436 هـ", "hijri", "2014-10-25", "year", None),
    ("صدر في 1436/10/10هـ عن الوزارة", "1436/10/10هـ", "hijri", "2015-07-26", "day", None),
    ("وصل يوم الاربعاء الى طهران", "يوم الاربعاء", "relative", None, "weekday", "Wednesday"),
    ("وصل إلى بغداد مساء أول من أمس في زيارة", "مساء أول من أمس", "relative", None, "day",
     None),
    ("قال مسؤول أمس الأحد إن", "أمس الأحد", "relative", None, "weekday", "Sunday"),
    ("وكانت المباحثات في October 27, 2020 مهمة", "October 27, 2020", "gregorian",
     "2020-10-27", "day", None),
    ("صدر في 12/25/2020 بيان", "12/25/2020", "gregorian", "2020-12-25", "day", None),
    ("صدر في 03.02.2021 بيان", "03.02.2021", "gregorian", "2021-02-03", "day", None),
]


@pytest.mark.parametrize(("text", "written", "calendar", "value", "precision", "weekday"),
                         FA_GOLDEN)
def test_persian_golden(run, text, written, calendar, value, precision, weekday):
    doc = run(text, "fa")
    m = _mention(doc, written)
    assert (m.calendar, m.value, m.precision, m.weekday) == (calendar, value, precision, weekday)
    assert m.rule
    _check_offsets(doc)


@pytest.mark.parametrize(("text", "written", "calendar", "value", "precision", "weekday"),
                         AR_GOLDEN)
def test_arabic_golden(run, text, written, calendar, value, precision, weekday):
    doc = run(text, "ar")
    m = _mention(doc, written)
    assert (m.calendar, m.value, m.precision, m.weekday) == (calendar, value, precision, weekday)
    _check_offsets(doc)


# Text that holds a date word or a number but no date.
FA_TRAPS = [
    "از رشادت‌های ملت ایران در جریان جنگ ۱۲ روزه اخیر تمجید کرد",
    "به گزارش خبرگزاری مهر، وزیر خارجه عراق با ظریف دیدار کرد",
    "به نقل از مهر، ۱۴۰۰ نفر در این مراسم شرکت کردند",
    "کد خبر: ۴۲۳۷۳۸",
    "انتهای پیام/341",
    "در دوره 147 مجلس",
    "او می خواهد ۱۰ می بیاید",
    "در این ماه اتفاقی نیفتاد",
    "سه کشور در این نشست شرکت کردند",
    "شماره تماس 021-88776655",
    "۱۳ نظر، ۰ در صف انتشار و ۱۳ تکراری",
    "امام جمعه تهران گفت",
    "رجب طیب اردوغان گفت",
    "صفر درصد رشد",
    "۳ تیرانداز دستگیر شدند",
    "۵ دیدار انجام شد",
    "آقای مهرداد بذرپاش گفت",
    "گروه سیاسی الف 4000709016 و 1576513",
]

AR_TRAPS = [
    "بغداد اليوم - بغداد",
    'وقال الحكيم في بيان تلقته "بغداد اليوم": أن',
    "المصدر: وكالة بغداد اليوم",
    "في نفس اليوم عصرا",
    "في اليوم الأول من الزيارة",
    "في أشغال الدورة 147 لمجلس جامعة الدول العربية",
    "على المادة 980 من الدستور",
    "قال أحد المسؤولين",
    "وزير الشؤون الخارجية خميس الجهيناوي",
    "أول وزير خارجية فرنسي يزور ايران في 12 عاما",
    "مع مجموعة 5+1",
    "بعد صلاة الجمعة",
    "وزير الخارجية الأمريكي جون كيري",
]


@pytest.mark.parametrize("text", FA_TRAPS)
def test_persian_traps_give_no_date(run, text):
    doc = run(text, "fa")
    assert doc.dates == [], [(m.text, m.rule) for m in doc.dates]
    assert doc.published is None


@pytest.mark.parametrize("text", AR_TRAPS)
def test_arabic_traps_give_no_date(run, text):
    doc = run(text, "ar")
    assert doc.dates == [], [(m.text, m.rule) for m in doc.dates]


def test_mehr_the_month_next_to_a_day_number_is_a_date(run):
    doc = run("به گزارش خبرگزاری مهر، این دیدار ۹ مهر ۱۴۰۰ انجام شد", "fa")
    assert [m.text for m in doc.dates] == ["۹ مهر ۱۴۰۰"]
    assert doc.dates[0].value == "2021-10-01"


def test_baghdad_today_in_a_sentence_is_today(run):
    doc = run("وصل الوزير إلى بغداد اليوم في زيارة", "ar")
    assert [(m.text, m.calendar) for m in doc.dates] == [("اليوم", "relative")]


# ----------------------------------------------------------------- weekday conflicts


@pytest.mark.parametrize(
    ("text", "lang", "written", "conflict"),
    [
        ("رفض السبسي اليوم الأحد 19 فيفري 2016 التصريح", "ar", "اليوم الأحد 19 فيفري 2016",
         True),  # ar_ant_05: 19 Feb 2016 was a Friday
        ("رفض السبسي اليوم الأحد 19 فيفري 2017 التصريح", "ar", "اليوم الأحد 19 فيفري 2017",
         False),
        ("رایزنی چهارشنبه 19 خرداد 1400 در بغداد", "fa", "چهارشنبه 19 خرداد 1400", False),
        ("رایزنی پنجشنبه 19 خرداد 1400 در بغداد", "fa", "پنجشنبه 19 خرداد 1400", True),
        ("مراسم ۱۵ بهمن ۱۳۹۹ (چهارشنبه) برگزار شد", "fa", "۱۵ بهمن ۱۳۹۹ (چهارشنبه)", False),
        ("مراسم ۱۵ بهمن ۱۳۹۹ (شنبه) برگزار شد", "fa", "۱۵ بهمن ۱۳۹۹ (شنبه)", True),
    ],
)
def test_weekday_conflict(run, text, lang, written, conflict):
    m = _mention(run(text, lang), written)
    assert m.weekday_conflict is conflict
    assert m.value is not None  # the value stays as written; the flag says not to trust it


def test_conflicting_stated_date_is_published_with_a_warning(run):
    doc = run("رفض رئيس الجمهورية اليوم الأحد 19 فيفري 2016 التصريح بفحوى المكالمة التي "
              "جمعته بترامب منذ يومين", "ar")
    assert doc.published == "2016-02-19"
    assert any("Sunday" in w for w in doc.warnings)
    assert _mention(doc, "منذ يومين").value == "2016-02-17"


def test_today_with_the_wrong_weekday_conflicts(run):
    doc = run("وزیر امروز (پنجشنبه) گفت", "fa", published="2021-10-01")  # a Friday
    m = _mention(doc, "امروز (پنجشنبه)")
    assert (m.value, m.weekday_conflict) == ("2021-10-01", True)


# ----------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("written", "value", "precision"),
    [
        ("امروز", "2021-10-01", "day"),
        ("دیروز", "2021-09-30", "day"),
        ("پریروز", "2021-09-29", "day"),
        ("فردا", "2021-10-02", "day"),
        ("روز گذشته", "2021-09-30", "day"),
        ("بعدازظهر پنجشنبه", "2021-09-30", "day"),  # fa_farex_18
        ("روز جمعه", "2021-10-01", "day"),  # the reference day's own weekday
        ("روز شنبه", "2021-09-25", "day"),  # the most recent Saturday on or before
        ("امروز (جمعه)", "2021-10-01", "day"),
        ("شنبه آینده", "2021-10-02", "day"),
        ("جمعه گذشته", "2021-09-24", "day"),
    ],
)
def test_persian_relative_resolution(run, written, value, precision):
    doc = run(f"خبر: وزیر {written} با همتای خود گفتگو کرد.", "fa", published="2021-10-01")
    m = _mention(doc, written)
    assert (m.value, m.precision, m.weekday_conflict) == (value, precision, False)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("أمس الأحد", "2015-07-26"),
        ("مساء أول من أمس", "2015-07-25"),
        ("منذ يومين", "2015-07-25"),
        ("غدا", "2015-07-28"),
        ("الليلة", "2015-07-27"),
        ("اليوم الاثنين", "2015-07-27"),
        ("مساء يوم الجمعة", "2015-07-24"),
        ("الأحد الماضي", "2015-07-26"),
        ("الاثنين المقبل", "2015-08-03"),
    ],
)
def test_arabic_relative_resolution(run, written, value):
    doc = run(f"قال الوزير {written} في مؤتمر صحافي", "ar", published="2015-07-27")  # Monday
    m = _mention(doc, written)
    assert (m.value, m.weekday_conflict) == (value, False)


def test_relative_dates_without_a_reference_stay_null(run):
    doc = run("أعلنت مصادر إيرانية أمس السبت: إن ظريف سيقوم يوم غد الأحد بزيارة. وقال صالحي "
              "اليوم إن", "ar")
    assert doc.published is None
    assert [m.value for m in doc.dates] == [None, None, None]
    assert [m.precision for m in doc.dates] == ["weekday", "weekday", "day"]


def test_bare_weekday_in_a_future_sentence_stays_null(run):
    doc = run("وزیر روز شنبه به تهران سفر خواهد کرد.", "fa", published="2021-10-01")
    m = _mention(doc, "روز شنبه")
    assert (m.value, m.precision, m.weekday) == (None, "weekday", "Saturday")


def test_relative_resolves_against_the_stated_date(run):
    text = ("رهبر انقلاب عصر امروز (سه شنبه) با الکاظمی دیدار کرد.\n"
            "تاریخ انتشار: ۳۱ تیر ۱۳۹۹\n")  # 2020-07-21, a Tuesday
    doc = run(text, "fa")
    assert doc.published == "2020-07-21"
    m = _mention(doc, "عصر امروز (سه شنبه)")
    assert (m.value, m.precision, m.weekday_conflict) == ("2020-07-21", "day", False)


# ----------------------------------------------------------------- years not written


def test_day_month_without_year_and_without_reference_is_null(run):
    doc = run("فواد حسین، صبح روز سه‌شنبه ۱۹ مرداد، با جواد ظریف دیدار کرد.", "fa")
    assert doc.dates[0].value is None  # fa_farex_07: 19 Mordad is a Tuesday in several years


@pytest.mark.parametrize(
    ("text", "lang", "published", "written", "value"),
    [
        ("وزارت خارجه ۲۴ خردادماه اعلام کرد", "fa", "2021-07-11", "۲۴ خردادماه", "2021-06-14"),
        ("صبح روز سه‌شنبه ۱۹ مرداد دیدار کرد", "fa", "2021-08-12", "صبح روز سه‌شنبه ۱۹ مرداد",
         "2021-08-10"),
        ("دیدار در ۲۸ اسفند انجام شد", "fa", "2021-04-02", "۲۸ اسفند", "2021-03-18"),
        ("المنعقد يومي 19 و20 فيفري الماضي", "ar", "2017-03-07", "20 فيفري الماضي",
         "2017-02-20"),
        ("المنعقد يومي 19 و20 فيفري الماضي", "ar", "2017-03-07", "19", "2017-02-19"),
        ("الاتفاق في 14 يوليو (تموز) الجاري", "ar", "2015-07-27", "14 يوليو (تموز) الجاري",
         "2015-07-14"),
        ("في يوليو/تموز الماضي، إلى اتفاق", "ar", "2015-08-03", "يوليو/تموز الماضي",
         "2015-07-01"),
        ("للقاء الملك في سبتمبر (أيلول) المقبل", "ar", "2015-07-23", "سبتمبر (أيلول) المقبل",
         "2015-09-01"),
        ("فواد حسین سپتامبر سال گذشته نیز به ایران سفر کرده بود", "fa", "2021-02-03",
         "سپتامبر سال گذشته", "2020-09-01"),
        ("اردیبهشت‌ماه سال جاری از ظریف خداحافظی کرد", "fa", "2021-07-11",
         "اردیبهشت‌ماه سال جاری", "2021-04-21"),
    ],
)
def test_missing_year_from_the_reference_date(run, text, lang, published, written, value):
    assert _mention(run(text, lang, published=published), written).value == value


def test_far_from_the_reference_no_year_is_inferred(run):
    # a month with no modifier and no day is not placed; a day-month is placed at most half a
    # year away from the reference date (here always possible), never guessed without one
    doc = run("در ماه اوت برگزار می شود", "fa", published="2021-02-03")
    assert _mention(doc, "ماه اوت").value is None


def test_parenthesised_equivalent_lends_its_year(run):
    doc = run("وی ۱۵ بهمن ۱۳۹۹ (3 فوریه) وارد تهران شد", "fa")
    assert _mention(doc, "3 فوریه").value == "2021-02-03"
    doc = run("وی ۱۵ بهمن (3 فوریه 2021) وارد تهران شد", "fa")
    assert _mention(doc, "۱۵ بهمن").value == "2021-02-03"
    doc = run("وی ۱۶ بهمن ۱۳۹۹ (3 فوریه) وارد تهران شد", "fa")  # they disagree: no year lent
    assert _mention(doc, "3 فوریه").value is None


# ----------------------------------------------------------------- date_for_span


def test_date_for_span_nearest_in_sentence(run):
    text = ("وزیر امروز با سفیر دیدار کرد. او روز شنبه با رئیس جمهور و در ۱۰ دی ۱۴۰۲ با "
            "وزیر دفاع دیدار کرد. سپس سخنرانی کرد.")
    doc = run(text, "fa")
    s1 = text.index(".") + 1
    s2 = text.index(".", s1) + 1
    doc.analysis.sentences = [Sentence(0, s1, 0), Sentence(s1 + 1, s2, 0),
                              Sentence(s2 + 1, len(text), 0)]
    cue = text.index("دیدار")
    assert date_for_span(doc, cue, cue + 5).text == "امروز"
    cue2 = text.index("وزیر دفاع")
    assert date_for_span(doc, cue2, cue2 + 9).text == "۱۰ دی ۱۴۰۲"
    cue3 = text.index("رئیس جمهور")
    assert date_for_span(doc, cue3, cue3 + 10).text == "روز شنبه"
    cue4 = text.index("سخنرانی")
    assert date_for_span(doc, cue4, cue4 + 7) is None


def test_date_for_span_without_sentences_uses_the_whole_text(run):
    text = "وزیر امروز با سفیر دیدار کرد و گفت"
    doc = run(text, "fa")
    assert doc.analysis.sentences == []
    cue = text.index("گفت")
    assert date_for_span(doc, cue, cue + 3).text == "امروز"
    assert date_for_span(run("بدون تاریخ", "fa"), 0, 4) is None


# ----------------------------------------------------------------- metadata and clitics


LABELLED = "کد خبر: ۴۲۳۷۳۸\nتاریخ انتشار: ۰۶ آبان ۱۳۹۹ - ۲۰:۰۰\nولایتی امروز گفت"


def test_metadata_published_agreeing_with_the_text(run):
    doc = run(LABELLED, "fa", published="2020-10-27")
    assert (doc.published, doc.warnings) == ("2020-10-27", [])


def test_metadata_published_is_kept_but_a_contradiction_is_reported(run):
    doc = run(LABELLED, "fa", published="2020-10-28")
    assert doc.published == doc.analysis.reference_date == "2020-10-28"
    assert any("2020-10-27" in w for w in doc.warnings)
    assert _mention(doc, "امروز").value == "2020-10-28"


def test_invalid_metadata_published_gives_way_to_the_text(run):
    doc = run(LABELLED, "fa", published="1399/08/06")
    assert doc.published == "2020-10-27"
    assert any("not a date" in w for w in doc.warnings)


def test_metadata_alone_is_the_reference(run):
    doc = run("الأمير محمد بن سلمان يجري اليوم اتصالاً هاتفياً", "ar", published="2015-07-26")
    assert _mention(doc, "اليوم").value == "2015-07-26"


def test_unmarked_date_is_not_the_publication_date(run):
    doc = run("مسعود پزشکیان شامگاه یکشنبه ۱۶ شهریور ۱۴۰۴، در دیدار آقای حکیم گفت", "fa")
    assert doc.published is None


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("وقال واليوم الأحد 19 فيفري 2017 في تونس", "اليوم الأحد 19 فيفري 2017", "2017-02-19"),
        ("ما حدث بالأمس في", "الأمس", "2015-07-26"),
        ("وأمس قال الوزير", "أمس", "2015-07-26"),
    ],
)
def test_arabic_clitics(run, text, written, value):
    doc = run(text, "ar", published="2015-07-27" if "2017" not in text else None)
    assert _mention(doc, written).value == value


def test_today_before_ila_is_today():
    """"وصلت ... اليوم إلى ملكار": إلى folds to الی, but it is a preposition, not an adjective."""
    from types import SimpleNamespace

    from didar.dates.extract import find_dates
    from didar.dates.resources import load_date_resources
    from didar.record import Document
    from didar.text.normalize import fold

    doc = Document(text="وصلت الوزيرة اليوم إلى بغداد في زيارة رسمية.", language="ar",
                   published="2023-03-14")
    doc.analysis.key, doc.analysis.key_to_text = fold(doc.text)
    doc = find_dates(doc, SimpleNamespace(dates=load_date_resources()))
    assert [(d.text, d.value) for d in doc.dates] == [("اليوم", "2023-03-14")]
