"""Where a patient's follow-up stands (rule 12), worked out from their events and visit records.

A patient who died or withdrew consent gets no letter and no visit actions; one lost to
follow-up can come back. A relapse or progression stays on the patient's header until a later
visit records a response. Screens and sheets show the state with its date; the UI words it
from these fields, it never parses a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cartclinic.model import Event, VisitRecord
from cartclinic.reasons import Reason

ACTIVE, DECEASED, WITHDRAWN, LOST = "active", "deceased", "withdrawn", "lost to follow-up"
STATE_OF_EVENT = {"death": DECEASED, "withdrawal": WITHDRAWN, "lost_to_follow_up": LOST}
# After these nothing more is done for the patient: no letter, no visit action.
ENDED = frozenset({DECEASED, WITHDRAWN})
# A visit record with one of these after a relapse or progression ends its warning.
RESPONSE_STATUSES = frozenset({"CR", "CRi", "sCR", "VGPR", "PR", "MRD-negative",
                               "MRD-negative CR", "CMR", "PMR", "MR"})
DISEASE_EVENTS = ("relapse", "progression")
_RANK = {"death": 3, "withdrawal": 2, "lost_to_follow_up": 1}


@dataclass(frozen=True)
class PatientState:
    """`kind`: active, deceased, withdrawn or lost to follow-up, `since` the event's date.
    `disease`: "relapse" or "progression" with `disease_since` while no later response is
    recorded, else ""."""

    kind: str = ACTIVE
    since: date | None = None
    disease: str = ""
    disease_since: date | None = None

    @property
    def ended(self) -> bool:
        """Died or withdrew: no letter, no visit actions (rule 12)."""
        return self.kind in ENDED

    @property
    def ended_text(self) -> str:
        """"died on 2026-11-20", "withdrew consent on 2026-11-02"; "" while not ended."""
        if not self.ended:
            return ""
        verb = "died" if self.kind == DECEASED else "withdrew consent"
        return f"{verb} on {self.since}"

    @property
    def ended_reason(self) -> Reason | None:
        """`ended_text` as a Reason, said in the reader's language where it is shown."""
        if not self.ended:
            return None
        return Reason("ended.died" if self.kind == DECEASED else "ended.withdrew", None,
                      {"day": self.since})

    def refusal(self, what: str) -> str | None:
        """Why `what` ("no letter is printed", ...) is refused for this patient, or None."""
        if not self.ended:
            return None
        return f"patient: {self.ended_text}; {what}"


def live(events: Iterable[Event]) -> list[Event]:
    """The events that stand: not undone, not entered in error (the one place an event stops
    counting; the store leaves corrected events out unless asked, this holds either way)."""
    return [e for e in events if e.undone_on is None and e.corrected_by is None]


def state_from(events: Iterable[Event], records: Iterable[VisitRecord] | None = None
               ) -> PatientState:
    """The state from a patient's events (any order) and, when given, their visit records
    (without them the disease part is left empty: the roster list reads no records)."""
    standing = sorted(live(events), key=lambda e: (e.event_date, e.id or 0))
    kind, since = ACTIVE, None
    # a death outranks a withdrawal, and a withdrawal a loss, whichever was recorded first
    ending = max((e for e in standing if e.kind in STATE_OF_EVENT),
                 key=lambda e: (_RANK[e.kind], e.event_date), default=None)
    if ending is not None:
        kind, since = STATE_OF_EVENT[ending.kind], ending.event_date
    disease, disease_since = "", None
    if records is not None:
        last = next((e for e in reversed(standing) if e.kind in DISEASE_EVENTS), None)
        if last is not None and not any(
            r.done_on > last.event_date and r.disease_status in RESPONSE_STATUSES
            for r in records
        ):
            disease, disease_since = last.kind, last.event_date
    return PatientState(kind, since, disease, disease_since)
