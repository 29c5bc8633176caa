"""`[[track]]` tables in protocol files: a broken one is refused with the file, the track and
the field named (`protocols --validate`), nothing loaded; the shipped example of the default
tracks (docs/tracks-cart.toml) loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cartclinic.errors import ProtocolError
from cartclinic.protocol import Comparison, Offset, load_protocol, protocol_tracks

ROOT = Path(__file__).resolve().parents[2]
HEADER = """\
id = "clinic-test"
name = "Clinic test protocol"
version = "2026-11"
sources = ["Our own practice"]

[[visit]]
code = "D28"
label = "Day 28 response"
at = { days = 28 }
window = { before = 3, after = 7 }
kind = "response"
"""
GOOD_TRACK = """
[[track]]
code = "IGG"
label = "IgG recheck"
analyte = "immunoglobulin G"
start = "<= 4"
stop = "> 4"
after = { days = 30 }
every = { weeks = 4 }
window = { before = 3, after = 3 }
kind = "monitoring"
assessments = ["IgG (trough)"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic-test.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_track_loads_and_survives_the_snapshot(tmp_path):
    p = load_protocol(write(tmp_path, HEADER + GOOD_TRACK))
    (t,) = p.tracks
    assert (t.code, t.analyte, t.start, t.stop, t.after, t.every, t.before, t.window_after) == (
        "IGG", "IgG", Comparison("<=", 4), Comparison(">", 4), Offset("days", 30),
        Offset("weeks", 4), 3, 3)
    assert protocol_tracks(p.snapshot) == p.tracks


def test_a_protocol_without_tracks_keeps_its_snapshot(tmp_path):
    assert '"tracks"' not in load_protocol(write(tmp_path, HEADER)).snapshot


BROKEN = [
    # (old text of the good track, new text, what the refusal names)
    ('analyte = "immunoglobulin G"', 'analyte = "IgM"',
     "track 1 (IGG): analyte: 'IgM' is not in the analyte table"),
    ('start = "<= 4"', 'start = "=< 4"', "track 1 (IGG): start: '=< 4' is not a comparison"),
    ('start = "<= 4"', 'start = "<= 4 g/L"', "track 1 (IGG): start: '<= 4 g/L' is not a comparison"),
    ('stop = "> 4"', 'stop = "above 4"', "track 1 (IGG): stop: 'above 4' is not a comparison"),
    ('stop = "> 4"', "stop = 4", "track 1 (IGG): stop: 4 is not a comparison"),
    ("every = { weeks = 4 }", "every = { weeks = 0 }", "track 1 (IGG): every.weeks: must be a whole number >= 1"),
    ("every = { weeks = 4 }", "every = { years = 1 }", "track 1 (IGG): every: must be in days, weeks, months"),
    ("every = { weeks = 4 }", "", "track 1 (IGG): every: must have exactly one of"),
    ("after = { days = 30 }", "after = { days = -1 }", "track 1 (IGG): after.days: must be a whole number >= 0"),
    ("after = { days = 30 }", 'after = "day 30"', "track 1 (IGG): after: must have exactly one of"),
    ("window = { before = 3, after = 3 }", "window = { before = 3 }", "track 1 (IGG): window: must be"),
    ("window = { before = 3, after = 3 }", "window = { before = -3, after = 3 }",
     "track 1 (IGG): window.before: must be a whole number of days >= 0"),
    ('kind = "monitoring"', 'kind = "lab"', "track 1 (IGG): kind: must be one of"),
    ('code = "IGG"', 'code = "IgG recheck"', "track 1 (IgG recheck): code: required short text"),
    ('code = "IGG"', 'code = "D"', "track 1 (D): code: visit 1's code 'D28' would read as a visit of this track"),
    ('kind = "monitoring"', 'kind = "monitoring"\nuntil = { days = 90 }', "track 1 (IGG): unknown field 'until'"),
]


@pytest.mark.parametrize(("old", "new", "named"), BROKEN)
def test_a_broken_track_is_refused_naming_file_track_and_field(tmp_path, old, new, named):
    assert GOOD_TRACK.count(old) == 1
    path = write(tmp_path, HEADER + GOOD_TRACK.replace(old, new))
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    assert any(r.startswith(f"{path}: {named}") for r in caught.value.reasons), caught.value.reasons


def test_a_duplicate_track_code_is_refused(tmp_path):
    path = write(tmp_path, HEADER + GOOD_TRACK + GOOD_TRACK)
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    assert caught.value.reasons == [
        f"{path}: track 2 (IGG): code: 'IGG' is used twice (also by track 1); codes must be unique"]


def test_a_track_code_another_s_visits_would_read_as_is_refused(tmp_path):
    path = write(tmp_path, HEADER + GOOD_TRACK + GOOD_TRACK.replace('"IGG"', '"IGG1"', 1))
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    assert f"{path}: track 1 (IGG): code: the visits of track 2 ('IGG1') would read as this " \
        "track's; choose codes that are not one another followed by digits" in caught.value.reasons


def test_validate_on_the_command_line_names_the_track_and_exits_1(tmp_path):
    path = write(tmp_path, HEADER + GOOD_TRACK.replace('start = "<= 4"', 'start = "=< 4"'))
    done = subprocess.run([sys.executable, "-m", "cartclinic", "protocols", "--validate", str(path)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    assert f"{path}: track 1 (IGG): start: '=< 4' is not a comparison" in done.stdout + done.stderr


def test_the_default_tracks_file_loads():
    p = load_protocol(ROOT / "docs" / "tracks-cart.toml")
    assert [(t.code, t.analyte, str(t.start), str(t.stop), str(t.after), str(t.every))
            for t in p.tracks] == [
        ("IGG", "IgG", "<= 4", "> 4", "30 days", "1 months"),
        ("CD4R", "CD4", "< 200", ">= 200", "30 days", "1 months"),
        ("ANC", "ANC", "< 1", ">= 1", "30 days", "30 days"),
        ("PLT", "Platelets", "< 50", ">= 50", "30 days", "30 days"),
    ]
