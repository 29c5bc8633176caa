"""The core refuses with typed reasons (issue 12 item 2): a code, the field at fault and the
values; English for the command line (the same words as before), Chinese from
resources/messages_zh.toml for documents, and every code has both."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from cartclinic import validate
from cartclinic.calendar import WEEKDAY_NAMES
from cartclinic.errors import InputRefused
from cartclinic.model import EVENT_KINDS, Patient
from cartclinic.reasons import ENGLISH, Reason, Refused, chinese, line, render
from cartclinic.status import VisitStatus

CORE = Path(__file__).resolve().parents[2] / "cartclinic"


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_reason_code_has_english_and_chinese_with_the_same_values():
    zh = chinese()["reasons"]
    assert sorted(set(ENGLISH) - set(zh)) == []
    assert sorted(set(zh) - set(ENGLISH)) == []
    for code, english in ENGLISH.items():
        # Chinese has no plural ending, so it may leave out {s}; it never asks for a new value
        assert _names(zh[code]) <= _names(english), code
        assert _names(english) - _names(zh[code]) <= {"s"}, code


def test_every_code_the_core_raises_is_in_the_catalogue():
    used = set()
    for path in CORE.rglob("*.py"):
        used |= set(re.findall(r'Reason\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "no Reason found: the pattern no longer matches how the core builds them"
    # "kind." + an event kind, "status." + a visit status and "weekday." + a weekday are built
    # from their tables; "ended." + the action a rule-12 refusal names
    assert {code for code in used if code.endswith(".")} == {
        "kind.", "status.", "weekday.", "ended.", "flag."}
    assert all(f"flag.{code}" in ENGLISH for code in (
        "daily_monitoring", "near_centre", "no_driving", "antiviral", "pjp"))
    actions = re.findall(r'_refuse_if_ended\([^,]+,\s*"(\w+)"\)', "".join(
        p.read_text(encoding="utf-8") for p in (CORE / "roster").glob("*.py")))
    assert len(actions) >= 6 and all(f"ended.{a}" in ENGLISH for a in actions), actions
    assert sorted(c for c in used - set(ENGLISH) if not c.endswith(".")) == []
    assert all(f"kind.{kind}" in ENGLISH for kind in EVENT_KINDS)
    assert all(f"status.{status}" in ENGLISH for status in VisitStatus)
    assert all(f"weekday.{day}" in ENGLISH for day in WEEKDAY_NAMES)


@pytest.mark.parametrize("field", [
    "mrn", "name", "sex", "phone", "diagnosis", "physician", "notes", "address", "next_of_kin",
    "next_of_kin_relationship", "next_of_kin_phone", "language", "date_of_birth", "product",
    "target", "infusion_date", "tracked_from", "date", "value", "lab name", "disease status",
    "clinic name", "clinic phone", "reason", "closed weekdays", "holiday region",
    "antiviral months", "pjp months", "entecavir months",
])
def test_every_field_a_generic_reason_names_has_a_chinese_name(field):
    assert chinese()["fields"][field]


def test_refusal_keeps_its_english_words_for_the_command_line():
    with pytest.raises(Refused) as caught:
        validate.normalise_mrn("  ")
    assert str(caught.value) == "mrn: empty; the medical record number is required"
    refused = InputRefused([caught.value.reason, "a plain sentence"])
    assert refused.reasons == ["mrn: empty; the medical record number is required",
                               "a plain sentence"]
    assert str(refused) == "\n".join(refused.reasons)
    assert [r.code for r in refused.why] == ["mrn.empty", "text"]
    assert refused.why[0].field == "mrn"


def test_refusal_in_chinese_names_the_field_in_chinese(roster):
    patient = Patient(mrn="", name="王芳", date_of_birth=date(1970, 1, 1), sex="F",
                      diagnosis="")
    _, reasons = roster.check_patient(patient, date(2026, 3, 2))
    by_field = {r.field: render(r, "zh") for r in reasons}
    assert by_field == {"mrn": "病历号：未填写；病历号为必填",
                        "diagnosis": "诊断：未填写；此项为必填"}


def test_refusal_of_a_file_line_says_the_line_in_either_language():
    reason = Reason("field.in_future", "tracked_from", {"day": date(2027, 1, 2)}).located(line(7))
    assert str(reason) == "line 7: tracked_from: 2027-01-02 is in the future"
    assert render(reason, "zh") == "第 7 行：开始随访日期：2027-01-02 是将来的日期"


def test_words_inside_a_refusal_are_said_in_the_readers_language():
    reason = Reason("visit.cannot_cancel", "visit", {"visit": "M3",
                                                     "status": Reason("status.done")})
    assert str(reason) == "visit M3: is done; it cannot be cancelled"
    assert render(reason, "zh") == "随访 M3：状态为已完成；不能取消"
    listed = Reason("protocol.unknown", "protocol", {"protocol": "x", "known": ["a", "b"]})
    assert str(listed) == "protocol: unknown protocol id 'x' (known: a, b)"
    assert render(listed, "zh") == "随访方案：未知的方案编号“x”（已有：a、b）"


def test_wrong_pin_refusal_is_typed_for_the_pin_field(roster):
    from datetime import datetime

    from cartclinic.users import SignInRefused, Staff
    staff = Staff(roster.store)
    staff.add("Ana", "1234", "admin", "setup")
    with pytest.raises(SignInRefused) as caught:
        staff.sign_in("Ana", "9999", datetime(2026, 3, 2, 9, 0).astimezone())
    (reason,) = caught.value.why
    assert (reason.code, reason.field) == ("pin.wrong", "pin")
    assert str(reason) == "PIN: wrong PIN; 4 tries left"
    assert render(reason, "zh") == "PIN 码：PIN 码错误；还可以再试 4 次"


def test_program_written_notes_keep_their_english_and_are_said_in_chinese():
    from cartclinic.notes import as_reason, say, written

    shifted = written("note.shifted", visit="M3", why="family visit")
    assert shifted == "shifted with M3: family visit"
    assert say(shifted, "zh") == "随 M3 一起改期：family visit"
    event = written("note.event", event="relapse", day=date(2026, 5, 2))
    assert event == "relapse on 2026-05-02"
    assert say(event, "zh") == "2026-05-02 复发"
    superseded = written("note.superseded", day=date(2026, 6, 1))
    assert superseded == "superseded by re-infusion on 2026-06-01"
    assert say(superseded, "zh") == "因 2026-06-01 再次回输而取代"
    assert as_reason(event).values["event"] == Reason("kind.relapse")


@pytest.mark.parametrize("typed", [
    "patient on holiday", "holiday on 2026-05-02", "relapse on May 2nd", "", "shifted with M3:",
])
def test_a_nurses_own_note_is_shown_as_typed_in_every_language(typed):
    from cartclinic.notes import as_reason, say

    assert as_reason(typed).code == "text"
    assert say(typed, "zh") == typed


def test_notes_the_roster_writes_are_the_coded_ones(roster):
    from datetime import date as day

    from helpers import WHO, add_patient

    from cartclinic.notes import as_reason

    today = day(2026, 11, 27)
    p = add_patient(roster, today, infusion=day(2026, 10, 1))
    roster.record_event(p.id, "relapse", today, WHO, today)
    notes = {v.cancelled_reason for v in roster.store.visits(patient_id=p.id)
             if v.cancelled_reason}
    assert notes == {"relapse on 2026-11-27"}
    assert as_reason(notes.pop()).code == "note.event"


def test_csv_encoding_refusal_tells_a_chinese_nurse_how_to_save_utf8():
    from cartclinic.roster_csv import decode_csv

    with pytest.raises(InputRefused) as workbook:
        decode_csv(b"PK\x03\x04 rest of a zip", "病人.xlsx")
    (reason,) = workbook.value.why
    assert str(reason).startswith("病人.xlsx: is a spreadsheet workbook (.xlsx or .ods), not a "
                                  "CSV file. Open the file in the spreadsheet it came from")
    assert render(reason, "zh") == (
        "病人.xlsx：这是电子表格工作簿（.xlsx 或 .ods），不是 CSV 文件。请用生成该文件的电子表格"
        "程序打开它，另存为“CSV UTF-8”（Excel：文件 > 另存为 > CSV UTF-8；LibreOffice：字符集选 "
        "Unicode (UTF-8)），然后重新导入。")
    with pytest.raises(InputRefused) as gbk:
        decode_csv("mrn,name\nA1,王秀英\n".encode("gb18030"), "名单.csv")
    said = [render(r, "zh") for r in gbk.value.why]
    assert any(s.startswith("名单.csv：") and "另存为“CSV UTF-8”" in s for s in said), said


def test_track_stops_entries_in_error_and_chart_lines_are_said_in_the_readers_language():
    """The last core texts the Chinese walk found in English: a track's stop note, the entries
    of the "entered in error" list and the meaning of the results chart's lines. Stored and
    printed for the command line in the same English as before; said in Chinese from codes."""
    from cartclinic.notes import say
    from cartclinic.reasons import Reason, render
    from cartclinic.results import THRESHOLDS

    stop = "stopped: Platelets 129 ×10⁹/L on 2025-09-30"
    assert say(stop, "en") == stop
    assert say(stop, "zh") == "已停止：2025-09-30 血小板 129 ×10⁹/L"
    call = Reason("entry.call", None, {"day": "2026-12-01", "outcome": Reason("outcome.no_answer")})
    assert (str(call), render(call, "zh")) == ("call on 2026-12-01: no answer",
                                               "2026-12-01 电话：无人接听")
    result = Reason("entry.result", None, {"name": Reason("analyte", None, {"name": "Platelets"}),
                                           "value": "129 10^9/L", "visit": "M3"})
    assert (str(result), render(result, "zh")) == ("result Platelets 129 10^9/L (M3)",
                                                   "结果 血小板 129 10^9/L（M3）")
    igg = THRESHOLDS["IgG"][0][1]
    assert (str(igg), render(igg, "zh")) == ("≤ 4 g/L: consider immunoglobulin replacement",
                                             "≤ 4 g/L：考虑免疫球蛋白替代治疗")
