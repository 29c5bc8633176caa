"""The audit trail's entries and their hash chain, apart from any database (the SQLite and the
PostgreSQL store both build, chain and check entries with these functions and only read and
write rows).

An entry holds who, when, which row and what changed, compactly (issue 14; docs/reliability.md,
"The compact audit trail"):

- an update holds the fields it changed, old and new values of those only (an update of a
  many-rows table that only fills columns a migration added, from their defaults, holds the
  old values and the image hash: the new ones are the row's own, as for an insert);
- a delete holds the whole row it removed (the only place the row survives);
- an insert holds the inserted values only for the tables a person fills in by hand
  (`INSERT_VALUES_KEPT`: patients, treatments, events, users...); a visit of a schedule, a lab
  result, a visit record or a visit change is held by its image hash alone: its values are the
  row itself, and every later update entry keeps the old values of the fields it changes, so
  the row as it was inserted is the current row with those old values laid back over it;
- a note (print, export, restore...) holds what it says, as before;
- every insert and update of an audited table holds `image`, the hash of the whole row after
  the change (`image_hash`: a canonical serialisation, not stored), so a row changed behind
  the program's back no longer hashes to its last entry's image.

Each entry's `hash` covers the previous entry's hash and all of its own fields; `prev_hash`
keeps the first `LINK` hex digits of the previous hash, only to tell a removed or reordered
entry from an edited one in the message. Rows converted by migration 0016 keep in `legacy` the
first `anchors.SHORT` hex digits of the hash they had before, so anchors written then (a paper
anchor, a backup's sidecar) still hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

AUDITED_TABLES = (
    "patients", "treatments", "visits", "visit_records", "lab_results", "events",
    "call_attempts", "settings", "users", "corrections", "visit_changes", "tasks",
)

# Tables whose insert entries keep the inserted values: few rows, typed by a person. The other
# audited tables (visits from a protocol, lab results, visit records, visit changes) are where
# the rows are many; their insert entries keep the image hash only.
INSERT_VALUES_KEPT = frozenset((
    "patients", "treatments", "events", "call_attempts", "settings", "users", "corrections",
    "tasks",
))

# Columns a migration added to an audited table, with the default every older row got: an
# audit image written before the migration lacks them, and means this value. The image hash
# leaves out a column at its added default (and any NULL), so a row hashes the same before
# and after a migration that adds a column; a migration adding a column with a non-NULL
# default must list it here.
ADDED_COLUMNS: dict[str, dict[str, Any]] = {
    "patients": {"address": "", "next_of_kin": "", "next_of_kin_relationship": "",
                 "next_of_kin_phone": "",  # 0005_patient_contact
                 "language": ""},  # 0012_patient_language
    "visits": {"label_zh": "", "assessments_zh": "[]"},  # 0013_visit_translations
    "users": {"language": None},  # 0014_user_language
}

# hex digits kept of sha256: 128 bits, as far beyond a forger's reach as the whole 256 (a
# forger must match a given hash, not find two rows that collide), at half the bytes
HASH_DIGITS = 32  # of an entry's hash (an anchor's hash, the seal's)
IMAGE_DIGITS = 32  # of the image hash
LINK = 8  # hex digits of the previous entry's hash kept in prev_hash
LEGACY_DIGITS = 16  # hex digits of a converted row's former hash (anchors.SHORT)

AUDIT_COLUMNS = "id, at, who, table_name, row_id, action, old, new, image, prev_hash, hash, legacy"
# the columns a store writes for a new entry, in the order `entry` returns them
ENTRY_COLUMNS = ("at", "who", "table_name", "row_id", "action", "old", "new", "image",
                 "prev_hash", "hash")

CONVERTED_NOTE = "audit_converted"
CONVERTED_BY = "cartclinic (migration 0016)"


# hashlib's sha256, imported when an audit row is first written or checked rather than with
# every start (3.3 ms); a module global, so the rows of an import do not each run an import.
_sha256: Any = None


def _import_sha256() -> None:
    global _sha256
    from hashlib import sha256 as _sha256


def _digest(text: str) -> str:
    if _sha256 is None:
        _import_sha256()
    return _sha256(text.encode("utf-8")).hexdigest()


# fields joined with a separator that cannot occur in them (JSON escapes control characters,
# and names refuse them); None and "" differ by a marker
_SEP = "\x1f"


def _field(value: str | None) -> str:
    return "\x00" if value is None else value


def as_hex(value: str | bytes | None) -> str | None:
    """A digest as hex text, however the store keeps it (SQLite keeps `image` and `legacy` as
    bytes, half the room of their hex). Every function here takes and gives hex text."""
    return value.hex() if isinstance(value, bytes | bytearray | memoryview) else value


def as_bytes(value: str | None) -> bytes | None:
    """A hex digest as the bytes a store may keep instead (see `as_hex`)."""
    return None if value is None else bytes.fromhex(value)


def _plain(value: Any) -> Any:
    """One spelling per value, whichever driver read it: True is 1, 2.0 is 2, a date its ISO
    form (SQLite reads a REAL column's 2 as 2.0; PostgreSQL gives dates and booleans)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def canonical_image(table: str, row: dict[str, Any]) -> str:
    """The row as one string: keys sorted, NULLs and columns at their added default left out
    (see ADDED_COLUMNS), compact JSON. Equal rows give equal strings on every backend."""
    added = ADDED_COLUMNS.get(table)
    kept = {}
    for key, value in row.items():
        kind = type(value)
        if kind is not str and kind is not int:  # most values: looked at once (imports)
            if value is None:
                continue
            value = _plain(value)
        if added is not None and key in added and added[key] == value:
            continue
        kept[key] = value
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def image_hash(table: str, row: dict[str, Any] | None) -> str | None:
    """The hash of a whole row image (None for no row), as an entry's `image` holds it."""
    if row is None:
        return None
    return _digest(table + _SEP + canonical_image(table, row))[:IMAGE_DIGITS]


def _text(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict, dict]:
    """(old values, new values) of the fields that differ; a field one side lacks is NULL."""
    before, after = {}, {}
    for key in sorted(set(old) | set(new)):
        a, b = _plain(old.get(key)), _plain(new.get(key))
        if a != b:
            before[key], after[key] = old.get(key), new.get(key)
    return before, after


def compact(table: str, action: str, old: Any, new: Any) -> tuple[str | None, str | None, str | None]:
    """(old, new, image) as an entry keeps them, from the whole row before and after."""
    if table not in AUDITED_TABLES or action == "note":
        return _text(old), _text(new), None
    if action == "delete":
        return _text(old), None, None
    image = image_hash(table, new)
    if action == "insert" or old is None:
        return None, (_text(new) if table in INSERT_VALUES_KEPT else None), image
    before, after = changed_fields(old, new)
    if table not in INSERT_VALUES_KEPT and _fills_added_columns(table, before):
        # columns a migration added, filled from their defaults (0013's Chinese labels): like
        # an insert, the new values are the row's own and its image hash holds them
        return _text(before), None, image
    return _text(before), _text(after), image


def _fills_added_columns(table: str, before: dict[str, Any]) -> bool:
    added = ADDED_COLUMNS.get(table)
    return bool(added) and bool(before) and all(
        key in added and _plain(value) == added[key] for key, value in before.items())


def chain_hash(
    prev: str, at: str, who: str, table: str, row_id: str, action: str,
    old: str | None, new: str | None, image: str | None, legacy: str | None = None,
) -> str:
    """An entry's hash: the previous entry's whole hash and every field of its own."""
    return _digest(_SEP.join((prev, at, who, table, row_id, action, _field(old), _field(new),
                              _field(image), _field(legacy))))[:HASH_DIGITS]


def entry(prev: str, at: str, who: str, table: str, row_id: Any, action: str,
          old: Any, new: Any) -> tuple[Any, ...]:
    """A new entry, the values of ENTRY_COLUMNS, from whole rows before and after the change;
    its hash (last) is the next entry's `prev`."""
    old_text, new_text, image = compact(table, action, old, new)
    digest = chain_hash(prev, at, who, table, str(row_id), action, old_text, new_text, image)
    return (at, who, table, str(row_id), action, old_text, new_text, image, prev[:LINK], digest)


def entries(prev: str, at: str, who: str, table: str,
            changes: Iterable[tuple[Any, str, Any, Any]]) -> list[tuple[Any, ...]]:
    """Entries for (row id, action, old row, new row), chained in order after `prev`."""
    rows = []
    for row_id, action, old, new in changes:
        made = entry(prev, at, who, table, row_id, action, old, new)
        rows.append(made)
        prev = made[-1]
    return rows


def chain_problem(rows: Iterable[Sequence[Any]]) -> str | None:
    """The first break in the chain, or None. `rows` are tuples of AUDIT_COLUMNS in id order,
    read one batch at a time: nothing is kept but the previous hash."""
    prev = ""
    for (entry_id, at, who, table, row_id, action, old, new, image, link, digest,
         legacy) in rows:
        image, legacy = as_hex(image), as_hex(legacy)
        if link != prev[:LINK]:
            return (f"audit row {entry_id}: does not follow the row before it "
                    "(audit rows were removed or reordered outside the program)")
        if digest != chain_hash(prev, at, who, table, row_id, action, old, new, image, legacy):
            return (f"audit row {entry_id} ({table} row {row_id}, {at}, {who}): "
                    "edited outside the program")
        prev = digest
    return None


def image_problem(table: str, row_id: str, values: dict[str, Any] | None,
                  image: str | None, audited: bool,
                  history: Callable[[], Iterable[Sequence[Any]]] | None = None) -> str | None:
    """How a clinical row (None: no longer there) differs from its last audit entry, whose
    `image` is the hash of the row after it (None after a delete); `audited`: it has one.
    `history` gives the row's entries, (action, old, new) in order, read only when the row
    differs, to name the fields that differ from what the trail knows of them."""
    image = as_hex(image)
    if values is None:
        return None if image is None else f"{table} row {row_id}: deleted outside the program"
    if not audited or image is None:
        return f"{table} row {row_id}: has no audit record (added outside the program)"
    if image_hash(table, values) == image:
        return None
    if table == "settings":
        return f"settings '{row_id}': changed outside the program"
    changed = differing_fields(table, values, history()) if history is not None else []
    why = ", ".join(changed) if changed else "it no longer matches its last audit entry"
    return f"{table} row {row_id}: changed outside the program ({why})"


def known_values(entries: Iterable[Sequence[Any]]) -> tuple[dict[str, Any], bool]:
    """What the trail knows of a row after its entries, (action, old, new) in order: its
    fields and whether that is all of them (an insert that kept its values, or a delete)."""
    known: dict[str, Any] = {}
    whole = False
    for action, _old, new in entries:
        values = json.loads(new) if new else None
        if action == "insert":
            known, whole = (dict(values), True) if values is not None else ({}, False)
        elif action == "delete":
            known, whole = {}, False
        elif values is not None:
            known.update(values)
    return known, whole


def differing_fields(table: str, values: dict[str, Any],
                     entries: Iterable[Sequence[Any]]) -> list[str]:
    """The fields of the row `values` that differ from what its entries say they are."""
    known, whole = known_values(entries)
    now = json.loads(canonical_image(table, values))
    then = json.loads(canonical_image(table, known))
    keys = set(now) | set(then) if whole else set(known)
    return sorted(k for k in keys if now.get(k) != then.get(k))


# -- the form before migration 0016: whole images, old and new -------------------------------

LEGACY_COLUMNS = "id, at, who, table_name, row_id, action, old, new, prev_hash, hash"


def legacy_chain_hash(
    prev: str, at: str, who: str, table: str, row_id: str, action: str,
    old: str | None, new: str | None,
) -> str:
    """An entry's hash as rosters before migration 0016 wrote it (whole images)."""
    return _digest(_SEP.join((prev, at, who, table, row_id, action, _field(old), _field(new))))


def legacy_chain_problem(rows: Iterable[Sequence[Any]]) -> str | None:
    """The first break in a chain of the form before 0016 (`rows`: LEGACY_COLUMNS)."""
    prev = ""
    for entry_id, at, who, table, row_id, action, old, new, prev_hash, digest in rows:
        if prev_hash != prev:
            return (f"audit row {entry_id}: does not follow the row before it "
                    "(audit rows were removed or reordered outside the program)")
        if digest != legacy_chain_hash(prev, at, who, table, row_id, action, old, new):
            return (f"audit row {entry_id} ({table} row {row_id}, {at}, {who}): "
                    "edited outside the program")
        prev = digest
    return None


def convert_legacy(prev: str, row: Sequence[Any]) -> tuple[Any, ...]:
    """A legacy entry (LEGACY_COLUMNS) in the compact form chained after `prev`: the values of
    AUDIT_COLUMNS. The image hash is of the image the entry held (not of the row as it is now),
    so a clinical row changed behind the program's back before the conversion is still named."""
    entry_id, at, who, table, row_id, action, old, new, _prev_hash, digest = row
    old_row = json.loads(old) if old is not None else None
    new_row = json.loads(new) if new is not None else None
    if table in AUDITED_TABLES and action in ("insert", "update"):
        old_text, new_text, image = compact(table, action, old_row, new_row)
    else:  # notes, deletes and tables not checked against rows keep what they held
        old_text, new_text, image = old, new, None
    legacy = digest[:LEGACY_DIGITS]
    chained = chain_hash(prev, at, who, table, row_id, action, old_text, new_text, image, legacy)
    return (entry_id, at, who, table, row_id, action, old_text, new_text, image, prev[:LINK],
            chained, legacy)


# A 4–8 digit PIN can be found again from its hash in minutes; exports never carry it.
SECRET_FIELDS = ("pin_hash", "pin_salt")


def redact(image_json: str | None) -> str | None:
    """An audit image as JSON with PIN hashes and salts replaced, for anything leaving the file."""
    if not image_json or not any(f in image_json for f in SECRET_FIELDS):
        return image_json
    image = json.loads(image_json)
    if isinstance(image, dict):
        for key in SECRET_FIELDS:
            if key in image:
                image[key] = "(hidden)"
    return json.dumps(image, ensure_ascii=False, sort_keys=True)


# -- the form of migration 0018: entries in groups, each group one chain hash -----------------
#
# The tables (SQLite and PostgreSQL alike; docs/reliability.md, "The compact audit trail"):
#   audit_log   (id, tbl, row_id, action, old, new, image, legacy): one row per entry, what is
#               its own: the table and action as small codes, the row id as an integer where
#               the table's key is one, the changed fields, the image hash as bytes;
#   audit_group (id, at, who, link, hash): the entries written together by one call (a
#               schedule, an import's rows of one table, one update), keyed by the id of their
#               LAST entry: when (UTC epoch seconds), who, the first LINK hex digits of the
#               hash before them (as bytes) and the chain hash after their last entry;
#   audit_table (code, name): the table codes;
#   audit       a view giving every entry in the columns above (AUDIT_COLUMNS), the group's
#               hash on its last entry only, for the readers (export, access request, history).
# The chain is the same as before, entry by entry (`chain_hash`), with the entries' own
# time and author; only the hash after a group's last entry is kept. An entry edited, removed,
# added or moved inside a group changes that hash; a group removed or moved breaks the next
# group's link. The hashes of a trail converted from 0016 are the ones it had, so anchors of
# then still hold (an anchor of a row inside a group is checked by `fold`).

ACTIONS = ("insert", "update", "delete", "note")
ACTION_CODE = {name: code for code, name in enumerate(ACTIONS)}
# the codes of audit_table, in this order; a table not listed gets the next free code
TABLE_NAMES = ("visits", "lab_results", "visit_changes", "visit_records", "patients",
               "treatments", "events", "call_attempts", "settings", "users", "corrections",
               "tasks", "note")
GROUP_COLUMNS = "id, at, who, link, hash"
LOG_COLUMNS = "id, tbl, row_id, action, old, new, image, legacy"


def at_code(at: str) -> int | str:
    """An entry's time as kept: UTC epoch seconds when they give back the same ISO text (every
    time the program writes), else the text itself (a time written otherwise is kept as is)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return at
    if moment.tzinfo is None:
        return at
    seconds = int(moment.timestamp())
    return seconds if at_text(seconds) == at else at


def at_text(value: int | str) -> str:
    """An entry's time as ISO text in UTC (`2026-12-04T16:48:42+00:00`), however it is kept
    (PostgreSQL keeps the seconds as digits in a text column)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int):
        from datetime import UTC, datetime

        return datetime.fromtimestamp(value, UTC).isoformat(timespec="seconds")
    return value


