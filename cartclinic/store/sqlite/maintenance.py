"""The maintenance interface (`cartclinic.store.maintenance`) for a roster in a SQLite file:
its check and seal, its backups beside it (named here, and only here), its restore, and the
lock and note that keep it to one program at a time."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from cartclinic.errors import RosterProblem, StoreUnavailable
from cartclinic.store.maintenance import (
    AUTOMATIC,
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    BY_HAND,
    BackupInfo,
    Maintenance,
    SessionFiles,
)
from cartclinic.store.sqlite import files, rotation, seal
from cartclinic.store.sqlite.errors import sqlite_errors_as_store_errors


@sqlite_errors_as_store_errors
class SqliteMaintenance(Maintenance):
    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser().absolute()
        self.location = str(self.path)

    # -- soundness ------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def check(self, *, full: bool = False) -> str:
        if not self.path.exists():
            return f"there is no roster at {self.path}"
        verdict = files.check_file(self.path, full=full)
        if verdict != "ok":
            return verdict
        return seal.missing_changes(self.path) or "ok"

    def is_damaged(self) -> bool:
        path = self.path
        return path.exists() and path.stat().st_size > 0 and files.folder_writable(path.parent) and (
            files.check_file(path) != "ok" or seal.missing_changes(path) is not None)

    def local_file(self) -> Path | None:
        return self.path

    def clinic_folder(self) -> Path | None:
        return self.path.parent

    # -- backups --------------------------------------------------------------------------
    def backup_folder(self) -> Path:
        return files.backup_dir(self.path)

    def _names(self, when: datetime, kind: str) -> Iterator[Path]:
        if kind == AUTOMATIC:
            return rotation._next_names(self.path, when)
        if kind == BEFORE_RESTORE:
            return files.backup_names(self.path, when, "before-restore")
        return files.backup_names(self.path, when)  # by hand, before a protocol upgrade

    def backup(self, when: datetime, *, out: Path | None = None, kind: str = BY_HAND) -> Path:
        dest: Path | Iterator[Path] = Path(out) if out is not None else self._names(when, kind)
        try:
            source = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"The roster {self.path} cannot be read for a backup: {exc}") from None
        try:
            written = files.backup_to(source, dest)
        except sqlite3.Error as exc:
            raise RosterProblem(f"No backup of {self.path} was written: {exc}") from None
        finally:
            source.close()
        seal.record_backup(self.path, written)
        return written

    def rotate_backups(self) -> list[Path]:
        return rotation.rotate(self.backup_folder(), self.path.stem)

    def list_backups(self) -> list[BackupInfo]:
        folder = self.backup_folder()
        if not folder.is_dir():
            return []
        found = []
        for path in folder.glob("*.db"):
            try:
                st = path.stat()
            except OSError:
                continue
            found.append(BackupInfo(path, datetime.fromtimestamp(st.st_mtime), st.st_size,
                                    _kind(path.name)))
        return sorted(found, key=lambda b: b.made, reverse=True)

    def check_backup(self, path: Path) -> str:
        return files.check_file(Path(path))

    def newest_good_backup(self) -> Path | None:
        return files.newest_good_backup(self.path)

    def restore(self, backup: Path, who: str) -> Path | None:
        from cartclinic.store.sqlite import restore as restoring

        try:
            return restoring.restore(self.path, Path(backup), who)
        except sqlite3.Error as exc:
            raise RosterProblem(f"The roster {self.path} was not restored: {exc}") from None

    # -- who has it open ------------------------------------------------------------------
    def session_files(self) -> SessionFiles | None:
        real = self.path.resolve()  # one roster, one lock, whatever path leads to it
        return SessionFiles(real.with_name(real.name + ".lock"), real.with_name(real.name + ".inuse"))

    def who_has_it_open(self) -> dict[str, Any]:
        note = self.session_files()
        try:
            return json.loads(note.note.read_text(encoding="utf-8")) if note else {}
        except (OSError, ValueError):
            return {}

    def say_who_has_it_open(self, note: dict[str, Any]) -> None:
        target = self.session_files()
        if target is None:
            return
        path = target.note
        tmp = path.with_name(path.name + ".tmp")
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)  # O_CREAT's mode applies only to a file it creates
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(note, f, ensure_ascii=False)
            files.replace_file(tmp, path)

    def forget_who_has_it_open(self) -> None:
        target = self.session_files()
        if target is not None:
            with contextlib.suppress(OSError):
                target.note.unlink()


def _kind(name: str) -> str:
    if name.endswith("-auto.db"):
        return AUTOMATIC
    if name.endswith("-before-restore.db"):
        return BEFORE_RESTORE
    if name.startswith("before-"):
        return BEFORE_UPGRADE
    return BY_HAND
