"""Who may sign in: the admin adds nurses and other admins, each with their own PIN, sets a new
PIN for someone who forgot theirs, lifts a lockout after wrong PINs, and switches off the sign-in
of a leaver (their name stays in the audit trail; it can be switched on again). These actions are
an admin's: a nurse does not see them, and the roster refuses them to a nurse too."""

from __future__ import annotations

from typing import Any

from cartclinic_ui import i18n, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.deliberate_choice import DeliberateChoice
from cartclinic_ui.dialogs.form import FieldErrors
from cartclinic_ui.dialogs.sign_in import pin_edit
from cartclinic_ui.errors import split_reason
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.models.base import SORT_ROLE, RowTableModel
from cartclinic_ui.models.proxy import RowProxy
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused
from cartclinic.model import User
from cartclinic.users import locked_until_local

COL_NAME, COL_ROLE, COL_STATE, COL_LANGUAGE = range(4)


class StaffModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Role"), self.tr("Sign-in"), self.tr("Language")]

    def language_text(self, language: str | None) -> str:
        """A person's interface language: its own name, or the PC's setting."""
        return i18n.LANGUAGES.get(language or "", self.tr("this PC's setting"))

    def role_text(self, role: str) -> str:
        return self.tr("admin") if role == "admin" else self.tr("nurse")

    def name_text(self, u: User) -> str:
        return u.name if u.active else self.tr("%s (switched off)") % u.name

    def state_text(self, u: User) -> str:
        if not u.active:
            return self.tr("switched off: cannot sign in")
        if u.locked_until:
            when = locked_until_local(u)
            return self.tr("locked until %s after wrong PINs") % when.strftime("%Y-%m-%d %H:%M")
        if u.failed_attempts:
            return self.tr("%n wrong PIN(s) in a row", "", u.failed_attempts)
        return self.tr("can sign in")

    def cell(self, u: User, column: int, role: int) -> Any:
        if role == SORT_ROLE and column == COL_NAME:
            return u.name.casefold()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return {COL_NAME: self.name_text(u), COL_ROLE: self.role_text(u.role),
                    COL_STATE: self.state_text(u),
                    COL_LANGUAGE: self.language_text(u.language)}.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and not u.active:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        return None