def row_code(row_id: Any) -> int | str:
    """A row id as kept: an integer when its text is one written plainly (`12`, not `012`)."""
    text = str(row_id)
    if text.isascii() and text.isdigit() and str(int(text)) == text:
        return int(text)
    return text


def link_bytes(prev: str) -> bytes:
    return bytes.fromhex(prev[:LINK]) if prev else b""


def group_rows(first_id: int, prev: str, at: str, who: str, rows: Sequence[Sequence[Any]],
               codes: dict[str, int]) -> tuple[list[tuple[Any, ...]], tuple[Any, ...]]:
    """The audit_log rows and the audit_group row of entries made by `entries` (ENTRY_COLUMNS),
    numbered from `first_id`; `codes` maps table names to their codes."""
    log = [(first_id + i, codes[r[2]], row_code(r[3]), ACTION_CODE[r[4]], r[5], r[6],
            as_bytes(r[7]), None) for i, r in enumerate(rows)]
    group = (first_id + len(rows) - 1, at_code(at), who, link_bytes(prev),
             bytes.fromhex(rows[-1][-1]))
    return log, group


def fold(prev: str, at: str, who: str, entries: Iterable[Sequence[Any]]) -> str:
    """The chain hash after `entries` (table, row id, action, old, new, image, legacy) written
    together at `at` by `who`, from the hash before them."""
    for table, row_id, action, old, new, image, legacy in entries:
        prev = chain_hash(prev, at, who, table, str(row_id), action, old, new, as_hex(image),
                          as_hex(legacy))
    return prev


