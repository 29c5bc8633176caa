"""A list's selection is a patient or a visit, not a row number: it stays on its object through a
click on a column heading, a search typed and a reload after a write, and is dropped (the actions
switched off) when that object is no longer listed. The actions then act on that object."""

from datetime import timedelta

import pytest
from cartclinic_ui.dialogs.record_visit import RecordVisitDialog
from cartclinic_ui.models import roster_model as rm
from cartclinic_ui.models import schedule_model as sm
from cartclinic_ui.models import small_models as m
from cartclinic_ui.models import worklist_model as wm
from cartclinic_ui.models.base import RowTableModel
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolButton
from ui_helpers import TODAY, WHO, add_patient, show_page

from cartclinic import views


@pytest.fixture
def three(roster, ctx):
    """Carol has the first MRN and phone number, Alice and Bob the first names; each has D10 due
    today and D1-D7 overdue."""
    patients = {name: add_patient(roster, mrn, name, days_ago=10, phone=phone)
            for mrn, name, phone in (("M001", "Carol", "+44 7700 900001"),
                                     ("M002", "Alice", "+44 7700 900102"),
                                     ("M003", "Bob", "+44 7700 900203"))}
    ctx.changed.emit()
    return patients


@pytest.fixture
def opened(monkeypatch):
    """The visits the Record dialog was opened on (the dialog itself is not shown)."""
    visits = []

    def exec_(dialog):
        visits.append(dialog.visit)
        return 0

    monkeypatch.setattr(RecordVisitDialog, "exec", exec_)
    return visits


def _name(row) -> str | None:
    if row is None:
        return None
    if isinstance(row, tuple) and not hasattr(row, "visit"):  # the phone list: (entry, calls)
        return row[0].patient.name
    visit = getattr(row, "visit", None)
    if visit is not None:
        return getattr(row, "patient_name", None) or visit.patient_name
    return row.patient.name


def _row_of(table, wanted) -> int:
    proxy = table.proxy
    rows = [r for r in range(proxy.rowCount()) if wanted(proxy.object_at(proxy.index(r, 0)))]
    assert rows, "no such row"
    return rows[0]


