"""The audit trail's hash chain: each row's hash covers the previous row's hash and its own
content, so a row edited or removed behind the program's back breaks the chain where it was."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

AUDITED_TABLES = (
    "patients", "treatments", "visits", "visit_records", "lab_results", "events",
    "call_attempts", "settings", "users", "corrections", "visit_changes",
)

# Columns a migration added to an audited table, with the default every older row got: an
# audit image written before the migration lacks them, and means this value.
ADDED_COLUMNS: dict[str, dict[str, Any]] = {
    "patients": {"address": "", "next_of_kin": "", "next_of_kin_relationship": "",
                 "next_of_kin_phone": ""},  # 0005_patient_contact
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


def verify_rows(
    audit: Iterable[dict[str, Any]], current: dict[str, dict[str, dict[str, Any]]]
) -> list[str]:
    """Problems, first first: a broken chain, then clinical rows unlike their last audited image."""
    problems: list[str] = []
    prev = ""
    last_image: dict[tuple[str, str], dict[str, Any] | None] = {}
    for row in audit:
        expected = chain_hash(
            prev, row["at"], row["who"], row["table_name"], row["row_id"], row["action"],
            row["old"], row["new"],
        )
        if row["prev_hash"] != prev:
            problems.append(
                f"audit row {row['id']}: does not follow the row before it "
                "(audit rows were removed or reordered outside the program)"
            )
            break
        if row["hash"] != expected:
            problems.append(
                f"audit row {row['id']} ({row['table_name']} row {row['row_id']}, {row['at']}, "
                f"{row['who']}): edited outside the program"
            )
            break
        prev = row["hash"]
        if row["table_name"] in current:
            last_image[(row["table_name"], row["row_id"])] = (
                json.loads(row["new"]) if row["new"] is not None else None
            )
    if problems:
        return problems
    for table, rows in current.items():
        for row_id, values in rows.items():
            image = last_image.get((table, row_id))
            if image is None:
                problems.append(f"{table} row {row_id}: has no audit record (added outside the program)")
            elif table == "settings":
                if image.get("value") != values["value"]:
                    problems.append(f"settings '{row_id}': changed outside the program")
            elif (image := {**ADDED_COLUMNS.get(table, {}), **image}) != values \
                    and image != _without_added_columns(values, image):
                changed = sorted(k for k in values if image.get(k) != values[k])
                problems.append(
                    f"{table} row {row_id}: changed outside the program ({', '.join(changed)})"
                )
        for (t, row_id), image in last_image.items():
            if t == table and image is not None and row_id not in rows:
                problems.append(f"{table} row {row_id}: deleted outside the program")
    return problems


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
