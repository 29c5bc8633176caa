"""Adding and finding patients: the dialog, the roster list, the worklist, search."""

from datetime import date, timedelta

from cartclinic_ui.dialogs.patient_dialog import PatientDialog
from cartclinic_ui.models import roster_model as rm
from cartclinic_ui.models.base import OBJECT_ROLE
from PySide6.QtCore import Qt
from ui_helpers import TODAY, add_patient, show_page

from cartclinic import views


def test_add_patient_shows_in_roster_and_worklist(window, ctx, qtbot):
    dialog = PatientDialog(ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.mrn.setText("a-1001")
    dialog.name.setText("Aisha Okafor")
    dialog.born.setDate(date(1980, 2, 3))
    dialog.phone.setText("+44 7700 900456")
    dialog.diagnosis.setText("Relapsed B-ALL")
    t = dialog.treatment
    t.product.setCurrentText("tisagenlecleucel (Kymriah)")
    t.infusion.setDate(TODAY - timedelta(days=10))
    t.tracked.setDate(TODAY - timedelta(days=10))
    t.check_protocol("b-all-cd19")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    model = show_page(window, window.roster_page).model
    assert model.rowCount() == 1
    summary = model.index(0, 0).data(OBJECT_ROLE)
    assert summary.patient.mrn == "A-1001"
    assert summary.next_checkup.code == "D10"
    assert summary.next_checkup.scheduled == TODAY
    assert model.index(0, rm.COL_NEXT).data().startswith(TODAY.isoformat())
    due = window.worklist.sections[views.DUE_TODAY].model
    assert [due.index(r, 2).data() for r in range(due.rowCount())][0].startswith("D10")


def test_refused_input_is_shown_beside_the_field(window, ctx, qtbot):
    dialog = PatientDialog(ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.mrn.setText("A-1")
    dialog.diagnosis.setText("x")
    dialog.treatment.product.setCurrentText("x")
    dialog.treatment.check_protocol("b-all-cd19")
    dialog._save()
    assert dialog.result() != dialog.DialogCode.Accepted
    name_error = dialog.errors.labels["name"]
    assert not name_error.isHidden() and "required" in name_error.text()
    assert dialog.errors.labels["mrn"].isHidden()
    assert show_page(window, window.roster_page).model.rowCount() == 0


def test_search_finds_a_chinese_name_by_one_character(window, roster, ctx):
    add_patient(roster, "M001", "王秀英")
    add_patient(roster, "M002", "Margaret Smith")
    add_patient(roster, "M003", "李明", phone="+86 138 2233 6425")
    ctx.changed.emit()
    page = show_page(window, window.roster_page)
    page.search.setText("秀")
    assert page.proxy.rowCount() == 1
    assert page.count.text() == "1 of 3 patients"
    assert page.proxy.index(0, rm.COL_NAME).data() == "王秀英"
    page.search.setText("smith")
    assert page.proxy.rowCount() == 1
    page.search.setText("m003")
    assert page.proxy.index(0, rm.COL_NAME).data() == "李明"
    page.search.setText("22336425")
    assert page.proxy.rowCount() == 1
    page.search.setText("")
    assert page.proxy.rowCount() == 3
    assert page.count.text() == "3 of 3 patients"


def test_search_typed_on_a_pinyin_keyboard_or_without_accents_finds_the_patient(
        window, roster, ctx, qtbot):
    add_patient(roster, "M001", "黄秀英")
    add_patient(roster, "M002", "Tomás García")
    add_patient(roster, "M003", "王伟")
    ctx.changed.emit()
    page = show_page(window, window.roster_page)
    for typed, name in [("hxy", "黄秀英"), ("huang xiuying", "黄秀英"), ("huangxiu", "黄秀英"),
                        ("tomas", "Tomás García"), ("garcia", "Tomás García"), ("ww", "王伟")]:
        page.search.clear()
        qtbot.keyClicks(page.search, typed)
        shown = [page.proxy.index(r, rm.COL_NAME).data() for r in range(page.proxy.rowCount())]
        assert shown == [name], typed


def test_search_shows_what_views_matches_says_in_the_lists_order(window, roster, ctx):
    """The list filters with its own fast paths; they must agree with the one search rule."""
    add_patient(roster, "M001", "王秀英", phone="+86 139 1234 5678")
    add_patient(roster, "M002", "Margaret Smith", phone="+44 7700 900123")
    add_patient(roster, "M003", "李明", phone="+86 138 2233 6425")
    add_patient(roster, "M004", "Tomás García", phone="(0161) 496-0000")
    ctx.changed.emit()
    page = show_page(window, window.roster_page)
    page.table.sortByColumn(rm.COL_NAME, Qt.SortOrder.DescendingOrder)
    every = [page.proxy.object_at(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]
    for query in ["秀", "SMITH", "m00", "1", "138-2233", "22336425", "+86", "(0161)", "garcía",
                  "tomas", "7700 900", "smith m002", "-", "0", "x"]:
        page.search.setText(query)
        shown = [page.proxy.object_at(page.proxy.index(r, 0)) for r in range(page.proxy.rowCount())]
        assert shown == [s for s in every
                         if views.matches(page.model.search_text(s), query)], query


def test_search_stays_applied_when_the_roster_is_read_again(window, roster, ctx):
    add_patient(roster, "M001", "王秀英")
    add_patient(roster, "M002", "Margaret Smith")
    ctx.changed.emit()
    page = show_page(window, window.roster_page)
    page.search.setText("smith")
    ctx.changed.emit()  # any change anywhere: the list is read again while the search is typed
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, rm.COL_NAME).data() == "Margaret Smith"
    assert page.count.text() == "1 of 2 patients"


def test_sorting_by_next_checkup_sorts_dates(window, roster, ctx):
    add_patient(roster, "M001", "A", days_ago=40)
    add_patient(roster, "M002", "B", days_ago=3)
    add_patient(roster, "M003", "C", days_ago=200)
    ctx.changed.emit()
    table = show_page(window, window.roster_page).table
    table.sortByColumn(rm.COL_NEXT, Qt.SortOrder.AscendingOrder)
    proxy = window.roster_page.proxy
    days = [proxy.object_at(proxy.index(r, 0)).next_checkup.scheduled for r in range(3)]
    assert days == sorted(days)


def test_patient_page_shows_day_count_and_paints(window, roster):
    p = add_patient(roster, days_ago=45)
    window.ctx.changed.emit()
    page = window.open_patient(p.id)
    assert "Day +45" in page.details.text()
    assert page.schedule.rowCount() > 10
    assert page.schedule.index(0, 0).data(OBJECT_ROLE) is None  # the first phase heading
    page.span_15y.click()
    assert not page.timeline.grab().isNull()
    assert not page.chart.grab().isNull()
    window.close_page()
    assert page not in window.patient_pages()
    assert date  # imported for readers of the table above
