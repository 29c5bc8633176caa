from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartclinic.documents import write_patient_letter
from cartclinic.documents.drawing import Marker, Page
from cartclinic.documents.fonts import document_font
from cartclinic.documents.patient_letter import plan_patient_letter, visit_sentences
from cartclinic.documents.pdf_file import page_geometry
from cartclinic.documents.status_marks import STATUS_MARKS

if TYPE_CHECKING:
    from conftest import Factory, PdfFacts

Inspect = Callable[[Path], "PdfFacts"]
TODAY = date(2027, 1, 10)


def _coming(make: Factory, **kw: object) -> object:
    return make.visit(2, 29, scheduled=date(2027, 1, 12), window_start=date(2027, 1, 5),
                      window_end=date(2027, 1, 19), status="due", **kw)


def test_english_letter_says_when_to_come_in_plain_words(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect
) -> None:
    zoe = make.patient(name="Zoë Ångström-Núñez", mrn="MRN-102938")
    letter = make.letter(patient=zoe, today=TODAY)
    out = tmp_path / "letter.pdf"
    assert write_patient_letter(out, letter) == 1
    text = inspect_pdf(out).text()
    assert ("Please come on Tuesday 12 January 2027. If that day does not suit you, any day "
            "from 10 to 19 January 2027 is fine.") in text
    for expected in ("Dear Zoë Ångström-Núñez,", "MRN-102938", "Day 28 response assessment",
                     "Riverside Follow-up Clinic", "+44 20 7946 0000", "1 Riverside Rd",
                     "Your follow-up at a glance", "Kymriah", "14 December 2026",
                     "Page 1 of 1", "Confidential — patient information", "Printed"):
        assert expected in text, expected


@pytest.mark.parametrize(
    "status,scheduled,today,expected",
    [
        ("upcoming", date(2027, 1, 12), date(2027, 1, 2),
         "Please come on Tuesday 12 January 2027. If that day does not suit you, any day from "
         "5 to 19 January 2027 is fine. Please call us before you come on another day."),
        ("due", date(2027, 1, 12), date(2027, 1, 15),
         "This visit was planned for Tuesday 12 January 2027. Please come as soon as you can, "
         "at the latest on Tuesday 19 January 2027."),
        ("overdue", date(2027, 1, 12), date(2027, 1, 25),
         "This visit was due by Tuesday 19 January 2027 and has not happened yet. Please call "
         "us soon to arrange a new date."),
    ],
)
def test_sentence_per_situation(make: Factory, status: str, scheduled: date, today: date,
                                expected: str) -> None:
    visit = make.visit(scheduled=scheduled, window_start=date(2027, 1, 5),
                       window_end=date(2027, 1, 19), status=status)
    assert visit_sentences(visit, today, "en") == expected


def test_a_window_of_one_day_offers_no_alternatives(make: Factory) -> None:
    day = date(2027, 1, 12)
    visit = make.visit(scheduled=day, window_start=day, window_end=day, status="upcoming")
    assert visit_sentences(visit, TODAY, "en") == "Please come on Tuesday 12 January 2027."


def test_chinese_letter(tmp_path: Path, make: Factory, inspect_pdf: Inspect) -> None:
    letter = make.letter(clinic=make.clinic(language="zh"), today=TODAY)
    out = tmp_path / "letter.pdf"
    write_patient_letter(out, letter)
    text = inspect_pdf(out).text_no_spaces()
    for expected in ("尊敬的王秀英：", "您的随访安排", "请于2027年1月12日（星期二）来院复查。",
                     "如该日不便，2027年1月10日至19日之间的任何一天均可。", "随访安排一览",
                     "第1页，共1页", "保密——患者个人信息", "病历号：MRN-000417", "今天"):
        assert expected in text, expected


def test_timeline_shows_each_status_by_shape_and_a_legend(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect,
    inside_frame: Callable[[list[Page]], None],
) -> None:
    statuses = ("done", "missed", "cancelled", "overdue", "due", "upcoming")
    schedule = tuple(make.visit(i, 7 + 30 * i, status=s) for i, s in enumerate(statuses))
    letter = make.letter(schedule=schedule, coming_visits=schedule[3:], today=TODAY)
    pages = plan_patient_letter(letter, page_geometry("A4"), document_font().name)
    inside_frame(pages)
    shapes = {op.shape for page in pages for op in page.ops if isinstance(op, Marker)}
    assert {STATUS_MARKS[s][0] for s in statuses} <= shapes
    assert len({STATUS_MARKS[s][0] for s in statuses}) == len(statuses)  # not colour alone

    out = tmp_path / "letter.pdf"
    write_patient_letter(out, letter)
    text = inspect_pdf(out).text()
    for word in ("Done", "Missed", "Cancelled", "Overdue", "Due", "Upcoming", "Today",
                 "Infusion"):
        assert word in text, word


