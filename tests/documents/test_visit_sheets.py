from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartclinic.documents import PrintCancelled, write_visit_sheets
from cartclinic.documents.drawing import Page
from cartclinic.documents.fonts import document_font
from cartclinic.documents.pdf_file import page_geometry
from cartclinic.documents.visit_sheet import plan_visit_sheet

if TYPE_CHECKING:
    from conftest import Factory, PdfFacts

Inspect = Callable[[Path], "PdfFacts"]


def test_one_page_per_sheet_with_everything_a_nurse_needs(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect
) -> None:
    out = tmp_path / "sheets.pdf"
    zoe = make.patient(mrn="MRN-102938", name="Zoë Ångström-Núñez", date_of_birth=date(1994, 11, 30))
    sheets = [make.sheet(), make.sheet(patient=zoe, visit=make.visit(2, 61, label="Month 2"))]

    assert write_visit_sheets(out, sheets) == 2

    pdf = inspect_pdf(out)
    assert pdf.pages == 2
    first, second = pdf.page_text(0), pdf.page_text(1)
    for expected in ("王秀英", "MRN-000417", "Day 28 response assessment", "D28", "Kymriah",
                     "CD19", "14 Dec 2026", "Day +28", "11 Jan 2027", "8–18 Jan 2027",
                     "8 Mar 1961 (age 65 on visit day)", "IgG 3.1 g/L < 4 g/L",
                     "MRD-negative", "Month 2 monitoring", "Bone marrow MRD",
                     "Printed 12 Jan 2027 07:45 by li.na", "Page 1 of 2",
                     "Confidential — patient information", "Seen by", "Signature"):
        assert expected in first, expected
    assert "Zoë Ångström-Núñez" in second
    assert "MRN-102938" in second
    assert "Day +61" in second
    assert "Page 2 of 2" in second


def test_days_late_and_flags_are_shown(tmp_path: Path, make: Factory, inspect_pdf: Inspect) -> None:
    visit = make.visit(status="overdue", days_late=12, flags=("no clinic day in window",))
    write_visit_sheets(tmp_path / "s.pdf", [make.sheet(visit=visit)])
    text = inspect_pdf(tmp_path / "s.pdf").text()
    assert "Overdue · 12 days late" in text
    assert "no clinic day in window" in text


def test_superscript_units_never_lose_their_exponent(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect
) -> None:
    write_visit_sheets(tmp_path / "s.pdf", [make.sheet()])
    text = inspect_pdf(tmp_path / "s.pdf").text()
    assert "×10⁹/L" in text or "×10^9/L" in text
    assert "×109/L" not in text


def test_long_name_many_assessments_and_no_results_still_fit(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect,
    inside_frame: Callable[[list[Page]], None], text_on_paper: Callable[[PdfFacts], None],
) -> None:
    long_name = ("Zoë Ångström-Núñez " * 16)[:300]
    assessments = tuple(f"Assessment {i}: neurological examination and handwriting sample"
                        for i in range(1, 41))
    sheet = make.sheet(patient=make.patient(name=long_name),
                       visit=make.visit(assessments=assessments), recent_results=(),
                       clinical_flags=())
    pages = plan_visit_sheet(sheet, page_geometry("A4"), document_font().name)
    inside_frame(pages)
    assert len(pages) == 2  # the checklist continues rather than overflowing

    out = tmp_path / "long.pdf"
    assert write_visit_sheets(out, [sheet]) == 2
    pdf = inspect_pdf(out)
    text_on_paper(pdf)
    text = pdf.text()
    assert "No results recorded yet." in text
    assert "Assessment 1:" in text and "Assessment 40:" in text
    assert "…" in pdf.page_text(0)  # the name was cut, visibly
    second = pdf.page_text(1)
    assert "MRN-000417" in second and "continued" in second  # a loose page names its patient


def test_sheet_without_assessments_or_next_visits(tmp_path: Path, make: Factory,
                                                  inspect_pdf: Inspect) -> None:
    sheet = make.sheet(visit=make.visit(assessments=()), next_visits=(),
                       patient=make.patient(date_of_birth=None, sex="", phone=""))
    assert write_visit_sheets(tmp_path / "s.pdf", [sheet]) == 1
    text = inspect_pdf(tmp_path / "s.pdf").text()
    assert "No assessments listed for this visit." in text
    assert "No further visits scheduled." in text
    assert "Date of birth not recorded" in text


