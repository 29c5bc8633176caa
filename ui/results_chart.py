"""A patient's lab results over time, one small painted panel per analyte, in the analyte's
canonical unit (a result typed in mg/dL is drawn in g/L), with the lines that matter drawn
across: the clinical thresholds (IgG 4 g/L, CD4 200/µL, CD19 100/µL, ANC 1.0, platelets 50)
and the start and stop values of the patient's tracks, so a nurse sees why a recheck is on."""

from __future__ import annotations

from datetime import date

from cartclinic_ui.reasons import said
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cartclinic.views import ChartPanel as Panel

COLOURS = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#ad1457")


class ResultsChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.panels: list[Panel] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Results chart"))

    def set_panels(self, panels: list[Panel]) -> None:
        self.panels = panels
        tips = []
        for panel in panels:
            if panel.points:
                tips.append(f"{panel.name}: " + ", ".join(
                    f"{d} {v:g} {panel.unit}" for d, v in panel.points[-5:]))
            tips += [f"  — {value:g} {panel.unit}: {said(label)}" for value, label in panel.lines]
        self.setToolTip("\n".join(tips))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        if not any(panel.points for panel in self.panels):
            p.setPen(QColor("#78909c"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No results yet."))
            p.end()
            return
        # each analyte in a panel of its own, with its own scale
        width = (self.width() - 20) / max(1, len(self.panels))
        for i, panel in enumerate(self.panels):
            colour = QColor(COLOURS[i % len(COLOURS)])
            box = QRectF(10 + i * width + 36, 22, width - 52, self.height() - 22 - fm.height() - 10)
            p.setPen(QPen(colour, 1))
            p.drawText(QPointF(box.left() - 30, 14), f"{panel.name} ({panel.unit})")
            p.setPen(QPen(QColor("#b0bec5"), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(box)
            if not panel.points:
                p.setPen(QColor("#78909c"))
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, self.tr("no results"))
                continue
            values = [v for _, v in panel.points] + [value for value, _ in panel.lines]
            lo, hi = 0.0, max(values) * 1.15 or 1.0
            first, last = panel.points[0][0], panel.points[-1][0]
            span = max(1, (last - first).days)

            def pt(d: date, v: float, box=box, first=first, span=span, hi=hi, lo=lo) -> QPointF:
                x = box.left() + box.width() * ((d - first).days / span if span else 0.5)
                return QPointF(x, box.bottom() - box.height() * (v - lo) / (hi - lo))

            for value, _label in panel.lines:  # thresholds and track start/stop values
                y = pt(first, value).y()
                p.setPen(QPen(QColor("#c62828"), 1, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
                p.drawText(QPointF(box.left() - 34, y + fm.ascent() / 2), f"{value:g}")
            p.setPen(QPen(colour, 2))
            points = [pt(d, v) for d, v in panel.points]
            for a, b in zip(points, points[1:], strict=False):
                p.drawLine(a, b)
            p.setBrush(colour)
            for c in points:
                p.drawEllipse(c, 3, 3)
            p.setPen(QColor("#455a64"))
            p.drawText(QPointF(box.left(), box.bottom() + fm.ascent() + 2), first.isoformat())
            text = last.isoformat()
            p.drawText(QPointF(box.right() - fm.horizontalAdvance(text),
                               box.bottom() + fm.ascent() + 2), text)
            value = f"{panel.points[-1][1]:g}"
            p.setPen(QPen(colour, 1))
            p.drawText(QPointF(box.right() - fm.horizontalAdvance(value), 14), value)
        p.end()
