"""A patient's schedule as a picture: one lane per protocol, each visit a mark whose colour AND
shape say its status (readable in grey print and with colour blindness), and a today line.
The first 100 days or the whole fifteen years."""

from __future__ import annotations

from datetime import date, timedelta

from cartclinic_ui import labels
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cartclinic.model import Treatment, Visit
from cartclinic.status import VisitStatus

FIRST_100_DAYS, FIFTEEN_YEARS = 100, 15 * 366 + 30
LEGEND_ORDER = (VisitStatus.DONE, VisitStatus.MISSED, VisitStatus.DUE, VisitStatus.OVERDUE,
                VisitStatus.UPCOMING, VisitStatus.CANCELLED, VisitStatus.PRIOR)


def draw_mark(p: QPainter, status: VisitStatus, c: QPointF, r: float) -> None:
    colour = labels.STATUS_COLOURS[status]
    p.setPen(QPen(colour, 2))
    p.setBrush(QBrush(colour))
    if status == VisitStatus.DONE:  # filled circle
        p.drawEllipse(c, r, r)
    elif status == VisitStatus.UPCOMING:  # hollow circle
        p.setBrush(QBrush(QColor("white")))
        p.drawEllipse(c, r, r)
    elif status == VisitStatus.DUE:  # triangle pointing up
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - r - 1), QPointF(c.x() + r + 1, c.y() + r),
                                 QPointF(c.x() - r - 1, c.y() + r)]))
    elif status == VisitStatus.OVERDUE:  # diamond
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - r - 2), QPointF(c.x() + r + 2, c.y()),
                                 QPointF(c.x(), c.y() + r + 2), QPointF(c.x() - r - 2, c.y())]))
    elif status == VisitStatus.MISSED:  # cross
        p.setPen(QPen(colour, 3))
        p.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r))
        p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r))
    elif status == VisitStatus.CANCELLED:  # hollow square with a slash
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
        p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r))
    else:  # before tracking: a small dot
        p.drawEllipse(c, r / 2.5, r / 2.5)


