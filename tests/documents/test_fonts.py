from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cartclinic.documents import fonts, write_day_list, write_patient_letter, write_visit_sheets

if TYPE_CHECKING:
    from conftest import Factory, PdfFacts

Inspect = Callable[[Path], "PdfFacts"]


def test_every_font_in_every_document_is_embedded(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect, embedded_font: fonts.DocumentFont
) -> None:
    zoe = make.patient(name="Zoë Ångström-Núñez")
    write_visit_sheets(tmp_path / "s.pdf", [make.sheet(), make.sheet(patient=zoe)])
    write_day_list(tmp_path / "d.pdf", make.day_list((make.row(1), make.row(2, "overdue"))))
    write_patient_letter(tmp_path / "l.pdf", make.letter(clinic=make.clinic(language="zh")))
    for name in ("s.pdf", "d.pdf", "l.pdf"):
        used = list(inspect_pdf(tmp_path / name).font_descriptors())
        assert used, name
        for font, descriptor in used:
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (name, font)
    text = inspect_pdf(tmp_path / "s.pdf").text()
    assert "王秀英" in text and "Zoë Ångström-Núñez" in text


def test_the_font_is_registered_once(embedded_font: fonts.DocumentFont) -> None:
    assert fonts.document_font() is fonts.document_font()
    assert embedded_font.path is not None


def test_without_a_font_file_the_builtin_cid_font_is_used_with_a_warning(
    tmp_path: Path, make: Factory, inspect_pdf: Inspect, no_font_files: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger=fonts.__name__):
        chosen = fonts.document_font()
    assert chosen.name == fonts.FALLBACK_CID_FONT and not chosen.embedded
    assert any("not embedded" in r.getMessage() for r in caplog.records)

    out = tmp_path / "s.pdf"
    assert write_visit_sheets(out, [make.sheet()]) == 1
    assert "MRN-000417" in inspect_pdf(out).text()


def test_a_refused_or_missing_file_is_skipped_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedded_font: fonts.DocumentFont
) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font at all" * 100)
    good = (embedded_font.path or "", embedded_font.subfont_index)
    monkeypatch.setattr(fonts, "candidate_font_files",
                        lambda: [(str(tmp_path / "missing.ttc"), 0), (str(broken), 0), good])
    fonts.clear_cache()
    try:
        assert fonts.document_font().path == embedded_font.path
    finally:
        fonts.clear_cache()


def test_a_font_without_chinese_is_not_chosen() -> None:
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(dejavu).is_file():
        pytest.skip("DejaVu Sans not installed")
    # fontconfig offers it for ':lang=zh' on a machine without CJK fonts; it would print boxes
    assert fonts._load_ttf(dejavu, 0) is None


def test_the_cid_fallback_gets_ascii_for_signs_it_lacks(no_font_files: None) -> None:
    from cartclinic.documents.glyphs import drawable

    font = fonts.document_font().name
    assert drawable("ANC 1.2 ×10⁹/L · 5–19 Jan", font) == "ANC 1.2 x10^9/L | 5-19 Jan"
    assert drawable("王秀英", font) == "王秀英"
