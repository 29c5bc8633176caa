"""The store as a port (issue 14 item 1): `open_store` picks the backend from the address, and
the rest of the program sees only the store's interface and the StoreError family."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from cartclinic.errors import RosterProblem, StoreError
from cartclinic.store import open_store, sqlite_path


def test_open_store_takes_a_plain_path_or_a_sqlite_url(tmp_path: Path) -> None:
    plain = open_store(tmp_path / "a.db")
    plain.close()
    url = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    url.close()
    assert (tmp_path / "a.db").is_file() and (tmp_path / "b.db").is_file()
    assert sqlite_path("sqlite:////srv/roster.db") == Path("/srv/roster.db")
    assert sqlite_path("sqlite:///roster.db") == Path("roster.db")


def test_open_store_says_postgresql_support_is_not_installed(monkeypatch) -> None:
    real_import = builtins.__import__

    def no_postgres(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "cartclinic.store.postgres" or (
                name == "cartclinic.store" and fromlist and "postgres" in fromlist):
            raise ImportError("No module named 'cartclinic.store.postgres'")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", no_postgres)
    with pytest.raises(StoreError, match="PostgreSQL support is not installed"):
        open_store("postgresql://ward-server/cartclinic")


def test_roster_problem_is_still_the_store_error_callers_catch() -> None:
    assert RosterProblem is StoreError
