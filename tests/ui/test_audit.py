"""The audit viewer (filters, CSV, verify in plain words) and a patient's record on request."""

import csv
import json
import os
import stat
from dataclasses import replace
from datetime import date, timedelta

import pytest
from cartclinic_ui.audit_view import COL_CHANGE, AuditModel, AuditRow
from conftest import NURSE, NURSE_PIN
from PySide6.QtCore import Qt
from ui_helpers import NOW, WHO, add_patient


@pytest.fixture
def audited(staff, roster, ctx):
    a = add_patient(roster, "M001", "王秀英")
    b = add_patient(roster, "M002", "Margaret Smith")
    ctx.sign_in(staff.sign_in(NURSE, NURSE_PIN, NOW))
    changed = replace(roster.store.patient(b.id), phone="+44 7700 900999")
    ctx.write(lambda: roster.update_patient(changed, ctx.who, ctx.today()))
    return a, b


def test_the_audit_models_keep_the_contract(audited, window, qtmodeltester):
    viewer = window.open_audit()
    qtmodeltester.check(viewer.model)
    qtmodeltester.check(viewer.proxy)
    for r in range(0, viewer.model.rowCount(), 7):  # the unhandled roles stay harmless
        viewer.model.index(r, COL_CHANGE).data(Qt.ItemDataRole.ToolTipRole)
        viewer.model.index(r, 0).data(Qt.ItemDataRole.DecorationRole)


def test_an_update_reads_old_to_new(audited, roster):
    _a, b = audited
    row = next(r for r in reversed(list(roster.store.audit_rows()))
               if r["table_name"] == "patients" and r["action"] == "update")
    shown = AuditRow(row)
    assert shown.change == "phone: +44 7700 900123 → +44 7700 900999"
    assert shown.when.tzinfo is not None  # stored in UTC, shown in local time
    assert AuditModel().cell(shown, 1, Qt.ItemDataRole.DisplayRole) == NURSE


def test_pin_hashes_are_never_shown_nor_exported(audited, roster, window, tmp_path):
    hashes = [u.pin_hash for u in roster.store.users()]
    viewer = window.open_audit()
    shown = [str(viewer.model.index(r, c).data(role) or "")
             for r in range(viewer.model.rowCount()) for c in range(6)
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    out = viewer.export_csv(str(tmp_path / "audit.csv")).read_text(encoding="utf-8")
    assert any("pin_hash" in t for t in shown), "the users' rows are there"
    for h in hashes:
        assert not any(h[:16] in t for t in shown) and h[:16] not in out


def test_filters_by_patient_person_and_dates(audited, roster, window):
    a, b = audited
    viewer = window.open_audit()
    everything = viewer.proxy.rowCount()
    viewer.mrn.setText("m002")  # MRNs match as the roster stores them
    viewer.apply_filter()
    mine = viewer.visible_rows()
    assert 0 < len(mine) < everything
    assert {r.raw["row_id"] for r in mine if r.raw["table_name"] == "patients"} == {str(b.id)}
    viewer.who.setCurrentIndex(viewer.who.findData(NURSE))
    assert [r.raw["action"] for r in viewer.visible_rows()] == ["update"]
    assert viewer.proxy.index(0, 2).data() == "changed"
    viewer.mrn.setText("NOT-THERE")
    viewer.apply_filter()
    assert viewer.proxy.rowCount() == 0 and "no patient with MRN" in viewer.message.text()
    viewer.mrn.clear()
    viewer.who.setCurrentIndex(0)
    viewer.use_dates.setChecked(True)
    real_today = date.today()  # the audit trail keeps the real clock's time
    viewer.since.setDate(real_today - timedelta(days=1))
    viewer.until.setDate(real_today + timedelta(days=1))
    assert viewer.proxy.rowCount() == everything
    viewer.since.setDate(real_today + timedelta(days=1))
    assert viewer.proxy.rowCount() == 0


def test_export_csv_writes_the_shown_rows_owner_only_and_is_noted(audited, roster, window,
                                                                  tmp_path):
    viewer = window.open_audit()
    viewer.who.setCurrentIndex(viewer.who.findData(NURSE))
    out = viewer.export_csv(str(tmp_path / "audit.csv"))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["who"] for r in rows] == [NURSE] and rows[0]["action"] == "update"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    note = list(roster.store.audit_rows())[-1]
    assert note["row_id"] == "export" and note["who"] == NURSE and "audit.csv" in note["new"]


def test_verify_says_intact_then_names_a_change_made_outside(audited, roster, window):
    viewer = window.open_audit()
    assert viewer.verify() == []
    assert "intact" in viewer.verdict.text()
    roster.store.conn.execute("UPDATE patients SET phone = '000' WHERE mrn = 'M001'")
    problems = viewer.verify()
    assert problems and "changed outside the program" in viewer.verdict.text()
    assert "do not correct it by hand" in viewer.verdict.text()


def test_a_patient_record_is_exported_as_json_and_the_request_is_audited(audited, roster, ctx,
                                                                          window, tmp_path):
    a, _b = audited
    page = window.open_patient(a.id)
    out = page.export_record(str(tmp_path / "record.json"))
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["patient"]["name"] == "王秀英" and record["audit"]
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    note = list(roster.store.audit_rows())[-1]
    assert (note["row_id"], note["who"]) == ("access_request", NURSE)
    assert json.loads(note["new"])["mrn"] == "M001"
    assert WHO != NURSE
