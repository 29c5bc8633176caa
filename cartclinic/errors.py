"""The few exception classes the core raises, each for one kind of trouble.

The command line maps them onto its exit codes: `InputRefused` -> 1, `StoreError` (and so
`RosterProblem`, its old name) -> 3.
"""

from __future__ import annotations

from collections.abc import Sequence

from cartclinic.reasons import Reason, of


class CartclinicError(Exception):
    """Base of every error the core raises on purpose."""


class InputRefused(CartclinicError):
    """Input that breaks a rule; nothing was changed. Carries every reason found: `why` the
    typed ones (what a window translates and puts beside its field), `reasons` their English
    (what the command line prints). A plain string is taken as an uncoded reason."""

    def __init__(self, reasons: str | Reason | Sequence[str | Reason]) -> None:
        items = [reasons] if isinstance(reasons, str | Reason) else list(reasons)
        self.why: list[Reason] = [of(r) for r in items]
        self.reasons: list[str] = [str(r) for r in items]
        super().__init__("\n".join(self.reasons))


class ProtocolError(InputRefused):
    """A protocol file that breaks the format (file, visit and field are named)."""


class StoreError(CartclinicError):
    """The roster's store cannot be used safely: damaged, busy, unreachable, on a share. Every
    store method raises this family instead of its database driver's own errors."""


class StoreBusy(StoreError):
    """Another program held the roster for writing longer than a write waits (see
    `cartclinic.store.base.LONGEST_WAIT`). Nothing of the change was saved."""


class StoreUnavailable(StoreError):
    """The roster cannot be opened or reached: no such file or server, no permission, a
    read-only file or folder, a full disk, a network share."""


class StoreDamaged(StoreError):
    """The roster fails its check or has lost changes: it is never written to."""


class StoreConflict(InputRefused, StoreError):
    """A row was changed by someone else since it was read (two nurses saving the same visit
    at two workstations): nothing was overwritten; read it again and decide. Also an
    InputRefused: the save is refused as any other (exit 1, said where the save was asked
    for), not a roster that cannot be used."""


RosterProblem = StoreError  # the name callers have used since the first round


class NotFound(InputRefused):
    """A patient, visit or treatment that the roster does not have."""
