"""Who may sign in: the admin adds nurses and other admins, each with their own PIN."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused
from cartclinic.model import User
from ui.context import AppContext
from ui.dialogs.form import FieldErrors
from ui.dialogs.sign_in import pin_edit
from ui.models.base import SORT_ROLE, RowTableModel
from ui.models.proxy import RowProxy

COL_NAME, COL_ROLE, COL_STATE = range(3)


class StaffModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Role"), self.tr("Sign-in")]

    def role_text(self, role: str) -> str:
        return self.tr("admin") if role == "admin" else self.tr("nurse")

    def state_text(self, u: User) -> str:
        if not u.active:
            return self.tr("no longer active")
        if u.locked_until:
            when = datetime.fromisoformat(u.locked_until)
            return self.tr("locked until %s after wrong PINs") % when.strftime("%Y-%m-%d %H:%M")
        if u.failed_attempts:
            return self.tr("%n wrong PIN(s) in a row", "", u.failed_attempts)
        return self.tr("can sign in")

    def cell(self, u: User, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return {COL_NAME: u.name, COL_ROLE: self.role_text(u.role),
                    COL_STATE: self.state_text(u)}.get(column)
        return None


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
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Staff"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        heading = QLabel(self.tr("Add a person"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.model.role_text("nurse"), "nurse")
        self.role.addItem(self.model.role_text("admin"), "admin")
        self.pin = pin_edit(self.tr("PIN"))
        self.pin_again = pin_edit(self.tr("PIN again"))
        self.errors.add_row(form, self.tr("&Name"), self.name, "name")
        self.errors.add_row(form, self.tr("&Role"), self.role, "role")
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
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.ctx.staff.users())

    def add(self) -> User | None:
        name, pin = self.name.text(), self.pin.text()
        try:
            self.ctx.require_admin()
            if pin.strip() != self.pin_again.text().strip():
                raise InputRefused(self.tr("PIN again: the two PINs differ; type the same PIN "
                                           "twice"))
            user = self.ctx.write(lambda: self.ctx.staff.add(name, pin, self.role.currentData(),
                                                             self.ctx.who))
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
