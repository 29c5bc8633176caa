"""Each correction of CLINICAL.md's "Review of December 2026" in the 2026-12 defaults, as a
table of exact dates. Day 0 is Thu 15 Jan 2026 unless a test says otherwise; `OPEN` opens every
weekday, so scheduled = target and the tables show the protocol's own arithmetic (rule 2)."""

from __future__ import annotations

from datetime import date

import pytest

from cartclinic.calendar import ClinicCalendar
from cartclinic.errors import ProtocolError
from cartclinic.protocol import (
    LIFELONG_HORIZON_YEARS,
    ProtocolLibrary,
    default_protocol_dir,
    load_protocol,
    parse_protocol,
)
from cartclinic.schedule import plan_visits

D = date.fromisoformat
DAY0 = D("2026-01-15")
OPEN = ClinicCalendar(closed_weekdays=frozenset())
WEEKENDS = ClinicCalendar()


@pytest.fixture(scope="module")
def library() -> ProtocolLibrary:
    return ProtocolLibrary([default_protocol_dir()])


def _plan(library, pid, day0=DAY0, cal=OPEN):
    return {v.code: v for v in plan_visits(library.get(pid), day0, cal)}


def _rows(plan, codes):
    return [(c, plan[c].target.isoformat(), plan[c].window_start.isoformat(),
             plan[c].window_end.isoformat()) for c in codes]


def test_review_d10_window_is_plus_minus_2(library):
    plan = _plan(library, "b-all-cd19")
    assert _rows(plan, ["D10"]) == [("D10", "2026-01-25", "2026-01-23", "2026-01-27")]
    # the 2026-11 version a treatment may keep: ± 1
    old = {v.code: v for v in plan_visits(
        load_protocol(default_protocol_dir() / "history" / "b-all-cd19-2026-11.toml"), DAY0, OPEN)}
    assert _rows(old, ["D10"]) == [("D10", "2026-01-25", "2026-01-24", "2026-01-26")]
    assert "Aucatzyl" in " ".join(library.get("b-all-cd19").sources)


LIFELONG = [
    # code   target        window start  window end
    ("Y15", "2041-01-15", "2040-12-16", "2041-03-16"),
    ("Y16", "2042-01-15", "2041-12-16", "2042-03-16"),
    ("Y17", "2043-01-15", "2042-12-16", "2043-03-16"),
    ("Y20", "2046-01-15", "2045-12-16", "2046-03-16"),
    ("Y25", "2051-01-15", "2050-12-16", "2051-03-16"),
]


@pytest.mark.parametrize("pid", ["b-all-cd19", "lbcl-cd19", "mcl-cd19", "mm-bcma", "ltfu-15y"])
def test_review_lifelong_yearly_after_y15(library, pid):
    plan = _plan(library, pid)
    assert _rows(plan, [r[0] for r in LIFELONG]) == LIFELONG
    yearly = sorted(int(c[1:]) for c in plan if c.startswith("Y"))
    assert yearly[-11:] == list(range(15, 26)), "every year after Y15, none skipped"
    assert f"Y{LIFELONG_HORIZON_YEARS + 1}" not in plan, "placed only to the bounded horizon"
    assert all(plan[f"Y{n}"].kind == "ltfu" and "for life" in plan[f"Y{n}"].label
               for n in range(16, 26))
    spec = next(s for s in library.get(pid).visits if s.for_life)
    assert (spec.at.amount, spec.every.amount, spec.until.amount) == (16, 1, 25)


def test_review_lifelong_from_29_february_each_year_from_day_0():
    """Rule 2 holds for life: each year counts from day 0, so 29 Feb comes back in leap years."""
    lib = ProtocolLibrary([default_protocol_dir()])
    plan = _plan(lib, "b-all-cd19", day0=D("2024-02-29"))
    assert [(c, plan[c].target.isoformat()) for c in ("Y15", "Y16", "Y17", "Y20", "Y24")] == [
        ("Y15", "2039-02-28"), ("Y16", "2040-02-29"), ("Y17", "2041-02-28"),
        ("Y20", "2044-02-29"), ("Y24", "2048-02-29")]


def _life_visit(until):
    return {"id": "x", "name": "X", "version": "1", "sources": ["s"], "visit": [
        {"code": "Y{n}", "label": "Year {n}", "at": {"years": 16}, "every": {"years": 1},
         "until": until, "window": {"before": 30, "after": 60}, "kind": "ltfu"}]}


def test_review_until_life_is_the_only_text_until_accepts():
    assert parse_protocol(_life_visit("life"), "x.toml").visits[0].for_life is True
    with pytest.raises(ProtocolError) as refused:
        parse_protocol(_life_visit("forever"), "x.toml")
    assert 'x.toml: visit 1 (Y{n}): until: must have exactly one of' in str(refused.value)
    assert 'or "life"' in str(refused.value)


