"""An admin resets a forgotten PIN, lifts a lockout and switches a leaver's sign-in off and on
again from the staff dialog; a refusal stays in the dialog; a nurse has none of these."""

import sqlite3

import pytest
from cartclinic_ui.staff_dialog import COL_NAME, COL_STATE, ResetPinDialog, StaffDialog
from conftest import ADMIN_PIN, NURSE, NURSE_PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from ui_helpers import NOW, WHO, click_when_shown

from cartclinic.users import MAX_FAILED, SignInRefused


@pytest.fixture
def dialog(staff, ctx, qtbot):
    d = StaffDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def _row(dialog, name):
    """The proxy row of `name`, as the nurse sees it: (name text, state text, foreground)."""
    model = dialog.table.model()
    for r in range(model.rowCount()):
        person = dialog.proxy.object_at(model.index(r, 0))
        if person.name == name:
            return (model.index(r, COL_NAME).data(), model.index(r, COL_STATE).data(),
                    model.index(r, COL_NAME).data(Qt.ItemDataRole.ForegroundRole))
    raise AssertionError(f"{name} is not in the list")


def test_an_admin_resets_a_pin_and_the_person_signs_in_with_it(dialog, staff, qtbot):
    said = []

    def type_pins(box):
        assert isinstance(box, ResetPinDialog) and box.person.name == NURSE
        assert box.pin.echoMode() == QLineEdit.EchoMode.Password
        assert box.pin_again.echoMode() == QLineEdit.EchoMode.Password
        box.pin.setText("86420")
        box.pin_again.setText("86421")
        box.buttons.button(box.buttons.StandardButton.Ok).click()
        said.append((box.isVisible(), box.errors.labels["pin again"].text()))
        box.pin.setText("12")
        box.pin_again.setText("12")
        box.buttons.button(box.buttons.StandardButton.Ok).click()
        said.append((box.isVisible(), box.errors.labels["pin"].text()))
        box.pin.setText("86420")
        box.pin_again.setText("86420")
        box.buttons.button(box.buttons.StandardButton.Ok).click()

    assert dialog.select(NURSE)
    click_when_shown(type_pins)
    assert dialog.reset_pin()
    assert said[0][0] and "differ" in said[0][1], "two different PINs: the dialog stays"
    assert said[1][0] and "4 to 8 digits" in said[1][1]
    assert "new PIN" in dialog.action_done.text() and dialog.action_error.isHidden()
    assert staff.sign_in(NURSE, "86420", NOW).name == NURSE
    with pytest.raises(SignInRefused):
        staff.sign_in(NURSE, NURSE_PIN, NOW)


def test_a_refused_pin_reset_keeps_the_dialog_open(staff, roster, ctx, qtbot, monkeypatch):
    def disk_full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(roster.store, "update_user", disk_full)
    nurse = roster.store.user_by_name(NURSE)
    box = ResetPinDialog(ctx, nurse)
    qtbot.addWidget(box)
    box.show()
    box.pin.setText("86420")
    box.pin_again.setText("86420")
    assert not box.save()
    assert box.isVisible() and "full" in box.errors.general.text()
    monkeypatch.undo()
    assert staff.sign_in(NURSE, NURSE_PIN, NOW).name == NURSE, "the old PIN still works"


def test_an_admin_unlocks_a_name_locked_after_wrong_pins(dialog, staff):
    for _ in range(MAX_FAILED):
        with pytest.raises(SignInRefused):
            staff.sign_in(NURSE, "0000", NOW)
    dialog.refresh()
    dialog.select(NURSE)
    assert "locked until" in _row(dialog, NURSE)[1]
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert _row(dialog, NURSE)[1] == "can sign in"
    assert "can sign in again" in dialog.action_done.text()
    assert not dialog.unlock_button.isEnabled(), "nothing left to unlock"
    assert staff.sign_in(NURSE, NURSE_PIN, NOW).name == NURSE


def test_a_switched_off_person_is_greyed_and_can_be_switched_on(dialog, staff):
    dialog.select(NURSE)
    assert dialog.switch_button.text() == "S&witch off"
    dialog.switch_button.click()
    name, state, colour = _row(dialog, NURSE)
    assert name == f"{NURSE} (switched off)" and "switched off" in state
    assert colour is not None, "shown greyed"
    assert _row(dialog, WHO)[2] is None
    assert dialog.switch_button.text() == "S&witch on", "the same person stays selected"
    with pytest.raises(SignInRefused):
        staff.sign_in(NURSE, NURSE_PIN, NOW)
    dialog.switch_button.click()
    assert _row(dialog, NURSE)[0] == NURSE
    assert staff.sign_in(NURSE, NURSE_PIN, NOW).name == NURSE


def test_the_last_admin_cannot_be_switched_off(dialog, staff, ctx):
    staff.add("Admin Two", "97531", "admin", WHO)
    dialog.refresh()
    dialog.select("Admin Two")
    assert dialog.switch()  # two admins: one may go
    dialog.select(WHO)
    assert not dialog.switch()
    assert dialog.isVisible() and not dialog.action_error.isHidden()
    assert "cannot switch off" in dialog.action_error.text()
    assert [u.name for u in staff.users() if u.role == "admin" and u.active] == [WHO]
    assert staff.sign_in(WHO, ADMIN_PIN, NOW).active


def test_a_nurse_neither_sees_nor_can_use_the_admin_actions(staff, ctx, qtbot):
    ctx.sign_in(staff.sign_in(NURSE, NURSE_PIN, NOW))
    dialog = StaffDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert all(b.isHidden() for b in dialog.admin_buttons)
    dialog.select(WHO)
    assert not dialog.switch() and not dialog.unlock() and not dialog.reset_pin()
    assert "not an admin" in dialog.action_error.text()
    box = ResetPinDialog(ctx, staff.store.user_by_name(WHO))
    qtbot.addWidget(box)
    box.pin.setText("1111")
    box.pin_again.setText("1111")
    assert not box.save()
    assert all(u.active for u in staff.users())
    assert staff.sign_in(WHO, ADMIN_PIN, NOW).name == WHO, "the admin's PIN is unchanged"


def test_the_staff_actions_speak_chinese(qapp):
    from cartclinic_ui import i18n
    from PySide6.QtCore import QCoreApplication

    try:
        assert i18n.install(qapp, "zh")
        assert QCoreApplication.translate("StaffDialog", "S&witch off") == "停用(&W)"
        assert QCoreApplication.translate("StaffModel", "%s (switched off)") == "%s（已停用）"
        assert QCoreApplication.translate("ResetPinDialog", "&Set PIN") == "设置 PIN(&S)"
    finally:
        i18n.install(qapp, "en")
