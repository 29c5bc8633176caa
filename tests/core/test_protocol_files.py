"""Protocol files (DESIGN.md "Protocol files"): a file that breaks the format is refused with the
file, the visit and the field named, so a clinic editing its own file learns exactly what to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cartclinic.errors import InputRefused, ProtocolError
from cartclinic.protocol import Offset, ProtocolLibrary, default_protocol_dir, load_protocol

HEADER = """\
id = "clinic-test"
name = "Clinic test protocol"
version = "2026-11"
description = "A protocol for the tests."
sources = ["Our own practice"]

[[visit]]
code = "D14"
label = "Day 14 check"
at = { days = 14 }
window = { before = 1, after = 2 }
kind = "safety"
"""

# The second visit, as it should be; each broken variant below changes it (or the header).
GOOD_VISIT = """
[[visit]]
code = "D28"
label = "Day 28 response"
at = { days = 28 }
window = { before = 3, after = 7 }
kind = "response"
any_day = false
assessments = ["CBC"]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "clinic-test.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def changed(old: str, new: str, *, text: str = HEADER + GOOD_VISIT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_good_file_of_these_tests_loads(tmp_path):
    p = load_protocol(write(tmp_path, HEADER + GOOD_VISIT))
    assert (p.id, p.name, p.version, p.sources) == (
        "clinic-test", "Clinic test protocol", "2026-11", ("Our own practice",))
    assert [(o.code, o.offset, o.before, o.after, o.kind, o.any_day, o.assessments)
            for o in p.occurrences()] == [
        ("D14", Offset("days", 14), 1, 2, "safety", False, ()),
        ("D28", Offset("days", 28), 3, 7, "response", False, ("CBC",)),
    ]
    assert p.path == str(tmp_path / "clinic-test.toml")


REPEAT = """
[[visit]]
code = "Y{n}"
label = "Year {n}"
at = { years = 2 }
every = { years = 1 }
until = { years = 15 }
window = { before = 30, after = 60 }
kind = "ltfu"
"""

