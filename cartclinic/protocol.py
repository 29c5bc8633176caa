"""Follow-up protocols: the TOML files that say when a treated patient comes back.

A protocol is plain data. `load_protocol` refuses a file that breaks the format of DESIGN.md with
the file, the visit and the field named, so a clinic editing its own file learns exactly what to fix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from cartclinic.errors import ProtocolError
from cartclinic.shipped import shipped_path

UNITS = ("days", "weeks", "months", "years")
KINDS = ("response", "safety", "monitoring", "ltfu", "registry")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_TOP_KEYS = {"id", "name", "version", "description", "sources", "visit", "track"}
# The languages a protocol file may translate its human text into: `label_zh = "..."` and
# `assessments_zh = [...]` beside `label` and `assessments` on each visit and track, `name_zh`
# beside `name`. The program shows these languages (the interface's, a document's); a suffix
# it does not speak is refused rather than kept and never shown.
LANGUAGES = ("zh",)
_TRANSLATABLE_TOP = ("name",)
_TRANSLATABLE = ("label", "assessments")
_SUFFIXED = re.compile(r"^(name|description|label|assessments)_([A-Za-z]{2,3}(?:[-_][A-Za-z]+)?)$")
_TRACK_KEYS = {
    "code", "label", "analyte", "start", "stop", "after", "every", "window", "kind",
    "any_day", "assessments",
}
_TRACK_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,15}$")
_TRACK_UNITS = ("days", "weeks", "months")
# "<= 4", "< 200", "> 4.5", ">= 200", "= 0": an operator, then a number in the canonical unit
_COMPARISON = re.compile(r"^\s*(<=|>=|<|>|=)\s*(\d+(?:\.\d+)?)\s*$")
COMPARISON_OPERATORS = ("<=", "<", ">=", ">", "=")
_VISIT_KEYS = {
    "code", "label", "at", "window", "kind", "any_day", "assessments", "every", "until",
}
# A repeat that expands past this is a typo (days=1 until years=15), not a protocol.
_MAX_OCCURRENCES = 400
# `until = "life"`: a repeat with no end (the yearly contact for life after year 15). The
# engine places occurrences only up to this far from day 0, so that a treatment stores a bounded
# list of visits; every date it does place is exact (rule 2). Twenty-five years from day 0 (ten
# yearly contacts after year 15) keeps a 10,000-patient roster's visit table bounded; a later
# protocol version (or program) that raises it adds the further occurrences, for patients a clinic
# chooses, through `protocols upgrade`.
LIFELONG_HORIZON_YEARS = 25
_HORIZON = {"years": LIFELONG_HORIZON_YEARS, "months": 12 * LIFELONG_HORIZON_YEARS,
            "weeks": 52 * LIFELONG_HORIZON_YEARS, "days": 365 * LIFELONG_HORIZON_YEARS}


@dataclass(frozen=True)
class Offset:
    """A distance from day 0 in one unit: `days`, `weeks`, `months` or `years`."""

    unit: str
    amount: int

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


@dataclass(frozen=True)
class VisitSpec:
    """One `[[visit]]` entry as written, possibly repeating."""

    code: str
    label: str
    at: Offset
    before: int
    after: int
    kind: str
    any_day: bool = False
    assessments: tuple[str, ...] = ()
    every: Offset | None = None
    until: Offset | None = None
    for_life: bool = False  # `until = "life"`: `until` then holds the bounded horizon
    # the Chinese of label and assessments ("" / () when the file has none); not part of the
    # schedule: left out of equality and of the snapshot kept with a treatment
    label_zh: str = field(default="", compare=False)
    assessments_zh: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Comparison:
    """A track's `start` or `stop`: an operator and a number in the analyte's canonical unit."""

    op: str
    value: float

    def met_by(self, value: float) -> bool:
        if self.op == "<=":
            return value <= self.value
        if self.op == "<":
            return value < self.value
        if self.op == ">=":
            return value >= self.value
        if self.op == ">":
            return value > self.value
        return value == self.value

    def __str__(self) -> str:
        return f"{self.op} {self.value:g}"


def parse_comparison(text: Any) -> Comparison | None:
    """`"<= 4"` as a `Comparison`, or None if it does not parse."""
    match = _COMPARISON.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    return Comparison(match.group(1), float(match.group(2)))


@dataclass(frozen=True)
class TrackSpec:
    """One `[[track]]` entry: follow-up that results of one analyte start and stop
    (DESIGN.md, rules T1-T4). Its visits are `code` + 1, 2, ... in the order they are made."""

    code: str
    label: str
    analyte: str  # the analyte table's name (cartclinic/analytes.py)
    start: Comparison
    stop: Comparison
    after: Offset  # results before day 0 + after start nothing
    every: Offset  # a recheck is the latest result + every
    before: int
    window_after: int
    kind: str
    any_day: bool = False
    assessments: tuple[str, ...] = ()
    label_zh: str = field(default="", compare=False)
    assessments_zh: tuple[str, ...] = field(default=(), compare=False)

    def visit_code(self, number: int) -> str:
        return f"{self.code}{number}"

    def number_of(self, code: str) -> int | None:
        """The number of this track's visit `code` (IGG3 -> 3), or None if not one of its visits."""
        rest = code[len(self.code):] if code.startswith(self.code) else ""
        return int(rest) if rest.isdigit() and not rest.startswith("0") else None