def group_chain_problem(log: Iterable[Sequence[Any]],
                        groups: Iterable[Sequence[Any]]) -> str | None:
    """The first break in a trail of groups, or None. `log`: (id, table name, row id, action
    name, old, new, image, legacy) in id order; `groups`: GROUP_COLUMNS in id order (both
    read in batches, a group's entries folded as they come: nothing is kept but a hash)."""
    prev = ""
    entries_iter = iter(log)
    nxt = next(entries_iter, None)
    last_id = 0
    for group_id, at, who, link, digest in groups:
        at = at_text(at)
        first = last_id + 1
        if as_hex(link) != prev[:LINK]:
            return (f"audit rows {first}–{group_id} (written at {at} by {who}): do not follow "
                    "the rows before them (audit rows were removed or reordered outside the "
                    "program)")
        folded, expected, count, one = prev, first, 0, None
        missing = False
        while nxt is not None and nxt[0] <= group_id:
            entry_id, table, row_id, action, old, new, image, legacy = nxt
            missing = missing or entry_id != expected
            folded = chain_hash(folded, at, who, table, str(row_id), action, old, new,
                                as_hex(image), as_hex(legacy))
            one, count, expected = (nxt if count == 0 else None), count + 1, entry_id + 1
            nxt = next(entries_iter, None)
        if missing or expected != group_id + 1:
            return (f"audit rows {first}–{group_id} (written at {at} by {who}): rows are missing "
                    "(removed outside the program)")
        if as_hex(digest) != folded:
            if one is not None:
                return (f"audit row {one[0]} ({one[1]} row {one[2]}, {at}, {who}): "
                        "edited outside the program")
            return (f"audit rows {first}–{group_id} (written together at {at} by {who}): "
                    "one of them was edited, removed or reordered outside the program")
        prev, last_id = folded, group_id
    if nxt is not None:
        return (f"audit row {nxt[0]} ({nxt[1]} row {nxt[2]}): not covered by the chain "
                "(added outside the program)")
    return None


