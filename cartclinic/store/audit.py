"""The audit trail's hash chain: each row's hash covers the previous row's hash and its own
content, so a row edited or removed behind the program's back breaks the chain where it was."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

AUDITED_TABLES = (
    "patients", "treatments", "visits", "visit_records", "lab_results", "events",
    "call_attempts", "settings", "users", "corrections", "visit_changes", "tasks",
)

# Columns a migration added to an audited table, with the default every older row got: an
# audit image written before the migration lacks them, and means this value.
ADDED_COLUMNS: dict[str, dict[str, Any]] = {
    "patients": {"address": "", "next_of_kin": "", "next_of_kin_relationship": "",
                 "next_of_kin_phone": "",  # 0005_patient_contact
                 "language": ""},  # 0012_patient_language
    "visits": {"label_zh": "", "assessments_zh": "[]"},  # 0013_visit_translations
    "users": {"language": None},  # 0014_user_language
}


# hashlib's sha256, imported when an audit row is first written or checked rather than with
# every start (3.3 ms); a module global, so the rows of an import do not each run an import.
_sha256: Any = None


def _import_sha256() -> None:
    global _sha256
    from hashlib import sha256 as _sha256


def chain_hash(
    prev: str, at: str, who: str, table: str, row_id: str, action: str,
    old: str | None, new: str | None,
) -> str:
    if _sha256 is None:
        _import_sha256()
    # fields joined with a separator that cannot occur in them (JSON escapes control characters,
    # and names refuse them); None and "" differ by a marker
    payload = _SEP.join(
        (prev, at, who, table, row_id, action,
         "\x00" if old is None else old, "\x00" if new is None else new)
    )
    return _sha256(payload.encode("utf-8")).hexdigest()


_SEP = "\x1f"


AUDIT_COLUMNS = "id, at, who, table_name, row_id, action, old, new, prev_hash, hash"


def chain_problem(rows: Iterable[Sequence[Any]]) -> str | None:
    """The first break in the chain, or None. `rows` are tuples of AUDIT_COLUMNS in id order,
    read one batch at a time: nothing is kept but the previous hash."""
    prev = ""
    for row_id_, at, who, table, row_id, action, old, new, prev_hash, digest in rows:
        if prev_hash != prev:
            return (f"audit row {row_id_}: does not follow the row before it "
                    "(audit rows were removed or reordered outside the program)")
        if digest != chain_hash(prev, at, who, table, row_id, action, old, new):
            return (f"audit row {row_id_} ({table} row {row_id}, {at}, {who}): "
                    "edited outside the program")
        prev = digest
    return None


def image_problem(
    table: str, row_id: str, values: dict[str, Any] | None, image_json: str | None,
    audited: bool,
) -> str | None:
    """How a clinical row (None: no longer there) differs from its last audited image."""
    image = json.loads(image_json) if image_json is not None else None
    if values is None:
        return None if image is None else f"{table} row {row_id}: deleted outside the program"
    if not audited or image is None:
        return f"{table} row {row_id}: has no audit record (added outside the program)"
    if table == "settings":
        if image.get("value") != values["value"]:
            return f"settings '{row_id}': changed outside the program"
        return None
    # a field a later migration added is missing from an older image: read it as its default
    image = {**ADDED_COLUMNS.get(table, {}), **image}
    if image != values and image != _without_added_columns(values, image):
        changed = sorted(k for k in values if image.get(k) != values[k])
        return f"{table} row {row_id}: changed outside the program ({', '.join(changed)})"
    return None


def _without_added_columns(values: dict[str, Any], image: dict[str, Any]) -> dict[str, Any]:
    """The row without the columns a later migration added (`ALTER TABLE ... ADD COLUMN`) that
    still hold NULL: a row audited before the migration has no such key in its image."""
    return {k: v for k, v in values.items() if k in image or v is not None}


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
