"""The protocol-upgrade dialog with tracks, as a hurried admin uses it: the list names the track
visit the upgrade makes (an IgG recheck from a low result); Escape half-way changes nothing; a
roster another program changed after the list was shown is refused, not acted on; applied, the
visit lands on the patient listed, and a cancellation by hand takes it back as entered in error."""

import shutil
from datetime import date

import pytest
from ui_helpers import NOW, TODAY, WHO, add_patient

from cartclinic.model import PatientResult, User
from cartclinic.protocol import default_protocol_dir
from cartclinic.roster import Roster
from cartclinic.store.sqlite.files import clinic_protocol_dir

LOW_IGG = date(2026, 2, 20)  # the recheck follows it by a month: 2026-03-20


@pytest.fixture
def upgrade_roster(tmp_path):
    """A patient on the 2026-11 lbcl-cd19 (no tracks) with a low IgG, and a bystander; the
    library then holds the 2026-12 version with tracks."""
    db = tmp_path / "ward" / "roster.db"
    db.parent.mkdir()
    folder = clinic_protocol_dir(db)
    folder.mkdir(parents=True)
    for f in (default_protocol_dir() / "history").glob("*.toml"):
        shutil.copy(f, folder / f.name)
    r = Roster.open(db)
    low = add_patient(r, mrn="T1", name="Track Patient", days_ago=150, protocol="lbcl-cd19")
    add_patient(r, mrn="B1", name="Bystander", days_ago=150, protocol="lbcl-cd19")
    r.add_results([PatientResult(low.id, LOW_IGG, "IgG", "3.1", "g/L", 3.1, "g/L")], WHO)
    r.close()
    shutil.rmtree(folder)
    return db


def _dialog(db, qtbot):
    from cartclinic_ui.context import AppContext
    from cartclinic_ui.protocol_upgrade_dialog import ProtocolUpgradeDialog

    roster = Roster.open(db)
    ctx = AppContext(roster, User(WHO, "admin"), clock=lambda: TODAY, now=lambda: NOW)
    dialog = ProtocolUpgradeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return roster, ctx, dialog


def _igg(roster, mrn):
    p = roster.find_patient(mrn)
    return [v for v in roster.store.visits(patient_id=p.id) if v.code.startswith("IGG")]


def test_the_list_names_the_track_visit_and_escape_changes_nothing(upgrade_roster, qtbot):
    from PySide6.QtCore import Qt

    roster, ctx, dialog = _dialog(upgrade_roster, qtbot)
    try:
        text = dialog.listing.toPlainText()
        line = next(x for x in text.splitlines() if "IGG1" in x)
        assert "2026-03-20" in line and "(track, from the results)" in line
        dialog.confirm.setChecked(True)  # half-way: ticked, then Escape
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and dialog.applied is None
        assert _igg(roster, "T1") == [] and _igg(roster, "B1") == []
        t = roster.store.treatments(roster.find_patient("T1").id)[0]
        assert roster.store.protocol_version(t.id, "lbcl-cd19")[0] == "2026-11"
    finally:
        ctx.backups.wait()
        roster.close()


def test_a_roster_changed_after_the_list_was_shown_is_refused(upgrade_roster, qtbot,
                                                              monkeypatch):
    from cartclinic_ui import protocol_upgrade_dialog as module

    refused = []
    monkeypatch.setattr(module, "show_refused", lambda parent, exc, title: refused.append(
        str(exc)))
    roster, ctx, dialog = _dialog(upgrade_roster, qtbot)
    try:
        other = Roster.open(upgrade_roster)  # another workstation's program, meanwhile
        p = other.find_patient("T1")
        other.add_results([PatientResult(p.id, date(2026, 2, 27), "IgG", "3.4", "g/L", 3.4,
                                         "g/L")], "Nurse Other")
        other.close()
        dialog.confirm.setChecked(True)
        dialog.apply_button.click()
        # the window sees the other program's change before anything is written (and, behind
        # it, apply_upgrade compares the list with the roster: test_protocol_upgrade.py)
        assert refused and "changed outside this window" in refused[0]
        assert "Nothing was saved" in refused[0]
        assert dialog.applied is None and _igg(ctx.roster, "T1") == []  # the roster reloaded
    finally:
        ctx.backups.wait()
        ctx.roster.close()


def test_applied_the_recheck_lands_on_the_listed_patient_and_can_be_taken_back(
        upgrade_roster, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    roster, ctx, dialog = _dialog(upgrade_roster, qtbot)
    try:
        dialog.confirm.setChecked(True)
        dialog.apply_button.click()
        assert dialog.applied is not None
        (igg,) = _igg(roster, "T1")
        assert (igg.code, igg.target) == ("IGG1", date(2026, 3, 20))
        assert _igg(roster, "B1") == []  # the bystander has no low result: no recheck
        # a nurse who thinks it wrong cancels it by hand, and that too is taken back
        roster.cancel_visit(igg.id, "not needed: replacement given elsewhere", WHO, TODAY)
        assert roster.store.visit(igg.id).cancelled_reason
        roster.correct("cancellation", igg.id, "cancelled on the wrong patient", WHO, TODAY)
        assert roster.store.visit(igg.id).cancelled_reason == ""
        assert roster.store.verify_audit() == []
    finally:
        ctx.backups.wait()
        roster.close()
