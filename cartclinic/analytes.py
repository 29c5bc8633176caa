"""The lab analytes the clinic records, each with one canonical unit and the other units accepted
with their factor to it: the one table every screen, import and check reads, shipped as
`resources/analytes.toml` and extended by a clinic's own `analytes.toml` beside the roster. A
result in a unit not listed for its analyte is refused, naming the accepted units."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cartclinic.errors import InputRefused
from cartclinic.shipped import shipped_path


class AnalyteFileError(InputRefused):
    """An analyte file that breaks the format (file, entry and field are named)."""

GIGA_PER_L = "×10⁹/L"
CELLS_PER_UL = "cells/µL"


@dataclass(frozen=True)
class Analyte:
    name: str
    canonical: str
    # every accepted unit, the canonical one first, with its factor to the canonical unit
    factors: tuple[tuple[str, float], ...]
    aliases: tuple[str, ...] = ()
    name_zh: str = ""  # its Chinese name, shown in a Chinese window or document ("" = the name)

    def shown_name(self, language: str) -> str:
        """The name a reader of `language` ("en" or "zh") sees."""
        return self.name_zh if language == "zh" and self.name_zh else self.name

    @property
    def units(self) -> tuple[str, ...]:
        """The accepted units, as the table spells them, the canonical one first."""
        return tuple(unit for unit, _ in self.factors)

    def unit(self, spelled: str) -> str | None:
        """The table's spelling of a unit written loosely (`10^9/L`, `G/L`, `/uL`), or None
        if it is not accepted for this analyte."""
        key = unit_key(spelled)
        return next((unit for unit in self.units if unit_key(unit) == key), None)

    def factor(self, unit: str) -> float:
        """What a value in `unit` (an accepted one) is multiplied by to be in the canonical unit."""
        spelled = self.unit(unit)
        if spelled is None:
            raise ValueError(f"{unit!r} is not a unit for {self.name}")
        return dict(self.factors)[spelled]


SHIPPED_FILE = shipped_path("analytes.toml")
CLINIC_FILE_NAME = "analytes.toml"  # a clinic's own, in the folder that holds the roster
_KEYS = {"name", "name_zh", "canonical", "units", "aliases"}


class AnalyteTable:
    """The analytes a roster knows: the shipped file, then the clinic's own (which adds
    analytes, or units and names to a shipped one)."""

    def __init__(self, analytes: Sequence[Analyte]):
        self.analytes = tuple(analytes)
        self._by_name = {" ".join(n.split()).casefold(): a
                         for a in self.analytes for n in (a.name, *a.aliases, a.name_zh) if n}

    def get(self, name: str) -> Analyte | None:
        return self._by_name.get(" ".join(name.split()).casefold())

    def shown_name(self, name: str, language: str) -> str:
        """A stored result's analyte name as a reader of `language` sees it (a name the table
        does not know is shown as it is)."""
        a = self.get(name)
        return a.shown_name(language) if a is not None else name

    def names(self) -> list[str]:
        return [a.name for a in self.analytes]


def parse_analytes(data: dict[str, Any], where: str,
                   known: Sequence[Analyte] = ()) -> list[Analyte]:
    """The `[[analyte]]` tables of one file, merged onto `known`; a malformed entry raises
    `AnalyteFileError` naming the file, the entry and the field."""
    errors: list[str] = []
    out = {a.name.casefold(): a for a in known}
    for key in sorted(set(data) - {"analyte"}):
        errors.append(f"{where}: unknown field '{key}' (allowed: analyte)")
    entries = data.get("analyte", [])
    if not isinstance(entries, list):
        errors.append(f"{where}: analyte: must be [[analyte]] tables")
        entries = []
    for number, raw in enumerate(entries, start=1):
        name = raw.get("name") if isinstance(raw, dict) else None
        label = f"{where}: analyte {number}" + (f" ({name})" if isinstance(name, str) else "")

        def err(msg: str, label: str = label) -> None:
            errors.append(f"{label}: {msg}")

        if not isinstance(raw, dict):
            err("must be a table")
            continue
        for key in sorted(set(raw) - _KEYS):
            err(f"unknown field '{key}' (allowed: {', '.join(sorted(_KEYS))})")
        if not isinstance(name, str) or not name.strip() or len(name) > 60:
            err("name: required text of at most 60 characters")
            continue
        earlier = out.get(name.strip().casefold())
        canonical = raw.get("canonical", earlier.canonical if earlier else None)
        if not isinstance(canonical, str) or not canonical.strip() or len(canonical) > 20:
            err("canonical: required unit of at most 20 characters, e.g. \"g/L\"")
            continue
        if earlier and unit_key(canonical) != unit_key(earlier.canonical):
            err(f"canonical: {name} is in {earlier.canonical} already; add other units "
                "under units instead")
            continue
        factors = dict(earlier.factors) if earlier else {canonical.strip(): 1.0}
        units = raw.get("units", {})
        if not isinstance(units, dict):
            err('units: must be a table of unit = factor, e.g. { "mg/dL" = 0.01 }')
            units = {}
        for unit, factor in units.items():
            if (not isinstance(factor, (int, float)) or isinstance(factor, bool)
                    or not factor > 0 or factor == float("inf")):
                err(f"units: '{unit}': the factor must be a number above 0")
            elif not unit.strip() or len(unit) > 20:
                err("units: a unit must be text of 1 to 20 characters")
            elif any(unit_key(u) == unit_key(unit) for u in factors):
                if unit_key(unit) != unit_key(canonical):
                    err(f"units: '{unit}' is listed twice")
                elif factor != 1:
                    err(f"units: '{unit}' is the canonical unit; its factor is 1")
            else:
                factors[unit.strip()] = float(factor)
        name_zh = raw.get("name_zh", earlier.name_zh if earlier else "")
        if not isinstance(name_zh, str) or len(name_zh) > 60 or any(
                not ch.isprintable() for ch in name_zh):
            err("name_zh: the Chinese name, text of at most 60 characters, e.g. \"血小板\"")
            name_zh = earlier.name_zh if earlier else ""
        aliases = raw.get("aliases", [])
        if not isinstance(aliases, list) or not all(
                isinstance(x, str) and x.strip() for x in aliases):
            err("aliases: must be a list of names")
            aliases = []
        merged = Analyte(
            earlier.name if earlier else name.strip(), canonical.strip(),
            tuple(factors.items()),
            tuple(dict.fromkeys((*(earlier.aliases if earlier else ()),
                                 *(x.strip() for x in aliases)))),
            name_zh.strip())
        out[merged.name.casefold()] = merged
    taken: dict[str, str] = {}
    for a in out.values():
        for n in (a.name, *a.aliases, *([a.name_zh] if a.name_zh else [])):
            key = " ".join(n.split()).casefold()
            if taken.setdefault(key, a.name) != a.name:
                errors.append(f"{where}: analyte {a.name}: name '{n}' is also {taken[key]}'s")
    if errors:
        raise AnalyteFileError(errors)
    return list(out.values())


def load_analytes(path: Path, known: Sequence[Analyte] = ()) -> list[Analyte]:
    import tomllib

    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise AnalyteFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise AnalyteFileError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise AnalyteFileError(f"{path}: is not valid TOML: {exc}") from None
    return parse_analytes(data, str(path), known)


@cache
def shipped_table() -> AnalyteTable:
    return AnalyteTable(load_analytes(SHIPPED_FILE))


def analyte_table(clinic_folder: Path | None = None) -> AnalyteTable:
    """The shipped analytes with the clinic's own file (`analytes.toml` beside the roster), if
    there is one; a malformed clinic file raises `AnalyteFileError` (file, entry, field)."""
    shipped = shipped_table()
    path = None if clinic_folder is None else clinic_folder / CLINIC_FILE_NAME
    if path is None or not path.exists():
        return shipped
    return AnalyteTable(load_analytes(path, shipped.analytes))


def __getattr__(name: str) -> Any:
    if name == "ANALYTES":  # the shipped table, read when first asked for
        return shipped_table().analytes
    raise AttributeError(name)


def analyte(name: str) -> Analyte | None:
    """The analyte called `name` (any case, or one of its aliases), or None if the table has
    no such analyte."""
    return shipped_table().get(name)


def canonical(a: Analyte, value: str, unit: str) -> float | None:
    """`value` (as given, in `unit`, an accepted unit of `a`) in the canonical unit; None if
    the value is not a number (a result typed as '<0.1' or 'see note' is kept as given)."""
    number = number_of(value)
    if number is None:
        return None
    return round(number * a.factor(unit), 9)


def number_of(value: str) -> float | None:
    """The number in a value as typed ('3,2' too); None if it is not one. A '<' or '>' is
    dropped: a flag reads '<0.1' as 0.1."""
    try:
        number = float(value.strip().lstrip("<>≤≥=").replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def unit_key(unit: str) -> str:
    """One spelling for the ways a unit is written: µ or u, 10^9/L, 10*9/L, x10^9/L, ×10⁹/L and
    G/L alike; /µL and cells/µL alike. Case counts only for G/L (giga) against g/L (grams)."""
    u = "".join(unit.split()).replace("µ", "u").replace("μ", "u")  # micro sign, Greek mu
    if u == "G/L":
        return "10^9/l"
    u = u.casefold().lstrip("×x*")
    u = re.sub(r"^10(\^|\*|\*\*|e)?(9|⁹)", "10^9", u)
    if u.startswith("/"):
        u = "cells" + u
    return u


def accepted_unit(name: str, unit: str, table: AnalyteTable | None = None) -> str:
    """The table's spelling of `unit` for the analyte `name`; ValueError ("lab NAME unit: ...")
    naming the accepted units if the table lists the analyte and not that unit. An analyte not
    in the table keeps its unit as given."""
    a = (table or shipped_table()).get(name)
    if a is None:
        return unit.strip()
    spelled = a.unit(unit)
    if spelled is None:
        accepted = " or ".join(a.units)
        given = f"{unit.strip()!r} is not" if unit.strip() else "no unit given; it must be"
        raise ValueError(f"lab {name} unit: {given} a unit for {a.name}; use {accepted}")
    return spelled