CIBMTR_START = [
    ("PRE", "2026-02-14", "2026-01-15", "2026-02-14"),
    ("D100", "2026-04-25", "2026-04-10", "2026-05-10"),
    ("M6", "2026-07-14", "2026-06-14", "2026-08-13"),
    ("Y1", "2027-01-16", "2027-01-16", "2027-03-16"),
]


def test_review_cibmtr_standard_track_dates(library):
    plan = _plan(library, "registry-cibmtr-standard")
    years = [2, 3, 4, 5, 6, 8, 10, 12, 14]
    assert sorted(plan, key=lambda c: plan[c].target) == [r[0] for r in CIBMTR_START] + [
        f"Y{n}" for n in years]
    assert _rows(plan, [r[0] for r in CIBMTR_START]) == CIBMTR_START
    assert [(f"Y{n}", plan[f"Y{n}"].target.isoformat()) for n in years] == [
        ("Y2", "2028-01-15"), ("Y3", "2029-01-15"), ("Y4", "2030-01-15"), ("Y5", "2031-01-15"),
        ("Y6", "2032-01-15"), ("Y8", "2034-01-15"), ("Y10", "2036-01-15"),
        ("Y12", "2038-01-15"), ("Y14", "2040-01-15")]
    assert all(v.kind == "registry" for v in plan.values())


def test_review_cibmtr_15_year_track_dates(library):
    plan = _plan(library, "registry-cibmtr")
    assert _rows(plan, [r[0] for r in CIBMTR_START]) == CIBMTR_START
    assert [(f"Y{n}", plan[f"Y{n}"].target.isoformat()) for n in range(2, 16)] == [
        (f"Y{n}", f"{2026 + n}-01-15") for n in range(2, 16)]
    assert len(plan) == 4 + 14 and "Y16" not in plan


def test_review_cibmtr_pre_infusion_forms_due_at_day_30_never_later(library):
    # day 30 is Sat 14 Feb 2026: the open day in the window nearest it is Fri 13 Feb, never after
    pre = _plan(library, "registry-cibmtr", cal=WEEKENDS)["PRE"]
    assert (pre.target, pre.scheduled, pre.window_end) == (
        D("2026-02-14"), D("2026-02-13"), D("2026-02-14"))
    assert any("4000" in a for a in pre.assessments) and any("2402" in a for a in pre.assessments)


MM_MARKERS = {"SPEP", "UPEP", "Serum free light chains", "CBC", "IgG", "CD4"}


def test_review_mm_bcma_markers_at_m3_m6_m9_m12_cd4_from_m2_live_vaccine_m12(library):
    plan = _plan(library, "mm-bcma")
    assert _rows(plan, ["D56", "D84", "M3", "M6", "M9", "M12"]) == [
        ("D56", "2026-03-12", "2026-03-05", "2026-03-19"),
        ("D84", "2026-04-09", "2026-04-02", "2026-04-16"),
        ("M3", "2026-04-15", "2026-04-08", "2026-04-29"),
        ("M6", "2026-07-15", "2026-07-01", "2026-07-29"),
        ("M9", "2026-10-15", "2026-10-01", "2026-10-29"),
        ("M12", "2027-01-15", "2027-01-15", "2027-03-16"),
    ]
    for code in ("M3", "M6", "M9", "M12"):
        assert set(plan[code].assessments) >= MM_MARKERS, code
    for code in ("D56", "D84"):
        assert "CD4" in plan[code].assessments, code
    assert "CD4" not in plan["D28"].assessments
    assert "Live vaccines: eligible?" in plan["M12"].assessments


def test_review_lbcl_contacts_at_weeks_3_and_4(library):
    plan = _plan(library, "lbcl-cd19")
    assert _rows(plan, ["D14", "W3", "D28"]) == [
        ("D14", "2026-01-29", "2026-01-28", "2026-01-31"),
        ("W3", "2026-02-05", "2026-02-03", "2026-02-07"),
        ("D28", "2026-02-12", "2026-02-09", "2026-02-19"),   # week 4
    ]
    assert plan["W3"].kind == "safety"


def test_review_lbcl_vaccine_items_at_m3_m6_m12_as_in_b_all(library):
    plan = _plan(library, "lbcl-cd19")
    b_all = _plan(library, "b-all-cd19")
    assert "Influenza and COVID-19 vaccines: eligible? (from month 3)" in plan["M3"].assessments
    for code, item in (("M6", "Inactivated vaccines: eligible?"),
                       ("M12", "Live vaccines: eligible?")):
        assert item in plan[code].assessments and item in b_all[code].assessments
    assert _rows(plan, ["M3", "M6", "M12", "M18"]) == [
        ("M3", "2026-04-15", "2026-04-08", "2026-04-29"),
        ("M6", "2026-07-15", "2026-07-01", "2026-07-29"),
        ("M12", "2027-01-15", "2026-12-16", "2027-02-14"),
        ("M18", "2027-07-15", "2027-06-15", "2027-08-14"),
    ]
    assert not any("vaccine" in a.lower() for a in plan["M18"].assessments)


