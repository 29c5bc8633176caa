"""Anchors of the audit chain kept outside the roster, so a rewritten or cut-back trail is seen.

The chain inside the file proves only that its rows follow one another: whoever can write the
file can change a row and recompute every hash after it (and the seal beside it). An anchor is
(audit row id, its hash, the UTC time) written somewhere else at the time:

- the anchors file, one per roster (keyed by its resolved path) in the user's config area
  (platformdirs, apart from the roster's folder; `CARTCLINIC_ANCHORS` names another folder),
  owner-only, appended after every session that wrote and after every backup;
- a sidecar beside each backup (`NAME.db.anchor`), the head of that backup's chain;
- paper: the short form of the head (`audit --anchor`, the footer of the day list).

A later chain must still hold every anchored row with the anchored hash; since each hash covers
every row before it, one anchor that holds vouches for the whole trail up to it. Someone with the
same OS account can still edit the roster and the anchors file together; paper is out of reach.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cartclinic.local_files import replace_file

ENV = "CARTCLINIC_ANCHORS"
SHORT = 16  # hex digits on paper: 64 bits, beyond a forger's reach


@dataclass(frozen=True)
class Anchor:
    audit_id: int
    hash: str  # the full hash, or its first SHORT+ hex digits (a hand-given anchor)
    at: str  # UTC, ISO
    kind: str  # "session", "backup", "paper"
    where: str  # where it was found, for the message

    def holds(self, found: str | None) -> bool:
        return found is not None and found.startswith(self.hash)


def anchors_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("cartclinic", appauthor=False, roaming=True)) / "anchors"


def anchors_file(db_path: Path) -> Path:
    from hashlib import sha256  # not at start: the worklist must paint first (see audit.py)

    key = sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:24]
    return anchors_dir() / f"{key}.jsonl"


def sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + ".anchor")


def short_form(audit_id: int, digest: str) -> str:
    """`4512:3f9a-2c71-d0e4-88b1`, to be written down or printed."""
    h = digest[:SHORT]
    return f"{audit_id}:" + "-".join(h[i:i + 4] for i in range(0, SHORT, 4))


_HAND = re.compile(r"^\s*(\d+)\s*:\s*([0-9a-fA-F][0-9a-fA-F\- ]*)\s*$")


def parse_hand_anchor(text: str) -> Anchor:
    """An anchor written down by hand, `ID:HASH` (dashes and case do not matter)."""
    m = _HAND.match(text)
    digits = m.group(2).replace("-", "").replace(" ", "").lower() if m else ""
    if not m or len(digits) < SHORT:
        raise ValueError(
            f"--anchor: '{text}' is not an anchor; give it as audit --anchor prints it, "
            f"ROW:HASH with at least {SHORT} hex digits (e.g. 4512:3f9a-2c71-d0e4-88b1)"
        )
    return Anchor(int(m.group(1)), digits, "", "paper", "given by hand")


def holds_legacy(anchored: str, legacy: str | bytes | None) -> bool:
    """An anchor written before migration 0016 chained the trail anew: the row keeps the first
    SHORT hex digits of its hash of then (`legacy`, as bytes), which the new chain covers."""
    if isinstance(legacy, bytes):
        legacy = legacy.hex()
    return bool(legacy) and len(anchored) >= SHORT and anchored[:SHORT] == legacy


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _append_line(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
    try:
        # a file made earlier with a wider mode is narrowed before anything is added to it
        with contextlib.suppress(OSError, AttributeError):  # no os.fchmod on Windows
            os.fchmod(fd, 0o600)
        os.write(fd, (json.dumps(record, sort_keys=True) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def record(db_path: Path, audit_id: int, digest: str, kind: str) -> None:
    """Append an anchor of the roster at `db_path`; a failure to write it never stops the work."""
    with contextlib.suppress(OSError):
        _append_line(anchors_file(db_path), {
            "roster": str(Path(db_path).resolve()), "audit_id": audit_id, "hash": digest,
            "at": _now(), "kind": kind,
        })


def record_backup(db_path: Path, backup: Path, top: tuple[int, str] | None) -> None:
    """The head of a backup just written (`top`, read from it by the store's backend): in a
    sidecar beside it and in the roster's anchors."""
    if top is None:
        return
    with contextlib.suppress(OSError):
        target = sidecar(backup)
        fd = os.open(target, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with contextlib.suppress(OSError, AttributeError):  # no os.fchmod on Windows
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"roster": str(Path(db_path).resolve()), "audit_id": top[0],
                       "hash": top[1], "at": _now(), "kind": "backup"}, f)
    record(db_path, top[0], top[1], "backup")


