"""The interface language: English, or Simplified Chinese from resources/translations."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from cartclinic.shipped import shipped_path

TRANSLATIONS = shipped_path("translations")
LANGUAGES = {"en": "English", "zh": "中文"}
_installed: list[QTranslator] = []
_current = ["en"]  # the language the interface speaks now (what `install` last installed)


def current() -> str:
    """The interface language now: "en" or "zh". What a visit's label is shown in
    (`Visit.label_in`), read when a screen is built or painted."""
    return _current[0]


def person_language(user, fallback: str | None = None) -> str:
    """The language a person works in: their own (kept with them in the roster), else
    `fallback`, else the PC's setting."""
    own = getattr(user, "language", None)
    if own in LANGUAGES:
        return own
    return fallback if fallback in LANGUAGES else saved_language()


def saved_language() -> str:
    value = QSettings().value("ui/language", "en")
    return value if value in LANGUAGES else "en"


def save_language(language: str) -> None:
    QSettings().setValue("ui/language", language)


def install(app: QApplication, language: str) -> bool:
    """Load the translation for `language`; True when the interface now speaks it."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        _current[0] = "en"
        return language == "en"
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if not ours.load(str(TRANSLATIONS / "cartclinic_zh_CN.qm")):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    _current[0] = "zh"
    qt = QTranslator(app)  # Qt's own buttons: OK, Cancel, Save
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return True
