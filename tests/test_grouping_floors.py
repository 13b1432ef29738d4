"""Floors on grouping and relevance (bench/grouping.py, from the cached records in
tests/golden/grouping-records.jsonl.gz): pairwise F1 against gold conflicts, relevant
reports in a process, unrelated ones in none, processes named by their belligerents, and
the same partition whatever the order. Floors are the measured value less 0.02 and may
only go up (tests/grouping_floors.json)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "grouping_floors.json").read_text(encoding="utf-8"))

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (SHARED / "bulk" / "whitehouse-briefing-room.jsonl.gz").is_file() or not (SHARED / "corpus").is_dir(),
    reason="needs ../shared (corpus and bulk); set DETENTE_SHARED")]


@pytest.fixture(scope="module")
def figures():
    spec = importlib.util.spec_from_file_location("bench_grouping", ROOT / "bench" / "grouping.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.measure(shuffle=1)


@pytest.mark.parametrize("name, figure", [(n, f) for n, fs in sorted(FLOORS["floors"].items()) for f in sorted(fs)])
def test_figure_above_floor(figures, name, figure):
    value = figures[name][figure]
    assert value is not None and value >= FLOORS["floors"][name][figure], \
        f"{name} {figure} = {value}, below {FLOORS['floors'][name][figure]}"


@pytest.mark.parametrize("name", sorted(FLOORS["floors"]))
def test_same_partition_in_shuffled_orders(figures, name):
    assert figures[name]["same_partition_shuffled"]


def test_about_as_many_processes_as_conflicts(figures):
    scenario = figures["scenario"]
    assert scenario["process_count"] <= FLOORS["scenario_max_processes"], \
        f"{scenario['process_count']} processes for {scenario['conflicts']} conflicts"