@pytest.mark.parametrize("paper,size", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_size_follows_the_clinic(tmp_path: Path, make: Factory, inspect_pdf: Inspect,
                                       paper: str, size: tuple[int, int]) -> None:
    sheet = make.sheet(clinic=make.clinic(paper=paper))
    write_visit_sheets(tmp_path / "s.pdf", [sheet])
    assert inspect_pdf(tmp_path / "s.pdf").page_sizes() == {size}


def test_unknown_paper_is_refused(make: Factory, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="A4 or Letter"):
        write_visit_sheets(tmp_path / "s.pdf", [make.sheet(clinic=make.clinic(paper="A5"))])
    assert list(tmp_path.iterdir()) == []


def test_a_day_of_100_visits_is_one_file(tmp_path: Path, make: Factory,
                                         inspect_pdf: Inspect) -> None:
    sheets = [make.sheet(patient=make.patient(mrn=f"MRN-{n:04d}"), visit=make.visit(n))
              for n in range(100)]
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    out = tmp_path / "day.pdf"
    pages = write_visit_sheets(out, sheets, progress)
    assert pages >= 100
    pdf = inspect_pdf(out)
    assert pdf.pages == pages
    assert "MRN-0099" in pdf.page_text(pages - 1)
    assert calls[-1] == (100, 100)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_cancel_leaves_no_file(tmp_path: Path, make: Factory) -> None:
    sheets = [make.sheet(visit=make.visit(n)) for n in range(10)]
    with pytest.raises(PrintCancelled):
        write_visit_sheets(tmp_path / "sheets.pdf", sheets, lambda done, total: done < 4)
    assert list(tmp_path.iterdir()) == []


def test_cancel_keeps_an_older_file_intact(tmp_path: Path, make: Factory) -> None:
    out = tmp_path / "sheets.pdf"
    out.write_bytes(b"older print")
    with pytest.raises(PrintCancelled):
        write_visit_sheets(out, [make.sheet()], lambda done, total: False)
    assert out.read_bytes() == b"older print"
    assert list(tmp_path.iterdir()) == [out]


def test_an_unwritable_place_is_an_oserror(tmp_path: Path, make: Factory) -> None:
    with pytest.raises(OSError):
        write_visit_sheets(tmp_path / "no such folder" / "s.pdf", [make.sheet()])
    target = tmp_path / "a folder"
    target.mkdir()
    with pytest.raises(OSError):
        write_visit_sheets(target, [make.sheet()])
    assert list(tmp_path.iterdir()) == [target]
    assert list(target.iterdir()) == []


def test_nothing_to_print_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_visit_sheets(tmp_path / "s.pdf", [])


_text = st.text(alphabet=st.sampled_from("ab Zoë Å-王秀英随访 ABCDEFGHIJ/(),.0123456789"),
                max_size=120)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(
    name=st.text(min_size=1, max_size=300),
    assessments=st.lists(_text, max_size=60),
    flags=st.lists(_text, max_size=10),
    results=st.integers(0, 3),
    labs=_text,
    paper=st.sampled_from(["A4", "Letter"]),
)
def test_any_sheet_stays_inside_its_frame(
    make: Factory, inside_frame: Callable[[list[Page]], None], name: str,
    assessments: list[str], flags: list[str], results: int, labs: str, paper: str,
) -> None:
    result = make.result(visit_label=labs, disease_status=labs)
    result = replace(result, labs=tuple(replace(lab, value=labs) for lab in result.labs))
    sheet = make.sheet(
        clinic=make.clinic(paper=paper, name=labs * 3),
        patient=make.patient(name=name, mrn=labs[:40] or "M"),
        visit=make.visit(assessments=tuple(assessments), flags=tuple(flags), label=labs * 2),
        clinical_flags=tuple(flags), recent_results=(result,) * results,
    )
    pages = plan_visit_sheet(sheet, page_geometry(paper), document_font().name)
    inside_frame(pages)
    if len(pages) > 1:  # a continuation page only when the checklist is long or the rest is
        assert len(assessments) > 6 or (len(flags) > 3 and results == 3)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_busy_but_ordinary_sheet_is_one_page(make: Factory, paper: str) -> None:
    flags = ("IgG 3.1 g/L < 4 g/L on 2 Jan 2027: consider immunoglobulin replacement",
             "No driving until 26 Jan 2027 (8 weeks after infusion)")
    sheet = make.sheet(
        clinic=make.clinic(paper=paper),
        visit=make.visit(flags=("no clinic day in window",), assessments=tuple(
            f"Assessment {i}" for i in range(12))),
        clinical_flags=flags, recent_results=(make.result(),) * 3,
        next_visits=tuple(make.visit(i, 30 * i) for i in range(2, 5)),
    )
    assert len(plan_visit_sheet(sheet, page_geometry(paper), document_font().name)) == 1


def test_the_frame_checks_do_catch_an_overflow(
    tmp_path: Path, inside_frame: Callable[[list[Page]], None],
    text_on_paper: Callable[[PdfFacts], None], inspect_pdf: Inspect,
) -> None:
    from cartclinic.documents.drawing import Text
    from cartclinic.documents.pdf_file import write_pdf

    page = Page(page_geometry("A4"), document_font().name)
    page.ops.append(Text(500, 400, "runs off the edge of the page", 10, False, (0, 0, 0), 150))
    with pytest.raises(AssertionError):
        inside_frame([page])
    write_pdf(tmp_path / "bad.pdf", [[page]], title="t", author="a", language="en")
    with pytest.raises(AssertionError):
        text_on_paper(inspect_pdf(tmp_path / "bad.pdf"))


def test_each_sheet_says_who_printed_it(tmp_path: Path, make: Factory,
                                        inspect_pdf: Inspect) -> None:
    sheets = [make.sheet(printed_by="li.na"), make.sheet(printed_by="zhang.wei")]
    write_visit_sheets(tmp_path / "s.pdf", sheets)
    pdf = inspect_pdf(tmp_path / "s.pdf")
    assert "by li.na" in pdf.page_text(0) and "by zhang.wei" in pdf.page_text(1)
