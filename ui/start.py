"""The program's entry point. It holds Python's cycle collector off while the program starts,
then hands over to `ui.app`.

Starting creates some hundred thousand objects that live as long as the program: modules,
classes, Qt wrappers, the worklist's lines. The collector would walk all of them several times
while they are made (a full pass took 14 ms of a 340 ms start at 10,000 patients) and free
nothing. Once the worklist has painted, `settle()` moves everything alive into the permanent
generation and turns the collector back on: later collections, during a search keystroke say,
no longer walk the start's objects either.

This module imports nothing of Qt or of the program, so the collector is off before they load.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """The collector off until `settle()`; counting references still frees almost everything."""
    gc.disable()


def settle() -> None:
    """Everything alive now stays (the start's objects), and the collector runs again."""
    gc.freeze()
    gc.enable()


def main(argv: list[str] | None = None) -> int:
    hold()
    try:
        from ui.app import main as run

        return run(argv)
    finally:
        settle()
