"""Strict payloads (issue 8): no property named like a feature's own columns, every value of its
field's type, no number JSON cannot hold, no lone surrogate, and a bounded decompression.

Hostile packages are honest exports whose payload is altered and validly re-signed by the
sender: a hostile or buggy partner, whose signature proves nothing about the content."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import zlib

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from exchange_helpers import close_all, make_partners, open_inner, refused, resign, split_inner, without_audit
from shapely.geometry import Point

from humanops.catalog import RESERVED_COLUMNS, load_catalog
from humanops.cli import main
from humanops.errors import SharingError
from humanops.model.marking import TLP, Marking
from humanops.sharing import keys, package_format, payload_codec
from humanops.sharing.audit import entries
from humanops.sharing.canonical import loads_strict
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package
from humanops.sharing.payload_checks import RESERVED_NAMES, check_payload
from humanops.sharing.payload_codec import LayerPayload

ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",)}
MiB = 1024 * 1024
GiB = 1024 * MiB


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def partners(tmp_path, backend):
    p = make_partners(tmp_path, ORGS, backend)
    p["ocha"].ws.add_feature("need", Point(36, 33), {"name": "camp", "population": 10, "notes": "north gate"},
                             Marking(tlp=TLP.GREEN, caveats=("no_onward_sharing",)))
    p["ocha"].ws.add_feature("need", Point(36.1, 33), {"name": "camp 2", "population": 20}, Marking(tlp=TLP.CLEAR))
    yield p
    close_all(p)


@pytest.fixture
def package(partners, tmp_path):
    out = tmp_path / "honest.hopx"
    export_package(partners["ocha"].ws, ["medaid"], out, partners["ocha"].passphrase)
    return out


def altered(partners, tmp_path, package, edit, name="altered.hopx"):
    """``package`` with its payload JSON rewritten by ``edit`` (bytes -> bytes), the manifest's
    payload entry fixed, and validly signed again by the sender."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    manifest, _, stored = split_inner(open_inner(package, medaid))
    raw = edit(zlib.decompress(stored))
    new = zlib.compress(raw)
    doc = json.loads(manifest)
    doc["payload"] = {"encoding": "zlib", "size": len(raw), "sha256": hashlib.sha256(new).hexdigest()}
    return resign(doc, new, ocha, medaid, tmp_path / name)


def with_property(name, value, layer="need"):
    """An edit giving every feature of ``layer`` the property ``name`` = ``value`` (JSON with
    ASCII escapes, so a lone surrogate is written as the escape a hostile writer would send)."""
    def edit(raw: bytes) -> bytes:
        doc = json.loads(raw)
        entry = doc["layers"][layer]
        entry["properties"][name] = [value] * entry["count"]
        return json.dumps(doc, ensure_ascii=True).encode()
    return edit


def payload_uuids(package, partner):
    _, _, stored = split_inner(open_inner(package, partner))
    return json.loads(zlib.decompress(stored))["layers"]["need"]["uuid"]


# --- through the importer -----------------------------------------------------------------------

def test_an_honest_package_imports_even_a_very_repetitive_one(partners, tmp_path):
    """Every feature carrying the same long note (the most repetitive honest content there is)
    compresses about 70:1: well inside the expansion limit."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    n = 400
    note = ("Assessment by a mobile team; figures are estimates pending verification. " * 60)[:4000]
    ocha.ws.add_frame("need", gpd.GeoDataFrame(
        {"name": [f"site {i}" for i in range(n)], "population": np.arange(n) + 1, "notes": [note] * n,
         "tlp": ["CLEAR"] * n}, geometry=shapely.points(36 + np.arange(n) / 1000, np.full(n, 33.0)), crs=4326))
    out = tmp_path / "repetitive.hopx"
    export_package(ocha.ws, ["medaid"], out, ocha.passphrase)
    manifest, _, stored = split_inner(open_inner(out, medaid))
    ratio = json.loads(manifest)["payload"]["size"] / len(stored)
    assert 30 < ratio < package_format.MAX_EXPANSION
    assert json.loads(manifest)["payload"]["size"] > package_format.EXPANSION_FLOOR  # the ratio limit applies
    result = import_package(medaid.ws, out, medaid.passphrase)
    assert result.totals()["inserted"] == n + 2 and not result.quarantined


def test_a_property_named_caveats_is_refused_and_the_stored_marking_kept(partners, package, tmp_path, snapshot):
    """A property ``caveats`` (null) would have replaced the marking column after it was
    checked, and the feature been stored without its caveat."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    import_package(medaid.ws, package, medaid.passphrase)
    camp = next(f for f in ocha.ws.features("need") if f.properties["name"] == "camp")
    assert medaid.ws.get_feature("need", camp.uuid).marking.caveats == ("no_onward_sharing",)
    ocha.ws.update_feature("need", camp.uuid, properties={"population": 99})
    second = tmp_path / "second.hopx"
    export_package(ocha.ws, ["medaid"], second, ocha.passphrase)
    hostile = altered(partners, tmp_path, second, with_property("caveats", None))
    err = refused(medaid, hostile, snapshot, match="may not be named caveats")
    assert err.layer == "need" and err.field == "payload.properties.caveats"
    assert err.feature in payload_uuids(second, medaid)
    kept = medaid.ws.get_feature("need", camp.uuid)
    assert kept.marking.caveats == ("no_onward_sharing",) and kept.version == 1
    assert kept.properties["population"] == 10


