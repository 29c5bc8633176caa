"""Draw the program's structure from its own imports: docs/structure.svg.

    python scripts/structure.py [--out docs/structure.svg] [--check]

Every module of `cartclinic/` and `ui/` is read (its `import` statements, those inside functions
included) and put in a layer: the application (ui/), the command line, the core, the store's
port (cartclinic/store/*.py), and the two backends (cartclinic/store/sqlite/, .../postgres/).
The picture draws one box per layer and one arrow per pair of layers with imports between them,
labelled with how many. An arrow that breaks the layering (anything above the port reaching a
backend, the core reaching the application) is drawn red and makes `--check` fail; the port
reaching a backend is allowed only in `cartclinic/store/__init__.py`, which picks one. So the
picture is not drawn by hand: it is what the code imports, now. `tests/test_structure_picture.py`
holds the committed picture to the code.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

UI, CLI, CORE, PORT, SQLITE, POSTGRES = (
    "application", "command line", "core", "store port", "SQLite backend", "PostgreSQL backend")
# what each layer is, said under its name
WHAT = {
    UI: "ui/ (cartclinic_ui): windows, dialogs, Qt models",
    CLI: "cartclinic/cli*.py: cartclinic-admin",
    CORE: "cartclinic/: rules, schedules, documents",
    PORT: "cartclinic/store/*.py: open_store, RosterStore, Maintenance",
    SQLITE: "cartclinic/store/sqlite/: the file, its seal, backups",
    POSTGRES: "cartclinic/store/postgres/: the shared server",
}
# where each box is drawn: (column, row)
PLACE = {UI: (0, 0), CLI: (1, 0), CORE: (0.5, 1), PORT: (0.5, 2), SQLITE: (0, 3), POSTGRES: (1, 3)}
ABOVE_THE_PORT = {UI, CLI, CORE}
BACKENDS = {SQLITE, POSTGRES}
# the one module of the port that names its backends: it picks one from the location
PICKER = "cartclinic.store"


def layer_of(module: str) -> str | None:
    if module == "cartclinic_ui" or module.startswith("cartclinic_ui."):
        return UI
    if module.startswith("cartclinic.store.sqlite"):
        return SQLITE
    if module.startswith("cartclinic.store.postgres"):
        return POSTGRES
    if module == "cartclinic.store" or module.startswith("cartclinic.store."):
        return PORT
    if module.startswith("cartclinic.cli") or module == "cartclinic.__main__":
        return CLI
    if module == "cartclinic" or module.startswith("cartclinic."):
        return CORE
    return None  # the standard library and third-party packages


def modules() -> dict[str, Path]:
    """Every module of the program by its import name."""
    found: dict[str, Path] = {}
    for top, package in ((ROOT / "cartclinic", "cartclinic"), (ROOT / "ui", "cartclinic_ui")):
        for path in sorted(top.rglob("*.py")):
            parts = list(path.relative_to(top).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The program's modules `path` imports (a relative import resolved against `name`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)  # `from pkg import module`
    return out


def edges() -> tuple[Counter[tuple[str, str]], list[str], set[tuple[str, str]]]:
    """(imports between layers counted by pair, the imports that break the layering, and
    their pairs of layers)."""
    known = modules()
    counted: Counter[tuple[str, str]] = Counter()
    broken: list[str] = []
    pairs: set[tuple[str, str]] = set()
    for name, path in known.items():
        source = layer_of(name)
        targets = {t for t in imports_of(name, path) if t in known}
        for target in sorted(targets):
            dest = layer_of(target)
            if source is None or dest is None or dest == source:
                continue
            counted[(source, dest)] += 1
            if breaks(source, dest, name):
                broken.append(f"{path.relative_to(ROOT)} imports {target} ({source} -> {dest})")
                pairs.add((source, dest))
    return counted, broken, pairs


def breaks(source: str, dest: str, module: str) -> bool:
    if source in ABOVE_THE_PORT and dest in BACKENDS:
        return True
    if source != UI and dest == UI:
        return True
    if source == PORT and dest in BACKENDS:
        return module != PICKER
    return source in BACKENDS | {PORT} and dest in ABOVE_THE_PORT - {CORE}


BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN, SIDE = 380, 70, 120, 80, 30, 190


def _box(layer: str) -> tuple[float, float]:
    col, row = PLACE[layer]
    return SIDE + col * (BOX_W + GAP_X), MARGIN + row * (BOX_H + GAP_Y)


def _label(x: float, y: float, text: str, colour: str) -> str:
    width = 7 * len(text) + 8
    return (f'<rect x="{x - width / 2:.0f}" y="{y - 12:.0f}" width="{width}" height="17" '
            f'fill="white" opacity="0.9"/><text x="{x:.0f}" y="{y + 1:.0f}" font-size="12" '
            f'text-anchor="middle" fill="{colour}">{escape(text)}</text>')


def svg(counted: Counter[tuple[str, str]], broken_pairs: set[tuple[str, str]]) -> str:
    width = SIDE * 2 + 2 * BOX_W + GAP_X

    def inside(x: float, text: str) -> float:  # a label's centre, kept on the picture
        half = (7 * len(text) + 8) / 2
        return min(max(x, half + 4), width - half - 4)

    height = MARGIN * 2 + 4 * BOX_H + 3 * GAP_Y + 50
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif">',
           '<defs>' + "".join(
               f'<marker id="{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
               f'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
               '</marker>' for name, colour in (("down", "#37474f"), ("up", "#9e9e9e"),
                                                ("debt", "#c77700"), ("bad", "#c62828")))
           + '</defs>',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    labels = []
    for (source, dest), n in sorted(counted.items()):
        sx, sy = _box(source)
        dx, dy = _box(dest)
        scx, dcx = sx + BOX_W / 2, dx + BOX_W / 2
        if (source, dest) in broken_pairs:
            colour, marker, why = "#c62828", "bad", f"{n}: breaks the layering"
        elif source == POSTGRES and dest == SQLITE:
            colour, marker, why = "#c77700", "debt", f"{n}: reuses the SQLite backend's SQL"
        elif source == PORT and dest in BACKENDS:
            colour, marker, why = "#37474f", "down", f"{n}: open_store picks one"
        elif sy < dy:
            colour, marker, why = "#37474f", "down", str(n)
        else:
            colour, marker, why = "#9e9e9e", "up", (
                f"{n}: model, errors, dates" if dest == CORE else f"{n}: the port's interface")
        if sy < dy and dy - sy > BOX_H + GAP_Y:  # down past a row: round the box between
            cx, cy = _box(CORE)
            left = scx < dcx
            x1, y1 = scx + (-BOX_W / 2 + 40 if left else BOX_W / 2 - 40), sy + BOX_H
            xm = cx - 40 if left else cx + BOX_W + 40
            x2, y2 = dcx + (-BOX_W / 2 + 40 if left else BOX_W / 2 - 40), dy
            out.append(f'<polyline points="{x1:.0f},{y1:.0f} {xm:.0f},{cy + BOX_H / 2:.0f} '
                       f'{x2:.0f},{y2:.0f}" fill="none" stroke="{colour}" stroke-width="2" '
                       f'marker-end="url(#{marker})"/>')
            labels.append(_label(xm, cy + BOX_H / 2 + 4, why, colour))
        elif sy < dy:  # down: from the source's bottom to the destination's top
            x1, y1 = scx + (dcx - scx) * 0.3, sy + BOX_H
            x2, y2 = dcx + (scx - dcx) * 0.3, dy
            out.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                       f'stroke="{colour}" stroke-width="2" marker-end="url(#{marker})"/>')
            labels.append(_label((x1 + x2) / 2, (y1 + y2) / 2 + 4, why, colour))
        elif sy == dy:  # side by side
            x1, x2 = (sx + BOX_W, dx) if sx < dx else (sx, dx + BOX_W)
            y = sy + BOX_H / 2
            out.append(f'<line x1="{x1:.0f}" y1="{y:.0f}" x2="{x2:.0f}" y2="{y:.0f}" '
                       f'stroke="{colour}" stroke-width="2" marker-end="url(#{marker})"/>')
            labels.append(_label((x1 + x2) / 2, y - 10, str(n), colour))
            labels.append(_label((x1 + x2) / 2, y + 50, "the PostgreSQL backend reuses the "
                                 "SQLite backend's SQL (a debt: docs/architecture.md)", colour))
        else:  # up, the way the core's own types come back: dashed, round the outside
            left = scx <= dcx if scx != dcx else source == SQLITE
            x1 = sx if left else sx + BOX_W
            x2 = dx if left else dx + BOX_W
            y1, y2 = sy + BOX_H / 2, dy + BOX_H / 2 + (8 if source in BACKENDS else -8)
            bend = (min(x1, x2) - (60 if dest == PORT else 120)) if left else (
                max(x1, x2) + (60 if dest == PORT else 120))
            out.append(f'<path d="M{x1:.0f},{y1:.0f} C{bend:.0f},{y1:.0f} {bend:.0f},{y2:.0f} '
                       f'{x2:.0f},{y2:.0f}" fill="none" stroke="{colour}" stroke-width="1.5" '
                       f'stroke-dasharray="5,4" marker-end="url(#{marker})"/>')
            labels.append(_label(inside(bend, why), (y1 + y2) / 2 + (
                20 if dest == PORT else -20), why, colour))
    for layer in PLACE:
        x, y = _box(layer)
        fill = "#e3f2fd" if layer in BACKENDS else "#fff8e1" if layer == PORT else "#f1f8e9"
        out.append(f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8" '
                   f'fill="{fill}" stroke="#37474f" stroke-width="1.5"/>')
        out.append(f'<text x="{x + 12}" y="{y + 28}" font-size="16" font-weight="bold">'
                   f'{escape(layer)}</text>')
        out.append(f'<text x="{x + 12}" y="{y + 52}" font-size="12">{escape(WHAT[layer])}</text>')
    out += labels
    out.append(f'<text x="{SIDE}" y="{height - 30}" font-size="12" fill="#555">Drawn by '
               'scripts/structure.py from the imports of every module: an arrow is "imports", '
               'its number how many</text>')
    out.append(f'<text x="{SIDE}" y="{height - 14}" font-size="12" fill="#555">modules; dashed: '
               "the core's own types (model, errors, dates) used below it. Red would be an "
               'import that breaks the layering.</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "structure.svg")
    p.add_argument("--check", action="store_true",
                   help="exit 1 when an import breaks the layering or the picture is not current")
    args = p.parse_args(argv)
    counted, broken, pairs = edges()
    picture = svg(counted, pairs)
    for line in broken:
        print(line, file=sys.stderr)
    if args.check:
        current = args.out.exists() and args.out.read_text(encoding="utf-8") == picture
        if not current:
            print(f"{args.out} is not current: run python scripts/structure.py", file=sys.stderr)
        return 0 if current and not broken else 1
    args.out.write_text(picture, encoding="utf-8")
    print(args.out)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
