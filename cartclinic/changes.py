"""What a write changed, so each screen reads again only what it shows (as Anki's operations
tell its screens): the patients and visits touched, whether the clinic's settings or the staff
changed, or `everything` (a restore, a change made outside the program, a write too large to
list)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    patients: frozenset[int] = frozenset()
    visits: frozenset[int] = frozenset()
    settings: bool = False
    users: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.patients | other.patients, self.visits | other.visits,
                       self.settings or other.settings, self.users or other.users,
                       self.everything or other.everything)

    def __bool__(self) -> bool:
        return bool(self.patients or self.visits or self.settings or self.users
                    or self.everything)

    def touches_patient(self, patient_id: int) -> bool:
        """Whether a page of this patient must be read again (the clinic's settings move
        visits and change what a page says of them)."""
        return self.everything or self.settings or patient_id in self.patients

    def touches_lists(self) -> bool:
        """Whether the lists of the whole roster (worklist, roster, calls, calendar) must be
        read again: any patient, visit or setting, but not a change of staff alone."""
        return self.everything or self.settings or bool(self.patients or self.visits)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)
