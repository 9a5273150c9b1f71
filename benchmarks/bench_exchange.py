"""Exchange benchmark: export (signed + encrypted) and import of N need points with markings,
beside writing and reading the same features as a plain GeoPackage with pyogrio; the cost of
the originators' signatures (content hashes, one statement) apart; and a relay A -> B -> C.

    .venv/bin/python benchmarks/bench_exchange.py --features 100000

Prints one JSON document:

* times, sizes, peak memory (ru_maxrss), and the ratio of (export + import) to
  (GeoPackage write + read) measured in the same run, the target being at most 1.5;
* ``authority_in_run``: the time spent in the authority functions *inside* the export and the
  import above (timed by wrapping them; nested: ``verify_statements`` includes parse + verify,
  ``check_signatures`` includes the import's hashing);
* ``authority``: the same work timed on its own (median of ``--repeat``): content hashes of all
  N features (on the very frame export hashes), signing one statement over N hashes, parsing +
  verifying it; and, for reference, N individual Ed25519 signatures and verifications
  (``cryptography``), measured on a sample of ``--sample`` and extrapolated to N;
* ``relay``: A exports N features to B, B imports, B exports them on to C (forwarding A's
  statement, signing nothing of its own), C imports; B's export and C's import timed.
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


def peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / 1024 / (1024 if sys.platform == "darwin" else 1), 1)


def make_needs(n: int, seed: int = 7) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon = 36.0 + rng.random(n) * 2.0
    lat = 33.0 + rng.random(n) * 2.0
    tlp = rng.choice(np.array(["CLEAR", "GREEN", "AMBER", "AMBER", "AMBER"], dtype=object), n)
    releasable = np.where(rng.random(n) < 0.3, "medaid", None).astype(object)
    return gpd.GeoDataFrame({
        "name": [f"site {i}" for i in range(n)],
        "admin_code": [f"SY{i % 400:04d}" for i in range(n)],
        "population": rng.integers(10, 5000, n),
        "households": rng.integers(2, 1000, n),
        "severity_phase": rng.integers(1, 6, n),
        "pin_food": rng.integers(0, 3000, n),
        "pin_water": rng.integers(0, 3000, n),
        "assessed": pd.to_datetime("2026-01-01") + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
        "notes": ["assessed by mobile team"] * n,
        "tlp": tlp,
        "releasable_to": releasable,
    }, geometry=shapely.points(lon, lat), crs=4326)


class Probe:
    """Wraps module-level functions for the duration of a ``with``: total time and calls per
    label; with ``capture``, keeps the arguments and result of the call with the most rows."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.captured: dict[str, tuple[tuple, Any]] = {}
        self._patched: list[tuple[Any, str, Any]] = []

    def wrap(self, module: Any, name: str, label: str | None = None, *, capture: bool = False) -> None:
        original = getattr(module, name, None)
        if original is None:  # renamed by the engine: report it missing rather than crash
            self.seconds.setdefault(label or name, float("nan"))
            return
        label = label or name

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                result = original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - t
                self.calls[label] = self.calls.get(label, 0) + 1
            if capture:
                rows = max((len(a) for a in args if isinstance(a, pd.DataFrame)), default=0)
                if label not in self.captured or rows > self.captured[label][2]:
                    self.captured[label] = (args, result, rows)
            return result

        setattr(module, name, timed)
        self._patched.append((module, name, original))

    def __enter__(self) -> Probe:
        return self

    def __exit__(self, *exc: Any) -> None:
        for module, name, original in reversed(self._patched):
            setattr(module, name, original)
        self._patched.clear()

    def report(self) -> dict[str, Any]:
        return {k: {"s": None if v != v else round(v, 4), "calls": self.calls.get(k, 0)}
                for k, v in self.seconds.items()}


