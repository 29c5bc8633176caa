"""The Windows parts of the file handling, their decisions tested here with the system calls
given by the test (these tests run on Linux; nothing here has run on a real Windows PC):
a mapped network drive (GetDriveTypeW says DRIVE_REMOTE) and a UNC path are refused as a
roster's place; a file Windows holds open for a moment is replaced after a retry."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from cartclinic.errors import RosterProblem
from cartclinic.store.sqlite import files
from cartclinic.store.sqlite.files import (
    DRIVE_REMOTE,
    is_unc,
    mapped_network_drive,
    refuse_network_share,
    replace_file,
)

DRIVE_FIXED = 3


def drive_types(**kinds: int):
    asked: list[str] = []

    def get_drive_type(root: str) -> int:
        asked.append(root)
        return kinds.get(root[0].upper(), DRIVE_FIXED)

    return get_drive_type, asked


@pytest.mark.parametrize(("path", "expected"), [
    ("Z:\\ward\\roster.db", "Z:"),
    ("z:/ward/roster.db", "Z:"),
    ("C:\\Users\\nurse\\AppData\\Local\\cartclinic\\roster.db", None),
    ("D:\\roster.db", None),
    ("\\\\server\\share\\roster.db", None),  # no drive letter: refused as a UNC path instead
])
def test_mapped_network_drive_is_found_by_its_drive_type(path, expected):
    get_drive_type, asked = drive_types(Z=DRIVE_REMOTE)
    assert mapped_network_drive(path, windows=True, drive_type=get_drive_type) == expected
    if expected:
        assert asked == [expected.upper() + "\\"] or asked == [path[:2] + "\\"]


def test_mapped_network_drive_is_not_asked_off_windows():
    def never(root: str) -> int:
        raise AssertionError("GetDriveTypeW called off Windows")

    assert mapped_network_drive("Z:\\roster.db", windows=False, drive_type=never) is None


def test_a_roster_on_a_mapped_network_drive_is_refused(monkeypatch):
    get_drive_type, _ = drive_types(Z=DRIVE_REMOTE)
    monkeypatch.setattr(files, "mapped_network_drive",
                        lambda p: mapped_network_drive(p, windows=True, drive_type=get_drive_type))
    with pytest.raises(RosterProblem, match=r"Z:, a network drive.*local path"):
        refuse_network_share(Path("Z:\\ward\\roster.db"))


@pytest.mark.parametrize(("text", "expected"), [
    ("\\\\server\\share\\roster.db", True),
    ("//server/share/roster.db", True),
    ("\\\\?\\UNC\\server\\share\\roster.db", True),
    ("\\\\?\\C:\\clinic\\roster.db", False),
    ("C:\\clinic\\roster.db", False),
    ("/home/nurse/roster.db", False),
])
def test_unc_paths_are_network_paths(text, expected):
    assert is_unc(text) is expected


def test_a_roster_on_a_unc_path_is_refused():
    with pytest.raises(RosterProblem, match="network share"):
        refuse_network_share(Path("//server/share/roster.db"))


def held(winerror: int) -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = winerror  # what Windows sets; absent on Linux
    return exc


def flaky_replace(failures: list[BaseException]):
    calls: list[tuple] = []

    def replace(src, dst):
        calls.append((src, dst))
        if failures:
            raise failures.pop(0)

    return replace, calls


def test_replace_file_retries_while_windows_holds_the_file():
    replace, calls = flaky_replace([held(32), held(5)])
    waits: list[float] = []
    replace_file("a.tmp", "a", windows=True, replace=replace, sleep=waits.append)
    assert len(calls) == 3 and waits == [0.05, 0.1]


def test_replace_file_gives_up_after_its_attempts_and_raises():
    replace, calls = flaky_replace([held(32)] * 20)
    with pytest.raises(PermissionError):
        replace_file("a.tmp", "a", windows=True, attempts=4, replace=replace, sleep=lambda s: None)
    assert len(calls) == 4


def test_replace_file_does_not_retry_other_errors_or_off_windows():
    replace, calls = flaky_replace([held(2)])  # ERROR_FILE_NOT_FOUND: no point waiting
    with pytest.raises(PermissionError):
        replace_file("a.tmp", "a", windows=True, replace=replace, sleep=lambda s: None)
    assert len(calls) == 1
    replace, calls = flaky_replace([held(32)])
    with pytest.raises(PermissionError):
        replace_file("a.tmp", "a", windows=False, replace=replace, sleep=lambda s: None)
    assert len(calls) == 1


def test_replace_file_replaces(tmp_path):
    old, new = tmp_path / "roster.seal", tmp_path / "roster.seal.tmp"
    old.write_text("old")
    new.write_text("new")
    replace_file(new, old)
    assert old.read_text() == "new" and not new.exists()


def test_every_file_the_program_replaces_goes_through_replace_file():
    """One helper for every replace: no other os.replace / os.rename in the program's code."""
    root = Path(__file__).resolve().parents[1]
    offenders = []
    for folder in ("cartclinic", "ui"):
        for path in (root / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#")[0]
                if any(call in code for call in ("os.replace(", "os.rename(", ".rename(")):
                    offenders.append(f"{path.relative_to(root)}:{n}")
    assert offenders == [], offenders