# name, file text, what the message must name (besides the file path)
BROKEN = [
    ("missing id", changed('id = "clinic-test"\n', ""), ["id:"]),
    ("upper-case id", changed('id = "clinic-test"', 'id = "Clinic-Test"'), ["id:"]),
    ("id with a space", changed('id = "clinic-test"', 'id = "clinic test"'), ["id:"]),
    ("missing name", changed('name = "Clinic test protocol"\n', ""), ["name:"]),
    ("version not text", changed('version = "2026-11"', "version = 2026"), ["version:"]),
    ("no sources", changed('sources = ["Our own practice"]', "sources = []"), ["sources:"]),
    ("unknown top-level field", changed("sources =", 'author = "me"\nsources ='),
     ["unknown field 'author'"]),
    ("no visit", HEADER.split("[[visit]]")[0], ["visit:"]),
    ("two units in at", changed("at = { days = 28 }", "at = { days = 28, weeks = 4 }"),
     ["visit 2 (D28)", "at:"]),
    ("no unit in at", changed("at = { days = 28 }", "at = {}"), ["visit 2 (D28)", "at:"]),
    ("unknown unit in at", changed("at = { days = 28 }", "at = { fortnights = 2 }"),
     ["visit 2 (D28)", "at:"]),
    ("negative at", changed("at = { days = 28 }", "at = { days = -28 }"),
     ["visit 2 (D28)", "at.days", "-28"]),
    ("fractional at", changed("at = { days = 28 }", "at = { days = 28.5 }"),
     ["visit 2 (D28)", "at.days", "28.5"]),
    ("negative window", changed("before = 3", "before = -3"),
     ["visit 2 (D28)", "window.before", "-3"]),
    ("negative window after", changed("after = 7", "after = -7"),
     ["visit 2 (D28)", "window.after", "-7"]),
    ("window not in days", changed("window = { before = 3, after = 7 }",
                                   'window = { before = "3d", after = 7 }'),
     ["visit 2 (D28)", "window.before", "'3d'"]),
    ("window side missing", changed("window = { before = 3, after = 7 }",
                                    "window = { before = 3 }"), ["visit 2 (D28)", "window:"]),
    ("window as boolean", changed("before = 3", "before = true"),
     ["visit 2 (D28)", "window.before", "True"]),
    ("kind not allowed", changed('kind = "response"', 'kind = "relapse"'),
     ["visit 2 (D28)", "kind:", "'relapse'"]),
    ("kind missing", changed('kind = "response"\n', ""), ["visit 2 (D28)", "kind:"]),
    ("any_day not bool", changed("any_day = false", 'any_day = "no"'),
     ["visit 2 (D28)", "any_day:", "'no'"]),
    ("any_day as number", changed("any_day = false", "any_day = 0"),
     ["visit 2 (D28)", "any_day:"]),
    ("assessments not a list", changed('assessments = ["CBC"]', 'assessments = "CBC"'),
     ["visit 2 (D28)", "assessments:"]),
    ("code missing", changed('code = "D28"\n', ""), ["visit 2", "code:"]),
    ("label missing", changed('label = "Day 28 response"\n', ""), ["visit 2 (D28)", "label:"]),
    ("unknown visit field", changed("any_day = false", 'any_day = false\ncolour = "red"'),
     ["visit 2 (D28)", "unknown field 'colour'"]),
    ("every without until", HEADER + REPEAT.replace("until = { years = 15 }\n", ""),
     ["visit 2 (Y{n})", "every", "until"]),
    ("until without every", HEADER + REPEAT.replace("every = { years = 1 }\n", ""),
     ["visit 2 (Y{n})", "every", "until"]),
    ("every in another unit than at", HEADER + REPEAT.replace("every = { years = 1 }",
                                                              "every = { months = 12 }"),
     ["visit 2 (Y{n})", "every:", "years", "months"]),
    ("until in another unit than at", HEADER + REPEAT.replace("until = { years = 15 }",
                                                              "until = { months = 180 }"),
     ["visit 2 (Y{n})", "until:", "years", "months"]),
    ("until before at", HEADER + REPEAT.replace("until = { years = 15 }",
                                                "until = { years = 1 }"),
     ["visit 2 (Y{n})", "until:", "before at"]),
    ("every zero", HEADER + REPEAT.replace("every = { years = 1 }", "every = { years = 0 }"),
     ["visit 2 (Y{n})", "every.years", ">= 1"]),
    ("repeat without {n} in the code", HEADER + REPEAT.replace('code = "Y{n}"', 'code = "Y"'),
     ["visit 2 (Y)", "code:", "{n}"]),
    ("repeat far too often", HEADER + REPEAT.replace('code = "Y{n}"\nlabel = "Year {n}"\n'
                                                     "at = { years = 2 }\n"
                                                     "every = { years = 1 }\n"
                                                     "until = { years = 15 }",
                                                     'code = "D{n}"\nlabel = "Day {n}"\n'
                                                     "at = { days = 1 }\n"
                                                     "every = { days = 1 }\n"
                                                     "until = { days = 5475 }"),
     ["visit 2 (D{n})", "every:", "400"]),
    ("duplicate code", changed('code = "D28"', 'code = "D14"'),
     ["D14", "code:", "used twice"]),
    ("duplicate expanded code", HEADER + REPEAT.replace(
        'code = "Y{n}"\nlabel = "Year {n}"\nat = { years = 2 }\nevery = { years = 1 }\n'
        "until = { years = 15 }",
        'code = "D{n}"\nlabel = "Day {n}"\nat = { days = 7 }\nevery = { days = 7 }\n'
        "until = { days = 28 }"),
     ["D{n}", "code:", "'D14' is used twice"]),
]


