"""Protocol files in the nurse's language (issue 12, item 1): `name_zh`, `label_zh` and
`assessments_zh` beside the English, checked when the file is read, kept out of the snapshot
that pins a treatment's version, copied onto each visit when it is planned (migration 0013
fills the visits a roster already holds), and shown by the language of the screen or paper."""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path

import pytest
from helpers import WHO, add_patient, audit_as_before_0016, program_before_visit_texts
from pypdf import PdfReader

from cartclinic.errors import ProtocolError
from cartclinic.model import LabResult, Patient, Treatment
from cartclinic.printing import day_list_data, letter_data, print_document, visit_sheet_data
from cartclinic.protocol import default_protocol_dir, load_protocol, parse_protocol
from cartclinic.roster import Roster
from cartclinic.schedule import plan_visits

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 0)
SHIPPED = sorted([*default_protocol_dir().glob("*.toml"),
                  *default_protocol_dir().glob("history/*.toml"),
                  Path(__file__).parent.parent / "docs" / "tracks-cart.toml"])

HEADER = '''id = "t"
name = "Test"
name_zh = "测试"
version = "1"
sources = ["x"]
'''
D28 = '''[[visit]]
code = "D28"
label = "Day 28 response assessment"
label_zh = "第28天 疗效评估"
at = { days = 28 }
window = { before = 3, after = 7 }
kind = "response"
assessments = ["CBC", "IgG"]
assessments_zh = ["血常规", "免疫球蛋白 IgG"]
'''


def _refusal(tmp_path: Path, body: str) -> str:
    path = tmp_path / "t.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ProtocolError) as exc:
        load_protocol(path)
    return str(exc.value)


def _entries(data: dict):
    return [*data.get("visit", []), *data.get("track", [])]


# -- the format and its refusals -------------------------------------------------------------

