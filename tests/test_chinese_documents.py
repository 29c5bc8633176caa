"""Every Chinese document carries no English a Chinese nurse or patient would have to read
(issue 12, Done-when): the day list, a visit sheet of each kind of visit, the day's sheets, the
patient letter and the "your date has changed" letter, printed in Chinese from a demo roster, their
PDF text checked word by word with the allow-list of tests/english_words.py (names, codes,
units, products)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pypdf
import pytest
from english_words import Finding, pending_for, report, roster_allowed, split_pending

from cartclinic.demo import make_demo
from cartclinic.documents import write_day_list, write_patient_letter, write_visit_sheets
from cartclinic.documents.date_changed import write_date_changed_letters
from cartclinic.printing import (
    changed_letters_data,
    day_list_data,
    letter_data,
    visit_sheet_data,
)
from cartclinic.roster import Roster
from cartclinic.status import VisitStatus
from cartclinic.users import Staff

TODAY = date(2026, 3, 2)
PRINTED = datetime(2026, 3, 2, 9, 30)
WHO = "Nurse Chen"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo roster of a Chinese clinic, 60 patients made as of TODAY: every kind of visit,
    events (deaths, relapses, lost to follow-up, allo-HCT), results, missed visits, flags; clinic
    phone set."""
    r = Roster.open(tmp_path_factory.mktemp("zh-docs") / "roster.db")
    r.save_settings(replace(r.settings(), clinic_phone="+86 10 6666 8888", language="zh"), WHO)
    make_demo(r, 60, 7, TODAY)
    Staff(r.store).add(WHO, "2468", "admin", "setup")
    yield r
    r.close()


def _text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def _findings(name: str, text: str, allowed) -> list[Finding]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        out += [Finding(name, f"line {n}", line, w) for w in allowed.english_words(line)]
    return out


def _documents(roster: Roster, folder) -> dict[str, str]:
    """Every document the program prints, in Chinese: name -> its PDF's text."""
    store = roster.store
    done: dict[str, str] = {}
    day = folder / "day.pdf"
    write_day_list(day, day_list_data(roster, TODAY, WHO, PRINTED, "zh"))
    done["day list"] = _text(day)
    today_visits = [e.visit.id for e in roster.worklist(TODAY, TODAY, TODAY)]
    assert today_visits, "the demo roster has work today"
    sheets = folder / "sheets.pdf"
    write_visit_sheets(sheets, [visit_sheet_data(roster, v, WHO, TODAY, PRINTED, "zh")
                                for v in today_visits])
    done["day's visit sheets"] = _text(sheets)
    # one visit sheet of each kind of visit and status, from all over the roster
    seen: set[tuple[str, str]] = set()
    chosen = []
    for v in store.visits():
        key = (v.kind, v.status(TODAY))
        if key not in seen:
            seen.add(key)
            chosen.append(v.id)
    one = folder / "visits.pdf"
    write_visit_sheets(one, [visit_sheet_data(roster, v, WHO, TODAY, PRINTED, "zh")
                             for v in chosen])
    done["visit sheets of each kind"] = _text(one)
    # letters: every patient who may get one, in Chinese whatever their own letter language
    letters = []
    for p in store.patients():
        if roster.letter_refusal(p.id):
            continue
        path = folder / f"letter-{p.mrn}.pdf"
        write_patient_letter(path, letter_data(roster, p, TODAY, PRINTED, "zh"))
        letters.append(_text(path))
        if len(letters) == 12:
            break
    done["patient letters"] = "\n".join(letters)
    # the changed-date letter: every patient's open visits as if a setting had moved them
    moves = [(v.id, v.scheduled - timedelta(days=1)) for v in store.visits()
             if v.status(TODAY) in (VisitStatus.UPCOMING, VisitStatus.DUE)][:40]
    changed = folder / "changed.pdf"
    write_date_changed_letters(changed, changed_letters_data(roster, moves, TODAY, PRINTED, "zh"))
    done["changed-date letters"] = _text(changed)
    return done


def test_chinese_documents_carry_no_english_word_but_names_codes_units_products(demo, tmp_path):
    allowed = roster_allowed(demo)
    findings = [f for name, text in _documents(demo, tmp_path).items()
                for f in _findings(name, text, allowed)]
    left, covered = split_pending(findings, pending_for(demo, TODAY, "documents"))
    assert not left, "English in the Chinese documents:\n" + report(left)
    for p, hits in covered.items():  # shown with -s: what each branch still has to take away
        print(f"pending from {p.branch} ({p.what}): {len(hits)} findings")
    stale = [p for p, hits in covered.items() if not hits]
    assert not stale, ("PENDING_FROM_OTHER_BRANCHES has entries no document shows any more; "
                       "remove them: " + "; ".join(f"{p.branch}: {p.what}" for p in stale))


def test_the_english_word_check_finds_english_and_allows_names_codes_units_products(demo):
    """The checker itself: a plain English word is found, even inside Chinese; names, codes,
    units and products are not."""
    allowed = roster_allowed(demo)
    assert allowed.english_words("复诊单 Visit sheet") == ["Visit", "sheet"]
    assert allowed.english_words("已打印，由Nurse Chen") == []  # a staff name
    assert allowed.english_words("M3 第3个月 CRS ICANS IgG 4.0 g/L ×10⁹/L") == []
    assert allowed.english_words("阿基仑赛 axicabtagene (Yescarta) lbcl-cd19") == []
    assert allowed.english_words("逾期 overdue") == ["overdue"]
    name = next(p.name for p in demo.store.patients() if p.name.isascii())
    assert allowed.english_words(f"{name}，您好") == []