def test_review_mantle_cell_is_mcl_cd19_with_m9_and_m15(library):
    mcl, lbcl = _plan(library, "mcl-cd19"), _plan(library, "lbcl-cd19")
    assert set(mcl) - set(lbcl) == {"M9", "M15"} and set(lbcl) <= set(mcl)
    assert _rows(mcl, ["M9", "M15"]) == [("M9", "2026-10-15", "2026-10-01", "2026-10-29"),
                                         ("M15", "2027-04-15", "2027-03-16", "2027-05-15")]
    assert "ZUMA-2" in " ".join(library.get("mcl-cd19").sources)
    assert "mcl-cd19" in library.get("lbcl-cd19").description


@pytest.mark.parametrize("pid", ["fl-cd19", "cll-cd19", "mzl-cd19"])
def test_review_lymphoma_copies_are_lbcl_cd19_with_their_own_ids(library, pid):
    copy, lbcl = library.get(pid), library.get("lbcl-cd19")
    assert copy.id == pid and copy.visits == lbcl.visits and copy.sources == lbcl.sources
    assert copy.description.startswith("A copy of lbcl-cd19 with its own id")
    assert "copy of lbcl-cd19" in copy.name


def test_review_revaccination_series_dates(library):
    plan = _plan(library, "revaccination")
    assert [(c, plan[c].target.isoformat()) for c in sorted(plan, key=lambda c: plan[c].target)] == [
        ("VAC-M3", "2026-04-15"), ("VAC-M6", "2026-07-15"), ("VAC-M8", "2026-09-15"),
        ("VAC-M10", "2026-11-15"), ("VAC-M12", "2027-01-15"), ("VAC-M14", "2027-03-15"),
        ("VAC-M18", "2027-07-15")]
    doses = [a for v in plan.values() for a in v.assessments]
    for series, count in (("PCV", 3), ("DTaP/Td", 3), ("Hepatitis B", 3), ("Hepatitis A", 2),
                          ("Hib", 3), ("MenACWY", 2), ("Recombinant zoster", 2)):
        assert sum(a.startswith(f"{series} dose ")
                   for a in doses) == count, series
    assert "PPSV23" in doses
    assert all(v.kind == "monitoring" for v in plan.values())


def test_review_revaccination_is_shipped_but_attached_by_default_to_no_one(tmp_path, today):
    from cartclinic.demo import make_demo
    from cartclinic.roster import Roster

    r = Roster.open(tmp_path / "demo.db")
    try:
        make_demo(r, 30, 7, today)
        used = {pid for t in r.store.treatments() for pid in t.protocols}
        assert "revaccination" not in used and "b-all-cd19" in used
        assert "revaccination" in r.library
    finally:
        r.close()


def test_review_snapshots_without_a_life_repeat_are_as_earlier_programs_stored_them():
    """A clinic's own protocol stored with its treatments by an earlier program must still be
    the same id and version with the same body, or registering a patient on it is refused."""
    import json

    old = load_protocol(default_protocol_dir() / "history" / "b-all-cd19-2026-11.toml")
    keys = {"code", "label", "at", "before", "after", "kind", "any_day", "assessments", "every",
            "until"}
    assert all(set(v) == keys for v in json.loads(old.snapshot)["visits"])
    new = json.loads(load_protocol(default_protocol_dir() / "b-all-cd19.toml").snapshot)
    assert [v.get("for_life") for v in new["visits"]][-1] is True
    assert sum("for_life" in v for v in new["visits"]) == 1


DEFAULT_TRACKS = {  # code: (analyte, start, stop, every)
    "IGG": ("IgG", "<= 4", "> 4", "1 months"),
    "CD4R": ("CD4", "< 200", ">= 200", "1 months"),
    "ANC": ("ANC", "< 1", ">= 1", "30 days"),
    "PLT": ("Platelets", "< 50", ">= 50", "30 days"),
}


@pytest.mark.parametrize("pid, has_tracks", [
    ("b-all-cd19", True), ("lbcl-cd19", True), ("mcl-cd19", True), ("fl-cd19", True),
    ("cll-cd19", True), ("mzl-cd19", True), ("mm-bcma", True),
    ("ltfu-15y", False), ("registry-cibmtr", False), ("registry-cibmtr-standard", False),
    ("revaccination", False),
])
def test_review_default_tracks_igg_cd4_and_blood_counts_in_the_car_t_protocols(
        library, pid, has_tracks):
    protocol = library.get(pid)
    got = {t.code: (t.analyte, str(t.start), str(t.stop),
                    f"{t.every.amount} {t.every.unit}") for t in protocol.tracks}
    assert got == (DEFAULT_TRACKS if has_tracks else {})
    for t in protocol.tracks:
        assert (t.after.amount, t.after.unit) == (30, "days")  # results from day 30 on
