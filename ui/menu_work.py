"""The File menu's work: import a CSV (all or nothing), export, back up, restore a backup (an
admin's work: a restore undoes everyone's changes since the backup).

These touch the database, and a sqlite connection belongs to its thread, so they run on the GUI
thread behind a busy cursor; they take seconds even for a large roster."""

from __future__ import annotations

from pathlib import Path

from cartclinic_ui import i18n
from cartclinic_ui.context import AdminOnly, AppContext
from cartclinic_ui.errors import show_refused
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.roster import Roster


class Busy:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc) -> None:
        QGuiApplication.restoreOverrideCursor()


class MenuWork(QObject):
    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window

    def _csv_and_date_format(self, title: str) -> tuple[str, str | None] | None:
        """A CSV file chosen, and how its dates are written (None: ISO); None if cancelled."""
        path, _ = QFileDialog.getOpenFileName(self.window, title, str(Path.home()), "CSV (*.csv)")
        if not path:
            return None
        formats = [self.tr("ISO (YYYY-MM-DD)"), "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y"]
        choice, ok = QInputDialog.getItem(self.window, self.tr("Dates in the file"),
                                          self.tr("How are dates written in this file?"),
                                          formats, 0, False)
        if not ok:
            return None
        return path, (None if choice == formats[0] else choice)

    def import_csv(self, path: str | None = None, date_format: str | None = None) -> int:
        from cartclinic.roster_csv import import_csv  # the menus' work is imported when used

        if path is None:
            chosen = self._csv_and_date_format(self.tr("Import patients"))
            if chosen is None:
                return 0
            path, date_format = chosen
        from cartclinic.roster_csv import decode_csv

        try:
            text = decode_csv(Path(path).read_bytes(), str(path))
        except OSError as exc:
            QMessageBox.warning(self.window, self.tr("Not imported"),
                                self.tr("The file cannot be read: %s") % exc)
            return 0
        except InputRefused as exc:  # not UTF-8: the likely encoding and what to do
            show_refused(self.window, exc, self.tr("Nothing imported"))
            return 0
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        try:
            with Busy():
                n = self.ctx.write(lambda: import_csv(roster, text, who, today, date_format))
        except InputRefused as exc:
            show_refused(self.window, exc, self.tr("Nothing imported"))
            return 0
        QMessageBox.information(self.window, self.tr("Imported"),
                                self.tr("%n patient(s) added.", "", n))
        return n

    def import_results(self, path: str | None = None, date_format: str | None = None) -> int:
        """File › Import lab results: the lab's CSV (mrn, date, analyte, value, unit), checked
        whole first; what it would add is shown and confirmed; then all of it, or nothing."""
        from cartclinic.results import check_results_csv, import_results_csv
        from cartclinic.roster_csv import decode_csv

        if path is None:
            chosen = self._csv_and_date_format(self.tr("Import lab results"))
            if chosen is None:
                return 0
            path, date_format = chosen
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        try:
            text = decode_csv(Path(path).read_bytes(), str(path))
            with Busy():
                checked = check_results_csv(roster, text, today, date_format)
        except OSError as exc:
            QMessageBox.warning(self.window, self.tr("Not imported"),
                                self.tr("The file cannot be read: %s") % exc)
            return 0
        except InputRefused as exc:  # every bad line named; nothing saved
            show_refused(self.window, exc, self.tr("No results imported"))
            return 0
        patients = len({r.patient_id for r in checked})
        by_analyte: dict[str, int] = {}
        language = i18n.current()
        for r in checked:
            name = self.ctx.roster.analytes.shown_name(r.name, language)
            by_analyte[name] = by_analyte.get(name, 0) + 1
        answer = QMessageBox.question(
            self.window, self.tr("Import lab results"),
            self.tr("Add %1 result(s) for %2 patient(s)?").replace("%1", str(len(checked)))
            .replace("%2", str(patients)) + "\n\n"
            + ", ".join(f"{name} {n}" for name, n in sorted(by_analyte.items())) + "\n\n"
            + self.tr("Flags and result-driven rechecks follow at once. A result added by "
                      "mistake is taken back with Entered in error…"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        try:
            with Busy():
                n, _ = self.ctx.write(lambda: import_results_csv(roster, text, who, today,
                                                                 date_format))
        except InputRefused as exc:  # the roster changed since the check
            show_refused(self.window, exc, self.tr("No results imported"))
            return 0
        QMessageBox.information(self.window, self.tr("Imported"),
                                self.tr("%n result(s) added.", "", n))
        return n

    def export_csv(self) -> None:
        from cartclinic.roster_csv import export_csv

        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export the roster"),
            str(Path.home() / f"roster-{self.ctx.today().isoformat()}.csv"), "CSV (*.csv)")
        if not path:
            return
        with Busy():
            text = export_csv(self.ctx.roster)
        from cartclinic_ui.exports import write_private

        try:
            write_private(Path(path), text)
            self.ctx.note("export", {"file": path})
        except OSError as exc:
            QMessageBox.warning(self.window, self.tr("Not exported"), str(exc))
        except InputRefused as exc:
            show_refused(self.window, exc, self.tr("Not exported"))

    def backup(self) -> Path | None:
        upkeep = self.ctx.roster.store.maintenance()
        try:
            with Busy():
                made = upkeep.backup(self.ctx.now())  # a new name, never over an earlier one
                self.ctx.note("backup", {"file": str(made)})
        except (RosterProblem, OSError) as exc:
            QMessageBox.warning(self.window, self.tr("Backup failed"), str(exc))
            return None
        except InputRefused as exc:
            show_refused(self.window, exc, self.tr("Backup failed"))
            return None
        QMessageBox.information(self.window, self.tr("Backup made"),
                                self.tr("The roster was copied and checked:\n%s") % made)
        return made

    def restore(self, backup: str | None = None) -> bool:
        """Replace the roster with a backup; admins only. With `backup` given, no questions."""
        try:
            self.ctx.require_admin()
        except AdminOnly as exc:
            show_refused(self.window, exc, self.tr("Only an admin can do this"))
            return False
        upkeep = self.ctx.roster.store.maintenance()
        db_path = self.ctx.roster.store.location
        if backup is None:
            with Busy():
                from cartclinic_ui.restore_dialog import RestoreDialog

                chooser = RestoreDialog(upkeep, self.window)
            if not chooser.exec() or chooser.chosen is None:
                return False
            backup = str(chooser.chosen)
            answer = QMessageBox.question(
                self.window, self.tr("Restore this backup?"),
                self.tr("The roster will be replaced by\n%s\n\nThe current roster is kept as a "
                        "backup first. Changes made since that backup will be missing.") % backup)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.ctx.close_roster()  # after a running automatic backup of it has finished
        try:
            with Busy():
                upkeep.restore(Path(backup), self.ctx.who)
        except InputRefused as exc:
            show_refused(self.window, exc, self.tr("Not restored"))
            return self._reopen(db_path) and False
        except RosterProblem as exc:  # a full disk, a folder that cannot be written
            QMessageBox.critical(self.window, self.tr("Not restored"), str(exc))
            return self._reopen(db_path) and False
        self._reopen(db_path)
        QMessageBox.information(self.window, self.tr("Restored"),
                                self.tr("The roster was restored from\n%s") % backup)
        return True

    def _reopen(self, db_path: str | Path) -> bool:
        try:
            self.ctx.replace_roster(Roster.open(db_path))
        except RosterProblem as exc:
            QMessageBox.critical(self.window, self.tr("Roster problem"), str(exc))
            return False
        return True
