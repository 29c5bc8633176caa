"""IgG and CD19 B cells over time, as a small painted chart with the thresholds that matter
(IgG 4 g/L: consider replacement; CD19 100 cells/µL: B-cell recovery)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cartclinic.flags import CD19_CELLS_PER_UL, IGG_LOW_G_PER_L

Series = list[tuple[date, float, str]]


class ResultsChart(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.series: list[tuple[str, Series, QColor, float]] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Results chart"))

    def set_series(self, igg: Series, cd19: Series) -> None:
        self.series = [("IgG", igg, QColor("#1565c0"), IGG_LOW_G_PER_L),
                       ("CD19 B cells", cd19, QColor("#ef6c00"), CD19_CELLS_PER_UL)]
        lines = [f"{name}: " + ", ".join(f"{d} {v:g} {u}" for d, v, u in data[-5:])
                 for name, data, _, _ in self.series if data]
        self.setToolTip("\n".join(lines))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        if not any(data for _, data, _, _ in self.series):
            p.setPen(QColor("#78909c"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No IgG or CD19 results yet."))
            p.end()
            return
        # each series gets its own half, with its own scale
        half = (self.width() - 20) / 2
        for i, (name, data, colour, threshold) in enumerate(self.series):
            box = QRectF(10 + i * half + 36, 22, half - 52, self.height() - 22 - fm.height() - 10)
            p.setPen(QPen(colour, 1))
            p.drawText(QPointF(box.left() - 30, 14), name)
            p.setPen(QPen(QColor("#b0bec5"), 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(box)
            if not data:
                p.setPen(QColor("#78909c"))
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, self.tr("no results"))
                continue
            lo, hi = 0.0, max(max(v for _, v, _ in data), threshold) * 1.15
            first, last = data[0][0], data[-1][0]
            span = max(1, (last - first).days)

            def pt(d: date, v: float, box=box, first=first, span=span, hi=hi, lo=lo) -> QPointF:
                x = box.left() + box.width() * ((d - first).days / span if span else 0.5)
                return QPointF(x, box.bottom() - box.height() * (v - lo) / (hi - lo))

            ty = pt(first, threshold).y()
            p.setPen(QPen(QColor("#c62828"), 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(box.left(), ty), QPointF(box.right(), ty))
            p.drawText(QPointF(box.left() - 34, ty + fm.ascent() / 2), f"{threshold:g}")
            p.setPen(QPen(colour, 2))
            points = [pt(d, v) for d, v, _ in data]
            for a, b in zip(points, points[1:], strict=False):
                p.drawLine(a, b)
            p.setBrush(colour)
            for c in points:
                p.drawEllipse(c, 3, 3)
            p.setPen(QColor("#455a64"))
            p.drawText(QPointF(box.left(), box.bottom() + fm.ascent() + 2), first.isoformat())
            text = last.isoformat()
            p.drawText(QPointF(box.right() - fm.horizontalAdvance(text), box.bottom() + fm.ascent() + 2), text)
            unit = data[-1][2]
            value = f"{data[-1][1]:g} {unit}"
            p.setPen(QPen(colour, 1))
            p.drawText(QPointF(box.right() - fm.horizontalAdvance(value), 14), value)
        p.end()
