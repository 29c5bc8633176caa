"""Each person signs in with their own name and PIN; the first run creates the first admin; an
admin's actions are closed to a nurse; nothing signs anyone in without their PIN."""

from dataclasses import replace

from cartclinic_ui import app
from cartclinic_ui.dialogs.sign_in import LAST_WHO, SignInDialog
from cartclinic_ui.settings_dialog import SettingsDialog, is_configured
from cartclinic_ui.staff_dialog import StaffDialog
from conftest import ADMIN_PIN, NURSE, NURSE_PIN
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit, QMessageBox
from ui_helpers import NOW, WHO, add_patient

from cartclinic.users import MAX_FAILED, Staff


def test_first_run_creates_the_first_admin_with_a_pin_typed_twice(ctx, roster, qtbot):
    roster.save_settings(replace(roster.settings(), extra={}), "setup")
    ctx.user = None
    assert Staff(roster.store).needs_first_admin()
    dialog = SettingsDialog(ctx, first_run=True)
    qtbot.addWidget(dialog)
    dialog.who.setText("Nurse Wang")
    dialog.name.setText("Ward 7")
    dialog.region.setCurrentText("CN")
    dialog.pin.setText("2468")
    dialog.pin_again.setText("2469")
    dialog._save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "differ" in dialog.errors.labels["pin again"].text()
    assert Staff(roster.store).needs_first_admin(), "nothing saved: all or nothing"
    assert not is_configured(roster.settings())
    dialog.pin_again.setText("2468")
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert ctx.who == "Nurse Wang" and ctx.is_admin()
    assert Staff(roster.store).sign_in("Nurse Wang", "2468", NOW).role == "admin"
    assert is_configured(roster.settings()) and roster.settings().holiday_region == "CN"
    assert not Staff(roster.store).needs_first_admin()


def test_first_run_refuses_a_pin_that_is_not_4_to_8_digits(ctx, roster, qtbot):
    ctx.user = None
    dialog = SettingsDialog(ctx, first_run=True)
    qtbot.addWidget(dialog)
    dialog.who.setText("Nurse Wang")
    dialog.pin.setText("12")
    dialog.pin_again.setText("12")
    dialog._save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "4 to 8 digits" in dialog.errors.labels["pin"].text()


def test_sign_in_masks_the_pin_and_fills_in_the_last_name(staff, ctx, qtbot):
    QSettings().setValue(LAST_WHO, NURSE)
    dialog = SignInDialog(staff, "Ward 7", ctx.now)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == NURSE
    assert dialog.pin.echoMode() == QLineEdit.EchoMode.Password


def test_a_wrong_pin_is_said_and_the_dialog_stays_open(staff, ctx, qtbot):
    dialog = SignInDialog(staff, "Ward 7", ctx.now)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(NURSE)
    dialog.pin.setText("0000")
    assert not dialog.try_sign_in()
    assert dialog.isVisible() and dialog.user is None
    assert "wrong PIN; 4 tries left" in dialog.errors.labels["pin"].text()
    assert dialog.pin.text() == ""
    dialog.pin.setText(NURSE_PIN)
    assert dialog.try_sign_in()
    assert dialog.user.name == NURSE and dialog.result() == dialog.DialogCode.Accepted
    assert QSettings().value(LAST_WHO) == NURSE


def test_a_locked_name_says_until_when(staff, ctx, qtbot):
    dialog = SignInDialog(staff, "Ward 7", ctx.now)
    qtbot.addWidget(dialog)
    dialog.name.setText(NURSE)
    for _ in range(MAX_FAILED):
        dialog.pin.setText("0000")
        dialog.try_sign_in()
    dialog.pin.setText(NURSE_PIN)  # the right PIN, too late
    assert not dialog.try_sign_in()
    assert "locked until 09:35" in dialog.errors.labels["pin"].text()  # NOW + 5 minutes


def test_every_write_carries_the_signed_in_name(staff, ctx, roster, window):
    nurse = staff.sign_in(NURSE, NURSE_PIN, NOW)
    ctx.sign_in(nurse)
    p = add_patient(roster)
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D10")
    ctx.write(lambda: roster.mark_missed(visit.id, ctx.who, ctx.today(), "no show"))
    last = list(roster.store.audit_rows())[-1]
    assert last["who"] == NURSE
    assert NURSE in window.windowTitle()


