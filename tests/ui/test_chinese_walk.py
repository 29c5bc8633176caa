"""The whole program in Chinese (issue 12, Done-when): a walk through every page of the main window
and every dialog, on a demo roster with patients in every state (overdue, due, done, missed,
deceased, relapsed, lost to follow-up, results, flags), with the interface in Simplified Chinese.
Every text a person could read is collected — window titles, labels, buttons, group boxes, tab
titles, table headers and cells, combo items, tooltips, placeholders, menu entries, painted
text (timeline, results chart, calendar), message boxes and file choosers — and every word of
two or more Latin letters that is not a name, code, unit or product (tests/english_words.py)
fails the test, listed as screen | widget | word in text."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from cartclinic_ui import i18n
from english_words import Finding, pending_for, report, roster_allowed, split_pending
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolTip,
    QWidget,
)
from ui_helpers import NOW, TODAY, WHO, click_when_shown

from cartclinic import demo as demo_module
from cartclinic.demo import make_demo
from cartclinic.status import VisitStatus

TAGS = re.compile(r"<[^>]+>")
# a mnemonic or its trace in a tooltip Qt makes from the text: "标记失约(&M)", "标记失约(M)"
MNEMONIC = re.compile(r"\(&?[A-Za-z0-9]\)")
MAX_ROWS = 60  # rows of a table read per look: the words repeat, the walk stays quick


# The audit trail's rows are the stored record itself, as `cartclinic audit` exports it and an
# inspector checks it against the audit anchors: table and field names and the values as stored
# (JSON before and after). Translating them would show something other than the record, so its
# cells are the one thing on screen that stays as written; its window, filters, buttons and
# column headers are checked like every other screen.
AUDIT_RECORD = "audit record cell"


def _is_audit_window(window) -> bool:
    from cartclinic_ui.audit_view import AuditWindow

    return isinstance(window, AuditWindow)


class Walk:
    """What a person could read, screen by screen: (screen, widget, text)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []
        self.screen = "start"
        self.painting = False
        self.open_file = ""  # what a file chooser answers ("": cancelled)

    def add(self, widget: str, text: str | None) -> None:
        if text and text.strip():
            # a mnemonic is a key to press, not a word to read: "标记失约(&M)" reads 标记失约
            text = MNEMONIC.sub("", text.replace("&&", "＆")).replace("&", "")
            self.seen.append((self.screen, widget, TAGS.sub(" ", text)))

    def look(self, screen: str) -> None:
        """Every visible widget's texts now, and the text it paints."""
        self.screen = screen
        QApplication.processEvents()
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for window in windows:
            self.add("window title", window.windowTitle())
            for action in window.findChildren(QAction):
                self.add("menu/action", action.text())
                tip = action.toolTip()
                if tip.rstrip("…") not in action.text().replace("&", ""):  # Qt's own tip: the text
                    self.add("menu/action tooltip", tip)
                self.add("status tip", action.statusTip())
            self.painting = True
            try:
                window.grab()  # paints everything on show: painted texts are noted
            finally:
                self.painting = False
        for w in QApplication.allWidgets():
            if w.isVisible():
                self._widget(w)

    def _widget(self, w: QWidget) -> None:
        kind = type(w).__name__ + (f"#{w.objectName()}" if w.objectName() else "")
        self.add(f"{kind} tooltip", w.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            self.add(kind, w.text())
        elif isinstance(w, QGroupBox):
            self.add(kind, w.title())
        elif isinstance(w, QLineEdit):
            if w.echoMode() == QLineEdit.EchoMode.Normal:
                self.add(kind, w.text())
            self.add(f"{kind} placeholder", w.placeholderText())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            self.add(kind, w.toPlainText())
            self.add(f"{kind} placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                self.add(f"{kind} item", w.itemText(i))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                self.add(f"{kind} tab", w.tabText(i))
                self.add(f"{kind} tab tooltip", w.tabToolTip(i))
        elif (isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView)
              and w.model() is not None):
            if _is_audit_window(w.window()):
                kind = AUDIT_RECORD
            m = w.model()
            root = w.rootIndex() if w.rootIndex().isValid() else QModelIndex()
            columns = 1 if isinstance(w, QListView) else m.columnCount(root)
            for c in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    self.add(f"{kind} header", str(m.headerData(c, Qt.Orientation.Horizontal,
                                                                role) or ""))
            for r in range(min(m.rowCount(root), MAX_ROWS)):
                for c in range(columns):
                    index = m.index(r, c, root)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            self.add(f"{kind} cell", value)

    def findings(self, allowed) -> list[Finding]:
        out: list[Finding] = []
        for screen, widget, text in dict.fromkeys(self.seen):
            if widget.startswith(AUDIT_RECORD):
                continue
            out += [Finding(screen, widget, text, w) for w in allowed.english_words(text)]
        return out


@pytest.fixture
def walk(monkeypatch) -> Walk:
    """The walk, with every message box, input box and file chooser noted instead of shown
    (each answers as a cautious nurse does: No, Cancel, nothing chosen)."""
    walk = Walk()

    def note_box(title, text, *more) -> None:
        walk.add("message box title", title)
        text, *reasons = (text or "").split("\n• ")  # a refusal's reasons, from the core
        walk.add("message box", text)
        for reason in reasons:
            walk.add("message box reason", reason)
        for t in more:
            walk.add("message box", t)

    def static(kind):
        def box(parent, title, text, *args, **kwargs):
            note_box(title, text)
            return QMessageBox.StandardButton.No if kind == "question" else \
                QMessageBox.StandardButton.Ok
        return box

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: note_box(title, text))

    def box_exec(self) -> int:
        note_box(self.windowTitle(), self.text(), self.informativeText(),
                 *[b.text() for b in self.buttons()])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", box_exec)

    def get_text(parent, title, label, *args, **kwargs):
        note_box(title, label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", get_text)

    def chooser(parent=None, caption="", folder="", filter="", *args, **kwargs):
        walk.add("file chooser title", caption)
        walk.add("file chooser filter", filter)
        return walk.open_file, ""

    def get_item(parent, title, label, items, *args, **kwargs):
        note_box(title, label, *items)
        return "", False

    monkeypatch.setattr(QInputDialog, "getItem", get_item)

    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, chooser)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent=None, caption="", *a, **k: walk.add("folder", caption) or "")

    monkeypatch.setattr(QToolTip, "showText",
                        lambda pos, text, *args: walk.add("tooltip shown on hover", text))
    draw = QPainter.drawText

    def draw_text(painter, *args):
        if walk.painting:
            walk.add("painted", next((a for a in args if isinstance(a, str)), ""))
        return draw(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", draw_text)
    return walk


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh")
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def demo(roster, staff):
    """40 demo patients of a Chinese clinic (documents in Chinese, the clinic's phone set) made
    as of TODAY."""
    roster.save_settings(replace(roster.settings(), clinic_phone="+86 10 6666 8888",
                                 language="zh"), WHO)
    make_demo(roster, 40, 7, TODAY)
    # and what the demo may leave out: a withdrawal, a patient lost, an open task (a new malignancy), a serious
    # infection and immunoglobulin given, each on an active patient
    active = [p.id for p in roster.store.patients() if not roster.patient_state(p.id).ended
              and not roster.patient_state(p.id).disease]
    for patient_id, kind in zip(active[-5:], ("withdrawal", "lost_to_follow_up",
                                               "secondary_malignancy", "serious_infection",
                                               "immunoglobulin"), strict=True):
        roster.record_event(patient_id, kind, TODAY - timedelta(days=3), WHO, TODAY)
    return roster


def _patients(roster):
    """A patient of each kind: active with work today, overdue, deceased, withdrawn, relapsed,
    lost to follow-up, with results, with flags, with an open task."""
    chosen: dict[str, int] = {}
    work = roster.worklist(TODAY, TODAY, TODAY)
    chosen["due"] = next(e.visit.patient_id for e in work if e.visit.status(TODAY) == VisitStatus.DUE)
    chosen["overdue"] = next(e.visit.patient_id for e in work
                             if e.visit.status(TODAY) == VisitStatus.OVERDUE)
    for p in roster.store.patients():
        state = roster.patient_state(p.id)
        if state.kind not in ("active", "") and state.kind not in chosen:
            chosen[state.kind] = p.id
        if state.disease and "disease" not in chosen:
            chosen["disease"] = p.id
        if "results" not in chosen and roster.store.results(p.id):
            chosen["results"] = p.id
        if "flags" not in chosen and roster.clinical_flags(p.id, TODAY):
            chosen["flags"] = p.id
        if "task" not in chosen and roster.open_tasks(p.id):
            chosen["task"] = p.id
    return chosen


def _modal_then(walk: Walk, screen: str, close) -> None:
    """On the next modal dialog: look at it, then `close(modal)`."""
    def seen(modal):
        walk.look(screen)
        close(modal)
    click_when_shown(seen)


def _show(walk: Walk, qtbot, screen: str, dialog: QDialog, then=None) -> None:
    """A dialog opened as the program opens it, looked at, `then(dialog)` (a Save with nothing
    filled in, to see its refusals), looked at again, closed unsaved."""
    qtbot.addWidget(dialog)
    dialog.show()
    walk.look(screen)
    if then is not None:
        then(dialog)
        walk.look(screen + " › after Save")
    dialog.reject()


def _save(dialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    for box in dialog.findChildren(QDialogButtonBox):
        for b in box.buttons():
            if box.buttonRole(b) in (QDialogButtonBox.ButtonRole.AcceptRole,
                                     QDialogButtonBox.ButtonRole.ApplyRole):
                b.click()
                return


def test_every_screen_and_dialog_in_chinese_shows_no_english_word(
        chinese, demo, ctx, qtbot, walk, tmp_path, monkeypatch):
    from cartclinic_ui.main_window import MainWindow

    roster = demo
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    walk.look("worklist")
    window.worklist.row_actions.update()
    for i in range(1, 4):
        window.tabs.setCurrentIndex(i)
        walk.look(["", "phone list", "roster", "calendar"][i])
    window.tabs.setCurrentIndex(0)

    # -- patient pages, every tab -------------------------------------------------------
    patients = _patients(roster)
    for kind, patient_id in patients.items():
        page = window.open_patient(patient_id)
        for t in range(page.tabs.count()):
            page.tabs.setCurrentIndex(t)
            walk.look(f"patient page ({kind}) › {page.tabs.tabText(t).replace('&', '')}")
        page.span_15y.click()
        walk.look(f"patient page ({kind}) › fifteen years")
        for where, _visit, _status in page.timeline._marks[:3]:  # a mark's tooltip, on hover
            QApplication.sendEvent(page.timeline, QHelpEvent(
                QEvent.Type.ToolTip, where.toPoint(), page.timeline.mapToGlobal(where.toPoint())))

    # -- visit dialogs ------------------------------------------------------------------
    from cartclinic_ui.dialogs.call_dialog import CallDialog
    from cartclinic_ui.dialogs.correction_dialog import CorrectionDialog
    from cartclinic_ui.dialogs.event_dialog import EventDialog
    from cartclinic_ui.dialogs.patient_dialog import PatientDialog
    from cartclinic_ui.dialogs.rebook_dialog import RebookDialog
    from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
    from cartclinic_ui.dialogs.reschedule import RescheduleDialog
    from cartclinic_ui.dialogs.treatment_dialog import TreatmentDialog

    store = roster.store
    due = next(e.visit for e in roster.worklist(TODAY, TODAY, TODAY)
               if e.visit.patient_id == patients["due"] and e.visit.status(TODAY) == VisitStatus.DUE)
    patient = store.patient(due.patient_id)
    overdue_patient = store.patient(patients["overdue"])
    record = RecordVisitDialog(ctx, due, patient, window)
    _modal_then(walk, "record visit › calendar", lambda m: m.reject())
    qtbot.addWidget(record)
    record.show()
    walk.look("record visit")
    record.done_on.change_button.click()
    record.reject()
    _show(walk, qtbot, "reschedule", RescheduleDialog(ctx, due, patient, window), _save)
    _show(walk, qtbot, "call", CallDialog(ctx, patient, due, window), _save)
    _show(walk, qtbot, "patient form (new)", PatientDialog(ctx, parent=window), _save)
    _show(walk, qtbot, "patient form (edit)", PatientDialog(ctx, patient, window))
    _show(walk, qtbot, "add treatment", TreatmentDialog(ctx, patient, reinfusion=False, parent=window),
          _save)
    _show(walk, qtbot, "re-infusion", TreatmentDialog(ctx, patient, reinfusion=True, parent=window))
    missed = [v for v in store.visits(patient_id=overdue_patient.id)
              if v.status(TODAY) in (VisitStatus.OVERDUE, VisitStatus.MISSED)]
    _show(walk, qtbot, "rebook", RebookDialog(ctx, overdue_patient, missed[:3], window), _save)
    entries = roster.correctable_entries(patients["results"])
    if entries:
        _show(walk, qtbot, "entered in error", CorrectionDialog(
            ctx, store.patient(patients["results"]), entries, parent=window), _save)
    walk.screen = "mark missed"
    window.visit_actions.mark_missed(due, window)  # its input box is noted
    dead = patients.get("deceased")
    if dead is not None:  # rule 12's refusal
        dead_visit = store.visits(patient_id=dead)[-1]
        walk.screen = "visit action for a deceased patient"
        window.visit_actions.record(dead_visit, window)

    def event_confirmation(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("death"))
        _modal_then(walk, "event › confirmation", lambda m: m.back_button.click())
        _save(dialog)

    _show(walk, qtbot, "event", EventDialog(ctx, patient, window), event_confirmation)

    # -- the clinic's work from the menus -------------------------------------------------
    walk.screen = "about"
    window.about()
    audit = window.open_audit()
    walk.look("audit trail")
    audit.close()
    from cartclinic_ui.settings_dialog import SettingsDialog

    def close_a_weekday(dialog):
        dialog.weekdays[2].setChecked(True)  # Wednesday: moves open visits, listed first
        _modal_then(walk, "settings › visits move", lambda m: m.back_button.click())
        _save(dialog)

    _show(walk, qtbot, "settings", SettingsDialog(ctx, parent=window), close_a_weekday)
    _show(walk, qtbot, "first-run settings", SettingsDialog(ctx, first_run=True, parent=window))
    from cartclinic_ui.staff_dialog import ResetPinDialog, StaffDialog

    _show(walk, qtbot, "staff and PINs", StaffDialog(ctx, window), _save)
    nurse = next(u for u in ctx.staff.users() if u.name != WHO)
    _show(walk, qtbot, "reset PIN", ResetPinDialog(ctx, nurse, window), _save)
    from cartclinic_ui.protocol_upgrade_dialog import ProtocolUpgradeDialog

    _show(walk, qtbot, "upgrade protocols", ProtocolUpgradeDialog(ctx, window))
    from cartclinic_ui.dialogs.clinic_phone import ClinicPhonePrompt

    _show(walk, qtbot, "clinic phone", ClinicPhonePrompt(ctx, window), _save)
    walk.screen = "back up now"
    window.work.backup()
    from cartclinic_ui.restore_dialog import RestoreDialog

    _show(walk, qtbot, "restore a backup", RestoreDialog(roster.store.maintenance(), window))
    walk.screen = "export roster"
    window.work.export_csv()
    page = window.open_patient(patients["due"])
    walk.screen = "export record"
    page.export_button.click()

    # imports: the confirmation of a good file, the refusal of a bad one
    good = tmp_path / "patients.csv"
    good.write_text("mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
                    f"Z0001,林小红,1980-01-02,复发大B细胞淋巴瘤,Yescarta,"
                    f"{TODAY - timedelta(days=3)},lbcl-cd19\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("mrn,name\nZ0002,\n", encoding="utf-8")
    walk.screen = "import patients › confirm"
    window.work.import_csv(str(good), "%Y-%m-%d")
    walk.screen = "import patients › how dates are written"
    walk.open_file = str(good)
    window.work.import_csv()  # the file chosen, then the date format asked (and cancelled)
    walk.open_file = ""
    walk.screen = "import patients › refused"
    window.work.import_csv(str(bad), "%Y-%m-%d")
    results = tmp_path / "results.csv"
    results.write_text(f"mrn,date,analyte,value,unit\n{patient.mrn},{TODAY},IgG,3.1,g/L\n",
                       encoding="utf-8")
    walk.screen = "import results › confirm"
    window.work.import_results(str(results), "%Y-%m-%d")
    results.write_text(f"mrn,date,analyte,value,unit\n{patient.mrn},{TODAY},IgG,三点一,g/L\n",
                       encoding="utf-8")
    walk.screen = "import results › refused"
    window.work.import_results(str(results), "%Y-%m-%d")

    # -- printing: letters, sheets, the day list, each in its preview ---------------------
    def preview(screen, start):
        before = window.printing.last_preview
        start()
        qtbot.waitUntil(lambda: window.printing.last_preview is not before
                        and window.printing.last_preview.isVisible(), timeout=20_000)
        walk.look(screen)
        window.printing.last_preview.reject()

    preview("letter preview", lambda: window.printing.letter(patient.id))
    preview("visit sheet preview", lambda: window.printing.visit_sheet(due.id))
    preview("day list preview", lambda: window.printing.day_list(TODAY))
    preview("day's visit sheets preview", lambda: window.printing.sheets_of_day(TODAY))
    if dead is not None:
        walk.screen = "letter for a deceased patient"
        window.printing.letter(dead)

    # -- what the window says without being asked: a failed backup, a roster changed outside
    # it, a PC clock behind the roster ---------------------------------------------------
    window._backup_failed("—", True)
    window._backup_failed("—", False)
    window._changed_outside()
    from types import SimpleNamespace

    from cartclinic_ui import main_window as main_window_module

    monkeypatch.setattr(main_window_module, "clock_behind", lambda store, now: SimpleNamespace(
        now=NOW - timedelta(days=400), newest=NOW))
    window.check_clock()
    walk.look("warnings on the window")

    # -- signing in: a wrong PIN, the lock screen -----------------------------------------
    from cartclinic_ui.dialogs.sign_in import SignInDialog

    def wrong_pin(dialog):
        dialog.name.setText(WHO)
        qtbot.keyClicks(dialog.pin, "0000")
        _save(dialog)

    _show(walk, qtbot, "sign in", SignInDialog(ctx.staff, roster.settings().clinic_name, ctx.now,
                                              parent=window), wrong_pin)
    window.lock()
    walk.look("locked")

    seen = {screen for screen, _w, _t in walk.seen}
    # the dialogs only a click inside another dialog opens were reached, and looked at
    assert {"deceased", "withdrawn", "lost to follow-up", "task"} <= set(patients)
    assert {"record visit › calendar", "event › confirmation", "settings › visits move",
            "letter preview", "visit sheet preview", "day list preview",
            "day's visit sheets preview", "mark missed", "about", "sign in › after Save",
            "import patients › confirm", "import results › refused", "locked",
            "import patients › how dates are written", "warnings on the window"} <= seen
    kinds = {widget for _s, widget, _t in walk.seen}
    assert {"painted", "tooltip shown on hover", "message box", "file chooser title"} <= kinds
    allowed = roster_allowed(roster, extra_names=[WHO, demo_module.WHO, "setup"])
    left, covered = split_pending(walk.findings(allowed), pending_for(roster, TODAY, "screens"))
    assert not left, "English on the Chinese screens:\n" + report(left)
    for p, hits in covered.items():  # shown with -s: what each branch still has to take away
        print(f"pending from {p.branch} ({p.what}): {len(hits)} findings")
    stale = [p for p, hits in covered.items() if not hits]
    assert not stale, ("PENDING_FROM_OTHER_BRANCHES has entries no screen shows any more; "
                       "remove them: " + "; ".join(f"{p.branch}: {p.what}" for p in stale))


def test_paper_sizes_are_named_in_the_language_and_kept_as_their_code(chinese, ctx, roster, qtbot):
    """The paper chooser says "美式信纸" in Chinese, and Save keeps "Letter", as documents read it."""
    from cartclinic_ui.settings_dialog import SettingsDialog
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    names = [dialog.paper.itemText(i) for i in range(dialog.paper.count())]
    assert names == ["A4", "美式信纸"]
    dialog.paper.setCurrentIndex(1)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert roster.settings().paper == "Letter"
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.paper.currentText() == "美式信纸"


def test_disease_statuses_in_words_are_translated_and_codes_stay(chinese):
    from cartclinic_ui.labels import disease_status_text

    from cartclinic.documents.wording import disease_word

    assert disease_status_text("not assessed") == "未评估" == disease_word("zh", "not assessed")
    assert disease_status_text("MRD-negative") == "MRD阴性" == disease_word("zh", "MRD-negative")
    assert disease_status_text("VGPR") == "VGPR" == disease_word("zh", "VGPR")
    assert disease_word("en", "not assessed") == "not assessed"


def test_chinese_patient_pages_fit_a_1366_by_768_screen(chinese, demo, ctx, qtbot):
    """A ward PC's screen is often 1366×768: the main window with the patient page of the
    patients with the most flags and results open in Chinese can be made that small (the
    results tab scrolls its list rather than growing the page)."""
    from cartclinic_ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    busiest = sorted(demo.store.patients(),
                     key=lambda p: (len(demo.clinical_flags(p.id, TODAY)),
                                    len(demo.store.results(p.id))))[-3:]
    for p in busiest:
        window.open_patient(p.id)
        QApplication.processEvents()
        smallest = window.minimumSizeHint()
        assert smallest.width() <= 1366 and smallest.height() <= 768, (p.name, smallest)


def test_a_string_whose_chinese_is_its_english_is_not_emptied_by_the_reasons_catalogue(chinese):
    """tr() of a class asks again under its base classes' names when the translation is the
    source itself ("%.1f MB"); the catalogue of the core's reasons answered those with "", and
    the restore dialog's sizes then failed to format in Chinese."""
    from cartclinic_ui.restore_dialog import BackupsModel

    assert BackupsModel().tr("%.1f MB") == "%.1f MB"
    assert QApplication.translate("Reason", "no such reason") == "no such reason"