def entry_hash(conn: Any, audit_id: int) -> str | None:
    """The chain hash after entry `audit_id` (None: no such entry): its group's hash when it is
    the group's last entry, else the group folded from the hash before it up to this entry
    (an anchor written of such an entry before migration 0018 grouped the trail)."""
    group = conn.execute("SELECT id, at, who, hash FROM audit_group WHERE id >= ? "
                         "ORDER BY id LIMIT 1", (audit_id,)).fetchone()
    there = conn.execute("SELECT 1 FROM audit_log WHERE id = ?", (audit_id,)).fetchone()
    if group is None or there is None:
        return None
    if group[0] == audit_id:
        return as_hex(group[3])
    before = conn.execute("SELECT id, hash FROM audit_group WHERE id < ? ORDER BY id DESC "
                          "LIMIT 1", (audit_id,)).fetchone()
    start, prev = (before[0], as_hex(before[1])) if before else (0, "")
    rows = conn.execute(
        "SELECT t.name, l.row_id, l.action, l.old, l.new, l.image, l.legacy FROM audit_log l "
        "JOIN audit_table t ON t.code = l.tbl WHERE l.id > ? AND l.id <= ? ORDER BY l.id",
        (start, audit_id)).fetchall()
    return fold(prev, at_text(group[1]), group[2],
                ((r[0], r[1], ACTIONS[r[2]], *r[3:]) for r in rows))