@pytest.mark.parametrize("name", ["version", "Caveats", "TLP", "uuid", "source_signer", "geom", "fid", "author",
                                  "restriction", "statements"])
def test_reserved_property_names_are_refused_cleanly(partners, package, tmp_path, snapshot, name):
    """``version`` (null) used to end in "internal error: TypeError"; case does not matter
    (SQLite's column names do not either)."""
    hostile = altered(partners, tmp_path, package, with_property(name, None))
    err = refused(partners["medaid"], hostile, snapshot, match=f"may not be named {name}: the name is reserved")
    assert err.field == f"payload.properties.{name}"
    assert err.feature == (None if name == "uuid" else payload_uuids(package, partners["medaid"])[0])


def test_a_reserved_name_through_the_cli_is_one_line_and_exit_1(partners, package, tmp_path, snapshot, capsys,
                                                                 monkeypatch):
    medaid = partners["medaid"]
    hostile = altered(partners, tmp_path, package, with_property("version", None))
    monkeypatch.setenv("HUMANOPS_PASSPHRASE", medaid.passphrase)
    before = snapshot(medaid.ws.path)
    code = main(["-w", str(medaid.ws.path), "package", "import", str(hostile)])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0]
    assert str(hostile) in lines[0] and "may not be named version" in lines[0]
    assert without_audit(snapshot(medaid.ws.path)) == without_audit(before)
    assert entries(medaid.ws)[-1]["action"] == "refused_import"


def test_1e999_in_a_text_field_is_refused_not_stored_as_inf(partners, package, tmp_path, snapshot):
    def edit(raw: bytes) -> bytes:
        marked = with_property("name", "__HUGE__")(raw)
        return marked.replace(b'"__HUGE__"', b"1e999")
    hostile = altered(partners, tmp_path, package, edit)
    refused(partners["medaid"], hostile, snapshot, match="the payload is refused: the number 1e999 is too large")


@pytest.mark.parametrize("field, value, match", [
    ("name", 5, r"holds 5 \(a whole number\), but this text field takes text only"),
    ("name", 2.5, r"holds 2.5 \(a number\), but this text field takes text only"),
    ("notes", True, r"holds True \(a boolean\), but this text field"),
    ("population", 2.5, r"holds 2.5 \(a number\), but this integer field takes whole numbers only"),
    ("population", True, r"holds True \(a boolean\), but this integer field"),
    ("population", "12", r"holds '12' \(a text\), but this integer field"),
    ("population", 10**30, r"\(a whole number too large to store\), but this integer field"),
    ("assessed", 20260101, r"but this date field takes a date as text only"),
])
def test_a_value_of_the_wrong_type_is_refused(partners, package, tmp_path, snapshot, field, value, match):
    hostile = altered(partners, tmp_path, package, with_property(field, value))
    err = refused(partners["medaid"], hostile, snapshot, match=match)
    assert err.layer == "need" and err.field == f"payload.properties.{field}"
    assert err.feature == payload_uuids(package, partners["medaid"])[0]


def test_a_lone_surrogate_is_refused(partners, package, tmp_path, snapshot):
    hostile = altered(partners, tmp_path, package, with_property("notes", "gate \ud800"))
    refused(partners["medaid"], hostile, snapshot, match=r"lone UTF-16 surrogate \\ud800")


