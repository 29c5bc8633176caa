"""The product table: each CAR-T product's target and, per jurisdiction, the days after day 0 a
patient stays near the centre, does not drive and is monitored daily (CLINICAL.md). The table
ships in `resources/products.toml`; a clinic edits a row or adds one in `products.toml` beside
its roster. The treatment's product picks the row; a product the table does not know gets no
countdown, and the flag says so (never a silent default)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cartclinic.errors import InputRefused
from cartclinic.shipped import shipped_path

JURISDICTIONS = ("US", "UK", "EU")
PERIODS = ("near_centre_days", "no_driving_days", "daily_monitoring_days")


@dataclass(frozen=True)
class Periods:
    near_centre_days: int | None = None
    no_driving_days: int | None = None
    daily_monitoring_days: int | None = None


@dataclass(frozen=True)
class Product:
    name: str
    target: str
    aliases: tuple[str, ...] = ()
    periods: tuple[tuple[str, Periods], ...] = ()  # (jurisdiction, its periods)

    def for_jurisdiction(self, jurisdiction: str) -> Periods | None:
        return dict(self.periods).get(jurisdiction)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w-]+", text.casefold())) + " "


class ProductTable:
    def __init__(self, products: list[Product]) -> None:
        self.products = tuple(products)

    def find(self, product_text: str) -> Product | None:
        """The row whose name or alias is the product text, or a whole word run of it
        ("tisagenlecleucel (Kymriah)"), case-insensitive; None if no row or several match."""
        text = _words(product_text)
        if not text.strip():
            return None
        hits = {p.name: p for p in self.products
                for n in p.names if _words(n) != "  " and _words(n) in text}
        return next(iter(hits.values())) if len(hits) == 1 else None


def default_products_file() -> Path:
    return shipped_path("products.toml")


def clinic_products_file(db_path: Path) -> Path:
    """The clinic's own rows live beside the roster, as its protocols do."""
    return db_path.parent / "products.toml"


def parse_products(data: dict[str, Any], where: str) -> list[Product]:
    """The rows of one file; every problem is named (file, row, field) and nothing is taken."""
    problems: list[str] = []
    rows = data.get("product")
    unknown = sorted(set(data) - {"product"})
    if unknown:
        problems.append(f"{where}: {', '.join(unknown)}: unknown table (only [[product]])")
    if not isinstance(rows, list) or not rows:
        problems.append(f"{where}: product: no [[product]] rows")
        raise InputRefused(problems)
    products: list[Product] = []
    for i, row in enumerate(rows, 1):
        at = f"{where}: product {i}"
        if not isinstance(row, dict):
            problems.append(f"{at}: not a table")
            continue
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{at}: name: missing (the product's name, e.g. \"Kymriah\")")
            continue
        at = f"{where}: product '{name}'"
        target = row.get("target")
        if not isinstance(target, str) or not target.strip():
            problems.append(f"{at}: target: missing (e.g. \"CD19\" or \"BCMA\")")
        aliases = row.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{at}: aliases: a list of names, e.g. [\"tisagenlecleucel\"]")
            aliases = []
        extra = sorted(set(row) - {"name", "target", "aliases", *JURISDICTIONS})
        if extra:
            problems.append(f"{at}: {', '.join(extra)}: unknown field (jurisdictions: "
                            f"{', '.join(JURISDICTIONS)})")
        periods: list[tuple[str, Periods]] = []
        for j in JURISDICTIONS:
            if j not in row:
                continue
            days = row[j]
            if not isinstance(days, dict):
                problems.append(f"{at}: {j}: a table of {', '.join(PERIODS)}")
                continue
            for key in sorted(set(days) - set(PERIODS)):
                problems.append(f"{at}: {j}.{key}: unknown field (known: {', '.join(PERIODS)})")
            values: dict[str, int] = {}
            for key in PERIODS:
                if key not in days:
                    continue
                v = days[key]
                if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 3650:
                    problems.append(f"{at}: {j}.{key}: {v!r} is not a whole number of days "
                                    "from 0 to 3650")
                    continue
                values[key] = v
            periods.append((j, Periods(**values)))
        products.append(Product(name.strip(), str(target or "").strip(),
                                tuple(a.strip() for a in aliases), tuple(periods)))
    if problems:
        raise InputRefused(problems)
    return products


def load_products_file(path: Path) -> list[Product]:
    import tomllib

    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputRefused(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputRefused(f"{path}: not valid TOML ({exc})") from None
    return parse_products(data, str(path))


def load_products(clinic_file: Path | None = None) -> ProductTable:
    """The shipped table, with the clinic's rows over it. A clinic row with a shipped row's
    name edits it: its target and the jurisdictions it gives win, the shipped aliases and
    other jurisdictions stay. A clinic file that breaks the format is refused whole, naming
    file, row and field."""
    rows = {p.name.casefold(): p for p in load_products_file(default_products_file())}
    if clinic_file is not None and clinic_file.is_file():
        for p in load_products_file(clinic_file):
            shipped = rows.get(p.name.casefold())
            if shipped is not None:
                aliases = shipped.aliases + tuple(a for a in p.aliases if a not in shipped.aliases)
                periods = {**dict(shipped.periods), **dict(p.periods)}
                p = Product(p.name, p.target, aliases, tuple(periods.items()))
            rows[p.name.casefold()] = p
    return ProductTable(list(rows.values()))
