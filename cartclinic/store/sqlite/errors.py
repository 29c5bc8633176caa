"""SQLite's errors turned into the store's own (`cartclinic.errors.StoreError` and its kinds) at
the backend's edge: every public method of the store and of its maintenance is wrapped, so no
`sqlite3` exception reaches the core, the command line or the application."""

from __future__ import annotations

import contextlib
import functools
import inspect
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from cartclinic.errors import StoreBusy, StoreDamaged, StoreError, StoreUnavailable

C = TypeVar("C", bound=type)

DAMAGE = ("malformed", "not a database", "corrupt", "disk i/o error", "file is not")


def store_error(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """The store's error for what SQLite said, with a plain message saying what to do."""
    text = str(exc).lower()
    if isinstance(exc, sqlite3.ProgrammingError) and "closed" in text:
        return StoreUnavailable(f"The roster {path} is closed (the program is quitting or "
                                "the roster is being replaced); nothing was read or saved.")
    saved = "The roster could not be saved: "
    if "locked" in text or "busy" in text:
        return StoreBusy(saved + "another program is writing to the roster. Nothing of this "
                         "change was saved. Try again in a moment.")
    if "readonly" in text or "read-only" in text:
        return StoreUnavailable(saved + "the roster file cannot be written (it is read-only). "
                                "Nothing of this change was saved. Ask ward IT to give you "
                                f"write access to {path}.")
    if "full" in text:
        return StoreUnavailable(saved + "the disk holding the roster is full. Nothing of this "
                                "change was saved. Free some space (or ask ward IT), then save "
                                "again.")
    if "unable to open" in text:
        return StoreUnavailable(f"The roster {path} cannot be opened: {exc}.")
    if any(word in text for word in DAMAGE):
        return StoreDamaged(f"The roster {path} is damaged ({exc}). Nothing was written to it; "
                            f"run `cartclinic-admin --db {path} check` for the newest good backup.")
    return StoreError(saved + f"SQLite said: {exc}. Nothing of this change was saved.")


class _GuardedContext(contextlib.AbstractContextManager):
    def __init__(self, inner: Any, path: Callable[[], Any]) -> None:
        self._inner, self._path = inner, path

    def __enter__(self) -> Any:
        try:
            return self._inner.__enter__()
        except sqlite3.Error as exc:
            raise store_error(exc, self._path()) from exc

    def __exit__(self, kind, value, tb) -> bool | None:
        try:
            return self._inner.__exit__(kind, value, tb)
        except sqlite3.Error as exc:
            raise store_error(exc, self._path()) from exc


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def generator(self, *args, **kwargs):
            try:
                yield from fn(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise store_error(exc, getattr(self, "path", "")) from exc
        return generator

    @functools.wraps(fn)
    def call(self, *args, **kwargs):
        try:
            result = fn(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise store_error(exc, getattr(self, "path", "")) from exc
        if isinstance(result, contextlib._GeneratorContextManager):
            return _GuardedContext(result, lambda: getattr(self, "path", ""))
        return result
    return call


def sqlite_errors_as_store_errors(cls: C) -> C:
    """Wrap every public method `cls` has (its own and inherited, but not those of `object`
    or of an abstract interface's bodies) so a sqlite3 error leaves it as a StoreError."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        attr = inspect.getattr_static(cls, name)
        if inspect.isfunction(attr) and not getattr(attr, "__isabstractmethod__", False):
            setattr(cls, name, _guard(attr))
    return cls
