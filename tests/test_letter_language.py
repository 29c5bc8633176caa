"""The documents in English or Chinese (issue 12, item 3): a patient's letters in the patient's
letter language (a field on the patient, empty for the clinic's), the day list, visit sheets and
day's sheets in the clinic's language, any of them in the language `--lang` asks for."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import add_patient
from pypdf import PdfReader

from cartclinic import views
from cartclinic.documents.wording import text
from cartclinic.errors import InputRefused
from cartclinic.printing import day_list_data, letter_data, print_document
from cartclinic.roster import Roster
from cartclinic.roster_csv import export_csv, import_csv

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 0)


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


# on a file and on a PostgreSQL server (issue 14)
pytestmark = pytest.mark.both_backends


@pytest.fixture
def clinic(roster: Roster) -> Roster:
    roster.save_settings(replace(roster.settings(), clinic_phone="+86 10 6000 0000", language="en"),
                         "setup")
    add_patient(roster, TODAY, mrn="ZH1", name="王秀英", infusion=date(2026, 10, 30))
    add_patient(roster, TODAY, mrn="EN1", name="Margaret Smith", infusion=date(2026, 10, 30))
    zh = roster.find_patient("ZH1")
    roster.update_patient(replace(zh, language="zh"), "Nurse Lee", TODAY)
    return roster


def test_letter_language_follows_the_patient_then_the_clinic(clinic):
    zh, en = clinic.find_patient("ZH1"), clinic.find_patient("EN1")
    assert zh.language == "zh" and en.language == ""
    assert letter_data(clinic, zh, TODAY, NOW).clinic.language == "zh"
    assert letter_data(clinic, en, TODAY, NOW).clinic.language == "en"  # the clinic's
    clinic.save_settings(replace(clinic.settings(), language="zh"), "setup")
    assert letter_data(clinic, clinic.find_patient("EN1"), TODAY, NOW).clinic.language == "zh"
    assert letter_data(clinic, zh, TODAY, NOW, language="en").clinic.language == "en"  # --lang


def test_letter_language_prints_the_letter_in_it(clinic, tmp_path):
    print_document(clinic, "letter", "ZH1", tmp_path / "zh.pdf", "Nurse Lee", TODAY)
    print_document(clinic, "letter", "EN1", tmp_path / "en.pdf", "Nurse Lee", TODAY)
    assert "尊敬的王秀英" in text_of(tmp_path / "zh.pdf")
    assert "Dear Margaret Smith" in text_of(tmp_path / "en.pdf")
    print_document(clinic, "letter", "ZH1", tmp_path / "asked.pdf", "Nurse Lee", TODAY,
                   language="en")
    assert "Dear 王秀英" in text_of(tmp_path / "asked.pdf")


def test_letter_language_staff_documents_in_the_clinics_language_or_as_asked(clinic, tmp_path):
    print_document(clinic, "day", TODAY.isoformat(), tmp_path / "en.pdf", "Nurse Lee", TODAY)
    english = text_of(tmp_path / "en.pdf")
    assert "Clinic worklist" in english and "Due now" in english
    print_document(clinic, "day", TODAY.isoformat(), tmp_path / "zh.pdf", "Nurse Lee", TODAY,
                   language="zh")
    chinese = text_of(tmp_path / "zh.pdf")
    for words in ("门诊随访工作清单", "当前应随访", "逾期", "病历号", "2026年11月27日"):
        assert words in chinese, words
    for words in ("Clinic worklist", "Due now", "Overdue", "Printed"):
        assert words not in chinese, words
    clinic.save_settings(replace(clinic.settings(), language="zh"), "setup")
    print_document(clinic, "sheets", TODAY.isoformat(), tmp_path / "s.pdf", "Nurse Lee", TODAY)
    sheets = text_of(tmp_path / "s.pdf")
    assert "随访记录单" in sheets and "评估项目" in sheets and "第+28天" in sheets
    assert "VISIT SHEET" not in sheets and "ASSESSMENTS" not in sheets


def test_letter_language_day_list_sections_are_the_screens_in_english():
    for key, title in views.SECTION_TITLES.items():
        assert text("en", f"section.{key}") == title


def test_letter_language_day_list_data_in_chinese_keeps_the_sections_and_order(clinic):
    english = day_list_data(clinic, TODAY, "Nurse Lee", NOW)
    chinese = day_list_data(clinic, TODAY, "Nurse Lee", NOW, language="zh")
    assert [s.title for s in chinese.sections] == [text("zh", f"section.{k}")
                                                   for k in (views.OVERDUE, views.DUE_TODAY)]
    assert [[r.visit.visit_id for r in s.rows] for s in chinese.sections] == \
        [[r.visit.visit_id for r in s.rows] for s in english.sections]


@pytest.mark.parametrize(("given", "stored"), [
    ("zh", "zh"), ("中文", "zh"), ("Chinese", "zh"), ("EN", "en"), ("English", "en"), ("", ""),
])
def test_letter_language_csv_column_is_read_and_written_back(roster, tmp_path, given, stored):
    csv = ("mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol,language\n"
           f"L1,李明,1960-01-01,B-ALL,tisagenlecleucel,2026-10-30,b-all-cd19,{given}\n")
    import_csv(roster, csv, "Nurse Lee", TODAY)
    assert roster.find_patient("L1").language == stored
    header, row = export_csv(roster).splitlines()[:2]
    assert header.endswith(",language") and row.endswith("," + stored)


def test_letter_language_not_en_or_zh_is_refused_naming_the_line(roster, tmp_path):
    csv = ("mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol,language\n"
           "L1,李明,1960-01-01,B-ALL,tisagenlecleucel,2026-10-30,b-all-cd19,fr\n")
    with pytest.raises(InputRefused) as refused:
        import_csv(roster, csv, "Nurse Lee", TODAY)
    assert "line 2: language: 'fr' is not en or zh" in str(refused.value)
    assert roster.store.patients() == []


def test_letter_language_on_the_command_line(clinic, roster_url, tmp_path):
    clinic.close()
    out = tmp_path / "l.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "cartclinic", "--db", roster_url, "--who", "Nurse Lee",
         "print", "letter", "EN1", "--lang", "zh", "--out", str(out), "--today", "2026-11-27"],
        capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "尊敬的Margaret Smith" in text_of(out)
    bad = subprocess.run(
        [sys.executable, "-m", "cartclinic", "--db", roster_url, "--who", "Nurse Lee",
         "print", "letter", "EN1", "--lang", "fr", "--out", str(tmp_path / "x.pdf")],
        capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert bad.returncode == 2 and not (tmp_path / "x.pdf").exists()
