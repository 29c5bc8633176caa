"""The few exception classes the core raises, each for one kind of trouble.

The command line maps them onto its exit codes: `InputRefused` -> 1, `StoreError` (and so
`RosterProblem`, its old name) -> 3.
"""

from __future__ import annotations


class CartclinicError(Exception):
    """Base of every error the core raises on purpose."""


class InputRefused(CartclinicError):
    """Input that breaks a rule; nothing was changed. Carries every reason found."""

    def __init__(self, reasons: str | list[str]) -> None:
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
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


class StoreConflict(StoreError):
    """A row was changed by someone else since it was read (two nurses saving the same visit
    at two workstations): nothing was overwritten; read it again and decide."""


RosterProblem = StoreError  # the name callers have used since the first round


class NotFound(InputRefused):
    """A patient, visit or treatment that the roster does not have."""
