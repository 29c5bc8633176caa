"""The few exception classes the core raises, each for one kind of trouble.

The command line maps them onto its exit codes: `InputRefused` -> 1, `RosterProblem` -> 3.
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


class RosterProblem(CartclinicError):
    """The roster file cannot be used safely: damaged, locked, unreadable, on a share."""


class NotFound(InputRefused):
    """A patient, visit or treatment that the roster does not have."""