@dataclass(frozen=True)
class VisitTemplate:
    """One occurrence of a visit, before it is placed on a calendar: offset from day 0 and window."""

    code: str
    label: str
    offset: Offset
    before: int
    after: int
    kind: str
    any_day: bool
    assessments: tuple[str, ...]
    label_zh: str = ""
    assessments_zh: tuple[str, ...] = ()


@dataclass(frozen=True)
class Protocol:
    id: str
    name: str
    version: str
    description: str
    sources: tuple[str, ...]
    visits: tuple[VisitSpec, ...]
    path: str = field(default="", compare=False)
    tracks: tuple[TrackSpec, ...] = ()
    name_zh: str = field(default="", compare=False)

    def name_in(self, lang: str) -> str:
        """The protocol's name in `lang` ("zh"), or its English name when it has none."""
        return (self.name_zh or self.name) if lang == "zh" else self.name

    @property
    def translated(self) -> bool:
        """Whether the file carries the Chinese of its labels (validation: all or none)."""
        return bool(self.name_zh)

    def occurrences(self) -> list[VisitTemplate]:
        """Every visit of the protocol, repeats expanded, in the order of the file."""
        return list(self.templates)

    @cached_property
    def templates(self) -> tuple[VisitTemplate, ...]:
        # expanded once per protocol: every schedule of an import walks the same list
        return tuple(occ for spec in self.visits for occ in _expand(spec))

    @cached_property
    def snapshot(self) -> str:
        """A snapshot kept with a treatment, so it keeps the version it started on (computed
        once: an import stores it for every treatment)."""
        data = asdict(self)
        data.pop("path")
        _drop_translations(data)
        if not self.tracks:  # a protocol without tracks keeps the snapshot it always had
            data.pop("tracks")
        for visit in data["visits"]:
            # only a "life" repeat says so: the snapshot of every other protocol stays byte for
            # byte what earlier programs stored under its id and version
            if not visit["for_life"]:
                del visit["for_life"]
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def to_json(self) -> str:
        return self.snapshot


def _drop_translations(data: dict[str, Any]) -> None:
    """A translation is not the schedule: the snapshot kept with a treatment (and compared
    byte for byte when the same id and version is used again) is the protocol without it, so
    translating a file never makes a roster think a version changed its visits."""
    data.pop("name_zh", None)
    for entry in (*data.get("visits", ()), *data.get("tracks", ())):
        entry.pop("label_zh", None)
        entry.pop("assessments_zh", None)


def _expand(spec: VisitSpec) -> list[VisitTemplate]:
    amounts = [spec.at.amount]
    if spec.every is not None and spec.until is not None:
        amounts = list(range(spec.at.amount, spec.until.amount + 1, spec.every.amount))
    return [
        VisitTemplate(
            code=spec.code.replace("{n}", str(n)),
            label=spec.label.replace("{n}", str(n)),
            offset=Offset(spec.at.unit, n),
            before=spec.before,
            after=spec.after,
            kind=spec.kind,
            any_day=spec.any_day,
            assessments=spec.assessments,
            label_zh=spec.label_zh.replace("{n}", str(n)),
            assessments_zh=spec.assessments_zh,
        )
        for n in amounts
    ]


