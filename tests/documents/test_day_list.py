from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cartclinic.documents import write_day_list
from cartclinic.documents.day_list import group_rows, plan_day_list
from cartclinic.documents.drawing import Page
from cartclinic.documents.fonts import document_font
from cartclinic.documents.pdf_file import page_geometry

if TYPE_CHECKING:
    from conftest import Factory, PdfFacts

Inspect = Callable[[Path], "PdfFacts"]


def test_worklist_columns_and_groups(tmp_path: Path, make: Factory, inspect_pdf: Inspect) -> None:
    rows = (make.row(1, "overdue"), make.row(2, "due"), make.row(3, "upcoming"),
            make.row(4, "due", name="王秀英"))
    out = tmp_path / "day.pdf"
    assert write_day_list(out, make.day_list(rows)) == 1
    text = inspect_pdf(out).text()
    for expected in ("Clinic worklist — Tuesday 12 January 2027", "Status", "Patient", "MRN",
                     "Phone", "Protocol", "Visit", "Scheduled", "Window", "Days late",
                     "Overdue (1)", "Due (2)", "Upcoming (1)", "王秀英", "MRN-000001",
                     "555 0100", "b-all-cd19", "D28", "Day 28 response assessment",
                     "11 Jan 2027", "8–18 Jan 2027", "Printed 12 Jan 2027 07:45 by li.na",
                     "Page 1 of 1", "Confidential — patient information"):
        assert expected in text, expected
    assert text.index("Overdue (1)") < text.index("Due (2)") < text.index("Upcoming (1)")


def test_groups_keep_the_callers_order_within_a_status(make: Factory) -> None:
    rows = (make.row(5, "due"), make.row(1, "overdue"), make.row(3, "due"),
            make.row(2, "overdue"), make.row(4, "missed"))
    grouped = group_rows(rows)
    assert [status for status, _ in grouped] == ["overdue", "due", "missed"]
    assert [r.visit.visit_id for r in grouped[0][1]] == [1, 2]
    assert [r.visit.visit_id for r in grouped[1][1]] == [5, 3]


def test_thirty_rows_fit_one_a4_page(tmp_path: Path, make: Factory) -> None:
    rows = tuple(make.row(n, "overdue" if n < 5 else "due") for n in range(30))
    assert write_day_list(tmp_path / "day.pdf", make.day_list(rows)) == 1


def test_seventy_rows_span_pages_with_headers_on_each(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect,
    text_on_paper: Callable[[PdfFacts], None],
) -> None:
    flagged = ("no clinic day in window",)
    rows = tuple(make.row(n, visit=make.visit(n, status="overdue" if n < 40 else "due",
                                              flags=flagged if n % 7 == 0 else ()))
                 for n in range(70))
    out = tmp_path / "day.pdf"
    pages = write_day_list(out, make.day_list(rows))
    assert pages >= 3
    pdf = inspect_pdf(out)
    text_on_paper(pdf)
    for i in range(pages):
        page = pdf.page_text(i)
        for heading in ("Patient", "MRN", "Phone", "Window", "Days late"):
            assert heading in page, (i, heading)
        assert f"Page {i + 1} of {pages}" in page
        assert "Clinic worklist" in page
    assert "Overdue (continued)" in pdf.page_text(1)
    every = pdf.text()
    assert all(f"MRN-{n:06d}" in every for n in range(70))


def test_rows_stay_inside_the_frame(make: Factory,
                                    inside_frame: Callable[[list[Page]], None]) -> None:
    long = "Zoë Ångström-Núñez 王秀英 " * 20
    rows = tuple(make.row(n, "overdue", name=long, phone=long, mrn=long,
                          visit=make.visit(n, label=long, protocol=long, flags=(long,),
                                           status="overdue", days_late=99999))
                 for n in range(45))
    for paper in ("A4", "Letter"):
        pages = plan_day_list(make.day_list(rows), page_geometry(paper, landscape=True),
                              document_font().name)
        assert len(pages) >= 2
        inside_frame(pages)


def test_an_empty_day_prints_a_page_saying_so(tmp_path: Path, make: Factory,
                                              inspect_pdf: Inspect) -> None:
    out = tmp_path / "day.pdf"
    assert write_day_list(out, make.day_list(())) == 1
    assert "No visits on this day." in inspect_pdf(out).text()