def _click_row(qtbot, table, wanted) -> int:
    row = _row_of(table, wanted)
    rect = table.visualRect(table.proxy.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return row


def _click_heading(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def _selected(table):
    rows = table.selectionModel().selectedRows()
    assert len(rows) <= 1
    return table.proxy.object_at(rows[0]) if rows else None


def _click_action(qtbot, page, action) -> None:
    button = next(b for b in page.findChildren(QToolButton) if b.defaultAction() is action)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _is(name, code=None):
    def wanted(row):
        visit = getattr(row[0] if isinstance(row, tuple) and not hasattr(row, "visit") else row,
                        "visit", None)
        return _name(row) == name and (code is None or visit.code == code)
    return wanted


# the worklist ------------------------------------------------------------------------------

def test_worklist_sort_by_clicking_a_heading_keeps_the_selected_patient(window, three, qtbot, opened):
    table = window.worklist.sections[views.DUE_TODAY].table
    _click_heading(qtbot, table, wm.COL_PHONE)
    assert _click_row(qtbot, table, _is("Carol")) == 0
    _click_heading(qtbot, table, wm.COL_PATIENT)
    assert [_name(table.proxy.object_at(table.proxy.index(r, 0))) for r in range(3)] == [
        "Alice", "Bob", "Carol"]
    assert _name(_selected(table)) == "Carol"
    assert _name(table.current_object()) == "Carol"
    _click_action(qtbot, window.worklist, window.worklist.row_actions.record)
    assert [(v.patient_id, v.code) for v in opened] == [(three["Carol"].id, "D10")]


def test_worklist_reload_after_a_write_keeps_the_selected_visit(window, roster, three, ctx, qtbot, opened):
    table = window.worklist.sections[views.DUE_TODAY].table
    _click_heading(qtbot, table, wm.COL_PATIENT)
    assert _click_row(qtbot, table, _is("Carol")) == 2
    alice_d10 = next(v for v in roster.store.visits(patient_id=three["Alice"].id) if v.code == "D10")
    roster.record_visit(alice_d10.id, TODAY, WHO, TODAY)
    ctx.changed.emit()  # Alice's line goes: Carol is now the second line
    assert _name(_selected(table)) == "Carol"
    assert _row_of(table, _is("Carol")) == 1
    _click_action(qtbot, window.worklist, window.worklist.row_actions.record)
    assert [(v.patient_id, v.code) for v in opened] == [(three["Carol"].id, "D10")]


def test_worklist_reload_drops_the_selection_when_its_visit_is_gone(window, roster, three, ctx, qtbot):
    table = window.worklist.sections[views.DUE_TODAY].table
    _click_row(qtbot, table, _is("Carol"))
    carol_d10 = next(v for v in roster.store.visits(patient_id=three["Carol"].id) if v.code == "D10")
    roster.record_visit(carol_d10.id, TODAY, WHO, TODAY)
    ctx.changed.emit()
    assert _selected(table) is None  # not Alice, who now has Carol's row number
    assert table.current_object() is None
    assert not window.worklist.row_actions.record.isEnabled()


def test_worklist_reload_of_other_sections_does_not_drop_the_chosen_line(window, three, ctx, qtbot, opened):
    overdue = window.worklist.sections[views.OVERDUE].table
    _click_row(qtbot, overdue, _is("Carol", "D7"))
    ctx.changed.emit()  # every section is read again; the others have no selection
    assert window.worklist.row_actions.record.isEnabled()
    _click_action(qtbot, window.worklist, window.worklist.row_actions.record)
    assert [(v.patient_id, v.code) for v in opened] == [(three["Carol"].id, "D7")]


# the roster --------------------------------------------------------------------------------

def test_roster_sort_search_and_reload_keep_the_selected_patient(window, three, ctx, qtbot):
    page = show_page(window, window.roster_page)
    table = page.table
    _click_heading(qtbot, table, rm.COL_MRN)
    assert _click_row(qtbot, table, _is("Carol")) == 0
    _click_heading(qtbot, table, rm.COL_NAME)
    assert _row_of(table, _is("Carol")) == 2
    assert _name(_selected(table)) == "Carol"
    qtbot.keyClicks(page.search, "o")  # Bob and Carol
    assert page.proxy.rowCount() == 2
    assert _name(_selected(table)) == "Carol"
    ctx.changed.emit()
    assert _name(_selected(table)) == "Carol"
    opened = []
    page.openPatient.connect(opened.append)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [three["Carol"].id]


def test_roster_search_that_hides_the_selected_patient_drops_the_selection(window, three, qtbot):
    page = show_page(window, window.roster_page)
    _click_heading(qtbot, page.table, rm.COL_NAME)
    _click_row(qtbot, page.table, _is("Carol"))
    qtbot.keyClicks(page.search, "b")  # Bob only: he now has row 0, Carol is hidden
    assert _selected(page.table) is None and page.table.current_object() is None
    page.search.clear()
    assert _selected(page.table) is None  # not whoever has Carol's old row


# the phone list ----------------------------------------------------------------------------

def test_phone_list_sort_and_reload_keep_the_selected_patient_and_note_their_call(
        window, three, ctx, qtbot, monkeypatch):
    noted = []

    class FakeCallDialog:
        def __init__(self, _ctx, patient, _visit, _parent, visits=()):
            noted.append((patient.name, sorted(v.code for v in visits)))

        def exec(self):
            return 0

    monkeypatch.setattr("cartclinic_ui.phone_list.CallDialog", FakeCallDialog)
    page = show_page(window, window.phone_list)
    _click_heading(qtbot, page.table, m.COL_CALL_PHONE)
    assert _click_row(qtbot, page.table, _is("Carol")) == 0
    _click_heading(qtbot, page.table, m.COL_CALL_PATIENT)
    assert _row_of(page.table, _is("Carol")) == 2
    assert _name(_selected(page.table)) == "Carol"
    ctx.changed.emit()
    assert _name(_selected(page.table)) == "Carol"
    qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    assert noted == [("Carol", ["D1", "D2", "D3", "D4", "D5", "D6", "D7"])]


# the calendar's day list -------------------------------------------------------------------

def test_calendar_day_list_sort_and_reload_keep_the_selected_visit(window, three, ctx, qtbot, opened):
    page = show_page(window, window.calendar)
    assert page.selected_day() == TODAY
    assert _click_row(qtbot, page.table, _is("Carol")) == 0
    _click_heading(qtbot, page.table, m.COL_DAY_PATIENT)
    assert _row_of(page.table, _is("Carol")) == 2
    assert _name(_selected(page.table)) == "Carol"
    ctx.changed.emit()
    assert _name(_selected(page.table)) == "Carol"
    _click_action(qtbot, page, page.row_actions.record)
    assert [(v.patient_id, v.code) for v in opened] == [(three["Carol"].id, "D10")]


# a patient's schedule ----------------------------------------------------------------------

def test_patient_schedule_reload_keeps_the_selected_visit(window, roster, three, ctx, qtbot, opened):
    page = window.open_patient(three["Carol"].id)
    table = page.table
    _click_row(qtbot, table, lambda v: getattr(v, "code", None) == "D28")
    d10 = next(v for v in roster.store.visits(patient_id=three["Carol"].id) if v.code == "D10")
    roster.record_visit(d10.id, TODAY, WHO, TODAY)
    ctx.changed.emit()
    assert _selected(table).code == "D28"
    _click_action(qtbot, page, page.row_actions.record)
    assert [v.code for v in opened] == ["D28"]


# the model itself --------------------------------------------------------------------------

class _Named(RowTableModel):
    def headers(self):
        return ["name"]

    def cell(self, row, column, role):
        return row[1]

    def row_key(self, row):
        return row[0]


def test_model_reload_follows_the_object_by_its_key_not_the_row_number(qtbot):
    from cartclinic_ui.list_table import ListTable
    from cartclinic_ui.models.proxy import RowProxy

    model = _Named()
    model.set_rows([(3, "Carol"), (1, "Alice")])
    table = ListTable(RowProxy(model), "test")
    qtbot.addWidget(table)
    table.selectRow(0)
    model.set_rows([(9, "Heading"), (1, "Alice"), (3, "Carol again")])
    assert table.current_object() == (3, "Carol again")
    assert _selected(table) == (3, "Carol again")
    model.set_rows([(1, "Alice"), (2, "Bob")])
    assert table.current_object() is None and _selected(table) is None


def test_schedule_rows_are_keyed_by_visit_and_headings_by_nothing(roster, three):
    model = sm.ScheduleModel()
    p = three["Carol"]
    model.set_schedule(roster.store.visits(patient_id=p.id), roster.store.treatments(p.id),
                       TODAY + timedelta(days=1))
    keys = [model.row_key(r) for r in model.rows()]
    assert keys[0] is None  # the first phase's heading
    assert {k for k in keys if k is not None} == {v.id for v in roster.store.visits(patient_id=p.id)}


def test_sorting_by_a_heading_keeps_the_selected_patient_in_sight(window, roster, ctx, qtbot):
    for n in range(40):  # Zoe has the first MRN and the last name
        add_patient(roster, f"M{n:03d}", "Zoe" if n == 0 else f"Patient {n:02d}",
                    phone=f"+44 7700 9{n:05d}")
    ctx.changed.emit()
    page = show_page(window, window.roster_page)
    table = page.table
    _click_heading(qtbot, table, rm.COL_MRN)
    assert _click_row(qtbot, table, _is("Zoe")) == 0
    _click_heading(qtbot, table, rm.COL_NAME)
    row = _row_of(table, _is("Zoe"))
    assert row == 39 and _name(_selected(table)) == "Zoe"
    assert table.viewport().rect().contains(table.visualRect(table.proxy.index(row, 0)))


def test_patient_events_sort_and_reload_keep_the_selected_event(window, roster, three, ctx, qtbot):
    from cartclinic_ui.models.small_models import COL_EVENT_DATE

    carol = three["Carol"]
    relapse_id, _ = roster.record_event(carol.id, "relapse", TODAY - timedelta(days=3), WHO, TODAY)
    roster.record_event(carol.id, "progression", TODAY - timedelta(days=1), WHO, TODAY)
    page = window.open_patient(carol.id)
    page.tabs.setCurrentWidget(page.events_table)
    table = page.events_table
    rows = [page.events_proxy.object_at(page.events_proxy.index(r, 0)).kind for r in range(2)]
    row = rows.index("relapse")
    rect = table.visualRect(page.events_proxy.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    for _ in range(2):  # both ways: the relapse's row number changes once
        _click_heading(qtbot, table, COL_EVENT_DATE)
        assert page.correction_button.selected().kind == "relapse"
    ctx.changed.emit()
    chosen = page.correction_button.selected()
    assert (chosen.kind, chosen.id) == ("relapse", relapse_id)


def test_staff_list_sort_keeps_the_selected_person_and_reset_pin_is_theirs(staff, ctx, qtbot):
    from cartclinic_ui.staff_dialog import COL_ROLE, StaffDialog
    from conftest import NURSE
    from ui_helpers import click_when_shown

    dialog = StaffDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table  # sorted by name: Nurse Lee, Nurse Test
    names = [table.proxy.object_at(table.proxy.index(r, 0)).name for r in range(2)]
    row = names.index(NURSE)
    rect = table.visualRect(table.proxy.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _click_heading(qtbot, table, COL_ROLE)  # admin first: Nurse Lee changes rows
    assert table.proxy.object_at(table.proxy.index(row, 0)).name != NURSE
    assert _selected(table).name == NURSE
    seen = []

    def note(modal):
        seen.append(modal.person.name)
        modal.reject()

    click_when_shown(note)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert seen == [NURSE]