class ResetPinDialog(QDialog):
    """An admin types a new PIN twice for someone who forgot theirs; it also lifts a lockout.
    A refusal is said beside the field and the dialog stays open."""

    def __init__(self, ctx: AppContext, person: User, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.setWindowTitle(self.tr("Reset PIN"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A new PIN for %s. Tell it to them in person; they can sign in "
                               "with it at once.") % person.name)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.pin = pin_edit(self.tr("New PIN"))
        self.pin_again = pin_edit(self.tr("New PIN again"))
        self.errors.add_row(form, self.tr("&New PIN"), self.pin, "pin")
        self.errors.add_row(form, self.tr("New PIN a&gain"), self.pin_again, "pin again")
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Set PIN"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> bool:
        pin = self.pin.text()
        try:
            self.ctx.require_admin()
            if pin.strip() != self.pin_again.text().strip():
                raise InputRefused(self.tr("PIN again: the two PINs differ; type the same PIN "
                                           "twice"))
            admin = self.ctx.user
            assert admin is not None
            self.ctx.write(lambda: self.ctx.staff.reset_pin(self.person.name, pin, admin))
        except InputRefused as exc:  # also NotSaved (the disk refused) and AdminOnly
            self.errors.show(exc.reasons)
            self.pin.clear()
            self.pin_again.clear()
            self.pin.setFocus()
            return False
        self.errors.clear()
        self.accept()
        return True


class StaffDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Staff"))
        self.setMinimumWidth(520)
        self.model = StaffModel(self)
        self.proxy = RowProxy(self.model, parent=self)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Each person signs in with their own name and PIN; the roster "
                               "records who made every change. Admins may also change the "
                               "settings, manage staff and restore backups."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = ListTable(self.proxy, self.tr("Staff"))
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.table)
        self.admin_row = QHBoxLayout()
        self.reset_button = QPushButton(self.tr("R&eset PIN…"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.switch_button = QPushButton(self.tr("S&witch off"))
        self.admin_buttons = (self.reset_button, self.unlock_button, self.switch_button)
        for button in self.admin_buttons:
            button.setAutoDefault(False)
            self.admin_row.addWidget(button)
        self.admin_row.addStretch(1)
        # the selected person's interface language, set when chosen (their sign-in opens in it)
        self.language_label = QLabel(self.tr("Language:"))  # every letter of it is taken
        self.language = self._language_box()
        self.language_label.setBuddy(self.language)
        self.language.setAccessibleName(self.tr("Language of the selected person"))
        self.admin_row.addWidget(self.language_label)
        self.admin_row.addWidget(self.language)
        self.language.activated.connect(self.set_language)
        layout.addLayout(self.admin_row)
        self.action_error = QLabel()  # the error line of the actions on the selected person
        look.mark(self.action_error, "error")
        self.action_error.setWordWrap(True)
        self.action_error.hide()
        self.action_done = QLabel()
        self.action_done.setWordWrap(True)
        self.action_done.hide()
        layout.addWidget(self.action_error)
        layout.addWidget(self.action_done)
        heading = QLabel(self.tr("Add a person"))
        look.mark(heading, "heading")
        layout.addWidget(heading)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.name = QLineEdit()
        self.role = DeliberateChoice()
        self.role.addItem(self.model.role_text("nurse"), "nurse")
        self.role.addItem(self.model.role_text("admin"), "admin")
        self.pin = pin_edit(self.tr("PIN"))
        self.pin_again = pin_edit(self.tr("PIN again"))
        self.new_language = self._language_box()
        self.errors.add_row(form, self.tr("&Name"), self.name, "name")
        self.errors.add_row(form, self.tr("&Role"), self.role, "role")
        self.errors.add_row(form, self.tr("&Language"), self.new_language, "language")
        self.errors.add_row(form, self.tr("&PIN"), self.pin, "pin")
        self.errors.add_row(form, self.tr("PIN a&gain"), self.pin_again, "pin again")
        layout.addLayout(form)
        self.added = QLabel()
        layout.addWidget(self.added)
        self.add_button = QPushButton(self.tr("&Add"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add)
        self.reset_button.clicked.connect(self.reset_pin)
        self.unlock_button.clicked.connect(self.unlock)
        self.switch_button.clicked.connect(self.switch)
        self.table.current.connect(self._update_buttons)
        for button in (*self.admin_buttons, self.language_label, self.language):
            button.setVisible(ctx.is_admin())  # a nurse does not see an admin's actions
        self.refresh()

    def _language_box(self) -> DeliberateChoice:
        box = DeliberateChoice()
        box.addItem(self.model.language_text(None), None)
        for code, name in i18n.LANGUAGES.items():
            box.addItem(name, code)
        return box

    def refresh(self, keep: str | None = None) -> None:
        """Reload the list; `keep` is the name of the person to keep selected."""
        keep = keep or self.selected_name()
        self.model.set_rows(self.ctx.staff.users())
        if keep:
            self.select(keep)
        self._update_buttons()

    def select(self, name: str) -> bool:
        for row, u in enumerate(self.model.rows()):
            if u.name == name:
                self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
                return True
        return False

    def selected(self) -> User | None:
        return self.table.current_object()

    def selected_name(self) -> str | None:
        u = self.selected()
        return u.name if u is not None else None

    def _update_buttons(self, *_ignored: Any) -> None:
        u = self.selected()
        self.reset_button.setEnabled(u is not None)
        self.unlock_button.setEnabled(u is not None and bool(u.locked_until or u.failed_attempts))
        self.switch_button.setEnabled(u is not None)
        self.language.setEnabled(u is not None)
        self.language.setCurrentIndex(max(0, self.language.findData(u.language if u else None)))
        self.switch_button.setText(self.tr("S&witch on") if u is not None and not u.active
                                   else self.tr("S&witch off"))

    # -- an admin's actions on the selected person -----------------------------------------
    def _said(self, done: str = "", refused: InputRefused | None = None) -> None:
        self.action_error.setVisible(refused is not None)
        self.action_error.setText("\n".join(split_reason(r)[1] for r in refused.reasons)
                                  if refused is not None else "")
        self.action_done.setVisible(bool(done))
        self.action_done.setText(done)

    def _act(self, action, done: str) -> bool:
        """Run one admin action on the roster; a refusal goes to the error line, nothing
        changed, and the dialog stays open."""
        u = self.selected()
        if u is None:
            return False
        try:
            self.ctx.require_admin()
            admin = self.ctx.user
            assert admin is not None
            self.ctx.write(lambda: action(u.name, admin))
        except InputRefused as exc:  # also NotSaved (the disk refused) and AdminOnly
            self._said(refused=exc)
            self.refresh(u.name)
            return False
        self.refresh(u.name)
        self._said(done % u.name)
        return True

    def reset_pin(self) -> bool:
        u = self.selected()
        if u is None:
            return False
        try:
            self.ctx.require_admin()
        except InputRefused as exc:
            self._said(refused=exc)
            return False
        dialog = ResetPinDialog(self.ctx, u, self)
        if not dialog.exec():
            return False
        self.refresh(u.name)
        self._said(self.tr("%s has a new PIN and can sign in with it.") % u.name)
        return True

    def unlock(self) -> bool:
        return self._act(self.ctx.staff.unlock, self.tr("%s can sign in again."))

    def set_language(self) -> bool:
        """The selected person's interface language (theirs from their next sign-in)."""
        language = self.language.currentData()
        return self._act(lambda name, admin: self.ctx.staff.set_language(name, language, admin),
                         self.tr("%s's screens will be in this language from their next "
                                 "sign-in."))

    def switch(self) -> bool:
        u = self.selected()
        if u is None:
            return False
        if u.active:
            return self._act(lambda name, admin: self.ctx.staff.set_active(name, False, admin),
                             self.tr("%s can no longer sign in; their name stays in the audit "
                                     "trail."))
        return self._act(lambda name, admin: self.ctx.staff.set_active(name, True, admin),
                         self.tr("%s can sign in again."))

    def add(self) -> User | None:
        name, pin = self.name.text(), self.pin.text()
        try:
            self.ctx.require_admin()
            if pin.strip() != self.pin_again.text().strip():
                raise InputRefused(self.tr("PIN again: the two PINs differ; type the same PIN "
                                           "twice"))
            user = self.ctx.write(lambda: self.ctx.staff.add(
                name, pin, self.role.currentData(), self.ctx.who,
                language=self.new_language.currentData()))
        except InputRefused as exc:
            self.added.clear()
            self.errors.show(exc.reasons)
            return None
        self.errors.clear()
        for edit in (self.name, self.pin, self.pin_again):
            edit.clear()
        self.refresh()
        self.added.setText(self.tr("%s can now sign in.") % user.name)
        return user