def load_protocol(path: str | Path) -> Protocol:
    """Read and check one protocol file; raise `ProtocolError` naming file, visit and field."""
    import tomllib  # read when a protocol is first needed, not with every start

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProtocolError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProtocolError(f"{path}: is not valid TOML: {exc}") from None
    return parse_protocol(data, str(path))


def parse_protocol(data: dict[str, Any], where: str) -> Protocol:
    errors: list[str] = []

    def err(msg: str) -> None:
        errors.append(f"{where}: {msg}")

    for key in sorted(set(data) - _TOP_KEYS):
        if _translation_key(key, _TRANSLATABLE_TOP) is None:
            err(_unknown_key(key, _TOP_KEYS, _TRANSLATABLE_TOP))
    pid = data.get("id")
    if not isinstance(pid, str) or not _ID.match(pid):
        err("id: must be lower-case letters, digits and '-', e.g. \"b-all-cd19\"")
    for key in ("name", "version"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            err(f"{key}: required text")
    if not isinstance(data.get("description", ""), str):
        err("description: must be text")
    name_zh = data.get("name_zh", "")
    if not isinstance(name_zh, str) or ("name_zh" in data and not name_zh.strip()):
        err("name_zh: must be text (the protocol's name in Chinese)")
        name_zh = ""
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources or not all(
        isinstance(s, str) and s.strip() for s in sources
    ):
        err("sources: required list of texts saying where the time points come from")
    raw_visits = data.get("visit", [] if data.get("track") else None)
    if not isinstance(raw_visits, list) or not (raw_visits or data.get("track")):
        err("visit: at least one [[visit]] (or [[track]]) entry is required")
        raw_visits = []

    specs: list[VisitSpec] = []
    for number, raw in enumerate(raw_visits, start=1):
        code = raw.get("code") if isinstance(raw, dict) else None
        name = f"visit {number}" + (f" ({code})" if isinstance(code, str) else "")
        spec = _parse_visit(raw, lambda msg, name=name: err(f"{name}: {msg}"))
        if spec is not None:
            specs.append(spec)

    raw_tracks = data.get("track", [])
    if not isinstance(raw_tracks, list):
        err("track: must be [[track]] tables")
        raw_tracks = []
    tracks: list[TrackSpec] = []
    for number, raw in enumerate(raw_tracks, start=1):
        code = raw.get("code") if isinstance(raw, dict) else None
        name = f"track {number}" + (f" ({code})" if isinstance(code, str) else "")
        track = _parse_track(raw, lambda msg, name=name: err(f"{name}: {msg}"))
        if track is not None:
            tracks.append(track)

    if not errors:
        _check_all_translated(bool(name_zh.strip()), specs, tracks, err)
    if not errors:
        _check_track_codes(tracks, specs, err)
    if not errors:
        seen: dict[str, int] = {}
        for number, spec in enumerate(specs, start=1):
            for occ in _expand(spec):
                if occ.code in seen:
                    err(
                        f"visit {number} ({spec.code}): code: '{occ.code}' is used twice "
                        f"(also by visit {seen[occ.code]}); codes must be unique"
                    )
                seen.setdefault(occ.code, number)
    if errors:
        raise ProtocolError(errors)
    return Protocol(
        id=pid,  # type: ignore[arg-type]
        name=data["name"].strip(),
        version=data["version"].strip(),
        description=str(data.get("description", "")).strip(),
        sources=tuple(s.strip() for s in sources),  # type: ignore[union-attr]
        visits=tuple(specs),
        path=where,
        tracks=tuple(tracks),
        name_zh=name_zh.strip(),
    )


def _translation_key(key: str, allowed: tuple[str, ...]) -> str | None:
    """The language of a translated field this entry may have (`label_zh` -> "zh"), or None."""
    match = _SUFFIXED.match(key)
    if match and match.group(1) in allowed and match.group(2) in LANGUAGES:
        return match.group(2)
    return None


def _unknown_key(key: str, allowed: set[str], translatable: tuple[str, ...]) -> str:
    match = _SUFFIXED.match(key)
    if match and match.group(1) in translatable:
        return (f"{key}: the program has no language '{match.group(2)}' (a protocol can "
                f"translate {', '.join(translatable)} into: {', '.join(LANGUAGES)}; e.g. "
                f"{match.group(1)}_zh)")
    if match:
        return (f"{key}: '{match.group(1)}' is not translated here (translatable: "
                f"{', '.join(f'{t}_zh' for t in translatable)})")
    return f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})"


