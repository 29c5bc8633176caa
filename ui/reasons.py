"""A reason from the core said in the interface's language, through Qt's translation.

The core gives `Reason(code, field, values)` (cartclinic/reasons.py); this says it with
`QCoreApplication.translate("Reason", <English template>, <code>)` and the field's name with
`translate("Field", name)`. In Chinese the answer comes from `CatalogueTranslator`, which reads the
same resources/messages_zh.toml as the Chinese documents: one Chinese source for both. The field to
put a message beside is `reason.field`; nothing here reads the words of a message.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from cartclinic.reasons import ENGLISH, Reason, chinese, render_with


def said(reason: Reason | str, *, beside_field: bool = False) -> str:
    """The reason in the interface's language (`beside_field`: without the field's name)."""
    return render_with(reason, _template, _field, beside_field=beside_field)


def said_all(reasons: Iterable[Reason | str]) -> list[str]:
    return [said(r) for r in reasons]


def _template(code: str) -> str:
    return QCoreApplication.translate("Reason", ENGLISH.get(code, code), code)


def _field(name: str) -> str:
    return QCoreApplication.translate("Field", name)


class CatalogueTranslator(QTranslator):
    """Answers the "Reason" and "Field" contexts from the core's Chinese catalogue; every other
    string is left to the translations of resources/translations."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        catalogue = chinese()
        self._reasons = catalogue.get("reasons", {})
        self._fields = catalogue.get("fields", {})

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: D102
                  n: int = -1) -> str:
        if context == "Reason":
            return self._reasons.get(disambiguation or "", "")
        if context == "Field":
            return self._fields.get(source, "")
        return ""

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False
