"""Sample data and PDF inspection for the document tests.

`make` builds plain document data with sensible defaults that each test overrides; `inspect_pdf`
reads a written PDF back with pypdf: its text, page sizes, fonts, and where each piece of text
was drawn (to prove nothing runs off the page).
"""

import importlib.util
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

# Until the project's pytest settings put the root on sys.path (or the package is installed),
# make `import cartclinic` work when pytest is started as plain `pytest`.
if importlib.util.find_spec("cartclinic") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pypdf import PdfReader  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from cartclinic.documents import fonts  # noqa: E402
from cartclinic.documents.data import (  # noqa: E402
    ClinicInfo,
    DayList,
    DayListRow,
    LabValue,
    PatientInfo,
    PatientLetter,
    ResultLine,
    TreatmentInfo,
    VisitLine,
    VisitSheet,
)
from cartclinic.documents.drawing import Page  # noqa: E402

TODAY = date(2027, 1, 12)  # a Tuesday
PRINTED = datetime(2027, 1, 12, 7, 45)
INFUSION = date(2026, 12, 14)


class Factory:
    """Document data for tests: every argument has a default, override what matters."""

    def clinic(self, **kw: Any) -> ClinicInfo:
        base = ClinicInfo("Riverside Follow-up Clinic", "+44 20 7946 0000", "1 Riverside Rd")
        return replace(base, **kw)

    def patient(self, **kw: Any) -> PatientInfo:
        base = PatientInfo("MRN-000417", "王秀英", date(1961, 3, 8), "F", "138 0013 8000")
        return replace(base, **kw)

    def treatment(self, **kw: Any) -> TreatmentInfo:
        base = TreatmentInfo("Kymriah", "CD19", INFUSION, ("b-all-cd19",))
        return replace(base, **kw)

    def visit(self, visit_id: int = 1, day: int = 28, **kw: Any) -> VisitLine:
        target = INFUSION + timedelta(days=day)
        base = VisitLine(
            visit_id, f"D{day}", f"Day {day} response assessment", "response", "b-all-cd19",
            target, target - timedelta(days=3), target + timedelta(days=7), target, "due",
            0, (), ("Bone marrow MRD", "CBC", "IgG", "CD19 B cells"), day0=INFUSION,
        )
        return replace(base, **kw)

    def result(self, days_ago: int = 14, **kw: Any) -> ResultLine:
        base = ResultLine(TODAY - timedelta(days=days_ago), "Day 14 check", "CR",
                          (LabValue("IgG", "3.1", "g/L"), LabValue("ANC", "1.2", "×10⁹/L")))
        return replace(base, **kw)

    def sheet(self, **kw: Any) -> VisitSheet:
        base = VisitSheet(
            self.clinic(), self.patient(), self.treatment(), self.visit(),
            (self.result(14), self.result(21, disease_status="MRD-negative")),
            ("IgG 3.1 g/L < 4 g/L on 2026-10-02",),
            (self.visit(2, 61, label="Month 2 monitoring", status="upcoming"),),
            "li.na", PRINTED,
        )
        return replace(base, **kw)

    def row(self, n: int, status: str = "due", **kw: Any) -> DayListRow:
        visit = self.visit(n, status=status, days_late=5 if status == "overdue" else 0)
        base = DayListRow(visit, f"MRN-{n:06d}", f"Patient {n:03d}", "555 0100")
        return replace(base, **kw)

    def day_list(self, rows: tuple[DayListRow, ...] = (), **kw: Any) -> DayList:
        return replace(DayList(self.clinic(), TODAY, rows, "li.na", PRINTED), **kw)

    def letter(self, **kw: Any) -> PatientLetter:
        done = self.visit(1, 14, status="done", label="Day 14 check")
        coming = self.visit(
            2, 29, label="Day 28 response assessment", code="D28",
            scheduled=date(2027, 1, 12), window_start=date(2027, 1, 5),
            window_end=date(2027, 1, 19), status="due",
        )
        later = self.visit(3, 92, label="Month 3 response assessment", code="M3",
                           status="upcoming")
        base = PatientLetter(self.clinic(), self.patient(), (self.treatment(),),
                             (coming, later), (done, coming, later), TODAY, PRINTED)
        return replace(base, **kw)


