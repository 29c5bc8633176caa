"""The roster's settings (a part of `Roster`, cartclinic/roster/__init__.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cartclinic import validate
from cartclinic.calendar import ClinicCalendar
from cartclinic.errors import InputRefused
from cartclinic.model import ClinicSettings
from cartclinic.products import JURISDICTIONS
from cartclinic.reasons import Reason, of
from cartclinic.rescheduling import VisitMove, replace_on_calendar
from cartclinic.roster.shared import SETTINGS_MOVED_NOTE
from cartclinic.store import RosterStore


class SettingsJobs:
    """The clinic's settings and calendar: read, checked, previewed (the visits a change moves) and saved."""

    store: RosterStore

    # -- the clinic's calendar ------------------------------------------------------------
    def settings(self) -> ClinicSettings:
        return self.store.settings()

    def calendar(self) -> ClinicCalendar:
        s = self.store.settings()
        return ClinicCalendar(
            closed_weekdays=frozenset(s.closed_weekdays),
            holiday_region=s.holiday_region,
            closures=frozenset(s.closures),
            extra_open=frozenset(s.extra_open),
        )

    def check_settings(self, settings: ClinicSettings) -> ClinicCalendar:
        """The clinic calendar the settings make, or every reason they cannot be saved."""
        reasons = []
        calendar = ClinicCalendar()
        try:
            calendar = ClinicCalendar(
                closed_weekdays=frozenset(settings.closed_weekdays),
                holiday_region=settings.holiday_region or None,
                closures=frozenset(settings.closures),
                extra_open=frozenset(settings.extra_open),
            )
        except ValueError as exc:
            reasons.append(of(exc))
        if len(settings.closed_weekdays) >= 7:
            reasons.append(Reason("settings.closed_every_weekday", "closed weekdays"))
        if settings.paper not in ("A4", "Letter"):
            reasons.append(Reason("settings.paper", "paper", {"paper": settings.paper}))
        if settings.language not in ("en", "zh"):
            reasons.append(Reason("settings.language", "language", {"language": settings.language}))
        if settings.jurisdiction not in JURISDICTIONS:
            reasons.append(Reason("settings.jurisdiction", "jurisdiction", {
                "jurisdiction": settings.jurisdiction, "known": list(JURISDICTIONS)}))
        for name in ("antiviral_months", "pjp_months", "entecavir_months"):
            if not 1 <= getattr(settings, name) <= 60:
                reasons.append(Reason("settings.months", name.replace("_", " ")))
        if not 1 <= settings.idle_lock_minutes <= 240:
            reasons.append(Reason("settings.idle_lock", "idle lock"))
        try:
            validate.clean_text(settings.clinic_name, "clinic name", required=True)
        except ValueError as exc:
            reasons.append(of(exc))
        try:
            validate.clean_phone(settings.clinic_phone, "clinic phone")
        except ValueError as exc:
            reasons.append(of(exc))
        if reasons:
            raise InputRefused(reasons)
        return calendar

    def preview_settings(self, settings: ClinicSettings, today: date | None = None
                         ) -> list[VisitMove]:
        """The open visits that saving these settings would move (rule 13: listed before the
        change is saved), with their new days; the same list `save_settings` then saves."""
        return replace_on_calendar(self.store.visits(), self.check_settings(settings), today)

    def save_settings(self, settings: ClinicSettings, who: str, today: date | None = None,
                      *, expected_moves: Sequence[int] | None = None) -> int:
        """Save settings; scheduled dates of open visits not moved by hand follow the new
        calendar (`preview_settings` lists them first). Returns how many visits moved. Given
        `today`, a visit booked from today on is never moved into the past, and one already
        past its booking stays where it was. `expected_moves` are the visit ids a person was
        shown: if the moves differ now, nothing is saved."""
        calendar = self.check_settings(settings)
        with self.store.write(who):
            moves = replace_on_calendar(self.store.visits(), calendar, today)
            if expected_moves is not None and \
                    sorted(expected_moves) != sorted(m.visit.id for m in moves):
                raise InputRefused(Reason("settings.moves_changed", "settings"))
            self.store.save_settings(settings)
            for m in moves:
                self.store.update_visit(m.visit.id, scheduled=m.scheduled, flags=m.flags)
            if moves:  # what moved from which day: the "your date has changed" letters read it
                self.store.note(SETTINGS_MOVED_NOTE, {"visits": [
                    [m.visit.id, m.visit.scheduled.isoformat(), m.scheduled.isoformat()]
                    for m in moves]})
        return len(moves)