def export_probe(capture: bool = False) -> Probe:
    from humanops.sharing import exchange_export, signed_rows

    p = Probe()
    p.wrap(exchange_export, "signed_view", "signed_view (partner rows: re-hash vs their signed record)")
    p.wrap(signed_rows, "content_hashes", "signed_rows.content_hashes (held partner versions)")
    p.wrap(exchange_export, "_statements", "_statements (hash ours + sign + load forwarded)")
    p.wrap(exchange_export, "content_hashes", "export content_hashes (our versions)", capture=capture)
    p.wrap(exchange_export, "sign_statement", "sign_statement", capture=capture)
    p.wrap(exchange_export, "load_statements", "load_statements (forwarded)")
    return p


def import_probe() -> Probe:
    from humanops.sharing import exchange_import, import_authority, import_merge

    p = Probe()
    p.wrap(exchange_import, "verify_statements", "verify_statements (parse + verify all)")
    p.wrap(import_authority, "parse_statement", "parse_statement")
    p.wrap(import_authority, "verify_statement", "verify_statement")
    p.wrap(exchange_import, "check_signatures", "check_signatures (hash + look up)")
    p.wrap(import_authority, "content_hashes", "import content_hashes")
    p.wrap(exchange_import, "check_authority", "check_authority")
    p.wrap(exchange_import, "apply_restrictions", "apply_restrictions")
    p.wrap(exchange_import, "store_statements", "store_statements")
    p.wrap(import_merge, "record_authority", "record_authority (rows for record_signed, proposals, restrictions)")
    p.wrap(import_merge, "record_signed", "record_signed (INSERT only)")
    return p


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def quarantine_summary(result: Any) -> dict[str, Any]:
    total = result.totals().get("quarantined", 0)
    if not total:
        return {"total": 0}
    codes = Counter(q.get("reason_code") for q in result.quarantined)
    first = result.quarantined[0]
    return {"total": total, "reason_codes_of_reported": dict(codes), "reported": len(result.quarantined),
            "first_reason": first.get("reason")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000,
                        help="individual Ed25519 signatures measured, then extrapolated to --features")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each stand-alone authority timing (median)")
    args = parser.parse_args()

    import pyogrio
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from humanops.model.clock import workspace_now
    from humanops.sharing import cards, keys
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package
    from humanops.sharing.originator_signatures import (
        VERSION_DOMAIN,
        content_hashes,
        parse_statement,
        sign_statement,
        verify_statement,
    )
    from humanops.store.workspace import Workspace

    n = args.features
    out: dict = {"features": n}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        frame = make_needs(n)
        sender = Workspace.create(d / "ocha.gpkg", organisation="ocha")
        receiver = Workspace.create(d / "medaid.gpkg", organisation="medaid")
        third = Workspace.create(d / "wfp.gpkg", organisation="wfp")
        keys.init_identity(sender, "ocha", "OCHA", "sender passphrase", communities=("community:syria",))
        keys.init_identity(receiver, "medaid", "MedAid", "receiver passphrase", communities=("community:syria",))
        keys.init_identity(third, "wfp", "WFP", "third passphrase", communities=("community:syria",))
        cards.write_card(sender, d / "ocha.card", "sender passphrase")
        cards.write_card(receiver, d / "medaid.card", "receiver passphrase")
        cards.write_card(third, d / "wfp.card", "third passphrase")
        cards.add_partner_from_card(sender, d / "medaid.card")
        cards.add_partner_from_card(receiver, d / "ocha.card")
        cards.add_partner_from_card(receiver, d / "wfp.card")
        cards.add_partner_from_card(third, d / "medaid.card")
        cards.add_partner_from_card(third, d / "ocha.card")  # C verifies A's statement with A's key
        t = time.perf_counter()
        sender.add_frame("need", frame)
        out["setup_add_frame_s"] = round(time.perf_counter() - t, 3)
        out["peak_mb_after_setup"] = peak_mb()
        del frame

        with export_probe() as probe:
            t = time.perf_counter()
            result = export_package(sender, ["medaid"], d / "p.hopx", "sender passphrase", full=True)
            out["export_s"] = round(time.perf_counter() - t, 3)
        in_export = probe.report()
        out["package_bytes"] = result.bytes
        out["exported_features"] = sum(v["features"] for v in result.layers.values())
        out["peak_mb_after_export"] = peak_mb()

        with import_probe() as probe:
            t = time.perf_counter()
            imported = import_package(receiver, d / "p.hopx", "receiver passphrase")
            out["import_s"] = round(time.perf_counter() - t, 3)
        in_import = probe.report()
        out["imported"] = imported.totals()
        if imported.totals().get("quarantined"):
            out["import_quarantined"] = quarantine_summary(imported)
        out["import_statements"] = imported.verification.get("originator_statements")
        out["peak_mb_after_import"] = peak_mb()
        out["authority_in_run"] = {
            "note": "time inside the export and import above, by wrapping the engine's functions; nested "
                    "labels overlap (a parent includes its children)",
            "export": in_export, "import": in_import}

        # --- relay: A -> B (done above) -> C, B forwarding A's statement -------------------------
        relay: dict[str, Any] = {"path": "ocha -> medaid -> wfp", "a_to_b_imported": out["imported"]}
        try:
            with export_probe() as probe:
                t = time.perf_counter()
                forwarded = export_package(receiver, ["wfp"], d / "relay.hopx", "receiver passphrase", full=True)
                relay["b_export_s"] = round(time.perf_counter() - t, 3)
            relay["b_export_authority"] = probe.report()
            relay["b_exported_features"] = sum(v["features"] for v in forwarded.layers.values())
            relay["b_package_bytes"] = forwarded.bytes
            relay["b_withheld"] = forwarded.preview.totals("wfp")["withheld"]
            with import_probe() as probe:
                t = time.perf_counter()
                relayed = import_package(third, d / "relay.hopx", "third passphrase")
                relay["c_import_s"] = round(time.perf_counter() - t, 3)
            relay["c_import_authority"] = probe.report()
            relay["c_imported"] = relayed.totals()
            relay["c_statements"] = relayed.verification.get("originator_statements")
            if relayed.totals().get("quarantined"):
                relay["c_quarantined"] = quarantine_summary(relayed)
            inserted = relayed.totals().get("inserted", 0)
            relay["forwarding_ok"] = bool(relay["b_exported_features"]) and inserted == relay["b_exported_features"]
            authors = third.connection.execute(
                "SELECT originator, COUNT(*) FROM need GROUP BY originator").fetchall()
            relay["c_held_by_originator"] = {str(o): k for o, k in authors}
        except Exception as exc:  # noqa: BLE001 - written into the JSON with its traceback; the run goes on
            import traceback

            relay["error"] = f"{type(exc).__name__}: {exc}"
            relay["traceback"] = traceback.format_exc().splitlines()[-12:]
            relay["forwarding_ok"] = False
        out["relay"] = relay
        out["peak_mb_after_relay"] = peak_mb()

        # --- authority work on its own --------------------------------------------------------
        # a second full export A -> B, only to capture the frame export hashes and its statement
        with export_probe(capture=True) as probe:
            t = time.perf_counter()
            export_package(sender, ["medaid"], d / "p2.hopx", "sender passphrase", full=True)
            export_again_s = time.perf_counter() - t
        auth: dict[str, Any] = {"repeat": args.repeat, "export_again_s (capture run, for noise)":
                                round(export_again_s, 3)}
        hash_args, _, hashed_rows = probe.captured["export content_hashes (our versions)"]
        _, statement, _ = probe.captured["sign_statement"]
        layer, hash_frame, fields = hash_args[:3]
        auth["hashed_rows"] = hashed_rows
        hash_s, hashes = median_time(lambda: content_hashes(layer, hash_frame, fields), args.repeat)
        auth["content_hashes_s"] = round(hash_s, 4)
        auth["per_feature_hash_us"] = round(hash_s / max(1, len(hashes)) * 1e6, 2)
        auth["hashes_match_export_statement"] = set(hashes) == set(statement.hashes) and len(set(hashes)) == n
        identity = keys.unlock(sender, "sender passphrase")
        now = workspace_now(sender)
        sign_s, signed = median_time(lambda: sign_statement(identity, hashes, now), args.repeat)
        auth["sign_statement_s"] = round(sign_s, 4)
        auth["statement_bytes"] = len(signed.body)
        entry = signed.to_payload()
        parse_s, parsed = median_time(lambda: parse_statement(entry), args.repeat)
        verify_s, problem = median_time(lambda: verify_statement(receiver, parsed), args.repeat)
        auth["parse_statement_s"] = round(parse_s, 4)
        auth["verify_statement_s"] = round(verify_s, 4)
        auth["parse_plus_verify_s"] = round(parse_s + verify_s, 4)
        auth["verify_problem"] = problem
        auth["statement_scheme_import_s (hash N + parse + verify)"] = round(hash_s + parse_s + verify_s, 4)
        auth["statement_scheme_export_s (hash N + sign)"] = round(hash_s + sign_s, 4)

        # reference: one Ed25519 signature per feature (cryptography), on a sample, extrapolated
        k = max(1, min(args.sample, len(hashes)))
        key = Ed25519PrivateKey.generate()
        public = key.public_key()
        messages = [VERSION_DOMAIN + h for h in hashes[:k]]
        t = time.perf_counter()
        signatures = [key.sign(m) for m in messages]
        sample_sign_s = time.perf_counter() - t
        t = time.perf_counter()
        for m, s in zip(messages, signatures, strict=True):
            public.verify(s, m)
        sample_verify_s = time.perf_counter() - t
        auth["individual_ed25519"] = {
            "extrapolated": k < n,
            "note": f"measured on {k} signatures of 51-byte messages (domain + hash) with cryptography"
                    + (f", times scaled linearly to N={n}" if k < n else "") + "; hashing the features is not included",
            "sample": k, "sample_sign_s": round(sample_sign_s, 4), "sample_verify_s": round(sample_verify_s, 4),
            "sign_us_each": round(sample_sign_s / k * 1e6, 2), "verify_us_each": round(sample_verify_s / k * 1e6, 2),
            "sign_n_s": round(sample_sign_s / k * n, 3), "verify_n_s": round(sample_verify_s / k * n, 3),
            "signature_bytes_n": 64 * n,
        }
        auth["ratio_individual_verify_to_statement_verify"] = round(
            (sample_verify_s / k * n) / max(parse_s + verify_s, 1e-9), 1)
        out["authority"] = auth
        sender.close()
        receiver.close()
        third.close()

        # baseline: the same features as a plain GeoPackage, written and read by pyogrio
        plain = Workspace.open(d / "ocha.gpkg")
        sender_frame = plain.read_layer("need")
        plain.close()
        t = time.perf_counter()
        pyogrio.write_dataframe(sender_frame, d / "plain.gpkg", layer="need", driver="GPKG")
        out["gpkg_write_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        back = pyogrio.read_dataframe(d / "plain.gpkg", layer="need")
        out["gpkg_read_s"] = round(time.perf_counter() - t, 3)
        out["gpkg_bytes"] = (d / "plain.gpkg").stat().st_size
        assert len(back) == len(sender_frame)
        out["ratio_export_to_write"] = round(out["export_s"] / max(out["gpkg_write_s"], 1e-9), 2)
        out["ratio_import_to_read"] = round(out["import_s"] / max(out["gpkg_read_s"], 1e-9), 2)
        out["ratio_total"] = round((out["export_s"] + out["import_s"])
                                   / max(out["gpkg_write_s"] + out["gpkg_read_s"], 1e-9), 2)
        # an import also writes a GeoPackage (the workspace): compared with a plain read + write
        out["ratio_import_to_read_plus_write"] = round(out["import_s"] / max(out["gpkg_write_s"] + out["gpkg_read_s"],
                                                                             1e-9), 2)
        # the signature scheme alone (stand-alone times: hashing at both ends + one signature + one
        # parse and verify), not the per-row authority bookkeeping timed in authority_in_run
        out["signature_scheme_share_of_export_plus_import"] = round(
            (auth["content_hashes_s"] * 2 + auth["sign_statement_s"] + auth["parse_plus_verify_s"])
            / max(out["export_s"] + out["import_s"], 1e-9), 3)
        out["target_ratio_total"] = 1.5
        out["peak_mb"] = peak_mb()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