@pytest.mark.parametrize(("text", "named"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_file_is_refused_naming_file_visit_and_field(tmp_path, text, named):
    path = write(tmp_path, text)
    with pytest.raises(ProtocolError) as exc:
        load_protocol(path)
    message = str(exc.value)
    assert str(path) in message
    for part in named:
        assert part in message, f"{part!r} not in {message!r}"
    assert isinstance(exc.value, InputRefused)  # the command line maps it to exit code 1
    # every reason names the file on its own line
    assert all(reason.startswith(f"{path}: ") for reason in exc.value.reasons)


def test_not_toml_is_refused_naming_the_file_and_the_line(tmp_path):
    path = write(tmp_path, changed("at = { days = 28 }", "at = { days = 28"))
    with pytest.raises(ProtocolError) as exc:
        load_protocol(path)
    message = str(exc.value)
    assert message.startswith(f"{path}: is not valid TOML")
    assert "line 17" in message


def test_not_utf8_is_refused_naming_the_file(tmp_path):
    text = changed('label = "Day 28 response"', 'label = "Day 28 r\u00e9ponse"')
    path = write(tmp_path, text.encode("latin-1"))
    with pytest.raises(ProtocolError) as exc:
        load_protocol(path)
    assert str(exc.value) == f"{path}: is not UTF-8 text"


def test_a_missing_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ProtocolError, match="cannot be read") as exc:
        load_protocol(path)
    assert str(path) in str(exc.value)


def test_utf8_with_bom_and_chinese_text_loads(tmp_path):
    text = changed('label = "Day 28 response"', 'label = "第28天 疗效评估"')
    p = load_protocol(write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert [o.label for o in p.occurrences()] == ["Day 14 check", "第28天 疗效评估"]


def test_every_broken_visit_is_reported_not_only_the_first(tmp_path):
    text = changed('kind = "response"', 'kind = "relapse"',
                   text=changed("before = 1", "before = -1"))
    path = write(tmp_path, text)
    with pytest.raises(ProtocolError) as exc:
        load_protocol(path)
    reasons = exc.value.reasons
    assert any("visit 1 (D14)" in r and "window.before" in r for r in reasons)
    assert any("visit 2 (D28)" in r and "kind" in r for r in reasons)


def test_two_repeating_entries_may_share_a_code_pattern_when_the_codes_differ(tmp_path):
    # as ltfu-15y does: Y1..Y5 examinations, Y6..Y15 contacts
    text = (HEADER + REPEAT.replace("at = { years = 2 }", "at = { years = 1 }")
            .replace("until = { years = 15 }", "until = { years = 5 }")
            + REPEAT.replace("at = { years = 2 }", "at = { years = 6 }"))
    p = load_protocol(write(tmp_path, text))
    assert [o.code for o in p.occurrences()] == ["D14"] + [f"Y{n}" for n in range(1, 16)]


# --- the library: default folder plus the clinic's own ----------------------------------------

def test_a_clinic_file_with_a_default_id_replaces_the_default(tmp_path):
    text = (HEADER + GOOD_VISIT).replace('id = "clinic-test"', 'id = "b-all-cd19"').replace(
        'version = "2026-11"', 'version = "2026-11-clinic-1"')  # a version of its own
    write(tmp_path, text, "my-b-all.toml")
    lib = ProtocolLibrary([default_protocol_dir(), tmp_path])
    assert lib.problems == []
    assert [o.code for o in lib.get("b-all-cd19").occurrences()] == ["D14", "D28"]
    assert "lbcl-cd19" in lib


def test_a_broken_clinic_file_is_reported_and_the_others_still_load(tmp_path):
    write(tmp_path, HEADER + GOOD_VISIT, "good.toml")
    bad = write(tmp_path, changed('kind = "response"', 'kind = "relapse"'), "bad.toml")
    lib = ProtocolLibrary([tmp_path])
    assert [p.id for p in lib.all()] == ["clinic-test"]
    assert len(lib.problems) == 1
    assert str(bad) in lib.problems[0] and "kind" in lib.problems[0]


def test_an_unknown_protocol_id_is_refused_naming_the_known_ones(tmp_path):
    write(tmp_path, HEADER + GOOD_VISIT)
    lib = ProtocolLibrary([tmp_path, tmp_path / "no-such-folder"])
    with pytest.raises(ProtocolError, match="unknown protocol id 'b-all'") as exc:
        lib.get("b-all")
    assert "known: clinic-test" in str(exc.value)


def test_a_duplicate_expanded_code_names_the_visit_by_its_number(tmp_path):
    text = (HEADER + REPEAT.replace("at = { years = 2 }", "at = { years = 1 }")
            .replace("until = { years = 15 }", "until = { years = 5 }")
            + REPEAT.replace("at = { years = 2 }", "at = { years = 5 }"))
    path = write(tmp_path, text)
    with pytest.raises(ProtocolError) as exc:
        load_protocol(path)
    message = str(exc.value)
    assert "'Y5' is used twice" in message
    assert "visit 3 (Y{n})" in message
