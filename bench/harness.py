"""Timing helpers shared by the benchmarks: repeated runs, medians, one report for `make bench`."""

from __future__ import annotations

import gc
import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Measurement:
    """One benchmark figure: what was measured, the median and spread of its runs, and its target."""

    benchmark: str
    name: str
    unit: str
    median: float
    best: float
    worst: float
    runs: int
    target: float | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def single(
        cls, benchmark: str, name: str, unit: str, value: float, *, target: float | None = None, **details: Any
    ) -> Measurement:
        """A figure measured once (a count, a rate, a percentile over a whole run) rather than timed over runs."""
        return cls(benchmark, name, unit, value, value, value, 1, target, details)

    @property
    def meets_target(self) -> bool | None:
        """Whether the median is under the target (None without a target)."""
        return None if self.target is None else self.median < self.target


def time_runs(function: Callable[[], Any], runs: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of `runs` calls after `warmup` untimed calls.

    Garbage left by the previous call is collected before each timed call, and what a call returns
    is freed after the clock stops, so each run measures one call and not the clean-up of another.
    """
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
        del result  # freeing what the call returned is not part of the call
    return timings


def measure_ms(
    benchmark: str, name: str, function: Callable[[], Any], *, runs: int, target_ms: float | None = None, **details: Any
) -> Measurement:
    """Time a function and summarise it in milliseconds."""
    timings = [seconds * 1000 for seconds in time_runs(function, runs)]
    return Measurement(
        benchmark, name, "ms", statistics.median(timings), min(timings), max(timings), runs, target_ms, details
    )


def write_report(measurements: list[Measurement], folder: Path) -> tuple[Path, Path]:
    """Write the report as JSON and markdown; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine(), "processor": platform.processor()}
    records = [asdict(measurement) | {"meets_target": measurement.meets_target} for measurement in measurements]
    json_path = folder / "report.json"
    json_path.write_text(json.dumps({"machine": machine, "measurements": records}, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# Dabble benchmarks",
        "",
        f"Python {machine['python']} on {machine['machine']}.",
        "",
        "| benchmark | measurement | median | best | worst | runs | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for item in measurements:
        target = "" if item.target is None else f"< {item.target:g} {item.unit}"
        met = {None: "", True: "yes", False: "**no**"}[item.meets_target]
        lines.append(
            f"| {item.benchmark} | {item.name} | {_number(item.median)} {item.unit} | {_number(item.best)} | "
            f"{_number(item.worst)} | {item.runs} | {target} | {met} |"
        )
    markdown_path = folder / "report.md"
    markdown_path.write_text("\n".join(lines) + "\n")
    return json_path, markdown_path


def _number(value: float) -> str:
    """A figure for the table: whole numbers (counts) without decimals, others to one decimal."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
