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