def test_a_declared_size_far_beyond_the_stored_bytes_is_refused_before_decompressing(partners, package, tmp_path,
                                                                                     snapshot, bomb):
    """1 MB of zlib stream declaring 1 GiB, validly signed: refused at once by the importer."""
    ocha, medaid = partners["ocha"], partners["medaid"]
    manifest, _, _ = split_inner(open_inner(package, medaid))
    doc = json.loads(manifest)
    stored = bomb.read_bytes()
    doc["payload"] = {"encoding": "zlib", "size": GiB, "sha256": hashlib.sha256(stored).hexdigest()}
    hostile = resign(doc, stored, ocha, medaid, tmp_path / "bomb.hopx")
    refused(medaid, hostile, snapshot, match=f"declares {GiB} bytes decompressed from {len(stored)} stored")


# --- the checks on their own ----------------------------------------------------------------------

def test_reserved_names_cover_every_column_of_a_feature_and_the_payload():
    expected = {"uuid", "version", "originator", "created", "modified", "tlp", "releasable_to", "caveats",
                "expires", "precision", "source_package", "source_signer", "fid", "geom", "geometry", "author",
                "editors", "proposed_by", "restriction", "ancestors", "deleted", "generalised", "count",
                "grid_crs", "properties", "statements"}
    assert expected <= RESERVED_NAMES
    # a column added to the payload or the layer tables later must be reserved too
    assert set(payload_codec.LAYER_KEYS) | set(RESERVED_COLUMNS) <= RESERVED_NAMES
    assert all(n == n.lower() for n in RESERVED_NAMES)
    # no kind uses one, so no honest package ever has such a property
    assert not {f.name.lower() for k in load_catalog() for f in k.fields} & RESERVED_NAMES


def _frame(columns: dict) -> LayerPayload:
    n = len(next(iter(columns.values())))
    frame = pd.DataFrame({"uuid": [f"u{i}" for i in range(n)], **columns})
    return LayerPayload(frame, list(columns))


# columns as payload_codec decodes them: ints -> Int64, int/float mixes -> float64, else object
INT = "Int64"


@pytest.mark.parametrize("kind, field, column, bad_row", [
    ("need", "name", pd.Series(["a", None, "b"], dtype=object), None),
    ("need", "name", pd.array([None, 5, 6], dtype=INT), 1),
    ("need", "name", np.array([np.nan, np.nan, 1.5]), 2),
    ("need", "name", pd.Series(["a", "b", 1], dtype=object), 2),
    ("need", "population", pd.array([1, None, 3], dtype=INT), None),
    ("need", "population", np.array([1.0, 2.0, np.nan]), None),  # 2.0 is a whole number
    ("need", "population", np.array([1.0, 2.5, np.nan]), 1),
    ("need", "population", np.array([1.0, 2.0**63]), 1),  # not storable as a 64-bit integer
    ("need", "population", pd.Series([1, True, None], dtype=object), 1),
    ("need", "population", pd.Series([None, 10**30], dtype=object), 1),
    ("need", "assessed", pd.Series(["2026-01-01", None], dtype=object), None),
    ("need", "assessed", pd.array([None, 20260101], dtype=INT), 1),
    ("need", "name", pd.Series([None, None], dtype=object), None),
])
def test_column_types_are_judged_against_the_field(kind, field, column, bad_row):
    payload = _frame({field: column})
    if bad_row is None:
        check_payload(load_catalog(), {kind: payload}, file="p.hopx")
        return
    with pytest.raises(SharingError) as caught:
        check_payload(load_catalog(), {kind: payload}, file="p.hopx")
    assert caught.value.feature == f"u{bad_row}" and caught.value.field == f"payload.properties.{field}"
    assert caught.value.file == "p.hopx" and caught.value.layer == kind


def _fields_of_type(field_type: str) -> list[tuple[str, str]]:
    return [(k.name, f.name) for k in load_catalog() for f in k.fields if f.type == field_type]


