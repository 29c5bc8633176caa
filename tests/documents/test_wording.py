import string
from datetime import date, datetime

import pytest

from cartclinic.documents.glyphs import drawable
from cartclinic.documents.human_dates import (
    age_on,
    day_number,
    long_range,
    short_date,
    short_datetime,
    short_range,
    weekday_date,
)
from cartclinic.documents.wording import TABLES, status_word, text


def test_both_languages_have_the_same_phrases_and_fields() -> None:
    en, zh = TABLES["en"], TABLES["zh"]
    assert en.keys() == zh.keys()
    for key in en:
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en[key]) if f}
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh[key]) if f}
        assert fields_en == fields_zh, key


def test_unknown_status_is_shown_as_it_came() -> None:
    assert status_word("en", "overdue") == "Overdue"
    assert status_word("zh", "done") == "已完成"
    assert status_word("en", "on hold") == "on hold"
    assert text("zh-CN", "letter.today") == "今天"


@pytest.mark.parametrize(
    "function,args,expected",
    [
        (short_date, (date(2027, 1, 12),), "12 Jan 2027"),
        (short_date, (date(2027, 1, 12), "zh"), "2027年1月12日"),
        (weekday_date, (date(2027, 1, 12),), "Tuesday 12 January 2027"),
        (weekday_date, (date(2027, 1, 12), "zh"), "2027年1月12日（星期二）"),
        (weekday_date, (date(2027, 1, 17), "zh"), "2027年1月17日（星期日）"),
        (long_range, (date(2027, 1, 5), date(2027, 1, 19)), "5 to 19 January 2027"),
        (long_range, (date(2027, 2, 28), date(2027, 3, 10)), "28 February to 10 March 2027"),
        (long_range, (date(2026, 12, 28), date(2027, 1, 11)),
         "28 December 2026 to 11 January 2027"),
        (long_range, (date(2027, 1, 5), date(2027, 1, 19), "zh"), "2027年1月5日至19日"),
        (long_range, (date(2027, 2, 28), date(2027, 3, 10), "zh"), "2027年2月28日至3月10日"),
        (long_range, (date(2026, 12, 28), date(2027, 1, 11), "zh"),
         "2026年12月28日至2027年1月11日"),
        (short_range, (date(2027, 1, 5), date(2027, 1, 19)), "5–19 Jan 2027"),
        (short_range, (date(2027, 2, 28), date(2027, 3, 10)), "28 Feb – 10 Mar 2027"),
        (short_range, (date(2026, 12, 28), date(2027, 1, 11)), "28 Dec 2026 – 11 Jan 2027"),
        (short_range, (date(2027, 1, 5), date(2027, 1, 5)), "5 Jan 2027"),
        (short_datetime, (datetime(2027, 1, 12, 7, 5),), "12 Jan 2027 07:05"),
        (day_number, (28,), "Day +28"),
        (day_number, (0,), "Day 0"),
        (day_number, (-3,), "Day \u22123"),
    ],
)
def test_dates_for_humans(function: object, args: tuple[object, ...], expected: str) -> None:
    assert function(*args) == expected  # type: ignore[operator]


@pytest.mark.parametrize(
    "born,on,age",
    [
        (date(1961, 3, 8), date(2027, 3, 7), 65),
        (date(1961, 3, 8), date(2027, 3, 8), 66),
        (date(2000, 2, 29), date(2027, 2, 28), 26),  # a leap-day birthday, not yet
        (date(2000, 2, 29), date(2027, 3, 1), 27),
        (date(2027, 1, 2), date(2027, 1, 1), None),  # born after the visit: a data error
    ],
)
def test_age_on_the_visit_day(born: date, on: date, age: int | None) -> None:
    assert age_on(born, on) == age


def test_missing_superscripts_become_carets_not_other_numbers() -> None:
    from cartclinic.documents.fonts import document_font

    font = document_font()
    if not font.embedded:
        pytest.skip("the built-in CID font has no glyph table to consult")
    assert drawable("×10⁹/L", font.name) in ("×10⁹/L", "×10^9/L")
    assert drawable("王秀英 Zoë", font.name) == "王秀英 Zoë"
