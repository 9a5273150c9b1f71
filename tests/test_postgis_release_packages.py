"""The hub's packages, checked from the outside (benchmarks/release_checker.py, small): each
partner's package, decrypted with its own key and verified with the hub's card, holds exactly
what ``may_receive`` allows it of the database's rows, generalised rows only on their grid; and
the checker does see a row released outside the rules when there is one."""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def checker():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import release_checker
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return release_checker


@pytest.fixture(scope="module")
def exported(checker, pg_cluster, tmp_path_factory):
    """A hub of 300 needs, 3 partners, one package each (made once: the tests put back what they change)."""
    from humanops.sharing import keys

    folder = tmp_path_factory.mktemp("release-packages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "SCRYPT_N", 2**10)
        dsn = pg_cluster.create_database()
        parties = checker.make_parties(folder, 3, seed=5)
        hub = checker.make_hub(dsn, folder, parties, 300, seed=5)
        packages = checker.export_to_each(dsn, hub, parties, folder)
    return dsn, hub, parties, packages


def test_every_package_holds_what_the_rules_allow_and_nothing_else(checker, exported):
    dsn, hub, parties, packages = exported
    result = checker.check_packages(dsn, hub, parties, packages)
    assert result["rows"] == 300
    assert result["released_outside_rules"] == 0
    assert result["generalised_outside_rules"] == 0
    assert result["withheld_though_allowed"] == 0
    assert result["exact_sent"] > 0 and result["generalised_sent"] > 0
    assert all(p["exact_sent"] < 300 for p in result["per_partner"].values())  # something withheld from each


def test_the_checker_counts_a_row_sent_outside_the_rules(checker, exported):
    dsn, hub, parties, packages = exported
    layers, _ = checker.read_package(packages["org00"], parties[0], hub.card)
    frame = layers["need"].frame
    sent = frame[frame["_generalised"].isna() & (frame["tlp"] == "CLEAR")]["uuid"].tolist()
    assert len(sent) >= 2
    with psycopg.connect(dsn, autocommit=True) as connection:
        kept = connection.execute("SELECT uuid, tlp, releasable_to, precision FROM need WHERE uuid = ANY(%s)",
                                  (sent[:2],)).fetchall()
        # as if the hub had sent them before these markings: one now RED for another, one protection data
        connection.execute("UPDATE need SET tlp = 'RED', releasable_to = 'org01' WHERE uuid = %s", (sent[0],))
        connection.execute("UPDATE need SET precision = 'grid:5000' WHERE uuid = %s", (sent[1],))
        try:
            result = checker.check_packages(dsn, hub, parties, packages)["per_partner"]["org00"]
        finally:
            connection.cursor().executemany(
                "UPDATE need SET tlp = %s, releasable_to = %s, precision = %s WHERE uuid = %s",
                [(t, r, p, u) for u, t, r, p in kept])
    assert result["released_outside_rules"] == 2
    assert result["generalised_outside_rules"] == 1
