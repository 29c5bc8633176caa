"""No SQLite name above the store (issue 14, "a picture of the structure"): every module of the
core and of the application outside the backends' packages (`cartclinic/store/sqlite/`,
`cartclinic/store/postgres/`) is read token by token, and none may name SQLite's driver, its statements, its files or the
backend's own modules. Comments and docstrings may explain; code and messages may not."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[1]
BACKENDS = (TOP / "cartclinic" / "store" / "sqlite", TOP / "cartclinic" / "store" / "postgres")

# each a piece of code that belongs to the SQLite backend alone, matched case-insensitively in
# names and string literals
SQLITE_NAMES = (
    "sqlite",             # the driver, its library, the backend's modules and classes
    "sqlite_utils",       # the migrations library
    "pragma",             # SQLite's settings and checks
    "integrity_check",
    "quick_check",
    "journal_mode",
    "wal_checkpoint",
    "data_version",
    "sqlite_master",
    "begin immediate",    # its write lock
    "-wal",               # the files it keeps beside a roster
    "-shm",
    ".seal",              # the backend's note of the last change
    ".inuse",             # the backend's lock and note of who has the roster open
    ".lock",
    "check_file",         # the backend's file functions
    "backup_names",
    "backup_dir",
    "missing_changes",
)


def _modules() -> list[Path]:
    found = []
    for folder in (TOP / "cartclinic", TOP / "ui"):
        for path in sorted(folder.rglob("*.py")):
            if any(backend in path.parents for backend in BACKENDS):
                continue
            found.append(path)
    return found


def _code_tokens(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every name and string literal that is not a docstring."""
    text = path.read_text(encoding="utf-8")
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    out = []
    previous = tokenize.NEWLINE
    for tok in tokens:
        if tok.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.INDENT,
                                                         tokenize.DEDENT, tokenize.NL):
            previous = tok.type  # a string alone on its line: a docstring
            continue
        if tok.type in (tokenize.NAME, tokenize.STRING):
            out.append((tok.start[0], tok.string))
        if tok.type not in (tokenize.COMMENT, tokenize.NL):
            previous = tok.type
    return out


def test_the_scan_covers_the_core_and_the_application() -> None:
    names = {p.relative_to(TOP).as_posix() for p in _modules()}
    assert {"cartclinic/cli.py", "cartclinic/roster/visits.py", "cartclinic/store/base.py",
            "cartclinic/store/anchors.py", "ui/app.py", "ui/roster_lock.py",
            "ui/restore_dialog.py"} <= names
    assert not any(n.startswith(("cartclinic/store/sqlite/", "cartclinic/store/postgres/"))
                   for n in names)
    assert "cartclinic/store/move.py" in names  # the move between backends names neither


def test_the_scan_finds_a_sqlite_name_in_code_but_not_in_a_comment(tmp_path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Uses SQLite (a docstring may say so)."""\n# PRAGMA in a comment\n'
                      'import sqlite3\nx = "PRAGMA quick_check"\n', encoding="utf-8")
    hits = [(line, t) for line, t in _code_tokens(sample)
            if any(n in t.lower() for n in SQLITE_NAMES)]
    assert [line for line, _ in hits] == [3, 4]


def _names(name: str, text: str) -> bool:
    """A file suffix (".lock") counts as a whole word ("pin.locked" is a message key)."""
    if name.startswith("."):
        return re.search(re.escape(name) + r"\b", text) is not None
    return name in text


def test_a_file_suffix_is_matched_as_a_word() -> None:
    assert _names(".lock", '"roster.db.lock"') and not _names(".lock", '"pin.locked"')


# the store port's own entry point names its backends, to pick one from a path or an address
ALLOWED = {
    ("cartclinic/store/__init__.py", "sqlite"),
}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(TOP).as_posix())
def test_no_sqlite_name_above_the_store(path: Path) -> None:
    rel = path.relative_to(TOP).as_posix()
    found = []
    for line, text in _code_tokens(path):
        low = text.lower()
        for name in SQLITE_NAMES:
            if _names(name, low) and (rel, name) not in ALLOWED:
                found.append(f"{rel}:{line}: {name!r} in {text[:60]!r}")
    assert not found, "SQLite names above the store:\n" + "\n".join(found)