def _parse_translations(raw: dict[str, Any], label: Any, assessments: Any,
                        bad: Any) -> tuple[str, tuple[str, ...]]:
    """`label_zh` and `assessments_zh` of a visit or track: the label's Chinese (with {n} where
    the label has it) and one Chinese text per assessment, in the same order."""
    label_zh = raw.get("label_zh", "")
    if not isinstance(label_zh, str) or ("label_zh" in raw and not label_zh.strip()):
        bad("label_zh: must be text (the label in Chinese)")
        label_zh = ""
    elif label_zh and isinstance(label, str) and ("{n}" in label) != ("{n}" in label_zh):
        bad("label_zh: must have {n} exactly where label has it (the count of a repeat)")
    items = raw.get("assessments_zh", [])
    if not isinstance(items, list) or not all(isinstance(a, str) and a.strip() for a in items):
        bad("assessments_zh: must be a list of texts (the assessments in Chinese)")
        items = []
    elif "assessments_zh" in raw and isinstance(assessments, list) and len(items) != len(assessments):
        bad(f"assessments_zh: has {len(items)} texts, assessments has {len(assessments)}; "
            "give one Chinese text per assessment, in the same order")
    return label_zh.strip(), tuple(a.strip() for a in items)


def _check_all_translated(named: bool, specs: list[VisitSpec], tracks: list[TrackSpec],
                          err: Any) -> None:
    """A file translated into Chinese is translated whole: a Chinese worklist that shows one
    visit of a protocol in English cannot tell the nurse whether that visit was forgotten by
    the translator or is something else, so a file with some Chinese and not all is refused,
    naming what is missing (a file with no Chinese at all shows English everywhere)."""
    entries = [(f"visit {n} ({s.code})", s) for n, s in enumerate(specs, start=1)]
    entries += [(f"track {n} ({t.code})", t) for n, t in enumerate(tracks, start=1)]
    if not named and not any(e.label_zh or e.assessments_zh for _, e in entries):
        return
    if not named:
        err("name_zh: required, as the file translates its visits into Chinese (a file is "
            "translated whole or not at all)")
    for name, entry in entries:
        if not entry.label_zh:
            err(f"{name}: label_zh: required, as the file is translated into Chinese (a file "
                "is translated whole or not at all)")
        if entry.assessments and not entry.assessments_zh:
            err(f"{name}: assessments_zh: required, as the file is translated into Chinese "
                "(one Chinese text per assessment)")


def _check_track_codes(tracks: list[TrackSpec], specs: list[VisitSpec], err: Any) -> None:
    """A track's visits (IGG1, IGG2, ...) must never be taken for another track's or a
    protocol visit: codes unique, none the other's code followed by digits."""
    visit_codes = [(n, occ.code) for n, spec in enumerate(specs, start=1) for occ in _expand(spec)]
    for i, track in enumerate(tracks, start=1):
        for j, other in enumerate(tracks, start=1):
            if j == i:
                continue
            if other.code == track.code and j < i:
                err(f"track {i} ({track.code}): code: '{track.code}' is used twice (also by "
                    f"track {j}); codes must be unique")
            elif other.code != track.code and track.number_of(other.code) is not None:
                err(f"track {i} ({track.code}): code: the visits of track {j} "
                    f"('{other.code}') would read as this track's; choose codes that are not "
                    "one another followed by digits")
        for n, code in visit_codes:
            if track.number_of(code) is not None:
                err(f"track {i} ({track.code}): code: visit {n}'s code '{code}' would read as "
                    f"a visit of this track ({track.code}1, {track.code}2, ...); choose "
                    "another track code")
                break