def grouped(rows: Iterable[Sequence[Any]], code_of: Callable[[str], int],
            batch: int = 5000) -> Iterable[tuple[list[tuple], list[tuple]]]:
    """A trail of the 0016 form (AUDIT_COLUMNS in id order, checked) as (audit_log rows,
    audit_group rows) in batches (migration 0018): runs of entries with the same time and
    author make one group, whose hash is the 0016 hash of its last entry (the chain is the
    same: nothing is hashed anew). `code_of` gives a table name's code."""
    log: list[tuple] = []
    groups: list[tuple] = []
    run: tuple | None = None  # (at, who, link) of the group being read
    last: Sequence[Any] | None = None
    prev = ""
    for row in rows:
        (entry_id, at, who, table, row_id, action, old, new, image, _link, digest,
         legacy) = row
        if run is None or (at, who) != run[:2]:
            if run is not None and last is not None:
                groups.append((last[0], at_code(run[0]), run[1], run[2], bytes.fromhex(last[10])))
            run = (at, who, link_bytes(prev))
        log.append((entry_id, code_of(table), row_code(row_id), ACTION_CODE[action], old, new,
                    image, legacy))
        last, prev = row, digest
        if len(log) >= batch:
            yield log, groups
            log, groups = [], []
    if run is not None and last is not None:
        groups.append((last[0], at_code(run[0]), run[1], run[2], bytes.fromhex(last[10])))
    yield log, groups
