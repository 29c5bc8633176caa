"""The roster store. The rest of the core talks to `RosterStore`; `open_store` picks the backend:
a plain path or `sqlite:///path` opens the embedded SQLite roster (`cartclinic.store.sqlite`),
`postgresql://…` a shared roster on a PostgreSQL server (`cartclinic.store.postgres`, imported only
then, so a ward PC without the driver never loads it).

A backend module offers `open_store(location, *, create, check_later, before_upgrade)` returning a
`RosterStore`, and `open_maintenance(location)` returning a `Maintenance`; both raise only the
`StoreError` family (and InputRefused) of `cartclinic.errors`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cartclinic.errors import StoreBusy, StoreConflict, StoreDamaged, StoreError, StoreUnavailable
from cartclinic.store.base import LONGEST_WAIT, RosterStore
from cartclinic.store.maintenance import Maintenance

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"


def is_server_url(location: str | Path) -> bool:
    """True for the address of a roster on a database server (not a file)."""
    return isinstance(location, str) and location.lower().startswith(POSTGRES_SCHEMES)


def sqlite_path(location: str | Path) -> Path:
    """The file a plain path or a `sqlite:///relative` / `sqlite:////absolute` URL names."""
    text = str(location)
    if text.lower().startswith(SQLITE_SCHEME):
        text = text[len(SQLITE_SCHEME):]
    return Path(text).expanduser()


def location_of(text: str | Path) -> str | Path:
    """What `--db` or CARTCLINIC_DB names, as `open_store` takes it: a server's address kept
    as text (a Path would fold its //), else the roster file's path (a plain path or
    `sqlite:///…`, the user's ~ expanded)."""
    return text if is_server_url(text) else sqlite_path(text)


def describe(location: str | Path) -> str:
    """The roster's place as a person is shown it: a file's path, or a server's address
    without its password."""
    if is_server_url(location):
        return _postgres(location).describe(str(location))
    return str(location)


def _postgres(location: str | Path):
    try:
        from cartclinic.store import postgres
    except ImportError as exc:
        raise StoreUnavailable(
            f"PostgreSQL support is not installed, so the roster at {location} cannot be "
            f"opened ({exc}). Install cartclinic with its PostgreSQL driver (psycopg 3), "
            "or give the path of a roster file.") from exc
    return postgres


def open_store(location: str | Path, *, create: bool = True, check_later: bool = False,
               before_upgrade: Callable[[list[str]], object] | None = None) -> RosterStore:
    """The store at `location`: a path or `sqlite:///…` (SQLite), or `postgresql://…`."""
    if is_server_url(location):
        return _postgres(location).open_store(str(location), create=create, check_later=check_later,
                                   before_upgrade=before_upgrade)
    from cartclinic.store.sqlite.store import SqliteStore

    return SqliteStore.open(sqlite_path(location), create=create, check_later=check_later,
                            before_upgrade=before_upgrade)


def open_maintenance(location: str | Path) -> Maintenance:
    """The upkeep of the roster at `location` (check, backups, restore, who has it open),
    without opening it: a damaged roster cannot be opened, and that is when it is needed."""
    if is_server_url(location):
        return _postgres(location).open_maintenance(str(location))
    from cartclinic.store.sqlite.maintenance import SqliteMaintenance

    return SqliteMaintenance(sqlite_path(location))


def discard_new_roster(path: Path) -> None:
    """Remove a roster file being made (a move that failed, or the leftover of a killed one)
    with the files its backend keeps beside it."""
    from cartclinic.store.sqlite.files import remove_roster_files

    remove_roster_files(Path(path))


def keep_new_roster(part: Path, final: Path) -> None:
    """A roster file made under a temporary name (a move: never a half roster under the real
    name) put under its name, with what its backend keeps beside it."""
    from cartclinic.store.sqlite.files import rename_roster

    rename_roster(Path(part), Path(final))


def refuse_replacing_a_roster(path: Path) -> None:
    """InputRefused when `path` is a roster or a backup of one: an export never replaces it."""
    from cartclinic.store.sqlite.files import refuse_replacing_a_database

    refuse_replacing_a_database(Path(path))


__all__ = ["LONGEST_WAIT", "Maintenance", "RosterStore", "StoreBusy", "StoreConflict",
           "StoreDamaged", "StoreError", "StoreUnavailable", "describe", "discard_new_roster",
           "is_server_url",
           "keep_new_roster", "location_of", "open_maintenance", "open_store", "refuse_replacing_a_roster", "sqlite_path"]