def _parse_track(raw: Any, err: Any) -> TrackSpec | None:
    from cartclinic.analytes import ANALYTES, analyte

    if not isinstance(raw, dict):
        err("must be a table")
        return None
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(msg)
        err(msg)

    for key in sorted(set(raw) - _TRACK_KEYS):
        if _translation_key(key, _TRANSLATABLE) is None:
            bad(_unknown_key(key, _TRACK_KEYS, _TRANSLATABLE))
    code, label = raw.get("code"), raw.get("label")
    if not isinstance(code, str) or not _TRACK_CODE.match(code):
        bad("code: required short text of letters and digits such as \"IGG\" (its visits are "
            "IGG1, IGG2, ...)")
    if not isinstance(label, str) or not label.strip():
        bad("label: required text")
    name = raw.get("analyte")
    found = analyte(name) if isinstance(name, str) else None
    if found is None:
        known = ", ".join(a.name for a in ANALYTES)
        bad(f"analyte: {name!r} is not in the analyte table (known: {known})")
    comparisons = {}
    for key in ("start", "stop"):
        comparisons[key] = parse_comparison(raw.get(key))
        if comparisons[key] is None:
            unit = f" in {found.canonical}" if found else ""
            bad(f"{key}: {raw.get(key)!r} is not a comparison; write an operator "
                f"({', '.join(COMPARISON_OPERATORS)}) and a number{unit}, e.g. \"<= 4\"")
    after = _parse_offset(raw.get("after"), "after", bad, allow_zero=True)
    every = _parse_offset(raw.get("every"), "every", bad, allow_zero=False)
    if every is not None and every.unit not in _TRACK_UNITS:
        bad(f"every: must be in {', '.join(_TRACK_UNITS)}, got {every.unit}")
    window = raw.get("window")
    wb = wa = 0
    if not isinstance(window, dict) or set(window) != {"before", "after"}:
        bad("window: must be { before = N, after = N } in days")
    else:
        wb, wa = window["before"], window["after"]
        for side, value in (("before", wb), ("after", wa)):
            if type(value) is not int or value < 0:
                bad(f"window.{side}: must be a whole number of days >= 0, got {value!r}")
    kind = raw.get("kind")
    if kind not in KINDS:
        bad(f"kind: must be one of {', '.join(KINDS)}, got {kind!r}")
    any_day = raw.get("any_day", False)
    if type(any_day) is not bool:
        bad(f"any_day: must be true or false, got {any_day!r}")
    assessments = raw.get("assessments", [])
    if not isinstance(assessments, list) or not all(
        isinstance(a, str) and a.strip() for a in assessments
    ):
        bad("assessments: must be a list of texts")
        assessments = []
    label_zh, assessments_zh = _parse_translations(raw, label, assessments, bad)
    if problems or after is None or every is None or found is None:
        return None
    return TrackSpec(
        code=code, label=label.strip(), analyte=found.name,
        start=comparisons["start"], stop=comparisons["stop"],  # type: ignore[arg-type]
        after=after, every=every, before=wb, window_after=wa, kind=kind, any_day=any_day,
        assessments=tuple(a.strip() for a in assessments),
        label_zh=label_zh, assessments_zh=assessments_zh,
    )


def protocol_tracks(snapshot: str) -> tuple[TrackSpec, ...]:
    """The tracks of a protocol as kept with a treatment (its JSON snapshot): a treatment
    follows the tracks of the version it started on."""
    data = json.loads(snapshot)
    out = []
    for t in data.get("tracks", ()):
        out.append(TrackSpec(
            code=t["code"], label=t["label"], analyte=t["analyte"],
            start=Comparison(**t["start"]), stop=Comparison(**t["stop"]),
            after=Offset(**t["after"]), every=Offset(**t["every"]), before=t["before"],
            window_after=t["window_after"], kind=t["kind"], any_day=t["any_day"],
            assessments=tuple(t["assessments"]),
        ))
    return tuple(out)


