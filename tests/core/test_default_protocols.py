"""The default protocols in resources/protocols/ against the tables of CLINICAL.md.

Version 2026-12 carries the corrections of CLINICAL.md's "Review of December 2026" (each tested
by name in test_review_corrections.py); the 2026-11 versions stay in resources/protocols/history/,
loadable, as the treatments that started on them keep them.

Every row of CLINICAL.md's "Default protocols" is written out here as (code, unit, amount,
before, after, kind, any_day), so a change to a shipped window is a deliberate change to both.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cartclinic.calendar import ClinicCalendar
from cartclinic.protocol import ProtocolLibrary, default_protocol_dir, load_protocol
from cartclinic.schedule import plan_visits

D = date.fromisoformat


def _daily(last: int):
    return [(f"D{n}", "days", n, 0, 0, "safety", True) for n in range(1, last + 1)]


def _yearly(first: int, last: int, kind: str = "ltfu"):
    return [(f"Y{n}", "years", n, 30, 60, kind, False) for n in range(first, last + 1)]


EXPECTED_2026_11 = {
    "b-all-cd19": _daily(7) + [
        ("D10", "days", 10, 1, 1, "safety", False),
        ("D14", "days", 14, 1, 2, "safety", False),
        ("D21", "days", 21, 2, 2, "safety", False),
        ("D28", "days", 28, 3, 7, "response", False),
        ("M2", "months", 2, 7, 7, "monitoring", False),
        ("M3", "months", 3, 7, 14, "response", False),
        ("M4", "months", 4, 7, 7, "monitoring", False),
        ("M5", "months", 5, 7, 7, "monitoring", False),
        ("M6", "months", 6, 14, 14, "response", False),
        ("M9", "months", 9, 14, 14, "response", False),
        ("M12", "months", 12, 0, 60, "response", False),
        ("M18", "months", 18, 30, 30, "monitoring", False),
    ] + _yearly(2, 15),
    "lbcl-cd19": _daily(7) + [
        ("D14", "days", 14, 1, 2, "safety", False),
        ("D28", "days", 28, 3, 7, "response", False),
        ("M2", "months", 2, 7, 7, "monitoring", False),
        ("M3", "months", 3, 7, 14, "response", False),
        ("M6", "months", 6, 14, 14, "response", False),
        ("M12", "months", 12, 30, 30, "response", False),
        ("M18", "months", 18, 30, 30, "response", False),
        ("M24", "months", 24, 30, 30, "response", False),
    ] + _yearly(3, 15),
    "mm-bcma": _daily(10) + [
        ("D14", "days", 14, 1, 2, "safety", False),
        ("D28", "days", 28, 3, 7, "response", False),
        ("D56", "days", 56, 7, 7, "monitoring", False),
        ("D84", "days", 84, 7, 7, "monitoring", False),
        ("M3", "months", 3, 7, 14, "response", False),
        ("M6", "months", 6, 14, 14, "response", False),
        ("M9", "months", 9, 14, 14, "response", False),
        ("M12", "months", 12, 0, 60, "response", False),
    ] + _yearly(2, 15),
    "ltfu-15y": _yearly(1, 15),
    "registry-cibmtr": [
        ("D100", "days", 100, 15, 15, "registry", False),
        ("M6", "days", 180, 30, 30, "registry", False),
        ("Y1", "days", 366, 0, 59, "registry", False),
    ] + _yearly(2, 15, kind="registry"),
}


def _life(first: int = 16):
    """The yearly contact for life after year 15, placed to the bounded horizon (year 25)."""
    return _yearly(first, 25)


_LBCL_2026_12 = _daily(7) + [
    ("D14", "days", 14, 1, 2, "safety", False),
    ("W3", "weeks", 3, 2, 2, "safety", False),
    ("D28", "days", 28, 3, 7, "response", False),
    ("M2", "months", 2, 7, 7, "monitoring", False),
    ("M3", "months", 3, 7, 14, "response", False),
    ("M6", "months", 6, 14, 14, "response", False),
    ("M12", "months", 12, 30, 30, "response", False),
    ("M18", "months", 18, 30, 30, "response", False),
    ("M24", "months", 24, 30, 30, "response", False),
] + _yearly(3, 15) + _life()
_REGISTRY_START = [
    ("PRE", "days", 30, 30, 0, "registry", False),
    ("D100", "days", 100, 15, 15, "registry", False),
    ("M6", "days", 180, 30, 30, "registry", False),
    ("Y1", "days", 366, 0, 59, "registry", False),
]
EXPECTED = {
    "b-all-cd19": [
        (o[0], o[1], o[2], 2, 2, o[5], o[6]) if o[0] == "D10" else o
        for o in EXPECTED_2026_11["b-all-cd19"]] + _life(),
    "lbcl-cd19": _LBCL_2026_12,
    "fl-cd19": _LBCL_2026_12,
    "cll-cd19": _LBCL_2026_12,
    "mzl-cd19": _LBCL_2026_12,
    "mcl-cd19": _LBCL_2026_12[:13] + [("M9", "months", 9, 14, 14, "response", False),
                                      _LBCL_2026_12[13],
                                      ("M15", "months", 15, 30, 30, "response", False)]
    + _LBCL_2026_12[14:],
    "mm-bcma": EXPECTED_2026_11["mm-bcma"] + _life(),
    "ltfu-15y": _yearly(1, 15) + _life(),
    "registry-cibmtr": _REGISTRY_START + _yearly(2, 15, kind="registry"),
    "registry-cibmtr-standard": _REGISTRY_START + _yearly(2, 6, kind="registry")
    + [(f"Y{n}", "years", n, 30, 60, "registry", False) for n in (8, 10, 12, 14)],
    "revaccination": [(f"VAC-M{n}", "months", n, 7 if n < 18 else 14, 30, "monitoring", False)
                      for n in (3, 6, 8, 10, 12, 14, 18)],
}
HISTORY = default_protocol_dir() / "history"


@pytest.fixture(scope="module")
def library() -> ProtocolLibrary:
    return ProtocolLibrary([default_protocol_dir()])


def test_the_defaults_are_exactly_these_protocols_and_all_load(library):
    assert library.problems == []
    assert [p.id for p in library.all()] == sorted(EXPECTED)
    assert sorted(f.name for f in default_protocol_dir().glob("*.toml")) == sorted(
        f"{pid}.toml" for pid in EXPECTED)


@pytest.mark.parametrize("pid", sorted(EXPECTED_2026_11))
def test_the_2026_11_versions_stay_loadable_row_for_row(pid):
    old = load_protocol(HISTORY / f"{pid}-2026-11.toml")
    assert (old.id, old.version) == (pid, "2026-11")
    got = [(o.code, o.offset.unit, o.offset.amount, o.before, o.after, o.kind, o.any_day)
           for o in old.occurrences()]
    assert got == EXPECTED_2026_11[pid]


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_each_default_names_its_sources_and_says_the_windows_are_a_choice(library, pid):
    p = library.get(pid)
    assert p.sources and all(s.strip() for s in p.sources)
    assert p.name and p.version == "2026-12"
    assert "window" in p.description
    assert load_protocol(default_protocol_dir() / f"{pid}.toml") == p


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_each_default_matches_its_clinical_md_table_row_for_row(library, pid):
    got = [(o.code, o.offset.unit, o.offset.amount, o.before, o.after, o.kind, o.any_day)
           for o in library.get(pid).occurrences()]
    assert got == EXPECTED[pid]


SPOT_CHECKS = [
    # protocol           code   at                 before after kind        any_day
    ("b-all-cd19", "D28", ("days", 28), 3, 7, "response", False),
    ("b-all-cd19", "M12", ("months", 12), 0, 60, "response", False),
    ("b-all-cd19", "Y2", ("years", 2), 30, 60, "ltfu", False),
    ("b-all-cd19", "Y15", ("years", 15), 30, 60, "ltfu", False),
    ("b-all-cd19", "D1", ("days", 1), 0, 0, "safety", True),
    ("b-all-cd19", "D7", ("days", 7), 0, 0, "safety", True),
    ("mm-bcma", "D10", ("days", 10), 0, 0, "safety", True),
    ("mm-bcma", "D56", ("days", 56), 7, 7, "monitoring", False),
    ("lbcl-cd19", "M24", ("months", 24), 30, 30, "response", False),
    ("lbcl-cd19", "Y3", ("years", 3), 30, 60, "ltfu", False),
    ("ltfu-15y", "Y6", ("years", 6), 30, 60, "ltfu", False),
    ("registry-cibmtr", "D100", ("days", 100), 15, 15, "registry", False),
    ("registry-cibmtr", "Y1", ("days", 366), 0, 59, "registry", False),
]


@pytest.mark.parametrize(("pid", "code", "at", "before", "after", "kind", "any_day"), SPOT_CHECKS)
def test_clinical_md_spot_checks(library, pid, code, at, before, after, kind, any_day):
    occ = {o.code: o for o in library.get(pid).occurrences()}[code]
    assert ((occ.offset.unit, occ.offset.amount), occ.before, occ.after, occ.kind,
            occ.any_day) == (at, before, after, kind, any_day)


def test_only_the_first_days_are_any_day(library):
    for p in library.all():
        for o in p.occurrences():
            assert o.any_day is (o.kind == "safety" and o.before == o.after == 0), (p.id, o.code)


def test_ltfu_15y_examines_to_year_5_then_contacts_to_year_15_then_for_life(library):
    labels = {o.code: o.label for o in library.get("ltfu-15y").occurrences()}
    assert all("examination" in labels[f"Y{n}"] for n in range(1, 6))
    assert all("contact" in labels[f"Y{n}"] for n in range(6, 16))
    assert all("for life" in labels[f"Y{n}"] for n in range(16, 26))


REGISTRY_WINDOWS = [
    # code   target day  window (days after day 0)
    ("D100", 100, 85, 115),
    ("M6", 180, 150, 210),
    ("Y1", 366, 366, 425),
]


@pytest.mark.parametrize(("code", "target", "first", "last"), REGISTRY_WINDOWS)
def test_registry_windows_in_days_from_day0_as_cibmtr_publishes(library, code, target, first,
                                                                  last):
    day0 = D("2025-01-15")
    v = {v.code: v for v in plan_visits(library.get("registry-cibmtr"), day0,
                                        ClinicCalendar(closed_weekdays=frozenset()))}[code]
    assert ((v.target - day0).days, (v.window_start - day0).days,
            (v.window_end - day0).days) == (target, first, last)


# b-all-cd19 for the 80-year-old infused on Tue 15 Mar 2016, at a clinic in China (Sat and Sun
# closed, CN public holidays, make-up workdays open). Worked out by hand:
#   M2  Sun 15 May 2016 -> Mon 16 May (+1 beats Fri 13 May -2)
#   M6  Thu 15 Sep 2016 is the Mid-Autumn Festival, Fri 16 Sep a day off -> Wed 14 Sep (-1)
#   Y4  Sun 15 Mar 2020 -> Mon 16 Mar;  Y9 Sat 15 Mar 2025 -> Fri 14 Mar;  Y10 Sun -> Mon;
#   Y15 Sat 15 Mar 2031 -> Fri 14 Mar;  D4/D5 fall on a weekend but are any_day: they stay.
B_ALL_2016_CN = [
    # code   target        window start  window end    scheduled
    ("D1", "2016-03-16", "2016-03-16", "2016-03-16", "2016-03-16"),
    ("D2", "2016-03-17", "2016-03-17", "2016-03-17", "2016-03-17"),
    ("D3", "2016-03-18", "2016-03-18", "2016-03-18", "2016-03-18"),
    ("D4", "2016-03-19", "2016-03-19", "2016-03-19", "2016-03-19"),
    ("D5", "2016-03-20", "2016-03-20", "2016-03-20", "2016-03-20"),
    ("D6", "2016-03-21", "2016-03-21", "2016-03-21", "2016-03-21"),
    ("D7", "2016-03-22", "2016-03-22", "2016-03-22", "2016-03-22"),
    ("D10", "2016-03-25", "2016-03-24", "2016-03-26", "2016-03-25"),
    ("D14", "2016-03-29", "2016-03-28", "2016-03-31", "2016-03-29"),
    ("D21", "2016-04-05", "2016-04-03", "2016-04-07", "2016-04-05"),
    ("D28", "2016-04-12", "2016-04-09", "2016-04-19", "2016-04-12"),
    ("M2", "2016-05-15", "2016-05-08", "2016-05-22", "2016-05-16"),
    ("M3", "2016-06-15", "2016-06-08", "2016-06-29", "2016-06-15"),
    ("M4", "2016-07-15", "2016-07-08", "2016-07-22", "2016-07-15"),
    ("M5", "2016-08-15", "2016-08-08", "2016-08-22", "2016-08-15"),
    ("M6", "2016-09-15", "2016-09-01", "2016-09-29", "2016-09-14"),
    ("M9", "2016-12-15", "2016-12-01", "2016-12-29", "2016-12-15"),
    ("M12", "2017-03-15", "2017-03-15", "2017-05-14", "2017-03-15"),
    ("M18", "2017-09-15", "2017-08-16", "2017-10-15", "2017-09-15"),
    ("Y2", "2018-03-15", "2018-02-13", "2018-05-14", "2018-03-15"),
    ("Y3", "2019-03-15", "2019-02-13", "2019-05-14", "2019-03-15"),
    ("Y4", "2020-03-15", "2020-02-14", "2020-05-14", "2020-03-16"),
    ("Y5", "2021-03-15", "2021-02-13", "2021-05-14", "2021-03-15"),
    ("Y6", "2022-03-15", "2022-02-13", "2022-05-14", "2022-03-15"),
    ("Y7", "2023-03-15", "2023-02-13", "2023-05-14", "2023-03-15"),
    ("Y8", "2024-03-15", "2024-02-14", "2024-05-14", "2024-03-15"),
    ("Y9", "2025-03-15", "2025-02-13", "2025-05-14", "2025-03-14"),
    ("Y10", "2026-03-15", "2026-02-13", "2026-05-14", "2026-03-16"),
    ("Y11", "2027-03-15", "2027-02-13", "2027-05-14", "2027-03-15"),
    ("Y12", "2028-03-15", "2028-02-14", "2028-05-14", "2028-03-15"),
    ("Y13", "2029-03-15", "2029-02-13", "2029-05-14", "2029-03-15"),
    ("Y14", "2030-03-15", "2030-02-13", "2030-05-14", "2030-03-15"),
    ("Y15", "2031-03-15", "2031-02-13", "2031-05-14", "2031-03-14"),
]


def test_b_all_plan_from_15_mar_2016_at_a_chinese_clinic(library):
    """The 2026-11 version a treatment of 2016 keeps (the 2026-12 dates: test_review_*)."""
    cal = ClinicCalendar(holiday_region="CN")
    plan = plan_visits(load_protocol(HISTORY / "b-all-cd19-2026-11.toml"), D("2016-03-15"), cal)
    got = [(v.code, v.target.isoformat(), v.window_start.isoformat(), v.window_end.isoformat(),
            v.scheduled.isoformat()) for v in plan]
    assert got == B_ALL_2016_CN
    assert all(v.flags == () for v in plan)
    assert all(v.protocol_id == "b-all-cd19" for v in plan)
    by_code = {v.code: v for v in plan}
    assert cal.why_closed(by_code["M6"].target) == "public holiday: Mid-Autumn Festival"
    assert by_code["D28"].kind == "response" and by_code["Y15"].kind == "ltfu"
    assert by_code["D28"].assessments[0].startswith("Bone marrow MRD")


def test_mm_bcma_first_ten_days_stay_on_their_day_over_a_chinese_golden_week(library):
    # infused Mon 29 Sep 2025: D1..D10 = 30 Sep..9 Oct, across National Day and a make-up day
    plan = plan_visits(library.get("mm-bcma"), D("2025-09-29"), ClinicCalendar(holiday_region="CN"))
    first = [(v.code, v.scheduled) for v in plan[:10]]
    assert first == [(f"D{n}", D("2025-09-29") + timedelta(days=n)) for n in range(1, 11)]
    d14 = {v.code: v for v in plan}["D14"]   # Mon 13 Oct: an ordinary open Monday
    assert (d14.target, d14.scheduled, d14.flags) == (D("2025-10-13"), D("2025-10-13"), ())
