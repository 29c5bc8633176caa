"""Files the program writes for people to take away (a patient's record, the audit trail, the
roster as CSV): written whole or not at all, and readable by this user only, because each one
holds patients' records."""

from __future__ import annotations

import json
from pathlib import Path

from cartclinic_ui.context import AppContext
from cartclinic_ui.errors import show_refused
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cartclinic import local_files
from cartclinic.access_request import patient_record
from cartclinic.errors import InputRefused


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` owner-only (0600), through a temporary file created with that
    mode (never chmod-ed after the data is in it) and a rename."""
    local_files.write_owner_only(Path(path), text)


def export_patient_record(ctx: AppContext, parent: QWidget | None, mrn: str,
                          path: str | None = None) -> Path | None:
    """A subject access request: the patient's whole record with its audit rows, as JSON, to a
    file the user chooses; the export itself goes into the audit trail."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("Exports", "Export the patient's record"),
            str(Path.home() / f"record-{mrn}-{ctx.today().isoformat()}.json"),
            QCoreApplication.translate("Exports", "JSON file (*.json)"))
        if not path:
            return None
    try:
        record = patient_record(ctx.roster, mrn, ctx.today())
        write_private(Path(path), json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        try:
            ctx.note("access_request", {"mrn": record["patient"]["mrn"], "file": str(path)})
        except InputRefused:
            Path(path).unlink(missing_ok=True)  # an export the audit trail does not know of
            raise
    except InputRefused as exc:
        show_refused(parent, exc, QCoreApplication.translate("Exports", "Not exported"))
        return None
    except OSError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("Exports", "Not exported"),
                            QCoreApplication.translate("Exports", "The file could not be written: %s") % exc)
        return None
    return Path(path)
