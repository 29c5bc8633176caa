"""Start the application: take the roster (one program per roster), open it (or explain why it
cannot be opened and offer the newest good backup), ask who is working, open the worklist, then
start the start-of-day backup on a worker thread.

`--who NAME` only fills in the name on the sign-in dialog: nobody is ever signed in without
their own PIN (no switch, option or environment variable skips it). The tests build the window
with a signed-in user themselves; the README's screenshot starts the program through
`tests/launch_signed_in.py`, which checks the PIN it is given before signing in."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from cartclinic_ui import i18n, start
from cartclinic_ui.after_paint import AfterFirstPaint
from cartclinic_ui.context import AppContext
from cartclinic_ui.errors import install_excepthook, start_log
from cartclinic_ui.menu_work import Busy
from cartclinic_ui.roster_lock import RosterInUse, RosterLock
from cartclinic_ui.workers import QuietTask
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cartclinic import local_files
from cartclinic.errors import InputRefused, RosterProblem, StoreError
from cartclinic.roster import Roster
from cartclinic.store import is_server_url, location_of, open_maintenance

log = logging.getLogger("cartclinic.ui")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cartclinic", description="CAR-T follow-up clinic")
    parser.add_argument("--db", help="the roster file, or postgresql://… for a shared roster "
                        "(default: the user data folder)")
    parser.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    parser.add_argument("--who", help=argparse.SUPPRESS)  # see the module's docstring
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
    return app


# -- the roster file -----------------------------------------------------------------------
def is_damaged(path: str | Path) -> bool:
    """Damaged (fails its check, or lost its latest changes), as opposed to busy, read-only or
    on a share: only a damaged roster is worth replacing with a backup."""
    return open_maintenance(path).is_damaged()


def roster_location(db: str | None) -> str | Path:
    """The roster `--db` names (a file's path, plain or sqlite:///…, or a server's address kept
    as text), else the default one ($CARTCLINIC_DB, else the user data folder)."""
    location = location_of(db or local_files.default_location())
    return location if is_server_url(location) else Path(location).absolute()


def open_roster(path: str | Path) -> Roster | None:
    """The roster, or None after telling the nurse why not and what to do. Its integrity check
    (about a second per gigabyte) runs later on a thread of its own: from the moment the sign-in
    dialog waits for a PIN, else once the worklist has painted. Every write waits for that
    check, and `watch_check` acts on its verdict."""
    notices: list[QWidget] = []
    while True:
        try:
            return Roster.open(path, check_later=True,
                               before_upgrade=lambda names: notices.append(upgrade_notice()))
        except RosterProblem as exc:
            if not offer_backup(path, exc):
                return None
        finally:
            for notice in notices:
                notice.close()
            notices.clear()


def upgrade_notice() -> QWidget:
    """On screen while a roster of an older version is upgraded: its check, a copy kept first
    and the new indexes take minutes on a large roster (4 minutes at 50,000 patients), and
    nothing else would be on screen meanwhile. No buttons: the upgrade holds the program until
    it ends, and the notice closes itself then."""
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

    notice = QDialog()
    notice.setWindowTitle(QCoreApplication.translate("App", "Updating the roster"))
    text = QLabel(QCoreApplication.translate(
        "App", "Updating the roster for this version of cartclinic. A copy of it is kept "
        "first.\n\nOn a large roster this takes a few minutes. Please do not switch the PC "
        "off; the worklist opens when it is done."))
    text.setWordWrap(True)
    text.setMinimumWidth(420)
    layout = QVBoxLayout(notice)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.addWidget(text)
    notice.show()
    QApplication.processEvents()  # drawn now: the upgrade holds this thread until it ends
    return notice


def watch_check(ctx: AppContext, on_ok: Callable[[], object], on_closed: Callable[[], object]) -> QuietTask:
    """Wait off the GUI thread for the roster's check. Passed: `on_ok()` (the backup made at
    start follows it, so the two do not read the file at once). Failed: the roster is closed,
    the newest good backup offered, and once restored the roster is opened again and watched;
    otherwise `on_closed()` (quit: nothing has been or will be written to the damaged file)."""
    store = ctx.roster.store
    store.start_check()
    task = QuietTask(store.wait_for_check, ctx)

    def verdict(answer: str | None) -> None:
        if answer is None or ctx.roster.store is not store:
            return  # closed or replaced meanwhile (quit, restore): nothing to act on
        if answer == "ok":
            on_ok()
            return
        log.error("roster %s failed its check after opening: %s", store.path, answer)
        if damaged_after_open(ctx, RosterProblem(answer)):
            watch_check(ctx, on_ok, on_closed)
        else:
            on_closed()

    task.finished.connect(verdict)
    task.failed.connect(lambda exc: verdict(str(exc)))
    task.start()
    return task


def damaged_after_open(ctx: AppContext, problem: RosterProblem) -> bool:
    """The roster turned out damaged after it was opened: close it, offer the newest good
    backup; True once it is restored and open again in `ctx`."""
    path = ctx.roster.store.location
    ctx.close_roster()
    if not offer_backup(path, problem):
        return False
    roster = open_roster(path)
    if roster is None:
        return False
    ctx.replace_roster(roster)
    return True


def offer_backup(path: str | Path, problem: RosterProblem) -> bool:
    """Explain why the roster cannot be opened; for a damaged file offer the newest backup that
    passes its check. True once that backup has been restored (open the roster again)."""
    start.settle()  # a dialog that waits for a person: the cycle collector is not held off
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "The roster cannot be opened"), "")
    box.setDetailedText(str(problem))
    upkeep = open_maintenance(path)
    damaged = upkeep.is_damaged()
    good = upkeep.newest_good_backup() if damaged else None
    if not damaged:
        box.setText(str(problem))
        box.setDetailedText("")
        box.setInformativeText(QCoreApplication.translate("App", "Nothing has been changed. If another program has the roster "
                                  "open, close it and start again; otherwise call the ward IT."))
        box.exec()
        return False
    box.setText(QCoreApplication.translate("App", "The roster file %s is damaged, so it was not opened and nothing was written "
                   "to it.") % path)
    if good is None:
        box.setInformativeText(QCoreApplication.translate("App", "No backup that passes its check was found beside it. Call "
                                  "the ward IT before anyone enters data."))
        box.exec()
        return False
    made = datetime.fromtimestamp(good.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    box.setInformativeText(QCoreApplication.translate("App",
        "The newest backup that passes its check was made on %s:\n%s\n\nRestore it? The damaged "
        "file is moved aside and kept, never overwritten. Changes made after %s will have to be "
        "entered again.") % (made, good, made))
    restore_button = box.addButton(QCoreApplication.translate("App", "Restore this backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button)
    box.exec()
    if box.clickedButton() is not restore_button:
        return False
    try:
        with Busy():
            kept = upkeep.restore(good, "restore at start (before sign-in)")
    except (InputRefused, RosterProblem) as again:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Not restored"), str(again))
        return False
    log.warning("damaged roster %s restored from %s; damaged file kept as %s", path, good, kept)
    QMessageBox.information(None, QCoreApplication.translate("App", "Restored"), QCoreApplication.translate("App",
        "The roster was restored from\n%s\n\nThe damaged file is kept as\n%s") % (good, kept))
    return True


def backup_at_start(ctx: AppContext) -> bool:
    """The checked backup made each time the program starts. It runs on a worker thread and
    begins once the worklist is on screen, so a large roster does not keep the nurse waiting;
    a failure is said in a warning that does not block (see MainWindow), never fatal. A roster
    on a server is backed up on the server (docs/several-workstations.md), not by every PC."""
    if is_server_url(ctx.roster.store.location):
        return False
    return ctx.backups.start(at_start=True)


# -- who is working ------------------------------------------------------------------------
def sign_in(ctx: AppContext, who: str | None) -> bool:
    """First run (a new roster: no admin, no patient): the clinic's settings and the first
    admin. Later runs: a name and PIN. A roster with patients but no admin is refused, naming
    the way out. True once someone is signed in."""
    from cartclinic_ui.dialogs.sign_in import SignInDialog
    from cartclinic_ui.settings_dialog import SettingsDialog

    staff = ctx.staff
    if staff.no_admin_message() is not None:
        # patients and no admin (a restored or copied file without its staff): never offer
        # "first admin" to whoever is at the PC
        start.settle()
        QMessageBox.critical(None, QCoreApplication.translate("App", "The roster cannot be opened"),
                             QCoreApplication.translate("App",
            "The roster %s holds patients but nobody who can sign in as its admin, so it is not "
            "opened: whoever is at the PC must not become its admin.\n\nWard IT, signed in to "
            "this PC as the account that owns the roster, adds an admin with:\n\n"
            "cartclinic-admin --db %s staff add NAME --admin\n\n(it asks for the new PIN twice), "
            "or restores a backup made after the staff were set up.")
                             % (ctx.roster.store.path, ctx.roster.store.path))
        return False
    ctx.roster.store.start_check()  # while a person types: the check costs nobody any time
    start.settle()  # nor is the cycle collector held off while a dialog waits for a person
    if staff.needs_first_admin():
        dialog = SettingsDialog(ctx, first_run=True)
        if who:
            dialog.who.setText(who)
        return bool(dialog.exec()) and ctx.user is not None
    dialog = SignInDialog(staff, ctx.roster.settings().clinic_name, ctx.now)
    if who:
        dialog.name.setText(who)
        dialog.pin.setFocus()
    if not dialog.exec() or dialog.user is None:
        return False
    ctx.sign_in(dialog.user)
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
    path = roster_location(args.db)
    try:
        upkeep = open_maintenance(path)
        session = upkeep.session_files()  # a server roster's lock: this PC's folder for it
        for place in (upkeep.local_file(), session.lock if session else None):
            if place is not None:
                place.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        roster_lock = RosterLock(path)
        roster_lock.acquire()
    except (RosterInUse, OSError, StoreError) as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "The roster is in use"), str(exc))
        return 3
    try:
        return _run(app, args, path, roster_lock, window_ref)
    finally:
        roster_lock.release()


def _run(app: QApplication, args: argparse.Namespace, path: str | Path, roster_lock: RosterLock,
         window_ref: list) -> int:
    # the dialogs before the window are imported here, not with this module: the benchmark's
    # start (which has no sign-in) and the tests need only make_app and open_roster
    from cartclinic_ui.dialogs.sign_in import LAST_WHO, SignInDialog
    from cartclinic_ui.settings_dialog import SettingsDialog

    roster = open_roster(path)
    if roster is None:
        return 3
    frozen = args.today
    ctx = AppContext(roster, clock=(lambda: frozen) if frozen else date.today)
    try:
        if args.screen == "first-run":
            dialog = SettingsDialog(ctx, first_run=True)
            dialog.show()
            start.settle()
            return app.exec()
        if args.screen == "sign-in":
            dialog = SignInDialog(ctx.staff, roster.settings().clinic_name, ctx.now)
            if args.who:
                dialog.name.setText(args.who)
            dialog.show()
            start.settle()
            return app.exec()
        if not sign_in(ctx, args.who):
            return 0
        if not args.lang:  # the window in the language of the person who signed in
            i18n.install(app, i18n.person_language(ctx.user))
        start.hold()  # again for building the window; settled once it has painted
        QSettings().setValue(LAST_WHO, ctx.who)
        from cartclinic_ui.main_window import MainWindow
        from cartclinic_ui.screens import show_screen

        try:
            window = MainWindow(ctx, roster_lock)
        except StoreError as exc:
            # damage met while reading, before its check answered: the same way out
            if not damaged_after_open(ctx, RosterProblem(str(exc))):
                return 3
            window = MainWindow(ctx, roster_lock)
        window_ref.append(window)

        def replaced(new) -> None:  # the window built again in another language
            window_ref[0] = new
            new.replaced.connect(replaced)

        window.replaced.connect(replaced)
        window.show()
        if args.screen:
            show_screen(window, args.screen)
        # the check, then the backup made at start, begin once the worklist has painted: on two
        # cores a check running beside the first paint delayed it by a sixth. The cycle
        # collector, held off while starting (ui/start.py), runs again from then on.
        def after_paint() -> None:
            start.settle()
            watch_check(ctx, lambda: backup_at_start(ctx), lambda: app.exit(3))

        AfterFirstPaint(window, after_paint)
        QTimer.singleShot(30_000, window, start.settle)  # a window that never paints (minimised)
        return app.exec()
    finally:
        ctx.close_roster()  # waits for a running backup: it is never cut off by quitting
