"""Holiday regions shown to a person by name ("China", "United Kingdom — Scotland"), kept in the
settings by their code ("CN", "GB-SCT"). The names are translated like any other text."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("regions", text)


# the regions offered in the list; any other code the `holidays` library knows may be typed
REGIONS: tuple[tuple[str, str], ...] = (
    ("CN", QT_TRANSLATE_NOOP("regions", "China")),
    ("HK", QT_TRANSLATE_NOOP("regions", "Hong Kong, China")),
    ("TW", QT_TRANSLATE_NOOP("regions", "Taiwan, China")),
    ("SG", QT_TRANSLATE_NOOP("regions", "Singapore")),
    ("US", QT_TRANSLATE_NOOP("regions", "United States")),
    # bare GB is only the holidays all four nations share (no Easter Monday): offer the nations
    ("GB-ENG", QT_TRANSLATE_NOOP("regions", "United Kingdom — England")),
    ("GB-SCT", QT_TRANSLATE_NOOP("regions", "United Kingdom — Scotland")),
    ("GB-WLS", QT_TRANSLATE_NOOP("regions", "United Kingdom — Wales")),
    ("GB-NIR", QT_TRANSLATE_NOOP("regions", "United Kingdom — Northern Ireland")),
    ("IE", QT_TRANSLATE_NOOP("regions", "Ireland")),
    ("DE", QT_TRANSLATE_NOOP("regions", "Germany")),
    ("FR", QT_TRANSLATE_NOOP("regions", "France")),
    ("ES", QT_TRANSLATE_NOOP("regions", "Spain")),
    ("IT", QT_TRANSLATE_NOOP("regions", "Italy")),
    ("NL", QT_TRANSLATE_NOOP("regions", "Netherlands")),
    ("CA", QT_TRANSLATE_NOOP("regions", "Canada")),
    ("AU", QT_TRANSLATE_NOOP("regions", "Australia")),
)

NO_REGION = QT_TRANSLATE_NOOP("regions", "None (weekends and closures only)")
_CODE_IN_BRACKETS = re.compile(r"\(([A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?)\)\s*$")


def region_label(code: str | None) -> str:
    """How a region reads on screen: its name and code, "none" for no region."""
    if not code:
        return _tr(NO_REGION)
    names = dict(REGIONS)
    return f"{_tr(names[code])} ({code})" if code in names else code


def fill_region_box(box: QComboBox) -> None:
    """The list of named regions, each item carrying its code."""
    box.clear()
    box.addItem(region_label(None), "")
    for code, _ in REGIONS:
        box.addItem(region_label(code), code)


def show_region(box: QComboBox, code: str | None) -> None:
    index = box.findData(code or "")
    if index >= 0:
        box.setCurrentIndex(index)
    else:  # a code typed earlier that the list does not name
        box.setCurrentText(code or "")


def chosen_region(box: QComboBox) -> str | None:
    """The code of the region chosen or typed: an item of the list, "Name (CODE)", or a bare code."""
    text = box.currentText().strip()
    index = box.findText(text)
    if index >= 0:
        return box.itemData(index) or None
    found = _CODE_IN_BRACKETS.search(text)
    return (found.group(1) if found else text).upper() or None
