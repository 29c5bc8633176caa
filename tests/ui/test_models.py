"""Every Qt model keeps the model contract, and unhandled roles stay safe."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from ui_helpers import TODAY, WHO, add_patient

from cartclinic import views
from cartclinic.model import LabResult
from ui.models.base import SORT_ROLE
from ui.models.proxy import RowProxy
from ui.models.roster_model import RosterModel
from ui.models.schedule_model import ScheduleModel
from ui.models.small_models import CallsModel, DayModel, EventsModel
from ui.models.worklist_model import COL_SCHEDULED, WorklistModel


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
    worklist.set_rows(roster.worklist(TODAY, TODAY - timedelta(days=400), TODAY + timedelta(days=28)))
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
    model.set_rows(roster.worklist(TODAY, TODAY, TODAY + timedelta(days=28)))
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
