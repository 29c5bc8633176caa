"""Each analyte has a Chinese name (`name_zh` in the analyte table, validated), shown in a
Chinese window and on Chinese documents in place of the English name; a patient's sex is printed
女/男 and its clinical flags in Chinese on a Chinese sheet (issue 12 item 4)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from helpers import WHO, add_patient

from cartclinic.analytes import AnalyteFileError, analyte_table, shipped_table
from cartclinic.model import LabResult
from cartclinic.printing import visit_sheet_data

TODAY = date(2026, 11, 27)


def test_every_shipped_analyte_has_a_chinese_name():
    names = {a.name: a.name_zh for a in shipped_table().analytes}
    assert names == {
        "IgG": "免疫球蛋白G", "CD4": "CD4+ T 细胞", "CD19 B cells": "CD19+ B 细胞",
        "ANC": "中性粒细胞绝对计数", "Lymphocytes": "淋巴细胞", "Platelets": "血小板",
        "Haemoglobin": "血红蛋白", "Ferritin": "铁蛋白", "CRP": "C 反应蛋白"}


def test_analyte_name_is_shown_in_the_readers_language():
    table = shipped_table()
    assert table.shown_name("PLT", "zh") == "血小板"
    assert table.shown_name("Platelets", "en") == "Platelets"
    assert table.shown_name("IgA", "zh") == "IgA"  # a name the table lacks stays as it is
    assert table.get("血小板").name == "Platelets"  # typed in Chinese, found


def test_analyte_name_zh_a_clinic_gives_its_own_and_a_bad_one_is_refused(tmp_path):
    (tmp_path / "analytes.toml").write_text(
        '[[analyte]]\nname = "IgA"\nname_zh = "免疫球蛋白A"\ncanonical = "g/L"\n',
        encoding="utf-8")
    assert analyte_table(tmp_path).shown_name("iga", "zh") == "免疫球蛋白A"
    (tmp_path / "analytes.toml").write_text(
        '[[analyte]]\nname = "IgA"\nname_zh = 7\ncanonical = "g/L"\n', encoding="utf-8")
    with pytest.raises(AnalyteFileError) as refused:
        analyte_table(tmp_path)
    assert "analytes.toml: analyte 1 (IgA): name_zh:" in refused.value.reasons[0]


@pytest.mark.parametrize(("language", "printed"), [("zh", "免疫球蛋白G"), ("en", "IgG")])
def test_visit_sheet_lists_results_under_the_analyte_name_of_its_language(
        roster, language, printed):
    p = add_patient(roster, TODAY, infusion=date(2026, 10, 1))
    d28, m2 = (next(v for v in roster.store.visits(patient_id=p.id) if v.code == code)
               for code in ("D28", "M2"))
    roster.record_visit(d28.id, date(2026, 10, 29), WHO, TODAY,
                        labs=[LabResult("IgG", "3.1", "g/L")])
    sheet = visit_sheet_data(roster, m2.id, WHO, TODAY, datetime(2026, 11, 27, 9), language)
    assert [lab.name for line in sheet.recent_results for lab in line.labs] == [printed]


@pytest.mark.parametrize(("language", "sex", "printed"), [
    ("zh", "F", "女"), ("zh", "M", "男"), ("zh", "X", "其他"), ("en", "F", "F"), ("en", "M", "M"),
])
def test_visit_sheet_says_the_sex_in_the_sheets_language(roster, tmp_path, language, sex,
                                                          printed):
    from dataclasses import replace

    from cartclinic.documents import write_visit_sheets

    p = add_patient(roster, TODAY, infusion=date(2026, 10, 1))
    roster.update_patient(replace(p, sex=sex), WHO, TODAY)
    m2 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M2")
    sheet = visit_sheet_data(roster, m2.id, WHO, TODAY, datetime(2026, 11, 27, 9), language)
    assert sheet.patient.sex == printed
    write_visit_sheets(tmp_path / "sheet.pdf", [sheet])  # and it prints


@pytest.mark.parametrize(("language", "says"), [
    ("zh", "留在中心附近：还剩"), ("en", "stay near the centre: "),
])
def test_visit_sheet_prints_the_flags_in_the_sheets_language(roster, language, says):
    p = add_patient(roster, TODAY, infusion=TODAY)
    d1 = min(roster.store.visits(patient_id=p.id), key=lambda v: v.scheduled)
    sheet = visit_sheet_data(roster, d1.id, WHO, TODAY, datetime(2026, 11, 27, 9), language)
    assert any(says in flag for flag in sheet.clinical_flags), sheet.clinical_flags