@pytest.fixture
def make() -> Factory:
    return Factory()


@dataclass(frozen=True)
class DrawnText:
    page: int
    text: str
    x: float
    y: float
    width: float
    page_width: float
    page_height: float


@dataclass
class PdfFacts:
    path: Path
    reader: PdfReader

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    def page_text(self, index: int) -> str:
        return self.reader.pages[index].extract_text()

    def text(self) -> str:
        """All text, whitespace collapsed: wrapped sentences read as one line."""
        return " ".join(" ".join(p.extract_text() for p in self.reader.pages).split())

    def text_no_spaces(self) -> str:
        """All text without whitespace: Chinese sentences wrapped over lines."""
        return "".join("".join(p.extract_text() for p in self.reader.pages).split())

    def page_sizes(self) -> set[tuple[float, float]]:
        return {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
                for p in self.reader.pages}

    def drawn_text(self) -> list[DrawnText]:
        """Where each piece of text starts, with its width measured in the document font."""
        font = fonts.document_font().name
        found: list[DrawnText] = []
        for number, page in enumerate(self.reader.pages):
            w, h = float(page.mediabox.width), float(page.mediabox.height)

            def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float,
                      number: int = number, w: float = w, h: float = h) -> None:
                if not text.strip():
                    return
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[0] * cm[0]) or 1.0
                width = stringWidth(text.strip("\n"), font, size * scale)
                found.append(DrawnText(number, text, x, y, width, w, h))

            page.extract_text(visitor_text=visit)
        return found

    def font_descriptors(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(font name, descriptor) for every font used on every page."""
        for page in self.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                yield str(font.get("/BaseFont")), (
                    descriptor.get_object() if descriptor is not None else {})


@pytest.fixture
def inspect_pdf() -> Callable[[Path], PdfFacts]:
    return lambda path: PdfFacts(path, PdfReader(path))


MARGIN = 36.0


def _assert_inside_frame(pages: list[Page]) -> None:
    for number, page in enumerate(pages, start=1):
        g = page.geometry
        for op in page.ops:
            x0, y0, x1, y1 = op.box()
            assert g.left - 1 <= x0 and x1 <= g.right + 1, (number, op)
            assert g.bottom - 1 <= y0 and y1 <= g.top + 1, (number, op)


@pytest.fixture
def inside_frame() -> Callable[[list[Page]], None]:
    """Asserts that every laid-out operation lies inside its page's body frame."""
    return _assert_inside_frame


def _assert_text_on_paper(facts: PdfFacts) -> None:
    drawn = facts.drawn_text()
    assert drawn, "no text found"
    for t in drawn:
        assert t.x >= MARGIN - 0.5, t
        assert t.x + t.width <= t.page_width - MARGIN + 0.5, t
        assert MARGIN - 0.5 <= t.y <= t.page_height - MARGIN, t


@pytest.fixture
def text_on_paper() -> Callable[[PdfFacts], None]:
    """Asserts, from the PDF itself, that every text starts and ends inside the margins."""
    return _assert_text_on_paper


@pytest.fixture
def no_font_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pretend the machine has no usable font file, so the CID fallback is used."""
    monkeypatch.setattr(fonts, "candidate_font_files", lambda: [])
    fonts.clear_cache()
    yield
    fonts.clear_cache()  # the next test finds the real font again


@pytest.fixture
def embedded_font() -> fonts.DocumentFont:
    """The font file in use; skips where only the built-in CID font is available."""
    font = fonts.document_font()
    if not font.embedded:
        pytest.skip("no CJK TrueType font on this machine (install fonts-wqy-microhei)")
    return font