def _parse_visit(raw: Any, err: Any) -> VisitSpec | None:
    if not isinstance(raw, dict):
        err("must be a table")
        return None
    _errors_seen: list[str] = []

    def bad(msg: str) -> None:
        _errors_seen.append(msg)
        err(msg)

    for key in sorted(set(raw) - _VISIT_KEYS):
        if _translation_key(key, _TRANSLATABLE) is None:
            bad(_unknown_key(key, _VISIT_KEYS, _TRANSLATABLE) if _SUFFIXED.match(key)
                else f"unknown field '{key}'")
    code, label = raw.get("code"), raw.get("label")
    if not isinstance(code, str) or not code.strip() or len(code) > 32:
        bad("code: required short text such as \"D28\"")
    if not isinstance(label, str) or not label.strip():
        bad("label: required text")
    at = _parse_offset(raw.get("at"), "at", bad, allow_zero=True)
    window = raw.get("window")
    wb = wa = 0
    if not isinstance(window, dict) or set(window) != {"before", "after"}:
        bad("window: must be { before = N, after = N } in days")
    else:
        wb, wa = window["before"], window["after"]
        for side, value in (("before", wb), ("after", wa)):
            if type(value) is not int or value < 0:
                bad(f"window.{side}: must be a whole number of days >= 0, got {value!r}")
    kind = raw.get("kind")
    if kind not in KINDS:
        bad(f"kind: must be one of {', '.join(KINDS)}, got {kind!r}")
    any_day = raw.get("any_day", False)
    if type(any_day) is not bool:
        bad(f"any_day: must be true or false, got {any_day!r}")
    assessments = raw.get("assessments", [])
    if not isinstance(assessments, list) or not all(
        isinstance(a, str) and a.strip() for a in assessments
    ):
        bad("assessments: must be a list of texts")
        assessments = []
    label_zh, assessments_zh = _parse_translations(raw, label, assessments, bad)
    every = until = None
    for_life = False
    if ("every" in raw) != ("until" in raw):
        bad("every and until go together: a repeating visit needs both")
    elif "every" in raw:
        every = _parse_offset(raw["every"], "every", bad, allow_zero=False)
        if raw["until"] == "life":
            for_life = True
            until = (Offset(at.unit, max(_HORIZON[at.unit], at.amount)) if at else None)
        else:
            until = _parse_offset(raw["until"], "until", bad, allow_zero=True,
                                  hint=' or "life" for a repeat with no end')
        if at and every and at.unit != every.unit:
            bad(f"every: must use the unit of at ({at.unit}), got {every.unit}")
        if at and until and at.unit != until.unit:
            bad(f"until: must use the unit of at ({at.unit}), got {until.unit}")
        elif at and until and until.amount < at.amount:
            bad(f"until: {until} is before at ({at})")
        elif at and every and until and (until.amount - at.amount) // every.amount >= _MAX_OCCURRENCES:
            bad(f"every: repeats more than {_MAX_OCCURRENCES} times; check every and until")
        if isinstance(code, str) and "{n}" not in code:
            bad("code: a repeating visit needs {n} in its code, e.g. \"Y{n}\"")
    if _errors_seen or at is None:
        return None
    return VisitSpec(
        code=code.strip(),
        label=label.strip(),
        at=at,
        before=wb,
        after=wa,
        kind=kind,
        any_day=any_day,
        assessments=tuple(a.strip() for a in assessments),
        every=every,
        until=until,
        for_life=for_life,
        label_zh=label_zh,
        assessments_zh=assessments_zh,
    )


def _parse_offset(raw: Any, name: str, bad: Any, *, allow_zero: bool,
                  hint: str = "") -> Offset | None:
    if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in UNITS:
        bad(f"{name}: must have exactly one of {', '.join(UNITS)}, e.g. {{ days = 28 }}{hint}")
        return None
    unit, amount = next(iter(raw.items()))
    least = 0 if allow_zero else 1
    if type(amount) is not int or amount < least:
        bad(f"{name}.{unit}: must be a whole number >= {least}, got {amount!r}")
        return None
    return Offset(unit, amount)


