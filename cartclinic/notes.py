"""The notes the program writes on a visit (why it was cancelled or moved), said in the reader's
language.

The roster keeps these notes as the English text it always has: the command line, `--json`, the
exports and the tracks' own rules read that text, and rows written by earlier versions are the
same text. So a note is written from a code and values (`written`), and read back (`as_reason`)
by matching it against the English templates of those same codes in cartclinic/reasons.py: a note
the program wrote becomes its Reason again and is said in any language; anything else (a nurse's
own words, a note no template matches) is shown as it was typed. The matching is of the store's
own format against the one catalogue, anchored on both ends, never of a message shown on screen.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from cartclinic.reasons import ENGLISH, Reason, render, text

# the codes of notes the program writes, most specific first
NOTE_CODES = ("note.superseded", "note.not_needed", "note.stopped", "note.track_off",
              "note.shifted", "note.event")
_ISO = r"\d{4}-\d{2}-\d{2}"
# what each value may be, so that a nurse's sentence is not taken for a program's note
_VALUE = {"day": _ISO, "visit": r"[A-Za-z0-9+._-]+", "why": r".+", "event": r".+?",
          "analyte": r".+?", "value": r"-?[0-9.]+(?: \S+)?", "start": r"[<>=≤≥]+ ?-?[0-9.]+"}


def written(code: str, **values: object) -> str:
    """The English text of a program-written note (what the roster stores)."""
    return str(Reason(code, None, {k: v.isoformat() if isinstance(v, date) else v
                                   for k, v in values.items()}))


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for code in NOTE_CODES:
        parts = re.split(r"\{(\w+)\}", ENGLISH[code])
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>{_VALUE[p]})"
                        for i, p in enumerate(parts))
        out.append((code, re.compile(f"^{regex}$", re.DOTALL)))
    return tuple(out)


@cache
def _event_kinds() -> dict[str, str]:
    """English event label -> its `kind.` code."""
    return {ENGLISH[code]: code for code in ENGLISH if code.startswith("kind.")}


def as_reason(note: str) -> Reason:
    """A stored note as a Reason: a program-written one with its code, anything else as text."""
    for code, pattern in _patterns():
        found = pattern.match(note or "")
        if found is None:
            continue
        values: dict[str, object] = dict(found.groupdict())
        if "event" in values:
            kind = _event_kinds().get(str(values["event"]))
            if kind is None:  # "<something> on <date>" that names no event: a nurse's words
                continue
            values["event"] = Reason(kind)
        if "analyte" in values:  # named as the analytes table names it in the reader's language
            values["analyte"] = Reason("analyte", None, {"name": values["analyte"]})
        return Reason(code, None, values)
    return text(note or "")


def say(note: str, language: str) -> str:
    """A stored note in `language` ("en" gives it back as stored)."""
    return render(as_reason(note), language)
