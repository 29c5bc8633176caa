"""Timing helpers: a figure and its floor measured in the same run, interleaved, median of at
least five runs after a warm-up, so a busy machine slows both alike."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

RUNS = 5  # the least any figure is measured; figures of a few milliseconds take QUICK_RUNS
# A figure of a few milliseconds is cheap to repeat, and one busy moment of this shared machine
# moves the median of five by a fifth: these take the median of more.
QUICK_RUNS = 15


@dataclass
class Figure:
    name: str
    value: float  # seconds, or MiB for memory
    floor: float | None
    budget: str
    ok: bool | None  # None: reported beside the others, without a budget
    unit: str = "ms"

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    def row(self) -> dict[str, object]:
        scale = 1000.0 if self.unit == "ms" else 1.0
        return {
            "figure": self.name,
            "value": round(self.value * scale, 2),
            "floor": None if self.floor is None else round(self.floor * scale, 2),
            "ratio": None if self.ratio is None else round(self.ratio, 2),
            "budget": self.budget,
            "ok": self.ok,
            "unit": self.unit,
        }


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(
    figure: Callable[[], object], floor: Callable[[], object] | None, runs: int = RUNS,
    warmup: int = 1,
) -> tuple[float, float | None]:
    """Medians of figure and floor, run alternately after `warmup` runs of each."""
    for _ in range(warmup):
        figure()
        if floor:
            floor()
    fig, flo = [], []
    for _ in range(runs):
        fig.append(timed(figure))
        if floor:
            flo.append(timed(floor))
    return statistics.median(fig), (statistics.median(flo) if floor else None)