@pytest.mark.parametrize("field_type, good, bad", [
    ("real", [1.5, 2, None], [True, 1.5]),
    ("boolean", [True, False, None], [1, 0]),
    ("enum", ["x", None], ["x", 3]),
    ("datetime", ["2026-01-01T00:00:00.000Z", None], [None, 1.5]),
])
def test_every_field_type(field_type, good, bad):
    fields = _fields_of_type(field_type)
    if not fields:
        pytest.skip(f"no kind has a {field_type} field")
    kind, field = fields[0]

    def typed(values):  # as payload_codec decodes a column
        types = {type(v) for v in values} - {type(None)}
        if types == {int}:
            return pd.array(values, dtype=INT)
        if types and types <= {int, float}:
            return np.array([np.nan if v is None else v for v in values], dtype=float)
        return pd.Series(values, dtype=object)

    check_payload(load_catalog(), {kind: _frame({field: typed(good)})})
    with pytest.raises(SharingError, match=f"this {field_type} field"):
        check_payload(load_catalog(), {kind: _frame({field: typed(bad)})})


def test_unknown_layers_and_fields_are_left_to_the_importer():
    check_payload(load_catalog(), {"no_such_kind": _frame({"name": pd.array([5], dtype=INT)}),
                                   "need": _frame({"no_such_field": pd.array([5], dtype=INT)})})
    with pytest.raises(SharingError, match="reserved"):  # but reserved names everywhere
        check_payload(load_catalog(), {"no_such_kind": _frame({"caveats": pd.Series([None], dtype=object)})})


