"""Two app sessions and an offline copy editing the same features at once
(benchmarks/bench_team_sync.py at a small size; 10,000 pairs is the benchmark's): every race is
recorded once as a conflict and no edit is lost; written without versions, the same checks count
the losses (they can fail)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_team_sync
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return bench_team_sync


def test_two_sessions_and_a_copy_lose_nothing_and_record_every_conflict(bench, pg_cluster, tmp_path):
    result = bench.run_sync_pairs(pg_cluster.create_database(), 160, 3, str(tmp_path))
    assert result["silently_lost"] == 0, result["loss_examples"]
    assert result["conflicts_recorded"] == result["conflicts_expected"] > 0
    assert result["unexpected_conflicts"] == 0
    for op in bench.SESSION_PAIRS:  # every kind of race between the sessions happened, each caught once
        row = result["by_pair_type"]["sessions"][op]
        assert row["pairs"] > 0 and row["conflicts_recorded"] == row["pairs"], op
    refused_by = {k for s in result["sessions"].values() for k in s["refused_by"]}
    assert "database_trigger" in refused_by  # the stale-version refusal at the database took part


def test_edits_written_without_versions_are_counted_as_lost(bench, pg_cluster, tmp_path):
    result = bench.run_sync_pairs(pg_cluster.create_database(), 160, 3, str(tmp_path), writes="last-wins")
    assert result["silently_lost"] > 0
    assert result["conflicts_recorded"] < result["conflicts_expected"]
