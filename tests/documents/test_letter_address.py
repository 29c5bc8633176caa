"""The patient's address on the letter, where a window envelope shows it (DIN 5008 form B:
address field 20 mm from the left, 45 mm from the top, 85 × 45 mm; the recipient in its lower
27.3 mm, under the 17.7 mm of the return line)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cartclinic.documents import write_patient_letter

if TYPE_CHECKING:
    from conftest import Factory, PdfFacts

Inspect = Callable[[Path], "PdfFacts"]
MM = 72 / 25.4
ZH_ADDRESS = "北京市海淀区中关村大街27号\n中关村大厦1501室\n100080"
EN_ADDRESS = "Flat 3, 14 Riverside Road\nLondon\nSE1 7PB"


def _in_window(facts: PdfFacts, needle: str, *, whole: bool = True) -> list:
    """The pieces of text that are (or hold) `needle`, each checked to lie inside the
    recipient zone."""
    pieces = [t for t in facts.drawn_text()
              if (t.text.strip() == needle if whole else needle in t.text)]
    assert pieces, needle
    for t in pieces:
        from_top = (t.page_height - t.y) / MM  # the baseline, in mm from the top edge
        left, right = t.x / MM, (t.x + t.width) / MM
        assert 20 - 0.1 <= left < right <= 20 + 85 + 0.1, (needle, left, right)
        assert 45 + 17.7 < from_top <= 45 + 45, (needle, from_top)
    return pieces


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_address_is_printed_in_the_window_envelope_field(tmp_path: Path, make: Factory,
                                                             inspect_pdf: Inspect, paper: str):
    letter = make.letter(clinic=make.clinic(language="zh", paper=paper),
                         patient=make.patient(name="王秀英", address=ZH_ADDRESS))
    out = tmp_path / "letter.pdf"
    assert write_patient_letter(out, letter) >= 1
    facts = inspect_pdf(out)
    for line in ("王秀英", *ZH_ADDRESS.splitlines()):
        _in_window(facts, line)
    assert "北京市海淀区中关村大街27号中关村大厦1501室100080" in facts.text_no_spaces()
    # the return line sits in the upper zone of the field, above the name
    (sender,) = [t for t in facts.drawn_text() if t.text.startswith("Riverside Follow-up Clinic, ")]
    assert 45 <= (sender.page_height - sender.y) / MM <= 45 + 17.7


def test_a_long_address_is_set_smaller_and_nothing_of_it_is_cut(tmp_path: Path, make: Factory,
                                                               inspect_pdf: Inspect):
    lines = ["Apartment 1204, The Very Long Name Of A Residential Tower",
             "1234 Extraordinarily Long Boulevard Of The Western District",
             "Little Whinging-under-Lyme", "Surrey County", "KT22 7AB United Kingdom"]
    letter = make.letter(patient=make.patient(name="Zoë Ångström-Núñez",
                                              address="\n".join(lines)))
    out = tmp_path / "letter.pdf"
    write_patient_letter(out, letter)
    facts = inspect_pdf(out)
    text = facts.text()
    assert "…" not in text
    for line in lines:
        assert line in text, line
    for word in ("Apartment", "Boulevard", "Whinging", "KT22"):
        _in_window(facts, word, whole=False)


def test_a_letter_to_a_patient_with_no_address_prints_without_the_block(
        tmp_path: Path, make: Factory, inspect_pdf: Inspect):
    letter = make.letter(patient=make.patient(name="Zoë Ångström-Núñez", address=""))
    out = tmp_path / "letter.pdf"
    assert write_patient_letter(out, letter) == 1
    facts = inspect_pdf(out)
    assert "Dear Zoë Ångström-Núñez," in facts.text()
    assert not [t for t in facts.drawn_text() if t.text.startswith("Riverside Follow-up Clinic, ")]
    (name,) = [t for t in facts.drawn_text() if t.text.strip() == "Zoë Ångström-Núñez"]
    assert name.x == pytest.approx(36.0)  # under the title, as before: no window block


def test_the_english_letter_with_an_address_stays_on_one_page(tmp_path: Path, make: Factory,
                                                             inspect_pdf: Inspect):
    letter = make.letter(patient=make.patient(name="Zoë Ångström-Núñez", address=EN_ADDRESS))
    out = tmp_path / "letter.pdf"
    assert write_patient_letter(out, letter) == 1
    text = inspect_pdf(out).text()
    for expected in ("Flat 3, 14 Riverside Road", "SE1 7PB", "Your follow-up visits",
                     "MRN-000417", "+44 20 7946 0000"):
        assert expected in text, expected
