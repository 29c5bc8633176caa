"""Start the application: open the roster (or explain why it cannot be opened and offer the
newest good backup), ask who is working, open the worklist."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.roster import Roster
from cartclinic.store import files
from cartclinic.store.restore import restore
from ui import i18n
from ui.context import AppContext
from ui.dialogs.sign_in import SignInDialog
from ui.errors import install_excepthook, start_log
from ui.settings_dialog import SettingsDialog, is_configured

STYLE = Path(__file__).resolve().parent.parent / "resources" / "style.qss"



def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cartclinic", description="CAR-T follow-up clinic")
    parser.add_argument("--db", type=Path, help="the roster file (default: the user data folder)")
    parser.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--who", help=argparse.SUPPRESS)
    parser.add_argument("--screen", help=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help=argparse.SUPPRESS)
    args, _qt = parser.parse_known_args(argv)
    return args


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("cartclinic")
    app.setApplicationName("cartclinic")
    app.setApplicationDisplayName("cartclinic")
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    if STYLE.exists():
        app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    return app


def open_roster(path: Path) -> Roster | None:
    """The roster, or None after telling the nurse why not and what to do."""
    while True:
        try:
            return Roster.open(path)
        except RosterProblem as exc:
            good = files.newest_good_backup(path)
            box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "The roster cannot be opened"), str(exc))
            if good is None:
                box.setInformativeText(QCoreApplication.translate("App",
                    "No good backup was found beside it. Nothing has been changed. If another "
                    "program has the roster open, close it and start again; otherwise call the "
                    "ward IT."))
                box.exec()
                return None
            box.setInformativeText(QCoreApplication.translate("App",
                "The newest backup that passes its check is:\n%s\n\nRestore it? The damaged "
                "file is kept aside, never overwritten. Changes made after that backup will "
                "have to be entered again.") % good)
            restore_button = box.addButton(QCoreApplication.translate("App", "Restore this backup"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not restore_button:
                return None
            try:
                restore(path, good, "restore at start")
            except (InputRefused, RosterProblem) as again:
                QMessageBox.critical(None, QCoreApplication.translate("App", "Not restored"), str(again))
                return None


def sign_in(ctx: AppContext, who: str | None) -> bool:
    """First run: the clinic's settings and who is working. Later runs: who is working."""
    if who:
        ctx.who = who
    if not is_configured(ctx.roster.settings()):
        dialog = SettingsDialog(ctx, first_run=True)
        if who:
            dialog.who.setText(who)
        return bool(dialog.exec())
    if who:
        return True
    dialog = SignInDialog(ctx.roster.settings().clinic_name)
    if not dialog.exec():
        return False
    ctx.who = dialog.who()
    return True


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    app = make_app(argv)
    start_log()
    language = args.lang or i18n.saved_language()
    i18n.install(app, language)
    window_ref: list = []
    install_excepthook(lambda: window_ref[0] if window_ref else None)
    roster = open_roster((args.db or files.default_db_path()).expanduser())
    if roster is None:
        return 3
    frozen = args.today
    ctx = AppContext(roster, clock=(lambda: frozen) if frozen else date.today)
    if args.screen == "first-run":
        dialog = SettingsDialog(ctx, first_run=True)
        dialog.show()
        return app.exec()
    if args.screen == "sign-in":
        dialog = SignInDialog(roster.settings().clinic_name)
        dialog.show()
        return app.exec()
    if not sign_in(ctx, args.who):
        return 0
    QSettings().setValue("ui/last_who", ctx.who)
    from ui.main_window import MainWindow
    from ui.screens import show_screen

    window = MainWindow(ctx)
    window_ref.append(window)
    window.show()
    if args.screen:
        show_screen(window, args.screen)
    code = app.exec()
    roster_now = ctx.roster
    roster_now.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
