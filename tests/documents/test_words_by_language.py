"""Words the program writes from codes are printed in the document's language: a patient's sex
on the visit sheet is 女/男 in Chinese, F/M in English (issue 12 item 4)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cartclinic.documents import write_visit_sheets

if TYPE_CHECKING:
    from conftest import Factory, PdfFacts


@pytest.mark.parametrize(("language", "sex", "printed", "not_printed"), [
    ("zh", "F", "女", "F"), ("zh", "M", "男", "M"), ("en", "F", "F", "女"), ("en", "M", "M", "男"),
])
def test_visit_sheet_says_the_sex_in_the_sheets_language(
    tmp_path: Path, make: Factory, inspect_pdf: Callable[[Path], PdfFacts],
    language: str, sex: str, printed: str, not_printed: str,
) -> None:
    out = tmp_path / "sheet.pdf"
    sheet = make.sheet(clinic=make.clinic(language=language), patient=make.patient(sex=sex))
    write_visit_sheets(out, [sheet])
    sex_label = "性别" if language == "zh" else "Sex"
    drawn = [t.text for t in inspect_pdf(out).drawn_text()]
    after = drawn[drawn.index(sex_label) + 1:]
    assert after[0] == printed, drawn
    assert not_printed not in after[:1]