def test_a_nurse_cannot_open_settings_staff_or_restore(staff, ctx, window, monkeypatch):
    assert all(a.isEnabled() for a in window.admin_actions)
    ctx.sign_in(staff.sign_in(NURSE, NURSE_PIN, NOW))
    assert not any(a.isEnabled() for a in window.admin_actions)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    window.open_settings()
    window.open_staff()
    assert not window.work.restore("any.db")
    assert len(told) == 3 and all("not an admin" in t for t in told)


def test_an_admin_adds_a_nurse_who_can_then_sign_in(staff, ctx, roster, qtbot, qtmodeltester):
    dialog = StaffDialog(ctx)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    dialog.name.setText("Zhang Wei")
    dialog.pin.setText("97531")
    dialog.pin_again.setText("97531")
    assert dialog.add() is not None
    assert dialog.model.rowCount() == 3 and "Zhang Wei" in dialog.added.text()
    assert staff.sign_in("Zhang Wei", "97531", NOW).role == "nurse"
    dialog.name.setText("Zhang Wei")
    dialog.pin.setText("1111")
    dialog.pin_again.setText("1111")
    assert dialog.add() is None
    assert "already has a sign-in" in dialog.errors.labels["name"].text()


def test_no_switch_or_option_signs_anyone_in_without_their_pin(staff, ctx, roster, qtbot,
                                                                monkeypatch):
    """The environment variable the program once honoured, and --who, only fill in the name:
    the PIN is still asked, and closing the dialog signs nobody in."""
    asked = []
    monkeypatch.setattr(SignInDialog, "exec", lambda self: asked.append(self.name.text()) or 0)
    ctx.user = None
    monkeypatch.setenv("CARTCLINIC_TEST_SIGNIN", "1")
    assert not app.sign_in(ctx, WHO)
    assert asked == [WHO] and ctx.user is None, "the admin's PIN is still asked"
    assert not hasattr(app, "TEST_SIGNIN")
    assert ADMIN_PIN and NURSE


def test_the_shipped_packages_have_no_sign_in_without_a_pin():
    from pathlib import Path

    root = Path(app.__file__).resolve().parent.parent
    shipped = [root / "main.py", *(root / "ui").rglob("*.py"), *(root / "cartclinic").rglob("*.py")]
    assert not [p for p in shipped if "CARTCLINIC_TEST_SIGNIN" in p.read_text(encoding="utf-8")]


def test_the_launcher_for_scripts_signs_in_only_with_the_right_pin(tmp_path):
    """tests/launch_signed_in.py (the README's screenshot) checks the PIN it is given: a wrong
    one opens no window, is counted and audited."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from ui_helpers import ready_roster

    from cartclinic.roster import Roster

    db = ready_roster(tmp_path / "r.db")
    root = Path(app.__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    done = subprocess.run([sys.executable, str(root / "tests" / "launch_signed_in.py"), "--db",
                           str(db), "--who", WHO], input="0000\n", capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0 and "wrong PIN" in done.stderr
    r = Roster.open(db)
    try:
        failed = [row for row in r.store.audit_rows() if row["row_id"] == "sign_in_failed"]
        assert failed and r.store.user_by_name(WHO).failed_attempts == 1
    finally:
        r.close()


def test_the_new_words_speak_chinese(qapp):
    from cartclinic_ui import i18n
    from PySide6.QtCore import QCoreApplication

    try:
        assert i18n.install(qapp, "zh")
        assert QCoreApplication.translate("SignInDialog", "&Unlock") == "解锁(&U)"
        assert QCoreApplication.translate("AuditWindow", "&Verify") == "校验(&V)"
        assert QCoreApplication.translate("App", "The roster is in use") == "名册正在使用中"
    finally:
        i18n.install(qapp, "en")


def test_sign_in_at_start_uses_the_dialog(staff, ctx, monkeypatch):
    def fake_exec(self):
        self.name.setText(WHO)
        self.pin.setText(ADMIN_PIN)
        return self.try_sign_in()

    monkeypatch.setattr(SignInDialog, "exec", fake_exec)
    ctx.user = None
    assert app.sign_in(ctx, None)
    assert ctx.who == WHO and ctx.is_admin()


def test_a_roster_with_patients_and_no_admin_is_refused_not_offered_a_first_admin(
        roster, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    add_patient(roster)
    ctx.user = None
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: (_ for _ in ()).throw(
        AssertionError("the first-admin dialog was offered")))
    assert not app.sign_in(ctx, None)
    assert ctx.user is None and len(told) == 1
    assert "staff add NAME --admin" in told[0] and "holds patients" in told[0]
