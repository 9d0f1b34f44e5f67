"""Seeded instances kept under build/bench between runs: seeding a million deals takes minutes, reading it not."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from bench.dashboards import seeding
from bench.dashboards.definition import DEFINITION

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bench" / "instances"
# What a seeded instance depends on: when any of these change, it is seeded again.
SOURCES = ("bench/dashboards/seeding.py", "runtime/storage/tables.py", "runtime/storage/codecs.py")


def seeded(deals: int, *, listeners: int = 0) -> seeding.Instance:
    """An instance with `deals` deals (and `listeners`, see seeding.seed), from the cache when one is up to date."""
    digest = hashlib.sha256(json.dumps([DEFINITION, deals, listeners], sort_keys=True).encode())
    for source in SOURCES:
        digest.update((ROOT / source).read_bytes())
    folder = CACHE / f"deals-{deals}-{listeners}-{digest.hexdigest()[:12]}"
    manifest = folder / "instance.json"
    if manifest.exists():
        return seeding.Instance(**(json.loads(manifest.read_text()) | {"folder": folder}))
    shutil.rmtree(folder, ignore_errors=True)
    for stale in CACHE.glob(f"deals-{deals}-{listeners}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    instance = seeding.seed(folder, deals, listeners=listeners)
    fields = {
        "director": instance.director,
        "managers": list(instance.managers),
        "reps": list(instance.reps),
        "tokens": instance.tokens,
        "viewers": list(instance.viewers),
        "writer": instance.writer,
    }
    manifest.write_text(json.dumps(fields))
    return instance
