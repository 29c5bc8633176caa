"""The main window: worklist (home), phone list, roster, calendar and patient pages as tabs; the
menus (admin-only actions disabled for a nurse); the lock screen; window geometry kept between
runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cartclinic_ui import i18n
from cartclinic_ui.after_paint import AfterFirstPaint
from cartclinic_ui.context import AdminOnly, AppContext, changed_outside_message
from cartclinic_ui.errors import log_path, show_refused
from cartclinic_ui.idle_lock import IdleLock, LockScreen, Veil
from cartclinic_ui.menu_work import MenuWork
from cartclinic_ui.page_slot import PageSlot
from cartclinic_ui.roster_lock import RosterLock
from cartclinic_ui.visit_actions import VisitActions
from cartclinic_ui.worklist import WorklistPage
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cartclinic.clock import clock_behind
from cartclinic.errors import InputRefused, StoreError

if TYPE_CHECKING:
    from cartclinic_ui.audit_view import AuditWindow
    from cartclinic_ui.calendar_view import CalendarPage
    from cartclinic_ui.dialogs.sign_in import SignInDialog
    from cartclinic_ui.patient_page import PatientPage
    from cartclinic_ui.phone_list import PhoneListPage
    from cartclinic_ui.printing import Printing
    from cartclinic_ui.roster_view import RosterPage


def _patient_page_class() -> type[PatientPage]:
    # imported when first needed, as are the dialogs below: the start imports only what the
    # worklist needs (every module more is paid by every start)
    from cartclinic_ui.patient_page import PatientPage

    return PatientPage


FIXED_PAGES = 4  # worklist, phone list, roster, calendar: the tabs that are not patient pages


class MainWindow(QMainWindow):
    # the window built again in another interface language, which takes this one's place
    replaced = Signal(object)

    def __init__(self, ctx: AppContext, roster_lock: RosterLock | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.roster_lock = roster_lock
        self.unlock_dialog: SignInDialog | None = None
        self.audit_window: AuditWindow | None = None
        self.backup_warning: QMessageBox | None = None
        self.outside_notice: QMessageBox | None = None
        self.veil = Veil()
        self.visit_actions = VisitActions(ctx, self)
        self._printing: Printing | None = None
        self.work = MenuWork(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.worklist = WorklistPage(ctx, self.visit_actions)
        # the other pages are built when first shown (or asked for): see ui/page_slot.py
        self.phone_slot: PageSlot[PhoneListPage] = PageSlot(self._build_phone_list)
        self.roster_slot: PageSlot[RosterPage] = PageSlot(self._build_roster_page)
        self.calendar_slot: PageSlot[CalendarPage] = PageSlot(self._build_calendar)
        for page, text in ((self.worklist, self.tr("&Worklist")),
                           (self.phone_slot, self.tr("&Phone list")),
                           (self.roster_slot, self.tr("&Roster")),
                           (self.calendar_slot, self.tr("&Calendar"))):
            self.tabs.addTab(page, text)
            self.tabs.tabBar().setTabButton(self.tabs.count() - 1,
                                            self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.lock_screen = LockScreen()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.lock_screen)
        # a PC clock behind the roster's newest entry is named above every page
        self.clock_banner = QLabel()
        self.clock_banner.setObjectName("clockBanner")
        self.clock_banner.setWordWrap(True)
        self.clock_banner.setStyleSheet("QLabel#clockBanner { background: #fde2e1; color: #5c0b07;"
                                        " padding: 6px 10px; font-weight: bold; }")
        self.clock_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.clock_banner)
        column.addWidget(self.pages)
        self.setCentralWidget(central)
        self._menus()
        self._connect()
        self.idle = IdleLock(ctx.roster.settings().idle_lock_minutes, self.lock, self)
        # an application-wide filter sees every event of every object, which makes PySide
        # set up a Python type (and its enums) for each kind of object it meets: some 20 ms,
        # so it begins after the first paint (the idle timer itself runs from now)
        AfterFirstPaint(self, lambda: QApplication.instance().installEventFilter(self.idle))
        self._signed_in()
        self._restore_geometry()
        self.check_clock()
        # changes made outside this window (a command line, a restore) are looked for every two
        # seconds, and before every write (AppContext.write)
        self.outside_watch = QTimer(self)
        self.outside_watch.setInterval(2000)
        self.outside_watch.timeout.connect(self.watch_roster)
        self.outside_watch.start()

    # -- the pages behind the worklist ------------------------------------------------------
    @property
    def phone_list(self) -> PhoneListPage:
        return self.phone_slot.page

    @property
    def roster_page(self) -> RosterPage:
        return self.roster_slot.page

    @property
    def calendar(self) -> CalendarPage:
        return self.calendar_slot.page

    # imported here, not at the top: see ui/page_slot.py
    def _build_phone_list(self) -> PhoneListPage:
        from cartclinic_ui import phone_list

        return phone_list.PhoneListPage(self.ctx, self.visit_actions)

    def _build_roster_page(self) -> RosterPage:
        from cartclinic_ui import roster_view

        page = roster_view.RosterPage(self.ctx)
        page.openPatient.connect(self.open_patient)
        page.newPatient.connect(self.new_patient)
        return page

    def _build_calendar(self) -> CalendarPage:
        from cartclinic_ui import calendar_view

        return calendar_view.CalendarPage(self.ctx, self.visit_actions)

    def show_page(self, page: QWidget) -> None:
        """Bring the tab holding `page` to the front."""
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if tab is page or (isinstance(tab, PageSlot) and tab.built() and tab.page is page):
                self.tabs.setCurrentIndex(i)
                return

    def current_page(self) -> QWidget:
        """The page on screen (the page itself, not the slot that holds it)."""
        tab = self.tabs.currentWidget()
        return tab.page if isinstance(tab, PageSlot) else tab

    # -- building ---------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut: str | QKeySequence.StandardKey = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        f = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(f, self.tr("&New patient…"), self.new_patient, "Ctrl+N")
        f.addSeparator()
        self._action(f, self.tr("&Import patients from CSV…"), lambda: self.work.import_csv())
        self._action(f, self.tr("Import lab results fr&om CSV…"), lambda: self.work.import_results())
        self._action(f, self.tr("&Export roster as CSV…"), self.work.export_csv)
        f.addSeparator()
        self._action(f, self.tr("&Back up now"), self.work.backup, "Ctrl+B")
        self.restore_action = self._action(f, self.tr("&Restore a backup…"),
                                           lambda: self.work.restore())
        f.addSeparator()
        self.settings_action = self._action(f, self.tr("&Settings…"), self.open_settings, "Ctrl+,")
        self.staff_action = self._action(f, self.tr("S&taff and PINs…"), self.open_staff)
        self.upgrade_action = self._action(f, self.tr("&Upgrade protocols…"),
                                           self.open_protocol_upgrade)
        self.admin_actions = (self.restore_action, self.settings_action, self.staff_action,
                              self.upgrade_action)
        self.lock_action = self._action(f, self.tr("&Lock / switch user"), self.lock,
                                        "Ctrl+Shift+L")
        # each person's own interface language, kept with them (issue 12): the names of the
        # languages are written in themselves, so a person finds theirs whatever is showing
        lang_menu = f.addMenu(self.tr("My la&nguage"))
        self.language_actions = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = self._action(lang_menu, name, lambda _=False, c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == i18n.current())
            action.setData(code)
            self.language_actions.addAction(action)
        f.addSeparator()
        self._action(f, self.tr("&Quit"), self.close, "Ctrl+Q")
        v = bar.addMenu(self.tr("&Go"))
        self._action(v, self.tr("&Worklist"), lambda: self.tabs.setCurrentWidget(self.worklist), "Ctrl+1")
        self._action(v, self.tr("&Phone list"), lambda: self.tabs.setCurrentWidget(self.phone_slot), "Ctrl+2")
        self._action(v, self.tr("&Roster"), lambda: self.tabs.setCurrentWidget(self.roster_slot), "Ctrl+3")
        self._action(v, self.tr("&Calendar"), lambda: self.tabs.setCurrentWidget(self.calendar_slot), "Ctrl+4")
        self.find_action = self._action(v, self.tr("&Find patient"), self.find_patient, "Ctrl+F")
        self.audit_action = self._action(v, self.tr("&Audit trail"), self.open_audit, "Ctrl+5")
        self.close_tab_action = self._action(v, self.tr("Close patient &page"), self.close_page, "Esc")
        p = bar.addMenu(self.tr("&Print"))
        self.print_action = self._action(p, self.tr("&Print…"), self.print_current, "Ctrl+P")
        self._action(p, self.tr("Today's &day list…"),
                     lambda: self.printing.day_list(self.ctx.today()))
        self._action(p, self.tr("Today's visit &sheets…"),
                     lambda: self.printing.sheets_of_day(self.ctx.today()))
        self._action(p, self.tr("Day list of the &calendar day…"),
                     lambda: self.printing.day_list(self.calendar.selected_day()))
        h = bar.addMenu(self.tr("&Help"))
        self._action(h, self.tr("&About"), self.about)

    def _connect(self) -> None:
        self.ctx.changed.connect(self._update_title)
        self.ctx.signedIn.connect(self._signed_in)
        self.ctx.backupFailed.connect(self._backup_failed)
        self.ctx.reopened.connect(self._reopened)
        self.ctx.changed.connect(self.check_clock)
        self.ctx.changedOutside.connect(self._changed_outside)
        self.ctx.waiting.connect(self._waiting)
        self.visit_actions.openPatient.connect(self.open_patient)
        self.visit_actions.printSheet.connect(lambda visit_id: self.printing.visit_sheet(visit_id))
        self.worklist.openCallList.connect(lambda: self.tabs.setCurrentWidget(self.phone_slot))
        self.worklist.printDay.connect(lambda: self.printing.day_list(self.ctx.today()))
        self.tabs.tabCloseRequested.connect(self._close_tab)

    @property
    def printing(self) -> Printing:
        """The documents' printing, made when a nurse first prints: its module draws on Qt's
        image, painter and page classes, which the start does not need."""
        if self._printing is None:
            from cartclinic_ui.printing import Printing

            self._printing = Printing(self.ctx, self)
        return self._printing

    # -- pages ------------------------------------------------------------------------------
    def open_patient(self, patient_id: int) -> PatientPage:
        PatientPage = _patient_page_class()  # noqa: N806
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, PatientPage) and page.patient_id == patient_id:
                self.tabs.setCurrentIndex(i)
                return page
        page = PatientPage(self.ctx, self.visit_actions, patient_id)
        page.printLetter.connect(lambda patient_id: self.printing.letter(patient_id))
        self.tabs.setCurrentIndex(self.tabs.addTab(page, page.title()))
        page.table.setFocus()
        return page

    def _close_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, _patient_page_class()):
            self.tabs.removeTab(index)
            page.deleteLater()

    def close_page(self) -> None:
        if isinstance(self.current_page(), _patient_page_class()):
            self._close_tab(self.tabs.currentIndex())
        else:
            self.tabs.setCurrentWidget(self.worklist)

    def patient_pages(self) -> list[PatientPage]:
        return [w for i in range(self.tabs.count())
                if isinstance(w := self.tabs.widget(i), _patient_page_class())]

    def find_patient(self) -> None:
        self.tabs.setCurrentWidget(self.roster_slot)
        self.roster_page.focus_search()

    def new_patient(self) -> None:
        from cartclinic_ui.dialogs.patient_dialog import PatientDialog

        dialog = PatientDialog(self.ctx, parent=self)
        if dialog.exec() and dialog.saved is not None and dialog.saved.id is not None:
            self.open_patient(dialog.saved.id)

    def print_current(self) -> None:
        """Ctrl+P prints what the page is about: the selected visit's sheet, the patient's
        letter, the chosen calendar day, or today's list."""
        page = self.current_page()
        if isinstance(page, _patient_page_class()):
            if page.row_actions.sheet.isEnabled():
                page.row_actions.sheet.trigger()
            else:
                self.printing.letter(page.patient_id)
        elif self.calendar_slot.built() and page is self.calendar:
            self.printing.day_list(self.calendar.selected_day())
        elif page is self.worklist and self.worklist.row_actions.sheet.isEnabled():
            self.worklist.row_actions.sheet.trigger()
        else:
            self.printing.day_list(self.ctx.today())

    # -- admin work -------------------------------------------------------------------------
    def _admin_only(self) -> bool:
        """True for an admin; a nurse is told plainly (the actions are disabled for them too)."""
        try:
            self.ctx.require_admin()
        except AdminOnly as exc:
            show_refused(self, exc, self.tr("Only an admin can do this"))
            return False
        return True

    def open_settings(self) -> None:
        if not self._admin_only():
            return
        from cartclinic_ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, parent=self)
        if dialog.exec():
            self.idle.set_minutes(self.ctx.roster.settings().idle_lock_minutes)
            if dialog.letters_wanted:  # rule 13: the patients whose dates moved are told
                self.printing.changed_letters([(m.visit.id, m.visit.scheduled)
                                               for m in dialog.moves])
            if dialog.language_changed:
                # after the letters: their print dialog belongs to this window
                QTimer.singleShot(0, self.rebuild)

    def choose_language(self, language: str) -> bool:
        """The signed-in person's interface language, kept with them in the roster (on a PC
        without a person signed in, the PC's setting); the window is built again in it. True
        when it changed."""
        user = self.ctx.user
        try:
            if user is not None and user.id is not None:
                self.ctx.user = self.ctx.write(
                    lambda: self.ctx.staff.set_language(user.name, language, user))
            else:
                i18n.save_language(language)
        except InputRefused as exc:
            show_refused(self, exc, self.tr("The language was not changed"))
            return False
        if language == i18n.current() or not i18n.install(QApplication.instance(), language):
            return False
        QTimer.singleShot(0, self.rebuild)
        return True

    def _speak_for(self, user) -> None:
        """After a sign-in at the lock screen: the window in that person's language."""
        language = i18n.person_language(user)
        if language != i18n.current() and i18n.install(QApplication.instance(), language):
            QTimer.singleShot(0, self.rebuild)

    def rebuild(self) -> MainWindow:
        """This window built again, in the interface language installed since. Qt widgets take
        their words when they are built, and retranslating each of them by hand would miss some;
        the new window works on the same signed-in roster, with the same page in front, where
        this one was. Patient pages that were open are closed (nothing unsaved lives on them:
        every change is saved by a dialog)."""
        new = MainWindow(self.ctx, self.roster_lock)
        new.restoreGeometry(self.saveGeometry())
        front = self.tabs.currentIndex()
        new.show()
        new.tabs.setCurrentIndex(front if front < FIXED_PAGES else 0)
        self.replaced.emit(new)
        self.close()
        self.deleteLater()
        return new

    def open_staff(self) -> None:
        if self._admin_only():
            from cartclinic_ui.staff_dialog import StaffDialog

            StaffDialog(self.ctx, self).exec()

    def open_protocol_upgrade(self) -> None:
        """Existing treatments onto newer protocol versions: the list first, then Apply."""
        if self._admin_only():
            from cartclinic_ui.protocol_upgrade_dialog import ProtocolUpgradeDialog

            ProtocolUpgradeDialog(self.ctx, self).exec()

    def open_audit(self) -> AuditWindow:
        if self.audit_window is None:
            from cartclinic_ui.audit_view import AuditWindow

            self.audit_window = AuditWindow(self.ctx, self)
        self.audit_window.refresh()
        self.audit_window.show()
        self.audit_window.raise_()
        return self.audit_window

    def _waiting(self, seconds: float) -> None:
        """A save waits for another program that is writing to the roster (an import). The
        status bar shows only while it has something to say."""
        bar = self.statusBar()
        if not bar.property("hides_when_empty"):
            bar.setProperty("hides_when_empty", True)
            bar.messageChanged.connect(lambda text: bar.setVisible(bool(text)))
        bar.show()
        bar.showMessage(self.tr(
            "Waiting for another program to finish writing to the roster… (%1 s)").replace(
            "%1", str(int(seconds))), 3000)

    def _backup_failed(self, why: str, at_start: bool) -> None:
        """Said without blocking: the nurse goes on working while the warning stays up."""
        if at_start:
            title = self.tr("Backup failed")
            text = self.tr("The backup made at each start could not be made:\n\n%s\n\nYou can "
                           "go on working; tell the ward IT today.") % why
        else:
            title = self.tr("Automatic backup failed")
            text = self.tr("The changes are saved in the roster, but the automatic backup could "
                           "not be made:\n\n%s\n\nTell the ward IT today.") % why
        if self.backup_warning is not None:
            self.backup_warning.close()  # one warning on screen, the latest
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r, b=box: self._warning_closed(b))
        self.backup_warning = box
        box.show()

    # -- the roster and the clock, as they are outside this window --------------------------
    def watch_roster(self) -> None:
        """The timer's look at the roster: reloaded if changed outside this window, and the
        clock compared with its newest entry. Not while locked (nothing is on show), nor while a
        dialog waits for the nurse: its Save checks again before it writes (AppContext.write)."""
        if self.is_locked() or QApplication.activeModalWidget() is not None:
            return
        try:
            self.ctx.reload_if_changed_outside()
        except InputRefused as exc:  # the file put in its place cannot be opened
            self.outside_watch.stop()  # said once; every write is refused until it can be
            show_refused(self, exc, self.tr("The roster cannot be reloaded"))
            return
        self.check_clock()

    def check_clock(self) -> None:
        try:
            behind = clock_behind(self.ctx.roster.store, self.ctx.utc_now())
        except StoreError:  # closed (quitting, a restore under way): nothing to compare
            return
        if behind is None:
            self.clock_banner.hide()
            return
        self.clock_banner.setText(self.tr(
            "This PC's clock is behind: it says %s, but the roster already has an entry written "
            "on %s (both UTC). Today's date, and so every overdue and due visit shown, is wrong. "
            "Set the PC's date and time (or call the ward IT) before using the lists.")
            % (f"{behind.now:%Y-%m-%d %H:%M}", f"{behind.newest:%Y-%m-%d %H:%M}"))
        self.clock_banner.show()

    def _changed_outside(self) -> None:
        """The roster was reloaded after a change made outside this window: every dialog opened
        on the old lists is closed unsaved (its patient or visit may now be another), and the
        nurse is told, without blocking."""
        from cartclinic_ui.dialogs.sign_in import SignInDialog

        for window in QApplication.topLevelWidgets():
            if (isinstance(window, QDialog) and window.isVisible()
                    and not isinstance(window, SignInDialog) and window is not self.outside_notice):
                window.reject()
        if self.outside_notice is not None:
            self.outside_notice.close()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The roster changed"),
                          changed_outside_message(), QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r, b=box: self._notice_closed(b))
        self.outside_notice = box
        box.show()

    def _notice_closed(self, box: QMessageBox) -> None:
        if self.outside_notice is box:
            self.outside_notice = None

    def _warning_closed(self, box: QMessageBox) -> None:
        if self.backup_warning is box:
            self.backup_warning = None

    # -- who is working ---------------------------------------------------------------------
    def lock(self) -> None:
        """Hide every patient until the same person's PIN, or another person, signs in."""
        if not self.idle.lock_now() and self.unlock_dialog is not None:
            return
        s = self.ctx.roster.settings()
        self.lock_screen.show_for(s.clinic_name, self.ctx.who, self.ctx.now())
        self.pages.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)
        from cartclinic_ui.dialogs.sign_in import SignInDialog

        self.unlock_dialog = SignInDialog(self.ctx.staff, s.clinic_name, self.ctx.now,
                                          locked_by=self.ctx.who, parent=self)
        self.veil.cover(keep=(self, self.unlock_dialog))
        self.unlock_dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.unlock_dialog.accepted.connect(self._unlocked)
        self.unlock_dialog.show()

    def is_locked(self) -> bool:
        return self.pages.currentWidget() is self.lock_screen

    def _unlocked(self) -> None:
        dialog, self.unlock_dialog = self.unlock_dialog, None
        assert dialog is not None and dialog.user is not None
        self.veil.lift()
        self.menuBar().setEnabled(True)
        self.pages.setCurrentWidget(self.tabs)
        self.ctx.sign_in(dialog.user)
        self.idle.unlocked()
        dialog.deleteLater()
        self._speak_for(dialog.user)  # another person may have signed in

    def _signed_in(self) -> None:
        admin = self.ctx.is_admin()
        for action in self.admin_actions:
            action.setEnabled(admin)
            action.setStatusTip("" if admin else self.tr("Only an admin can do this."))
        if self.roster_lock is not None:
            self.roster_lock.set_user(self.ctx.who)
        self._update_title()

    def about(self) -> None:
        """The version, and where this PC keeps the roster, its backups, the log and the
        settings (README: "Where your data is")."""
        from cartclinic.disk_encryption import ENCRYPTED, NOT_ENCRYPTED, disk_encryption
        from cartclinic.version import version

        upkeep = self.ctx.roster.store.maintenance()
        local = upkeep.local_file()
        QMessageBox.about(self, self.tr("About cartclinic"), self.tr(
            "cartclinic %s — follow-up after CAR-T cell therapy.\n\nRoster: %s\n"
            "Backups folder: %s\nLog folder: %s\nSettings: %s")
            % (version(), upkeep.location, upkeep.backup_folder(), log_path().parent,
               QSettings().fileName())
            # the roster itself is not encrypted: whether its disk is, as `check` says it
            + ("\n\n" + {  # as cartclinic.disk_encryption.advice says it, translated
                ENCRYPTED: self.tr("disk: encrypted (a stolen disk does not give the roster "
                                   "away)"),
                NOT_ENCRYPTED: self.tr("disk: NOT encrypted: the roster and its backups can be "
                                       "read from a stolen disk; ask ward IT to turn on disk "
                                       "encryption (BitLocker, LUKS)"),
            }.get(disk_encryption(local), self.tr(
                "disk: encryption unknown (no block device of its own, or not checkable here); "
                "ward IT should make sure the disk is encrypted")) if local is not None else ""))

    def _reopened(self) -> None:
        for page in self.patient_pages():
            self._close_tab(self.tabs.indexOf(page))

    def _update_title(self) -> None:
        s = self.ctx.roster.settings()
        self.setWindowTitle(self.tr("%s — cartclinic — signed in: %s") % (s.clinic_name, self.ctx.who))

    # -- geometry ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = QSettings().value("ui/geometry")
        if saved is not None:
            self.restoreGeometry(saved)
        else:
            # first run: the whole screen (a ward PC's screen is often only 1366×768)
            self.setGeometry(self.screen().availableGeometry())

    def closeEvent(self, event) -> None:  # noqa: N802
        QSettings().setValue("ui/geometry", self.saveGeometry())
        if self._printing is not None:
            self._printing.clean_up()
        super().closeEvent(event)


