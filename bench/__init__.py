"""Benchmarks: `make bench` runs them all and writes one report (build/bench/report.md and .json)."""