class ProtocolLibrary:
    """The protocols a roster can use: the shipped defaults plus the clinic's own folder.

    A clinic file with the same id as a default replaces it (that is how a clinic edits a window),
    and must carry another version: a treatment keeps the id and version of the protocol its
    visits came from, so one id and version must always mean the same visits. A file with a
    default's id and version is refused, and that id cannot be used until the file says which
    version it is (`get` raises the refusal, naming file, id and version).
    """

    def __init__(self, folders: Iterable[Path]) -> None:
        self._by_id: dict[str, Protocol] = {}
        self._refused: dict[str, str] = {}
        problems: list[str] = []
        for folder in folders:
            if not folder.is_dir():
                continue
            in_folder: dict[str, Path] = {}
            for path in sorted(folder.glob("*.toml")):
                try:
                    protocol = load_protocol(path)
                except ProtocolError as exc:
                    problems.extend(exc.reasons)
                    continue
                if protocol.id in in_folder:
                    problems.append(
                        f"{path}: id: '{protocol.id}' is also the id of {in_folder[protocol.id]}; "
                        "ids must be unique (this file is skipped)"
                    )
                    continue
                in_folder[protocol.id] = path
                earlier = self._by_id.get(protocol.id)
                if earlier is not None and earlier.version == protocol.version:
                    refusal = (
                        f"{path}: id '{protocol.id}' version '{protocol.version}': the shipped "
                        f"protocol {earlier.path} has this id and version; a clinic's own "
                        f"'{protocol.id}' must carry another version (e.g. version = "
                        f"\"{protocol.version}-clinic-1\"), so that the version kept with a "
                        f"treatment names its visits. '{protocol.id}' cannot be used until then."
                    )
                    problems.append(refusal)
                    self._refused[protocol.id] = refusal
                    continue
                self._refused.pop(protocol.id, None)
                self._by_id[protocol.id] = protocol
        self.problems = problems

    def refusal(self, protocol_id: str) -> str | None:
        """Why `protocol_id` cannot be used (a clinic file with a default's version), or None."""
        return self._refused.get(protocol_id)

    def get(self, protocol_id: str) -> Protocol:
        if protocol_id in self._refused:
            raise ProtocolError(self._refused[protocol_id])
        try:
            return self._by_id[protocol_id]
        except KeyError:
            known = ", ".join(sorted(self._by_id)) or "none"
            raise ProtocolError(
                f"protocol: unknown protocol id '{protocol_id}' (known: {known})"
            ) from None

    def __contains__(self, protocol_id: object) -> bool:
        return protocol_id in self._by_id

    def all(self) -> list[Protocol]:
        return [self._by_id[k] for k in sorted(self._by_id)]


def default_protocol_dir() -> Path:
    return shipped_path("protocols")


def protocol_of_version(protocol_id: str, version: str,
                        library: ProtocolLibrary | None = None) -> Protocol | None:
    """The file of `protocol_id` at `version`: the library's (a clinic's own folder) if it is
    at that version, else a shipped one (the defaults and their earlier versions in
    `history/`); None if no file has it. A treatment's translations come from here: its
    snapshot keeps the schedule, not the translation."""
    if library is not None and protocol_id in library:
        found = library.get(protocol_id)
        if found.version == version:
            return found
    return _shipped_versions().get((protocol_id, version))


_SHIPPED: dict[tuple[str, str], Protocol] | None = None


def _shipped_versions() -> dict[tuple[str, str], Protocol]:
    global _SHIPPED
    if _SHIPPED is None:
        found: dict[tuple[str, str], Protocol] = {}
        folder = default_protocol_dir()
        for path in sorted([*folder.glob("*.toml"), *folder.glob("history/*.toml")]):
            try:
                p = load_protocol(path)
            except ProtocolError:
                continue
            found.setdefault((p.id, p.version), p)
        _SHIPPED = found
    return _SHIPPED


def translated_tracks(tracks: tuple[TrackSpec, ...],
                      source: Protocol | None) -> tuple[TrackSpec, ...]:
    """The tracks of a snapshot with the Chinese of the same tracks in `source` (the file of
    the same id and version), matched by code; as they are when `source` has none."""
    if source is None:
        return tracks
    by_code = {t.code: t for t in source.tracks}
    out = []
    for t in tracks:
        s = by_code.get(t.code)
        if s is not None and len(s.assessments_zh) in (0, len(t.assessments)):
            t = replace(t, label_zh=s.label_zh, assessments_zh=s.assessments_zh)
        out.append(t)
    return tuple(out)
