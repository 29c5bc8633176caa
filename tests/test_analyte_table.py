"""The analyte table (issue 11, item 1): shipped as resources/analytes.toml, extended by a
clinic's analytes.toml beside the roster; every accepted unit converts to the canonical one
(exact table), loose spellings match, and a malformed clinic file is refused naming the file,
the entry and the field."""

from __future__ import annotations

import pytest

from cartclinic.analytes import AnalyteFileError, analyte, analyte_table, canonical

CONVERSIONS = [  # analyte as written, value, unit as written -> canonical value, unit
    ("IgG", "350", "mg/dL", 3.5, "g/L"),
    ("immunoglobulin G", "4", "g/L", 4.0, "g/L"),
    ("CD4", "0.15", "×10⁹/L", 150.0, "cells/µL"),
    ("CD4", "0.15", "x10^9/L", 150.0, "cells/µL"),
    ("CD4", "0.15", "10*9/L", 150.0, "cells/µL"),
    ("CD4", "0.15", "G/L", 150.0, "cells/µL"),
    ("CD4", "210", "/uL", 210.0, "cells/µL"),
    ("CD19", "0.15", "10^9/L", 150.0, "cells/µL"),
    ("neutrophils", "800", "cells/µL", 0.8, "×10⁹/L"),
    ("ANC", "1,2", "×10⁹/L", 1.2, "×10⁹/L"),
    ("PLT", "45000", "cells/uL", 45.0, "×10⁹/L"),
    ("Hb", "9.5", "g/dL", 95.0, "g/L"),
    ("Ferritin", "500", "ng/mL", 500.0, "µg/L"),
    ("CRP", "2.5", "mg/dL", 25.0, "mg/L"),
]


@pytest.mark.parametrize(("name", "value", "unit", "expected", "canonical_unit"), CONVERSIONS)
def test_analyte_table_converts_every_accepted_unit_to_the_canonical(
        name, value, unit, expected, canonical_unit):
    a = analyte(name)
    assert a is not None and a.canonical == canonical_unit
    assert canonical(a, value, unit) == pytest.approx(expected)


def test_analyte_table_refuses_a_unit_not_listed():
    with pytest.raises(ValueError):
        canonical(analyte("IgG"), "3.5", "mmol/L")


def test_analyte_table_a_clinics_file_adds_an_analyte_and_a_unit(tmp_path):
    (tmp_path / "analytes.toml").write_text(
        '[[analyte]]\nname = "IgA"\ncanonical = "g/L"\nunits = { "mg/dL" = 0.01 }\n'
        'aliases = ["immunoglobulin A"]\n', encoding="utf-8")
    table = analyte_table(tmp_path)
    iga = table.get("immunoglobulin a")
    assert iga is not None and canonical(iga, "80", "mg/dL") == pytest.approx(0.8)
    assert table.get("IgG") is not None  # the shipped ones stay


@pytest.mark.parametrize(("text", "says"), [
    ('[[analyte]]\nname = "IgA"\nunits = { "mg/dL" = 0.01 }\n', "canonical"),
    ('[[analyte]]\nname = "IgA"\ncanonical = "g/L"\nunits = { "mg/dL" = "a lot" }\n', "mg/dL"),
    ('[[analyte]]\ncanonical = "g/L"\n', "name"),
    ('[[analyte]\nname = "IgA"\n', "analytes.toml"),
])
def test_analyte_table_a_malformed_clinic_file_is_refused_naming_file_and_field(
        tmp_path, text, says):
    (tmp_path / "analytes.toml").write_text(text, encoding="utf-8")
    with pytest.raises(AnalyteFileError) as refused:
        analyte_table(tmp_path)
    message = " ".join(refused.value.reasons)
    assert "analytes.toml" in message and says in message, message
