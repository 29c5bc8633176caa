"""The patient page's results (issue 11, item 6): the chart and the list read every result,
typed or imported, in the canonical unit, with the thresholds and the patient's track start and
stop values drawn across, so a nurse sees why a recheck is on."""

from ui_helpers import TODAY, WHO, add_patient

from cartclinic.results import import_results_csv


def test_results_chart_draws_canonical_values_with_thresholds_and_track_lines(
        window, roster, ctx, qtbot):
    p = add_patient(roster, "M001", "王秀英", days_ago=80)  # b-all-cd19 2026-12: IgG track
    day35 = (TODAY.toordinal() - 80 + 35)
    from datetime import date

    taken = date.fromordinal(day35).isoformat()
    import_results_csv(roster, "mrn,date,analyte,value,unit\n"
                               f"M001,{taken},IgG,350,mg/dL\n"
                               f"M001,{taken},CD4,0.15,x10^9/L\n", WHO, TODAY)
    page = window.open_patient(p.id)
    page.tabs.setCurrentIndex(1)
    panels = {panel.name: panel for panel in page.chart.panels}
    assert list(panels) == ["IgG", "CD19 B cells", "CD4"]
    igg = panels["IgG"]
    assert (igg.unit, igg.points) == ("g/L", ((date.fromordinal(day35), 3.5),))
    assert [value for value, _ in igg.lines] == [4.0]  # the threshold and the track's start/stop
    assert any("IGG recheck" in str(label) for _, label in igg.lines)
    assert panels["CD4"].points == ((date.fromordinal(day35), 150.0),)
    assert {value for value, _ in panels["CD4"].lines} == {200.0}
    assert panels["CD19 B cells"].points == ()  # always shown, empty until a count comes
    text = page.recent.text()
    assert "IgG 3.5 g/L (350 mg/dL)" in text and "lab import" in text
    assert "CD4 150 cells/µL (0.15 ×10⁹/L)" in text  # the unit as the table spells it
    assert "4 g/L: ≤ 4 g/L: consider immunoglobulin replacement; IGG recheck" in page.chart.toolTip()
    qtbot.waitExposed(page)
    page.chart.grab()  # paints without error
