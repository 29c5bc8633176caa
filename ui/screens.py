"""Open one page or dialog by name (--screen NAME), for screenshots and manual checks."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from cartclinic.status import OPEN_STATUSES

SCREENS = ("worklist", "phone-list", "roster", "search", "calendar", "patient", "patient-today",
           "timeline-15y",
           "results", "events", "new-patient", "record", "reschedule", "event", "settings",
           "preview", "first-run", "sign-in", "lock", "audit", "staff", "restore")


def _busiest_patient(window) -> int:
    """A patient with a lot to show: open and done visits, results."""
    roster, today = window.ctx.roster, window.ctx.today()
    best, best_score = None, -1
    for p in roster.store.patients()[:150]:
        records = roster.store.records(p.id)
        visits = roster.store.visits(patient_id=p.id)
        open_n = sum(v.status(today) in OPEN_STATUSES for v in visits)
        score = len(records) * 3 + open_n + (5 if any("\u4e00" <= ch <= "\u9fff" for ch in p.name) else 0)
        if records and open_n and score > best_score:
            best, best_score = p.id, score
    return best or roster.store.patients()[0].id


def _due_today(window) -> int:
    """A patient with a clinic visit booked today (a registry form is paperwork), a Chinese name
    first: what a nurse records at the desk; else the busiest patient."""
    roster, today = window.ctx.roster, window.ctx.today()
    booked = [e for e in roster.worklist(today, today, today)
              if e.visit.scheduled == today and e.visit.kind != "registry"]
    booked.sort(key=lambda e: not any("\u4e00" <= ch <= "\u9fff" for ch in e.patient.name))
    return booked[0].visit.patient_id if booked else _busiest_patient(window)


def show_screen(window, name: str) -> None:
    def later(fn) -> None:
        QTimer.singleShot(300, fn)

    if name == "phone-list":
        window.show_page(window.phone_list)
    elif name == "roster":
        window.show_page(window.roster_page)
    elif name == "search":
        window.find_patient()
        window.roster_page.search.setText("王")
    elif name == "calendar":
        window.show_page(window.calendar)
    elif name in ("patient", "patient-today", "timeline-15y", "results", "events", "record",
                  "reschedule", "event"):
        page = window.open_patient(_due_today(window) if name in ("record", "patient-today")
                                   else _busiest_patient(window))
        if name == "timeline-15y":
            page.span_15y.click()
        elif name == "results":
            page.tabs.setCurrentIndex(1)
        elif name == "events":
            page.tabs.setCurrentIndex(2)
        elif name in ("record", "reschedule"):
            today = window.ctx.today()
            visits = sorted((v for v in window.ctx.roster.store.visits(patient_id=page.patient_id)
                             if v.status(today) in OPEN_STATUSES),
                            key=lambda v: (v.scheduled != today, v.scheduled))
            if visits:
                action = page.row_actions.visits
                fn = action.record if name == "record" else action.reschedule
                later(lambda: fn(visits[0], page))
        elif name == "event":
            later(page._event)
    elif name == "new-patient":
        later(window.new_patient)
    elif name == "settings":
        later(window.open_settings)
    elif name == "lock":
        window.open_patient(_busiest_patient(window))  # what the lock must hide
        later(window.lock)
    elif name == "audit":
        later(window.open_audit)
    elif name == "staff":
        later(window.open_staff)
    elif name == "restore":
        later(window.work.restore)
    elif name == "preview":
        entries = window.ctx.roster.worklist(window.ctx.today(), window.ctx.today(), window.ctx.today())
        if entries:
            later(lambda: window.printing.visit_sheet(entries[0].visit.id))
    else:
        window.worklist.first_table().setFocus()
