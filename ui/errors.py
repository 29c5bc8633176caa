"""What the nurse sees when something goes wrong: a refused input with its reasons, a roster
that cannot be opened with the way out, and any unexpected error logged and explained."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from cartclinic_ui.reasons import said_all
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cartclinic.errors import InputRefused
from cartclinic.local_files import data_dir

log = logging.getLogger("cartclinic.ui")



def log_path() -> Path:
    return data_dir() / "cartclinic.log"


def start_log(path: Path | None = None) -> Path:
    """Log to a file in the data folder that only this user can read (it may name patients)."""
    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)  # a log left readable by an older version is closed too
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def install_excepthook(parent_getter=lambda: None) -> None:
    def hook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        sys.__stderr__.write(text) if sys.__stderr__ else None
        if isinstance(value, KeyboardInterrupt):
            return
        box = QMessageBox(parent_getter())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("Errors", "Something went wrong"))
        box.setText(QCoreApplication.translate("Errors", "The program met an error it did not expect. What you were doing may "
                       "not have been saved; please check it, and tell the ward IT."))
        box.setInformativeText(QCoreApplication.translate("Errors", "The details are kept in %s") % log_path())
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def show_refused(parent: QWidget | None, exc: InputRefused, title: str = "") -> None:
    QMessageBox.warning(parent, title or QCoreApplication.translate("Errors", "Not saved"),
                        QCoreApplication.translate("Errors", "Nothing was changed, because:") + "\n\n• " + "\n• ".join(said_all(exc.why)))
