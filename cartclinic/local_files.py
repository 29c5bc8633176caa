"""Files the program keeps on this PC, whichever store holds the roster: where they live, made
readable by their owner only (they hold patients' records), and replaced whole or not at all.

The roster's own files (a SQLite roster, its backups, its lock) are the store backend's business
(`cartclinic.store`); this module knows nothing of databases.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

APP_NAME = "cartclinic"


def data_dir() -> Path:
    from platformdirs import user_data_dir  # only when no --db is given

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    env = os.environ.get("CARTCLINIC_DB")
    return Path(env) if env else data_dir() / "roster.db"


def default_location() -> str | Path:
    """Where the roster is when no --db is given: `CARTCLINIC_DB` (a path, or the address of a
    roster on a server, kept as text: a Path would fold its `//`), else the user data folder."""
    env = os.environ.get("CARTCLINIC_DB")
    if env and "://" in env:
        return env
    return default_db_path()


def clinic_protocol_dir(db_path: Path) -> Path:
    """The clinic's own protocols live beside the roster, so a backup of the folder keeps both."""
    return db_path.parent / "protocols"


# Windows refuses to replace a file another program holds open for a moment (a virus scanner,
# the search indexer, a backup tool): ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION,
# ERROR_LOCK_VIOLATION. Linux replaces a file whoever has it open.
WINDOWS_HELD = {5, 32, 33}


def replace_file(src: Path | str, dst: Path | str, *, windows: bool = sys.platform == "win32",
                 attempts: int = 10, wait: float = 0.05,
                 replace: Callable[[Path | str, Path | str], None] = os.replace,
                 sleep: Callable[[float], None] = time.sleep) -> None:
    """Replace `dst` by `src` with os.replace (atomic: the old file or the new, never half of
    either), used for every file the program replaces. On Windows, when another program holds `dst` open, it is
    tried again for about 2.5 seconds before the error is raised."""
    for attempt in range(1, attempts + 1):
        try:
            replace(src, dst)
            return
        except PermissionError as exc:
            if not windows or getattr(exc, "winerror", None) not in WINDOWS_HELD or attempt == attempts:
                raise
            sleep(wait * attempt)


def create_owner_only(path: Path) -> None:
    """Create an empty file readable by its owner only (a database gives the files it keeps beside it the same mode)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def write_owner_only(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all, through a temporary file created owner-only
    (0600) with O_EXCL, so the data never sits in a file others may read (a chmod after
    writing leaves a moment when they can, and keeps the mode of a file that existed)."""
    path = Path(path)
    from cartclinic.store import refuse_replacing_a_roster

    refuse_replacing_a_roster(path)
    tmp = path.with_name(f".{path.name}.part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        replace_file(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def owner_only_umask():
    """Files created inside (by a library that takes no mode, e.g. Qt's lock file) are 0600."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def make_owner_only(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def folder_writable(folder: Path) -> bool:
    """Whether this user can create files in `folder`, found by creating one (a folder's
    permission bits say nothing reliable on Windows, nor for root, nor on some mounts)."""
    try:
        fd, probe = _probe(folder)
    except OSError as exc:
        return exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True


def _probe(folder: Path) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(prefix=".cartclinic-probe-", dir=folder)


def disk_full_message(folder: Path, what: str) -> str:
    return (
        f"The disk holding {folder} is full, so {what}. Nothing was changed and no half-written "
        "file was kept. Free some space on that disk (old exports, the recycle bin) or ask ward "
        "IT, then try again."
    )


