"""The "your date has changed" letter (rule 13): after a change of the clinic's opening days
moved a patient's visits, one page per patient says which visit moved from which day to which,
in the patient's words, in one PDF for the whole batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .data import ClinicInfo, PatientInfo
from .drawing import ASCENT, BLACK, GREY, INK, Geometry, Page
from .fonts import document_font
from .human_dates import long_date, short_datetime, weekday_date
from .patient_letter import _Flow
from .pdf_file import Footer, PathLike, Progress, add_footers, page_geometry, write_pdf
from .wording import text


@dataclass(frozen=True)
class DateChange:
    code: str
    label: str
    old: date
    new: date


@dataclass(frozen=True)
class DateChangedLetter:
    clinic: ClinicInfo
    patient: PatientInfo
    changes: tuple[DateChange, ...]  # in date order
    today: date
    printed_at: datetime


def change_sentence(change: DateChange, language: str) -> str:
    return text(language, "changed.line", label=change.label, code=change.code,
                new=weekday_date(change.new, language), old=weekday_date(change.old, language))


def plan_date_changed_letter(letter: DateChangedLetter, geometry: Geometry,
                             font: str) -> list[Page]:
    language = letter.clinic.language
    flow = _Flow(letter, geometry, font)  # type: ignore[arg-type]  # patient and clinic only
    page, g = flow.page, geometry
    day = long_date(letter.today, language)
    day_w = page.text(g.right, g.top - ASCENT * 10, day, 10, color=INK, align="right")
    page.text(g.left, g.top - ASCENT * 15, letter.clinic.name, 15, bold=True, color=BLACK,
              max_width=g.frame_width - day_w - 24, min_size=10)
    y = g.top - 21
    for detail in (letter.clinic.address, letter.clinic.phone):
        if detail:
            page.text(g.left, y - ASCENT * 9, detail, 9, color=GREY)
            y -= 12
    page.rule(y - 4, width=1.0, color=INK)
    y -= 22
    page.text(g.left, y - ASCENT * 14, text(language, "changed.title"), 14, bold=True,
              color=BLACK)
    y -= 24
    page.text(g.left, y - ASCENT * 11, letter.patient.name, 11, bold=True, color=BLACK,
              min_size=8)
    y -= 15
    page.text(g.left, y - ASCENT * 9, text(language, "letter.ref", mrn=letter.patient.mrn), 9,
              color=GREY)
    flow.y = y - 24
    flow.paragraph(text(language, "letter.dear", name=letter.patient.name), gap=6)
    flow.paragraph(text(language, "changed.intro"))
    for change in letter.changes:
        flow.paragraph(change_sentence(change, language), indent=16, gap=6)
    flow.y -= 4
    flow.paragraph(text(language, "changed.closing"))
    phone = letter.clinic.phone
    flow.paragraph(text(language, "letter.questions_phone", phone=phone) if phone
                   else text(language, "letter.questions"), gap=12)
    flow.paragraph(text(language, "letter.regards"), gap=2)
    flow.paragraph(text(language, "letter.team", clinic=letter.clinic.name), bold=True)
    return flow.pages


def write_date_changed_letters(path: PathLike, letters: Sequence[DateChangedLetter],
                               progress: Progress | None = None) -> int:
    """One "your date has changed" letter per patient (a page each), in one file."""
    if not letters:
        raise ValueError("There are no moved visits to write letters about.")
    font = document_font().name
    units: list[list[Page]] = []
    footers: list[Footer] = []
    for letter in letters:
        language = letter.clinic.language
        units.append(plan_date_changed_letter(letter, page_geometry(letter.clinic.paper), font))
        printed = text(language, "printed", when=short_datetime(letter.printed_at, language))
        footers += [Footer(printed, language)] * len(units[-1])
    add_footers([page for unit in units for page in unit], footers)
    first = letters[0]
    return write_pdf(path, units, title=text(first.clinic.language, "changed.title"),
                     author=first.clinic.name, language=first.clinic.language,
                     progress=progress)