def test_fifteen_years_of_visits_stay_short_and_inside_the_frame(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect,
    inside_frame: Callable[[list[Page]], None], text_on_paper: Callable[[PdfFacts], None],
) -> None:
    days = [1, 2, 3, 4, 5, 6, 7, 10, 14, 21, 28, 61, 92, 122, 153, 182, 273, 365, 548]
    days += [365 * y for y in range(2, 16)]
    schedule = tuple(make.visit(i, d, status="done" if d < 25 else "upcoming",
                                label="Year long-term follow-up " * 4)
                     for i, d in enumerate(days))
    coming = tuple(v for v in schedule if v.status == "upcoming")
    long_name = "王秀英 Zoë Ångström-Núñez " * 12
    for language in ("en", "zh"):
        letter = make.letter(schedule=schedule, coming_visits=coming, today=TODAY,
                             patient=make.patient(name=long_name),
                             clinic=make.clinic(language=language, name=long_name))
        pages = plan_patient_letter(letter, page_geometry("Letter"), document_font().name)
        inside_frame(pages)
        assert len(pages) <= 2
        out = tmp_path / f"{language}.pdf"
        write_patient_letter(out, letter)
        text_on_paper(inspect_pdf(out))


def test_a_patient_with_nothing_coming(tmp_path: Path, make: Factory,
                                       inspect_pdf: Inspect) -> None:
    letter = make.letter(coming_visits=(), schedule=(), treatments=(), today=TODAY)
    write_patient_letter(tmp_path / "l.pdf", letter)
    assert "You have no visits planned at the moment." in inspect_pdf(tmp_path / "l.pdf").text()


def test_reinfusion_marks_both_infusions(make: Factory) -> None:
    first = make.treatment()
    second = replace(first, infusion_date=first.infusion_date + timedelta(days=200))
    letter = make.letter(treatments=(first, second), today=TODAY)
    pages = plan_patient_letter(letter, page_geometry("A4"), document_font().name)
    purple = [op for op in pages[0].ops if getattr(op, "color", None) == (0.35, 0.10, 0.55)]
    assert len(purple) >= 2 + 1  # one bar per infusion on the first row, plus the legend


_words = st.text(alphabet=st.sampled_from("ab Zoë Å-王秀英随访 ABCDEFGHIJ/(),.0123456789"),
                 max_size=150)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(min_size=1, max_size=300),
    label=_words,
    offsets=st.lists(st.integers(0, 6000), max_size=45),
    today_offset=st.integers(-30, 7000),
    language=st.sampled_from(["en", "zh"]),
    paper=st.sampled_from(["A4", "Letter"]),
)
def test_any_letter_stays_inside_its_frame(
    make: Factory, inside_frame: Callable[[list[Page]], None], name: str, label: str,
    offsets: list[int], today_offset: int, language: str, paper: str,
) -> None:
    statuses = ("done", "missed", "cancelled", "overdue", "due", "upcoming", "prior")
    schedule = tuple(make.visit(i, d, label=label, status=statuses[i % len(statuses)])
                     for i, d in enumerate(sorted(offsets)))
    coming = tuple(v for v in schedule if v.status in ("overdue", "due", "upcoming"))
    letter = make.letter(
        clinic=make.clinic(language=language, paper=paper, name=label, address=label),
        patient=make.patient(name=name), schedule=schedule, coming_visits=coming,
        today=make.treatment().infusion_date + timedelta(days=today_offset),
    )
    inside_frame(plan_patient_letter(letter, page_geometry(paper), document_font().name))