class Timeline(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.visits: list[Visit] = []
        self.treatments: list[Treatment] = []
        self.today = date.today()
        self.span_days = FIRST_100_DAYS
        self._marks: list[tuple[QPointF, Visit, VisitStatus]] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Schedule timeline"))
        self.setMouseTracking(True)

    def set_schedule(self, visits: list[Visit], treatments: list[Treatment], today: date) -> None:
        self.visits, self.treatments, self.today = visits, treatments, today
        self.update()

    def set_span(self, days: int) -> None:
        self.span_days = days
        self.update()

    def lanes(self) -> list[str]:
        return sorted({v.protocol_id for v in self.visits})

    def _day0(self) -> date:
        """Where the picture starts: the first 100 days are those of the latest infusion (a
        re-infused patient's new schedule, counted from its own day 0); the fifteen years start
        at the first infusion."""
        days0 = [t.infusion_date for t in self.treatments] or [self.today]
        return max(days0) if self.span_days <= FIRST_100_DAYS else min(days0)

    def _span(self) -> int:
        """Fifteen years from the last infusion (rule 9), shown from the first."""
        if self.span_days <= FIRST_100_DAYS or len(self.treatments) < 2:
            return self.span_days
        days0 = [t.infusion_date for t in self.treatments]
        return self.span_days + (max(days0) - min(days0)).days

    def day_of(self, visit: Visit) -> int | None:
        """"Day +N" of a visit, from the day 0 of its own treatment."""
        day0 = next((t.infusion_date for t in self.treatments if t.id == visit.treatment_id), None)
        return None if day0 is None else ((visit.done_on or visit.scheduled) - day0).days

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        lanes = self.lanes()
        left = max([fm.horizontalAdvance(x) for x in lanes] + [40]) + 16
        right = self.width() - max(24, fm.horizontalAdvance("D+100") // 2 + 8)
        top = 26
        legend_h = fm.height() + 12
        lane_h = max(22, (self.height() - top - legend_h - fm.height() - 14) / max(1, len(lanes)))
        axis_y = top + lane_h * len(lanes) + 4
        day0 = self._day0()
        span = self._span()
        end = day0 + timedelta(days=span)

        def x_of(d: date) -> float:
            return left + (right - left) * (d - day0).days / max(1, span)

        # axis and ticks
        p.setPen(QPen(QColor("#607d8b"), 1))
        p.drawLine(QPointF(left, axis_y), QPointF(right, axis_y))
        if self.span_days <= FIRST_100_DAYS:
            ticks = [(day0 + timedelta(days=d), f"D+{d}") for d in range(0, 101, 10)]
        elif len(self.treatments) < 2:
            ticks = [(date(day0.year + y, day0.month, min(day0.day, 28)), f"Y{y}")
                     for y in range(0, 16)]
        else:  # "Y3" of which infusion? Calendar years instead
            step = 1 if span <= 16 * 366 else 2
            ticks = [(date(y, 1, 1), str(y)) for y in range(day0.year + 1, end.year + 1, step)]
        for d, text in ticks:
            x = x_of(d)
            p.setPen(QPen(QColor("#eceff1"), 1))
            p.drawLine(QPointF(x, top - 6), QPointF(x, axis_y))
            p.setPen(QPen(QColor("#455a64"), 1))
            p.drawText(QRectF(x - 30, axis_y + 2, 60, fm.height()), Qt.AlignmentFlag.AlignCenter, text)
        # lanes
        self._marks = []
        for i, lane in enumerate(lanes):
            y = top + lane_h * i + lane_h / 2
            p.setPen(QPen(QColor("#37474f"), 1))
            p.drawText(QRectF(4, y - fm.height() / 2, left - 10, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, lane)
            p.setPen(QPen(QColor("#cfd8dc"), 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            for v in self.visits:
                if v.protocol_id != lane:
                    continue
                status = v.status(self.today)
                when = v.done_on or v.scheduled
                if not day0 <= when <= end:
                    continue
                c = QPointF(x_of(when), y)
                draw_mark(p, status, c, 5 if self.span_days <= FIRST_100_DAYS else 4)
                self._marks.append((c, v, status))
        # infusions (day 0 of each treatment)
        for t in self.treatments:
            if day0 <= t.infusion_date <= end:
                x = x_of(t.infusion_date)
                p.setPen(QPen(QColor("#6a1b9a"), 2))
                p.drawLine(QPointF(x, top - 8), QPointF(x, axis_y))
                p.drawText(QPointF(x + 3, top - 10), self.tr("infusion"))
        # today
        if day0 <= self.today <= end:
            x = x_of(self.today)
            p.setPen(QPen(QColor("#d32f2f"), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, top - 14), QPointF(x, axis_y + 2))
            p.setPen(QPen(QColor("#d32f2f"), 1))
            text = self.tr("today")
            w = fm.horizontalAdvance(text)
            p.drawText(QPointF(min(x + 3, right - w), fm.ascent() + 1), text)
        self._legend(p, left, self.height() - legend_h + 4)
        p.end()

    def _legend(self, p: QPainter, x: float, y: float) -> None:
        fm = p.fontMetrics()
        for status in LEGEND_ORDER:
            draw_mark(p, status, QPointF(x + 6, y + fm.height() / 2), 5)
            p.setPen(QPen(QColor("#263238"), 1))
            text = labels.status_text(status)
            p.drawText(QPointF(x + 16, y + fm.ascent()), text)
            x += 30 + fm.horizontalAdvance(text)

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            pos = QPointF(e.pos())
            near = min(self._marks, key=lambda m: (m[0] - pos).manhattanLength(), default=None)
            if near and (near[0] - pos).manhattanLength() < 12:
                c, v, status = near
                day = self.day_of(v)
                count = "" if day is None else f" · Day {day:+d}"
                QToolTip.showText(e.globalPos(), f"{labels.visit_name(v)}\n{v.scheduled}{count} · "
                                  f"{labels.status_text(status)}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

