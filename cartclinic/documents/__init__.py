"""Printed documents: visit sheets, the day's worklist and the patient's letter.

Plain data in, a PDF file out. Nothing here reads the roster or imports Qt, so the command line
and a worker thread of the application can both print. Every function writes the whole file
or nothing (see `pdf_file`), returns the number of pages, raises `PrintCancelled` when the
progress callback says stop, and lets I/O problems out as `OSError` for the caller to report.
"""

from collections.abc import Sequence

from .data import (
    ClinicInfo,
    DayList,
    DayListRow,
    DaySection,
    LabValue,
    PatientInfo,
    PatientLetter,
    ResultLine,
    TreatmentInfo,
    VisitLine,
    VisitSheet,
)
from .day_list import plan_day_list
from .drawing import Page
from .fonts import document_font
from .human_dates import short_date, short_datetime
from .patient_letter import plan_patient_letter
from .pdf_file import (
    Footer,
    PathLike,
    PrintCancelled,
    Progress,
    add_footers,
    page_geometry,
    write_pdf,
)
from .visit_sheet import plan_visit_sheet
from .wording import printing_in, text

__all__ = [
    "ClinicInfo",
    "DayList",
    "DayListRow",
    "DaySection",
    "LabValue",
    "PatientInfo",
    "PatientLetter",
    "PrintCancelled",
    "ResultLine",
    "TreatmentInfo",
    "VisitLine",
    "VisitSheet",
    "write_day_list",
    "write_patient_letter",
    "write_visit_sheets",
]


def write_visit_sheets(
    path: PathLike, sheets: Sequence[VisitSheet], progress: Progress | None = None
) -> int:
    """One visit sheet per visit (a page each, more if its checklist is long), in one file."""
    if not sheets:
        raise ValueError("There are no visits to print sheets for.")
    font = document_font().name
    units: list[list[Page]] = []
    footers: list[Footer] = []
    for sheet in sheets:
        language = sheet.clinic.language
        with printing_in(language):
            units.append(plan_visit_sheet(sheet, page_geometry(sheet.clinic.paper), font))
        printed = text(language, "printed_by", who=sheet.printed_by,
                       when=short_datetime(sheet.printed_at, language))
        footers += [Footer(printed, language)] * len(units[-1])
    add_footers([page for unit in units for page in unit], footers)
    first = sheets[0]
    return write_pdf(path, units, title=text(first.clinic.language, "sheet.pdf_title"),
                     author=first.clinic.name, language=first.clinic.language, progress=progress)


def write_day_list(path: PathLike, day_list: DayList) -> int:
    """The worklist of one clinic day, overdue visits first, as a table."""
    font = document_font().name
    language = day_list.clinic.language
    geometry = page_geometry(day_list.clinic.paper, landscape=True)
    with printing_in(language):
        pages = plan_day_list(day_list, geometry, font)
    printed = text(language, "printed_by", who=day_list.printed_by,
                   when=short_datetime(day_list.printed_at, language))
    if day_list.audit_anchor:
        printed += " \u00b7 " + text(language, "audit_anchor", anchor=day_list.audit_anchor)
    add_footers(pages, Footer(printed, language))
    title = f"{text(language, 'day.title')} {short_date(day_list.day, language)}"
    return write_pdf(path, [pages], title=title, author=day_list.clinic.name, language=language)


def write_patient_letter(path: PathLike, letter: PatientLetter) -> int:
    """A letter for the patient to take home: coming visits in plain words and a timeline."""
    language = letter.clinic.language
    font = document_font().name
    geometry = page_geometry(letter.clinic.paper)
    pages = plan_patient_letter(letter, geometry, font)
    printed = text(language, "printed", when=short_datetime(letter.printed_at, language))
    add_footers(pages, Footer(printed, language))
    return write_pdf(path, [pages], title=text(language, "letter.title"),
                     author=letter.clinic.name, language=language)