def test_whole_columns_are_judged_fast():
    import time

    n = 200_000
    payload = _frame({"name": pd.Series([f"site {i}" for i in range(n)], dtype=object),
                      "population": pd.array(np.arange(n), dtype=INT),
                      "households": np.where(np.arange(n) % 2, np.arange(n), np.nan).astype(float),
                      "notes": pd.Series([None, "x"] * (n // 2), dtype=object)})
    start = time.perf_counter()
    check_payload(load_catalog(), {"need": payload})
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("raw, match", [
    (b'{"a":[1e999]}', "the number 1e999 is too large"),
    (b'{"a":[-1E+400]}', "the number -1E"),
    (b'{"a":"\\ud800"}', r"lone UTF-16 surrogate \\ud800"),
    (b'{"a":["ok","x\\uDC00y"]}', r"lone UTF-16 surrogate \\udc00"),
    (b'{"\\ud83d":1}', r"lone UTF-16 surrogate \\ud83d"),
    (b'{"a":["\\ud83d","\\ude00"]}', r"lone UTF-16 surrogate \\ud83d"),  # a pair split over two strings
    (b'{"a":NaN}', "NaN is not a number"),
])
def test_strict_json_refuses_what_no_honest_writer_makes(raw, match):
    with pytest.raises(SharingError, match=match) as caught:
        loads_strict(raw, what="payload", file="p.hopx", allow_floats=True)
    assert caught.value.file == "p.hopx"


def test_strict_json_keeps_what_is_valid():
    raw = b'{"a":[1e-999,2.5,1e308],"b":"\\ud83d\\ude00","c":"\\\\ud800","d":"\xf0\x9f\x98\x80"}'
    assert loads_strict(raw, what="payload", allow_floats=True) == {"a": [0.0, 2.5, 1e308], "b": "\U0001F600",
                                                                    "c": "\\ud800", "d": "\U0001F600"}
    # signed documents (no floats): unchanged
    with pytest.raises(SharingError, match="not an integer"):
        loads_strict(b'{"a":1e999}', what="manifest")


# --- decompression ----------------------------------------------------------------------------------

def _opened(stored: bytes, size: int) -> package_format.OpenedPackage:
    entry = {"encoding": "zlib", "size": size, "sha256": hashlib.sha256(stored).hexdigest()}
    return package_format.OpenedPackage({"payload": entry}, b"", b"", stored)


@pytest.fixture
def small_steps(monkeypatch):
    monkeypatch.setattr(package_format, "_INFLATE_INPUT_STEP", 97)
    monkeypatch.setattr(package_format, "_INFLATE_OUTPUT_STEP", 1000)


@pytest.mark.parametrize("steps", ["default", "small"])
def test_decompression_in_steps_gives_the_payload(request, steps):
    if steps == "small":
        request.getfixturevalue("small_steps")
    rng = np.random.default_rng(3)
    data = rng.bytes(300_000) + b"x" * 2_000_000 + rng.bytes(1000)
    stored = zlib.compress(data, 1)
    assert bytes(package_format.payload_json(_opened(stored, len(data)))) == data


@pytest.mark.parametrize("case, match", [
    ("longer", "expands beyond its declared"),
    ("shorter", "size does not match"),
    ("truncated", "size does not match"),
    ("trailing", "size does not match"),
    ("trailing_far", "size does not match"),
    ("garbage", "cannot be decompressed"),
])
def test_decompression_stops_at_the_declared_size(small_steps, case, match):
    data = np.random.default_rng(5).bytes(50_000) + b"y" * 100_000
    stored, size = zlib.compress(data), len(data)
    stored, size = {"longer": (stored, size - 1), "shorter": (stored, size + 1),
                    "truncated": (stored[:-5], size), "trailing": (stored + b"\0", size),
                    "trailing_far": (stored + b"\0" * 1000, size), "garbage": (b"not zlib at all", size)}[case]
    with pytest.raises(SharingError, match=match):
        package_format.payload_json(_opened(stored, size), file="p.hopx")


def test_the_expansion_limit_and_its_floor():
    small = zlib.compress(b"\0" * 900_000, 9)  # ~1000:1, but under the floor: let through
    assert len(package_format.payload_json(_opened(small, 900_000))) == 900_000
    big = zlib.compress(b"\0" * (8 * MiB), 9)
    assert 8 * MiB > package_format.payload_limit(len(big))
    with pytest.raises(SharingError, match="refused before decompressing"):
        package_format.payload_json(_opened(big, 8 * MiB))
    assert package_format.payload_limit(10**9) == package_format.MAX_PAYLOAD_BYTES


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """1 GiB of zeros as a zlib stream (about 1 MB), made once for the module."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zlib"
    compressor = zlib.compressobj(9)
    zeros = bytes(MiB)
    with path.open("wb") as out:
        for _ in range(1024):
            out.write(compressor.compress(zeros))
        out.write(compressor.flush())
    return path


_CHILD = textwrap.dedent("""
    import json, resource, struct, sys, uuid
    from humanops.errors import SharingError
    from humanops.model.marking import format_time, utc_now
    from datetime import timedelta
    from humanops.sharing import package_format as pf
    from humanops.sharing.canonical import canonical_json
    import hashlib

    stored = open(sys.argv[1], "rb").read()
    size = int(sys.argv[2]) if sys.argv[2] != "limit" else pf.payload_limit(len(stored))
    now = utc_now()
    manifest = {
        "format": 1, "package_id": str(uuid.uuid4()), "sender": {"org": "ocha", "fingerprint": "ab" * 32},
        "recipients": [{"org": "medaid", "encryption_key": "age1" + "q" * 58}],
        "created": format_time(now), "expires": format_time(now + timedelta(days=1)), "sequence": 1,
        "mode": "full", "layers": {"need": {"features": 1, "tombstones": 0, "generalised": 0}},
        "markings": {"CLEAR": 1}, "highest_marking": "CLEAR",
        "payload": {"encoding": "zlib", "size": size, "sha256": hashlib.sha256(stored).hexdigest()},
        "audit_head": {"seq": 0, "hash": "0" * 64}, "generator": "bomb"}
    body = canonical_json(manifest)
    inner = b"".join((pf.INNER_MAGIC, struct.pack(">I", len(body)), body, struct.pack(">H", 64), bytes(64),
                      struct.pack(">Q", len(stored)), stored))
    del stored
    try:
        pf.payload_json(pf.parse_inner(inner, file="bomb.hopx"), file="bomb.hopx")
        outcome = "accepted"
    except SharingError as exc:
        outcome = exc.reason
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"outcome": outcome, "declared": size,
                      "peak_mb": rss / 1024 / (1024 if sys.platform == "darwin" else 1)}))
""")


@pytest.mark.parametrize("declared, match", [
    (str(GiB), "refused before decompressing"),  # the ratio check: nothing decompressed
    ("limit", "expands beyond its declared"),  # as much as the ratio lets through, then a longer stream
])
def test_a_decompression_bomb_is_refused_within_300_mb(bomb, declared, match):
    """Measured in a child process (ru_maxrss: the whole process, native buffers included).
    Started through a small relay process: on Linux a process's ru_maxrss starts at the RSS of
    the process that started it (kept across fork and exec), which here is the test runner."""
    relay = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:], check=False).returncode)"
    done = subprocess.run([sys.executable, "-c", relay, sys.executable, "-c", _CHILD, str(bomb), declared],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert match in report["outcome"]
    if declared == "limit":
        assert report["declared"] > 100 * MiB  # really filled a large buffer before refusing
    assert report["peak_mb"] < 300, report
