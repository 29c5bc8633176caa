"""Every Qt model keeps the model contract, and unhandled roles stay safe."""

from datetime import timedelta

import pytest
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.models.base import OBJECT_ROLE, SORT_ROLE
from cartclinic_ui.models.proxy import RowProxy
from cartclinic_ui.models.roster_model import RosterModel
from cartclinic_ui.models.schedule_model import ScheduleModel
from cartclinic_ui.models.small_models import CallsModel, DayModel, EventsModel
from cartclinic_ui.models.worklist_model import COL_SCHEDULED, WorklistModel
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem
from ui_helpers import TODAY, WHO, add_patient

from cartclinic import views
from cartclinic.model import LabResult


@pytest.fixture
def filled(roster):
    a = add_patient(roster, "M001", "王秀英", days_ago=60)
    add_patient(roster, "M002", "Margaret Smith", days_ago=10)
    add_patient(roster, "M003", "Tomás García", days_ago=400, protocol="lbcl-cd19")
    visit = next(v for v in roster.store.visits(patient_id=a.id) if v.code == "D28")
    roster.record_visit(visit.id, visit.scheduled, WHO, TODAY,
                        labs=[LabResult("IgG", "3.2", "g/L"), LabResult("CD19 B cells", "12", "cells/µL")])
    roster.record_event(a.id, "relapse", TODAY - timedelta(days=2), WHO, TODAY)
    roster.record_call(a.id, "reached", WHO, TODAY)
    return roster, a


def _models(roster, patient):
    worklist = WorklistModel()
    worklist.set_rows(roster.worklist_lines(TODAY, TODAY - timedelta(days=400), TODAY + timedelta(days=28)))
    summaries = RosterModel()
    summaries.set_rows(roster.summaries(TODAY))
    schedule = ScheduleModel()
    schedule.set_schedule(roster.store.visits(patient_id=patient.id),
                          roster.store.treatments(patient.id), TODAY)
    events = EventsModel()
    events.set_rows(roster.store.events(patient.id))
    calls = CallsModel()
    calls.set_rows(views.overdue_calls(roster, TODAY))
    day = DayModel()
    day.set_rows(views.day_visits(roster, TODAY, TODAY))
    return [worklist, summaries, schedule, events, calls, day]


def test_every_model_passes_the_model_tester(filled, qtmodeltester):
    roster, patient = filled
    for model in _models(roster, patient):
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model, force_py=True)
        qtmodeltester.check(RowProxy(model, str), force_py=True)


def test_sort_role_gives_real_dates(filled):
    roster, _ = filled
    model = WorklistModel()
    model.set_rows(roster.worklist_lines(TODAY, TODAY, TODAY + timedelta(days=28)))
    proxy = RowProxy(model)
    proxy.sort(COL_SCHEDULED, Qt.SortOrder.DescendingOrder)
    days = [proxy.index(r, COL_SCHEDULED).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert days == sorted(days, reverse=True)
    assert all(hasattr(d, "isoformat") for d in days)


def test_unhandled_role_many_times_does_not_crash(filled):
    """PySide6 6.12 loses a None reference per empty value and aborts (none_dealloc)."""
    roster, _ = filled
    model = RosterModel()
    model.set_rows(roster.summaries(TODAY))
    index = model.index(0, 0)
    for _ in range(20_000):
        assert index.data(Qt.ItemDataRole.ToolTipRole) is None


# the roles QStyledItemDelegate asks for to paint a cell, and the ones the program asks for
PAINT_ROLES = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
               Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole,
               Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole,
               Qt.ItemDataRole.BackgroundRole]


def test_multidata_gives_what_data_gives_for_every_cell_and_role(filled):
    """Views paint from multiData (one call per cell); it must never disagree with data()."""
    roster, patient = filled
    roles = [*PAINT_ROLES, Qt.ItemDataRole.ToolTipRole, SORT_ROLE, OBJECT_ROLE]
    for model in _models(roster, patient):
        for shown in (model, RowProxy(model, str)):
            for r in range(shown.rowCount()):
                for c in range(shown.columnCount()):
                    index = shown.index(r, c)
                    for role in roles:
                        item = QModelRoleData(role)
                        item.setData("stale")  # a reused span: what has no value is cleared
                        shown.multiData(index, QModelRoleDataSpan(item))
                        assert item.data() == index.data(role), (type(model).__name__, r, c, role)


def test_painting_a_page_asks_python_once_per_cell_not_once_per_role(filled, qtbot):
    roster, _ = filled

    class Counting(RosterModel):
        data_calls = 0

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            Counting.data_calls += 1
            return super().data(index, role)

    model = Counting()
    model.set_rows(roster.summaries(TODAY))
    table = ListTable(RowProxy(model, model.search_text), "Patients")
    qtbot.addWidget(table)
    table.resize(900, 400)
    Counting.data_calls = 0
    assert not table.grab().isNull()  # paints every cell of the page
    assert Counting.data_calls == 0  # 189 (3 rows x 9 columns x 7 roles) through data()
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, table.proxy.index(0, 0))
    assert option.text == table.proxy.index(0, 0).data()