def test_translated_file_loads_with_its_chinese(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(HEADER + D28, encoding="utf-8")
    p = load_protocol(path)
    assert p.name_in("zh") == "测试" and p.name_in("en") == "Test"
    (t,) = p.templates
    assert (t.label_zh, t.assessments_zh) == ("第28天 疗效评估", ("血常规", "免疫球蛋白 IgG"))


@pytest.mark.parametrize("body, expected", [
    (HEADER + D28.replace("label_zh", "label_fr"),
     "t.toml: visit 1 (D28): label_fr: the program has no language 'fr'"),
    (HEADER + D28.replace("assessments_zh", "assessments_de"),
     "t.toml: visit 1 (D28): assessments_de: the program has no language 'de'"),
    (HEADER.replace("name_zh", "name_ja"), "t.toml: name_ja: the program has no language 'ja'"),
    (HEADER + D28.replace('["血常规", "免疫球蛋白 IgG"]', '["血常规"]'),
     "t.toml: visit 1 (D28): assessments_zh: has 1 texts, assessments has 2"),
    (HEADER + D28 + D28.replace('"D28"', '"D29"').replace('label_zh = "第28天 疗效评估"\n', ""),
     "t.toml: visit 2 (D29): label_zh: required, as the file is translated into Chinese"),
    (HEADER + D28.replace('assessments_zh = ["血常规", "免疫球蛋白 IgG"]\n', ""),
     "t.toml: visit 1 (D28): assessments_zh: required"),
    (HEADER.replace('name_zh = "测试"\n', "") + D28, "t.toml: name_zh: required"),
    (HEADER + D28.replace('"Day 28 response assessment"', '"Day {n} response assessment"')
     .replace('code = "D28"', 'code = "D{n}"').replace("at = { days = 28 }",
     "at = { days = 28 }\nevery = { days = 7 }\nuntil = { days = 35 }"),
     "t.toml: visit 1 (D{n}): label_zh: must have {n} exactly where label has it"),
    (HEADER + D28.replace('label_zh = "第28天 疗效评估"', "label_zh = 28"),
     "t.toml: visit 1 (D28): label_zh: must be text"),
    (HEADER + D28.replace("label_zh", "code_zh"), "t.toml: visit 1 (D28): unknown field 'code_zh'"),
    (HEADER + 'description_zh = "说明"\n' + D28,
     "t.toml: description_zh: 'description' is not translated here (translatable: name_zh)"),
])
def test_translation_refusals_name_file_visit_and_field(tmp_path, body, expected):
    assert expected in _refusal(tmp_path, body)


def test_a_file_without_any_chinese_is_still_a_protocol(tmp_path):
    body = re.sub(r"^(name|label|assessments)_zh = .*\n", "", HEADER + D28, flags=re.M)
    path = tmp_path / "t.toml"
    path.write_text(body, encoding="utf-8")
    p = load_protocol(path)
    assert not p.translated and p.templates[0].label_zh == "" and p.name_in("zh") == "Test"


# -- translations are not the schedule -------------------------------------------------------

def _without_chinese(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(name|label)_zh = .*\n", "", text, flags=re.M)
    text = re.sub(r"^assessments_zh = \[\n(?:    .*\n)*?\]\n|^assessments_zh = \[.*\]\n", "",
                  text, flags=re.M)
    data = tomllib.loads(text)
    assert not [k for e in _entries(data) for k in e if k.endswith("_zh")]
    return data


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_translation_keys_are_left_out_of_the_snapshot(path):
    """A treatment pins its version by the snapshot, compared byte for byte when the same id
    and version is used again: the translated file must give the snapshot the untranslated one
    gave, or every roster would refuse the shipped files as a changed version."""
    translated = load_protocol(path)
    plain = parse_protocol(_without_chinese(path), str(path))
    assert translated.snapshot == plain.snapshot
    assert translated == plain  # the same schedule, by equality too
    assert "_zh" not in translated.snapshot


def test_a_roster_pinned_to_the_untranslated_file_takes_the_translated_one(roster, tmp_path):
    """A roster whose treatments were made from a shipped file before it carried Chinese keeps
    planning new treatments on the same version: no 'not the version this roster holds'."""
    path = default_protocol_dir() / "lbcl-cd19.toml"
    plain = parse_protocol(_without_chinese(path), str(path))
    with roster.store.write(WHO):
        pid = roster.store.add_patient(Patient(mrn="OLD1", name="Old Roster"))
        roster.store.add_treatment(
            Treatment(patient_id=pid, product="axicabtagene ciloleucel", target="CD19",
                      infusion_date=date(2026, 9, 1), protocols=("lbcl-cd19",),
                      tracked_from=date(2026, 9, 1)),
            {"lbcl-cd19": (plain.version, plain.snapshot)})
    p = add_patient(roster, TODAY, mrn="NEW1", protocols=("lbcl-cd19",))
    visits = roster.store.visits(patient_id=p.id)
    assert {v.label_zh for v in visits if v.code == "M3"} == {"第3个月 疗效评估"}


# -- every shipped file translated, one Chinese per English ----------------------------------

@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_protocol_is_translated_whole(path):
    p = load_protocol(path)
    assert p.translated
    for t in [*p.templates, *p.tracks]:
        assert t.label_zh and len(t.assessments_zh) == len(t.assessments), t.code
        assert not re.search(r"[A-Za-z]{4,}", re.sub(r"\b(CIBMTR|MenACWY|PPSV23|ICANS)\b", "",
                                                     t.label_zh)), t.label_zh


def test_each_english_term_has_one_chinese_term_across_every_shipped_file():
    """The translations were checked as a table: every English label, assessment and name
    of every shipped file (the defaults, their history versions, docs/tracks-cart.toml) has
    exactly one Chinese, so a nurse reads the same words for the same thing everywhere
    ("CBC" is always 血常规, "IgG" always 免疫球蛋白 IgG)."""
    seen: dict[str, set[str]] = {}
    for path in SHIPPED:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        seen.setdefault(data["name"], set()).add(data["name_zh"])
        for e in _entries(data):
            seen.setdefault(e["label"], set()).add(e["label_zh"])
            for en, zh in zip(e.get("assessments", []), e.get("assessments_zh", []), strict=True):
                seen.setdefault(en, set()).add(zh)
    twice = {en: zh for en, zh in seen.items() if len(zh) != 1}
    assert twice == {}
    chinese = {next(iter(zh)): en for en, zh in seen.items()}
    assert len(chinese) == len(seen)  # and no two English terms share one Chinese
    table = {en: next(iter(zh)) for en, zh in seen.items()}
    assert table["CBC"] == "血常规"
    assert table["CRS grade"] == "细胞因子释放综合征（CRS）分级"
    assert table["ICANS grade"] == "免疫效应细胞相关神经毒性综合征（ICANS）分级"
    assert table["Bone marrow MRD (flow ± NGS)"] == "骨髓穿刺 MRD（流式细胞术 ± NGS）"
    assert table["IgG"] == "免疫球蛋白 IgG"
    assert table["Month {n} response assessment"] == "第{n}个月 疗效评估"


# -- stored per visit, shown by language -----------------------------------------------------

LBCL = [  # code, English label, Chinese label, first two assessments in Chinese
    ("D1", "Day 1 daily safety check", "第1天 每日安全性检查",
     ("细胞因子释放综合征（CRS）分级", "免疫效应细胞相关神经毒性综合征（ICANS）分级")),
    ("D28", "Day 28 response assessment", "第28天 疗效评估", ("PET-CT", "血常规")),
    ("M3", "Month 3 response assessment", "第3个月 疗效评估", ("PET-CT", "血常规")),
    ("M18", "Month 18 response assessment", "第18个月 疗效评估", ("临床评估", "血常规")),
    ("Y3", "Year 3 long-term follow-up", "第3年 长期随访", ("病史及体格检查", "有无新发恶性肿瘤？")),
]


@pytest.fixture
def clinic(roster: Roster) -> Roster:
    roster.save_settings(replace(roster.settings(), clinic_phone="+86 10 6000 0000",
                                 language="en"), "setup")
    add_patient(roster, TODAY, mrn="ZH1", name="王秀英", infusion=date(2026, 10, 30),
                protocols=("lbcl-cd19",))
    zh = roster.find_patient("ZH1")
    roster.update_patient(replace(zh, language="zh"), WHO, TODAY)
    return roster


@pytest.mark.parametrize("code, en, zh, assessments", LBCL)
def test_visit_label_in_picks_by_language(clinic, code, en, zh, assessments):
    (v,) = [v for v in clinic.store.visits() if v.code == code]
    assert (v.label_in("en"), v.label_in("zh")) == (en, zh)
    assert v.assessments_in("zh")[:2] == assessments
    assert v.assessments_in("en") == v.assessments


def test_visit_label_in_falls_back_to_english_without_chinese(clinic):
    (v,) = [v for v in clinic.store.visits() if v.code == "M3"]
    bare = replace(v, label_zh="", assessments_zh=())
    assert bare.label_in("zh") == "Month 3 response assessment"
    assert bare.assessments_in("zh") == v.assessments
    # Chinese that does not match the assessments one by one is not shown
    assert replace(v, assessments_zh=("血常规",)).assessments_in("zh") == v.assessments


def test_visit_briefs_of_the_worklist_carry_the_chinese(clinic):
    briefs = clinic.store.open_visit_briefs(scheduled_from=date(2026, 11, 1),
                                            scheduled_to=date(2027, 3, 1))
    by_code = {b.code: b for b in briefs}
    assert by_code["M3"].label_in("zh") == "第3个月 疗效评估"
    assert by_code["M3"].label_in("en") == "Month 3 response assessment"


def test_track_visits_take_the_chinese_of_their_version(clinic):
    p = add_patient(clinic, TODAY, mrn="TR1", infusion=date(2026, 9, 1), protocols=("lbcl-cd19",))
    m2 = next(v for v in clinic.store.visits(patient_id=p.id) if v.code == "M2")
    clinic.record_visit(m2.id, m2.scheduled, WHO, TODAY, labs=[LabResult("IgG", "3.1", "g/L")])
    (igg,) = [v for v in clinic.store.visits(patient_id=p.id) if v.code == "IGG1"]
    assert igg.label_in("zh") == "IgG 复查（偏低期间免疫球蛋白替代治疗）"
    assert igg.assessments_in("zh")[0] == "免疫球蛋白 IgG（谷浓度）"


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_documents_show_labels_in_their_language(clinic, tmp_path):
    p = clinic.find_patient("ZH1")
    d28 = next(v for v in clinic.store.visits(patient_id=p.id) if v.code == "D28")
    sheet_zh = visit_sheet_data(clinic, d28.id, WHO, TODAY, NOW, "zh")
    assert sheet_zh.visit.label == "第28天 疗效评估"
    assert sheet_zh.visit.assessments[:2] == ("PET-CT", "血常规")
    assert visit_sheet_data(clinic, d28.id, WHO, TODAY, NOW).visit.label == \
        "Day 28 response assessment"  # the clinic's language: English
    day = day_list_data(clinic, d28.scheduled, WHO, NOW, "zh")
    assert "第28天 疗效评估" in [r.visit.label for r in day.rows]
    letter = letter_data(clinic, p, TODAY, NOW)  # the patient's language: Chinese
    assert "第3个月 疗效评估" in [v.label for v in letter.coming_visits]
    assert "Month 3 response assessment" in [
        v.label for v in letter_data(clinic, p, TODAY, NOW, "en").coming_visits]


def test_visit_sheet_and_letter_pdfs_print_the_chinese(clinic, tmp_path):
    p = clinic.find_patient("ZH1")
    d28 = next(v for v in clinic.store.visits(patient_id=p.id) if v.code == "D28")
    print_document(clinic, "visit", str(d28.id), tmp_path / "sheet.pdf", WHO, TODAY,
                   language="zh")
    sheet = _pdf_text(tmp_path / "sheet.pdf")
    assert "第28天 疗效评估" in sheet and "血常规" in sheet
    assert "Day 28 response assessment" not in sheet
    print_document(clinic, "letter", "ZH1", tmp_path / "letter.pdf", WHO, TODAY)
    letter = _pdf_text(tmp_path / "letter.pdf")
    assert "第3个月 疗效评估" in letter and "Month 3" not in letter


def test_due_and_patient_json_keep_their_fields(clinic, capsys):
    from cartclinic.cli import main

    assert main(["--db", str(clinic.store.path), "due", "--today", TODAY.isoformat(),
                 "--json", "--to", "2027-03-01"]) == 0
    rows = json.loads(capsys.readouterr().out)
    m3 = next(r for r in rows if r["code"] == "M3")
    assert m3["label"] == "Month 3 response assessment"  # as scripts read it
    assert m3["label_zh"] == "第3个月 疗效评估"  # added beside it


# -- migration 0013 fills the visits a roster holds ------------------------------------------

def test_migration_0013_fills_existing_visits_from_their_pinned_version(tmp_path, monkeypatch):
    """A roster at 0012 with a real lbcl-cd19 2026-12 schedule: opened by this program, its
    visits get the Chinese of that version's file where their code is one of its visits (a
    track visit by its track), each change audited; a code the file lacks stays English."""
    from sqlite_utils import Database

    from cartclinic.calendar import ClinicCalendar
    from cartclinic.store.sqlite.schema import ensure_triggers, migration_set
    from cartclinic.store.sqlite.store import PRAGMAS, SqliteStore

    path = tmp_path / "roster.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        conn.execute(pragma)
    migration_set().apply(Database(conn), stop_before="0013_visit_translations")
    ensure_triggers(Database(conn))
    store = SqliteStore(path, conn)
    store._audit_many = partial(audit_as_before_0016, store)  # the trail of that time
    program_before_visit_texts(monkeypatch)  # a visit's texts in its own row
    protocol = load_protocol(default_protocol_dir() / "lbcl-cd19.toml")
    planned = plan_visits(protocol, date(2026, 10, 30), ClinicCalendar())
    with store.write("fixture"):
        pid = store._insert("patients", {"mrn": "M1", "name": "王秀英"})
        tid = store.add_treatment(
            Treatment(patient_id=pid, product="axicabtagene ciloleucel", target="CD19",
                      infusion_date=date(2026, 10, 30), protocols=("lbcl-cd19",),
                      tracked_from=date(2026, 10, 30)),
            {"lbcl-cd19": (protocol.version, protocol.snapshot)})
        extra = [replace(planned[0], code="IGG1", label="IgG recheck",
                         assessments=protocol.tracks[0].assessments),
                 replace(planned[0], code="X9", label="Clinic's own", assessments=("CBC",))]
        for p in [*planned, *extra]:
            store._insert("visits", {
                "treatment_id": tid, "protocol_id": p.protocol_id, "code": p.code,
                "label": p.label, "kind": p.kind, "any_day": int(p.any_day),
                "assessments": json.dumps(list(p.assessments), ensure_ascii=False),
                "target": p.target.isoformat(), "window_start": p.window_start.isoformat(),
                "window_end": p.window_end.isoformat(), "scheduled": p.scheduled.isoformat(),
                "tracked_from": "2026-10-30", "flags": "[]"})
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    Path(str(path) + ".seal").unlink(missing_ok=True)
    monkeypatch.undo()

    r = Roster.open(path)
    try:
        by_code = {v.code: v for v in r.store.visits()}
        assert by_code["M3"].label_in("zh") == "第3个月 疗效评估"
        assert by_code["D1"].assessments_in("zh")[0] == "细胞因子释放综合征（CRS）分级"
        assert by_code["IGG1"].label_in("zh") == "IgG 复查（偏低期间免疫球蛋白替代治疗）"
        assert by_code["X9"].label_in("zh") == "Clinic's own" and by_code["X9"].label_zh == ""
        assert r.store.verify_audit() == []
        who = {row["who"] for row in r.store.audit_rows() if row["table_name"] == "visits"
               and row["action"] == "update"}
        assert who == {"migration 0013_visit_translations"}
    finally:
        r.close()


# -- the demo of a Chinese clinic -------------------------------------------------------------

def test_demo_of_a_chinese_clinic_writes_its_free_texts_in_chinese(roster):
    from cartclinic.demo import make_demo

    make_demo(roster, 60, 3, TODAY, "zh")
    assert roster.settings().language == "zh"
    assert roster.settings().clinic_name == "CAR-T 随访门诊（演示）"
    patients = roster.store.patients()
    english = re.compile(r"[A-Za-z]{3,}")
    assert not [p.diagnosis for p in patients if english.search(p.diagnosis)]
    assert not [p.physician for p in patients if english.search(p.physician)]
    notes = [e.notes for p in patients for e in roster.store.events(p.id) if e.notes]
    assert notes and not [n for n in notes if english.search(n)]
    # and its visits are in Chinese on a Chinese screen
    visits = roster.store.visits()
    assert all(v.label_zh for v in visits)


def test_demo_in_english_keeps_its_english_texts(roster):
    from cartclinic.demo import make_demo

    make_demo(roster, 5, 3, TODAY)
    assert roster.settings().language == "en"
    assert {p.diagnosis for p in roster.store.patients()} <= {
        "Relapsed B-cell ALL", "Relapsed large B-cell lymphoma", "Relapsed multiple myeloma",
        "Large B-cell lymphoma (treated elsewhere)"}


def test_upgrade_gives_changed_and_added_visits_the_chinese_of_the_new_version(tmp_path):
    """`protocols upgrade`: a visit the new version changes or adds takes its Chinese."""
    from test_protocol_upgrade import _with_2026_11

    from cartclinic.protocol_upgrade import apply_upgrade

    db = tmp_path / "ward" / "roster.db"
    db.parent.mkdir()
    _with_2026_11(db, lambda r: add_patient(r, TODAY, mrn="A1", infusion=date(2026, 11, 10),
                                            protocols=("lbcl-cd19",)))
    r = Roster.open(db)
    try:
        plan = apply_upgrade(r, WHO, TODAY)
        changed = {c.code: c.action for t in plan.to_apply for c in t.changes}
        assert {changed[c] for c in ("M3", "W3")} == {"change", "add"}
        new = load_protocol(default_protocol_dir() / "lbcl-cd19.toml")
        zh = {t.code: (t.label_zh, t.assessments_zh) for t in new.templates}
        visits = {v.code: v for v in r.store.visits()}
        for code in changed:
            if code in visits and not visits[code].cancelled_reason:
                assert (visits[code].label_zh, visits[code].assessments_zh) == zh[code], code
    finally:
        r.close()
