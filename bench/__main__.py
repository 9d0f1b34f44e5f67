"""Run every benchmark (bench/bench_*.py) and write build/bench/report.md and report.json."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from bench.harness import write_report

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the benchmarks named on the command line, or all of them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmark modules to run (default: all bench_*.py)")
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    arguments = parser.parse_args()
    names = arguments.names or sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
    measurements = []
    for name in names:
        module = importlib.import_module(f"bench.{name if name.startswith('bench_') else 'bench_' + name}")
        print(f"running {module.__name__} …", flush=True)
        measurements += module.run(quick=arguments.quick)
    json_path, markdown_path = write_report(measurements, arguments.out)
    print(markdown_path.read_text())
    print(f"written: {markdown_path} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