def _read(path: Path, where: str) -> Iterator[Anchor]:
    """Anchors of a file, one at a time (the file may be long; it is never read whole)."""
    try:
        f = path.open(encoding="utf-8")
    except OSError:
        return
    with f:
        for line in f:
            try:
                data = json.loads(line)
                yield Anchor(int(data["audit_id"]), str(data["hash"]), str(data.get("at", "")),
                             str(data.get("kind", "")), where)
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash says nothing


def known(db_path: Path) -> Iterator[Anchor]:
    """Every anchor kept for the roster at `db_path`: its anchors file, and the sidecar beside
    it when `db_path` is itself a backup."""
    yield from _read(anchors_file(db_path), f"anchors file {anchors_file(db_path)}")
    yield from _read(sidecar(Path(db_path)), f"sidecar {sidecar(Path(db_path))}")


def has_session_anchor(db_path: Path) -> Anchor | None:
    """The latest anchor written after a session that wrote (a seal was written then too)."""
    latest = None
    for a in _read(anchors_file(db_path), ""):
        if a.kind == "session":
            latest = a
    return latest


def retire(db_path: Path, still_holds=None) -> None:
    """Set aside anchors that no longer speak for the roster at `db_path`: all of them (a new
    roster made at the same place), or those `still_holds(anchor)` denies (after a restore,
    which the audit trail records). Retired anchors are kept in `FILE.retired`, not deleted."""
    path = anchors_file(db_path)
    if not path.exists():
        return
    retired = path.with_name(path.name + ".retired")
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(OSError):
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as keep, path.open(encoding="utf-8") as src:
            for line in src:
                try:
                    data = json.loads(line)
                    a = Anchor(int(data["audit_id"]), str(data["hash"]), "", "", "")
                except (ValueError, KeyError, TypeError):
                    continue
                if still_holds is not None and still_holds(a):
                    keep.write(line)
                else:
                    data["retired_at"] = _now()
                    _append_line(retired, data)
        replace_file(tmp, path)


def check(hash_of: Callable[[int], tuple[str, str | bytes | None] | None],
          top: tuple[int, str] | None, anchors: Iterator[Anchor]) -> list[str]:
    """What the anchors say of a trail whose rows `hash_of(audit_id)` gives as (hash, legacy:
    the first digits of a converted row's former hash; None for a row not there) and whose
    last row is `top`: [] when every one holds, else one message
    naming the earliest anchored row that is gone or different and the latest that held."""
    first_bad: tuple[Anchor, str | None] | None = None
    last_good: Anchor | None = None
    for a in anchors:
        looked = hash_of(a.audit_id)
        found = looked[0] if looked else None
        if a.holds(found) or (looked is not None and holds_legacy(a.hash, looked[1])):
            if last_good is None or a.audit_id > last_good.audit_id:
                last_good = a
        elif first_bad is None or a.audit_id < first_bad[0].audit_id:
            first_bad = (a, found)
    if first_bad is None:
        return []
    a, found = first_bad
    when = f" of {a.at.replace('T', ' ')[:16]} UTC" if a.at else ""
    what = (f"row {a.audit_id} is not in the file (the trail ends at row {top[0] if top else 0})"
            if found is None else
            f"row {a.audit_id} has hash {found[:SHORT]}…, the anchor says {a.hash[:SHORT]}…")
    held = ""
    if last_good is not None and last_good.audit_id < a.audit_id:
        held = f"; row {last_good.audit_id} still matches its anchor, so the change is after it"
    return [f"the audit trail was rewritten or cut back at or before row {a.audit_id}: {what} "
            f"(anchor{when}, {a.where}){held}"]
