"""The user's own settings and data folders, and a way to keep a test run (and the programs it
starts) out of them: the XDG folders point into a throwaway folder before anything reads them.
QSettings (window size, language, last name), platformdirs (the default roster, its backups,
the log, the audit anchors) all follow these variables on Linux; subprocesses inherit them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FOLDERS = {"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
           "XDG_STATE_HOME": ".local/state"}
APP_FOLDERS = ("cartclinic", "cartclinic-tests")


def real_folders(env=os.environ) -> list[Path]:
    """The cartclinic folders of the user running the tests, as the program would find them."""
    home = Path(env.get("HOME") or Path.home())
    out = []
    for var, default in FOLDERS.items():
        base = Path(env[var]) if env.get(var) else home / default
        out += [base / name for name in APP_FOLDERS]
    return out


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under the folders with its size and modification time."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                try:
                    st = path.stat()
                except OSError:
                    continue
                seen[str(path)] = (st.st_size, st.st_mtime_ns)
        elif folder.exists():
            st = folder.stat()
            seen[str(folder)] = (st.st_size, st.st_mtime_ns)
    return seen


# set by keep_apart (tests/conftest.py, once per run): the throwaway folder, and the user's own
# folders as they were before
APART: Path | None = None
REAL_FOLDERS: list[Path] = []


def keep_apart() -> Path:
    """Point the XDG folders into a new throwaway folder; returns it."""
    global APART
    REAL_FOLDERS[:] = real_folders()
    root = APART = Path(tempfile.mkdtemp(prefix="cartclinic-own-folders-"))
    for var in FOLDERS:
        os.environ[var] = str(root / var.lower())
    return root