def test_only_visits_to_come_are_offered(make: Factory) -> None:
    stale = make.visit(scheduled=date(2027, 1, 12), window_start=date(2027, 1, 5),
                       window_end=date(2027, 1, 19), status="upcoming")
    # a status worked out weeks ago does not make a passed window into an invitation
    assert visit_sentences(stale, date(2027, 2, 1), "en").startswith("This visit was due by")
    done = make.visit(1, 40, status="done", label="Already done visit")
    cancelled = make.visit(2, 50, status="cancelled", label="Cancelled visit")
    letter = make.letter(coming_visits=(done, cancelled), today=TODAY)
    pages = plan_patient_letter(letter, page_geometry("A4"), document_font().name)
    drawn = " ".join(op.text for op in pages[0].ops if hasattr(op, "text"))
    assert "Already done visit" not in drawn and "Cancelled visit" not in drawn
    assert "You have no visits planned at the moment." in drawn


def test_fifteen_years_of_visits_still_fit_one_page_with_the_contact(make: Factory) -> None:
    """A patient early in LTFU has a dozen yearly visits to come: the letter lists the next few,
    sums up the rest, and keeps the clinic's phone number on the first page."""
    import tempfile
    from pathlib import Path

    from pypdf import PdfReader

    from cartclinic.documents import write_patient_letter

    yearly = tuple(
        make.visit(10 + n, 365 * n, code=f"Y{n}", label=f"Year {n} long-term follow-up",
                   kind="ltfu", status="upcoming")
        for n in range(2, 16)
    )
    letter = make.letter(clinic=make.clinic(language="zh"), coming_visits=yearly,
                         schedule=yearly)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "letter.pdf"
        write_patient_letter(out, letter)
        first = PdfReader(out).pages[0].extract_text()
    assert letter.clinic.phone and letter.clinic.phone in first
    assert "此后还有" in first


def _open(first: date, last: date, closed: set[date] = frozenset()) -> tuple[date, ...]:
    """Weekdays from first to last, less `closed` (a Saturday-Sunday clinic with holidays)."""
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return tuple(d for d in days if d.weekday() < 5 and d not in closed)


@pytest.mark.parametrize(
    "window_start,window_end,scheduled,today,closed,expected",
    [
        # a two-week window over two weekends: three runs of open days, each named
        (date(2027, 1, 5), date(2027, 1, 19), date(2027, 1, 12), date(2027, 1, 2), set(),
         "Please come on Tuesday 12 January 2027. If that day does not suit you, you may also "
         "come on 5 to 8 January 2027, 11 to 15 January 2027 and 18 to 19 January 2027. Please "
         "call us before you come on another day."),
        # over Christmas and New Year (UK holidays closed): no weekend, no holiday offered
        (date(2026, 12, 21), date(2027, 1, 4), date(2026, 12, 29), date(2026, 12, 1),
         {date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)},
         "Please come on Tuesday 29 December 2026. If that day does not suit you, you may also "
         "come on 21 to 24 December 2026, 29 to 31 December 2026 and 4 January 2027. Please "
         "call us before you come on another day."),
        # a long yearly window: the open-day range, said once
        (date(2027, 10, 2), date(2027, 12, 31), date(2027, 11, 1), date(2027, 9, 1), set(),
         "Please come on Monday 1 November 2027. If that day does not suit you, any day the "
         "clinic is open from 4 October to 31 December 2027 is fine. Please call us before you "
         "come on another day."),
        # a window whose only open day is the booked one: nothing else is offered
        (date(2027, 1, 9), date(2027, 1, 11), date(2027, 1, 11), date(2027, 1, 2), set(),
         "Please come on Monday 11 January 2027."),
    ],
)
def test_rule_13_a_letter_offers_only_the_days_the_clinic_is_open(
        make: Factory, window_start: date, window_end: date, scheduled: date, today: date,
        closed: set[date], expected: str) -> None:
    visit = make.visit(scheduled=scheduled, window_start=window_start, window_end=window_end,
                       status="upcoming", open_days=_open(window_start, window_end, closed))
    assert visit_sentences(visit, today, "en") == expected


def test_rule_13_a_chinese_letter_offers_only_open_days(make: Factory) -> None:
    visit = make.visit(scheduled=date(2027, 1, 12), window_start=date(2027, 1, 5),
                       window_end=date(2027, 1, 19), status="upcoming",
                       open_days=_open(date(2027, 1, 5), date(2027, 1, 19)))
    assert visit_sentences(visit, date(2027, 1, 2), "zh") == (
        "请于2027年1月12日（星期二）来院复查。如该日不便，也可在2027年1月5日至8日、2027年1月11日至15日"
        "或2027年1月18日至19日来诊。如需改在其他日期，请先致电我们。")
