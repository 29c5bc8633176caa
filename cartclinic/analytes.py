"""The lab analytes the clinic records, each with one canonical unit and the other units accepted
with their factor to it: the one table every screen, import and check reads. A result in a unit
not listed for its analyte is refused, naming the accepted units."""

from __future__ import annotations

import re
from dataclasses import dataclass

GIGA_PER_L = "×10⁹/L"
CELLS_PER_UL = "cells/µL"


@dataclass(frozen=True)
class Analyte:
    name: str
    canonical: str
    # every accepted unit, the canonical one first, with its factor to the canonical unit
    factors: tuple[tuple[str, float], ...]
    aliases: tuple[str, ...] = ()

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


def _analyte(name: str, canonical: str, other: str, factor: float, *aliases: str) -> Analyte:
    return Analyte(name, canonical, ((canonical, 1.0), (other, factor)), aliases)


ANALYTES: tuple[Analyte, ...] = (
    _analyte("IgG", "g/L", "mg/dL", 0.01, "immunoglobulin G"),
    _analyte("CD4", CELLS_PER_UL, GIGA_PER_L, 1000),
    _analyte("CD19 B cells", CELLS_PER_UL, GIGA_PER_L, 1000, "CD19", "CD19+ B cells"),
    _analyte("ANC", GIGA_PER_L, CELLS_PER_UL, 0.001, "neutrophils"),
    _analyte("Lymphocytes", GIGA_PER_L, CELLS_PER_UL, 0.001),
    _analyte("Platelets", GIGA_PER_L, CELLS_PER_UL, 0.001, "PLT"),
    _analyte("Haemoglobin", "g/L", "g/dL", 10, "Hb"),
    _analyte("Ferritin", "µg/L", "ng/mL", 1),
    _analyte("CRP", "mg/L", "mg/dL", 10),
)

_BY_NAME = {n.casefold(): a for a in ANALYTES for n in (a.name, *a.aliases)}


def analyte(name: str) -> Analyte | None:
    """The analyte called `name` (any case, or one of its aliases), or None if the table has
    no such analyte."""
    return _BY_NAME.get(" ".join(name.split()).casefold())


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


def accepted_unit(name: str, unit: str) -> str:
    """The table's spelling of `unit` for the analyte `name`; ValueError ("lab NAME unit: ...")
    naming the accepted units if the table lists the analyte and not that unit. An analyte not
    in the table keeps its unit as given."""
    a = analyte(name)
    if a is None:
        return unit.strip()
    spelled = a.unit(unit)
    if spelled is None:
        accepted = " or ".join(a.units)
        given = f"{unit.strip()!r} is not" if unit.strip() else "no unit given; it must be"
        raise ValueError(f"lab {name} unit: {given} a unit for {a.name}; use {accepted}")
    return spelled
