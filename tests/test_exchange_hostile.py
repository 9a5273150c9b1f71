"""Hostile and broken packages: each refused with a clear SharingError, fast, bounded in memory,
and the workspace unchanged (only the refusal is added to the audit log)."""

from __future__ import annotations

import hashlib
import json
import struct
import time
import tracemalloc
import uuid
import zlib
from datetime import timedelta

import pytest
from exchange_helpers import (
    close_all,
    frame_inner,
    make_partners,
    open_inner,
    refused,
    resign,
    seal_inner,
    split_inner,
    with_statement,
)
from shapely.geometry import Point

from humanops.errors import SharingError
from humanops.model.marking import TLP, Marking, format_time, utc_now
from humanops.sharing import keys, package_format
from humanops.sharing.canonical import canonical_json
from humanops.sharing.directory_store import revoke_partner
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package

ORGS = {"ocha": ("community:wash",), "medaid": ("community:wash",), "unhcr": ()}


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def partners(tmp_path, backend):
    p = make_partners(tmp_path, ORGS, backend)
    p["ocha"].ws.add_feature("need", Point(36, 33), {"name": "camp", "population": 10}, Marking(tlp=TLP.GREEN))
    p["ocha"].ws.add_feature("need", Point(36.1, 33), {"name": "camp 2", "population": 20}, Marking(tlp=TLP.CLEAR))
    yield p
    close_all(p)


@pytest.fixture
def package(partners, tmp_path):
    out = tmp_path / "good.hopx"
    export_package(partners["ocha"].ws, ["medaid"], out, partners["ocha"].passphrase)
    return out


def manifest_for(sender, recipients, payload, layers, *, sequence=1, created=None, expires=None, markings=None):
    created = created or utc_now()
    fp = keys.own_identity(sender.ws).fingerprint
    return {
        "format": 1, "package_id": str(uuid.uuid4()), "sender": {"org": sender.org, "fingerprint": fp},
        "recipients": sorted(({"org": r.org, "encryption_key": keys.own_identity(r.ws).encryption_key}
                              for r in recipients), key=lambda r: r["org"]),
        "created": format_time(created), "expires": format_time(expires or created + timedelta(days=1)),
        "sequence": sequence, "mode": "full", "layers": layers, "markings": markings or {},
        "highest_marking": max(markings, key=lambda t: TLP(t).rank if t in TLP._value2member_map_ else 9)
        if markings else None,
        "payload": {"encoding": "zlib", "size": len(payload_raw(payload)),
                    "sha256": hashlib.sha256(zlib.compress(payload_raw(payload))).hexdigest()},
        "audit_head": {"seq": 0, "hash": "0" * 64}, "generator": "test",
    }


def payload_raw(payload):
    return payload if isinstance(payload, bytes) else json.dumps(payload).encode()


def one_need(**overrides):
    layer = {"count": 1, "grid_crs": None, "uuid": [str(uuid.uuid4())], "version": [1], "originator": ["ocha"],
             "created": ["2026-01-01T00:00:00.000Z"], "modified": ["2026-01-01T00:00:00.000Z"], "ancestors": [[]],
             "deleted": [False], "generalised": [None], "tlp": ["CLEAR"], "releasable_to": [[]], "caveats": [[]],
             "expires": [None], "precision": ["exact"], "geometry": [Point(36, 33).wkb_hex],
             "properties": {"name": ["crafted"], "population": [5]}, "author": ["ocha"], "editors": [[]],
             "restriction": [None], "proposed_by": [None]}
    layer.update(overrides)
    return {"format": 2, "layers": {"need": layer}, "statements": [], "options": {"respect_aor": False}}


def craft(partners, tmp_path, payload, *, name="crafted.hopx", layers=None, markings=None, **kw):
    ocha, medaid = partners["ocha"], partners["medaid"]
    layers = layers if layers is not None else {"need": {"features": 1, "tombstones": 0, "generalised": 0}}
    if isinstance(payload, dict):
        payload = with_statement(payload, ocha)  # validly signed by its originator: other checks must refuse it
    manifest = manifest_for(ocha, [medaid], payload, layers, markings=markings or {"CLEAR": 1}, **kw)
    return resign(manifest, zlib.compress(payload_raw(payload)), ocha, medaid, tmp_path / name), manifest


# --- outer file ---------------------------------------------------------------------------------

def test_the_good_package_imports(partners, package):
    assert import_package(partners["medaid"].ws, package, partners["medaid"].passphrase).totals()["inserted"] == 2


@pytest.mark.parametrize("keep", [0, 5, 20, 21, 60, 200, -1])
def test_truncated_files_are_refused(partners, package, tmp_path, snapshot, keep):
    data = package.read_bytes()
    cut = tmp_path / "cut.hopx"
    cut.write_bytes(data[:keep] if keep >= 0 else data[:-1])
    refused(partners["medaid"], cut, snapshot)


def test_any_flipped_byte_is_refused(partners, package, tmp_path, snapshot):
    data = package.read_bytes()
    for position in sorted({0, 10, 19, 20, 25, 60, 120, len(data) // 2, len(data) - 20, len(data) - 1}):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        path = tmp_path / f"flip{position}.hopx"
        path.write_bytes(bytes(flipped))
        refused(partners["medaid"], path, snapshot)


def test_not_a_package(partners, tmp_path, snapshot):
    for name, content in (("empty.hopx", b""), ("text.hopx", b"hello"), ("age.hopx", b"age-encryption.org/v1\n")):
        (tmp_path / name).write_bytes(content)
        err = refused(partners["medaid"], tmp_path / name, snapshot, match="not a HumanOps exchange package")
        assert "\n" not in err.message


def test_newer_format_marker_is_refused_not_guessed(partners, package, tmp_path, snapshot):
    data = package.read_bytes().replace(b"HUMANOPS-EXCHANGE/1\n", b"HUMANOPS-EXCHANGE/2\n", 1)
    (tmp_path / "v2.hopx").write_bytes(data)
    refused(partners["medaid"], tmp_path / "v2.hopx", snapshot, match="format '2'")


def test_oversized_file_refused_before_reading(partners, package, snapshot, monkeypatch):
    monkeypatch.setattr(package_format, "MAX_PACKAGE_BYTES", 100)
    refused(partners["medaid"], package, snapshot, match="above the limit")


# --- who may send, who may read -----------------------------------------------------------------

def test_package_for_someone_else_cannot_be_opened(partners, tmp_path, snapshot):
    out = tmp_path / "to-unhcr.hopx"
    export_package(partners["ocha"].ws, ["unhcr"], out, partners["ocha"].passphrase)
    refused(partners["medaid"], out, snapshot, match="not encrypted to any of our keys")


def test_recipients_in_the_signed_manifest_bind_the_package(partners, tmp_path, snapshot):
    """unhcr re-encrypts a package meant for it to medaid: the signature still holds, but medaid
    is not a named recipient."""
    out = tmp_path / "to-unhcr.hopx"
    export_package(partners["ocha"].ws, ["unhcr"], out, partners["ocha"].passphrase)
    inner = open_inner(out, partners["unhcr"])
    forwarded = seal_inner(inner, partners["medaid"], tmp_path / "forwarded.hopx")
    refused(partners["medaid"], forwarded, snapshot, match="addressed to unhcr, not to us")


def test_unknown_signer_is_refused_with_its_fingerprint(partners, tmp_path, snapshot):
    rogue = make_partners(tmp_path / "rogue", {"rogue": ()})
    from humanops.sharing.cards import add_partner_from_card

    add_partner_from_card(rogue["rogue"].ws, partners["medaid"].card)
    out = tmp_path / "rogue.hopx"
    export_package(rogue["rogue"].ws, ["medaid"], out, rogue["rogue"].passphrase)
    fp = keys.format_fingerprint(keys.own_identity(rogue["rogue"].ws).fingerprint)
    err = refused(partners["medaid"], out, snapshot, match="unknown key")
    assert fp in err.message
    close_all(rogue)


def test_a_partner_key_cannot_speak_for_another_organisation(partners, tmp_path, snapshot):
    unhcr, medaid = partners["unhcr"], partners["medaid"]
    payload = one_need()
    manifest = manifest_for(unhcr, [medaid], payload, {"need": {"features": 1, "tombstones": 0, "generalised": 0}},
                            markings={"CLEAR": 1})
    manifest["sender"]["org"] = "ocha"
    out = resign(manifest, zlib.compress(payload_raw(payload)), unhcr, medaid, tmp_path / "spoof.hopx")
    refused(medaid, out, snapshot, match="key of 'unhcr' but claims to come from 'ocha'")


def test_revoked_key_refuses_every_package_from_then_on_backdated_too(partners, tmp_path, snapshot):
    ocha, medaid = partners["ocha"], partners["medaid"]
    first = tmp_path / "first.hopx"
    export_package(ocha.ws, ["medaid"], first, ocha.passphrase, now=utc_now() - timedelta(hours=3))
    assert import_package(medaid.ws, first, medaid.passphrase).totals()["inserted"] == 2
    ocha.ws.update_feature("need", ocha.ws.features("need")[0].uuid, properties={"population": 7})
    backdated = tmp_path / "backdated.hopx"  # a stolen key claims a time before the revocation
    export_package(ocha.ws, ["medaid"], backdated, ocha.passphrase, now=utc_now() - timedelta(hours=2))
    after = tmp_path / "after.hopx"
    export_package(ocha.ws, ["medaid"], after, ocha.passphrase)
    revoke_partner(medaid.ws, "ocha", at=utc_now() - timedelta(hours=1))
    refused(medaid, after, snapshot, match="revoked")
    refused(medaid, backdated, snapshot, match="revoked")
    assert medaid.ws.count("need") == 2  # what was imported before the revocation stays


def test_a_package_claiming_a_long_validity_is_refused(partners, tmp_path, snapshot):
    ocha, medaid = partners["ocha"], partners["medaid"]
    with pytest.raises(SharingError, match="at most 90 days"):
        export_package(ocha.ws, ["medaid"], tmp_path / "x.hopx", ocha.passphrase, valid_for=timedelta(days=3650))
    out, _ = craft(partners, tmp_path, one_need(), expires=utc_now() + timedelta(days=3650))
    refused(medaid, out, snapshot, match="valid for")


def test_expired_package_is_refused(partners, package, snapshot):
    refused(partners["medaid"], package, snapshot, match="expired", now=utc_now() + timedelta(days=31))


def test_package_from_the_future_is_refused(partners, tmp_path, snapshot):
    out, _ = craft(partners, tmp_path, one_need(), created=utc_now() + timedelta(days=3))
    refused(partners["medaid"], out, snapshot, match="in the future")


def test_replay_and_older_packages_never_overwrite(partners, tmp_path, snapshot):
    ocha, medaid = partners["ocha"], partners["medaid"]
    first = tmp_path / "1.hopx"
    export_package(ocha.ws, ["medaid"], first, ocha.passphrase)
    feature = ocha.ws.features("need")[0]
    ocha.ws.update_feature("need", feature.uuid, properties={"population": 99})
    second = tmp_path / "2.hopx"
    export_package(ocha.ws, ["medaid"], second, ocha.passphrase)
    import_package(medaid.ws, second, medaid.passphrase)
    refused(medaid, second, snapshot, match="replay")
    refused(medaid, first, snapshot, match="older than one already imported")
    assert medaid.ws.get_feature("need", feature.uuid).properties["population"] == 99


# --- inside the encryption ----------------------------------------------------------------------

def test_tampered_manifest_fails_the_signature(partners, package, tmp_path, snapshot):
    manifest, signature, payload = split_inner(open_inner(package, partners["medaid"]))
    doc = json.loads(manifest)
    doc["layers"]["need"]["features"] = 1
    altered = seal_inner(frame_inner(canonical_json(doc), signature, payload), partners["medaid"], tmp_path / "m.hopx")
    refused(partners["medaid"], altered, snapshot, match="signature does not verify")


def test_tampered_payload_fails_the_hash(partners, package, tmp_path, snapshot):
    manifest, signature, payload = split_inner(open_inner(package, partners["medaid"]))
    altered = bytearray(payload)
    altered[len(altered) // 2] ^= 0xFF
    path = seal_inner(frame_inner(manifest, signature, bytes(altered)), partners["medaid"], tmp_path / "p.hopx")
    refused(partners["medaid"], path, snapshot, match="does not match the hash")


def test_tampered_signature_fails(partners, package, tmp_path, snapshot):
    manifest, signature, payload = split_inner(open_inner(package, partners["medaid"]))
    bad = bytes([signature[0] ^ 1]) + signature[1:]
    path = seal_inner(frame_inner(manifest, bad, payload), partners["medaid"], tmp_path / "s.hopx")
    refused(partners["medaid"], path, snapshot, match="signature does not verify")


def test_trailing_bytes_and_wrong_magic(partners, package, tmp_path, snapshot):
    inner = open_inner(package, partners["medaid"])
    refused(partners["medaid"], seal_inner(inner + b"x", partners["medaid"], tmp_path / "t.hopx"), snapshot,
            match="unexpected bytes")
    refused(partners["medaid"], seal_inner(b"PK\x03\x04" + inner[4:], partners["medaid"], tmp_path / "z.hopx"),
            snapshot, match="not a HOPX-INNER/1 container")


def test_huge_declared_manifest_is_refused_before_reading(partners, package, tmp_path, snapshot):
    inner = open_inner(package, partners["medaid"])
    head = package_format.INNER_MAGIC + struct.pack(">I", 2**31)
    path = seal_inner(head + inner[len(head):], partners["medaid"], tmp_path / "h.hopx")
    refused(partners["medaid"], path, snapshot, match="above the limit")


def test_deeply_nested_manifest_is_refused_fast(partners, tmp_path, snapshot):
    manifest = b"[" * 200_000 + b"]" * 200_000
    path = seal_inner(frame_inner(manifest, b"\0" * 64, b""), partners["medaid"], tmp_path / "n.hopx")
    start = time.perf_counter()
    refused(partners["medaid"], path, snapshot, match="nested deeper")
    assert time.perf_counter() - start < 30  # generous: refused by a bounded scan, not a crash


def test_malformed_and_non_canonical_manifests(partners, package, tmp_path, snapshot):
    manifest, signature, payload = split_inner(open_inner(package, partners["medaid"]))
    for name, body, match in (
            ("json", b'{"format": 1,', "not valid JSON"),
            ("dup", b'{"format":1,"format":1}', "appears twice"),
            ("spaces", json.dumps(json.loads(manifest), indent=1).encode(), "canonical"),
            ("v2", manifest.replace(b'"format":1', b'"format":2'), "format 2"),
            ("float", manifest.replace(b'"sequence":1', b'"sequence":1.5'), "not an integer")):
        path = seal_inner(frame_inner(body, signature, payload), partners["medaid"], tmp_path / f"{name}.hopx")
        refused(partners["medaid"], path, snapshot, match=match)


def test_unknown_marking_in_the_manifest_is_refused(partners, tmp_path, snapshot):
    out, _ = craft(partners, tmp_path, one_need(), markings={"WHITE": 1})
    refused(partners["medaid"], out, snapshot, match="unknown marking 'WHITE'")


def test_path_like_layer_names_are_refused(partners, tmp_path, snapshot):
    payload = one_need()
    payload["layers"]["../../etc/passwd"] = payload["layers"].pop("need")
    out, _ = craft(partners, tmp_path, payload, layers={"../../etc/passwd": {"features": 1, "tombstones": 0,
                                                                             "generalised": 0}})
    refused(partners["medaid"], out, snapshot, match="malformed")


def test_decompression_bomb_is_refused_with_bounded_memory(partners, tmp_path, snapshot):
    """A signed package whose payload inflates far beyond its declared size."""
    bomb = zlib.compress(b"\0" * (200 * 1024 * 1024), 9)
    ocha, medaid = partners["ocha"], partners["medaid"]
    manifest = manifest_for(ocha, [medaid], one_need(), {"need": {"features": 1, "tombstones": 0, "generalised": 0}},
                            markings={"CLEAR": 1})
    manifest["payload"] = {"encoding": "zlib", "size": 1000, "sha256": hashlib.sha256(bomb).hexdigest()}
    out = resign(manifest, bomb, ocha, medaid, tmp_path / "bomb.hopx")
    tracemalloc.start()
    refused(medaid, out, snapshot, match="expands beyond its declared")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_declared_payload_above_the_limit_is_refused(partners, tmp_path, snapshot, monkeypatch):
    out, _ = craft(partners, tmp_path, one_need())
    monkeypatch.setattr(package_format, "MAX_PAYLOAD_BYTES", 10)
    refused(partners["medaid"], out, snapshot, match="payload.size")


@pytest.mark.parametrize("case", ["nested", "json", "length", "type", "counts", "deleted_geometry", "unknown_key"])
def test_malformed_payloads_are_refused(partners, tmp_path, snapshot, case):
    if case == "nested":
        payload = b'{"format":1,"layers":{"need":' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    elif case == "json":
        payload = b'{"format":1,"layers":'
    elif case == "length":
        payload = one_need(version=[1, 2])
    elif case == "type":
        payload = one_need(version=["1"])
    elif case == "counts":
        payload = one_need()
        payload["layers"]["need"]["deleted"] = [True]
        payload["layers"]["need"]["geometry"] = [None]
    elif case == "deleted_geometry":
        payload = one_need(deleted=[True])
    else:
        payload = one_need()
        payload["layers"]["need"]["script"] = ["x"]
    out, _ = craft(partners, tmp_path, payload)
    refused(partners["medaid"], out, snapshot)


# --- per feature: quarantined, the rest merged ---------------------------------------------------

def test_unknown_tlp_value_in_a_feature_is_quarantined_never_weakened(partners, tmp_path):
    payload = one_need(tlp=["WHITE"])
    out, _ = craft(partners, tmp_path, payload)
    result = import_package(partners["medaid"].ws, out, partners["medaid"].passphrase)
    assert result.layers["need"] == {"quarantined": 1}
    assert result.quarantined[0]["reason_code"] == "unknown_marking"
    assert partners["medaid"].ws.count("need") == 0


def test_invalid_fields_and_geometries_are_quarantined(partners, tmp_path):
    payload = one_need()
    layer = payload["layers"]["need"]
    good = dict(layer)
    for key in ("uuid", "version", "originator", "created", "modified", "ancestors", "deleted", "generalised", "tlp",
                "releasable_to", "caveats", "expires", "precision", "geometry", "author", "editors", "restriction",
                "proposed_by"):
        layer[key] = layer[key] * 3
    layer["uuid"] = [str(uuid.uuid4()) for _ in range(3)]
    layer["count"] = 3
    layer["geometry"] = [Point(36, 33).wkb_hex, Point(500, 33).wkb_hex, "zz"]
    layer["properties"] = {"name": ["ok", "far", "bad wkb"], "population": [5, 5, 5]}
    layer["properties"]["population"][0] = -3
    del good
    out, _ = craft(partners, tmp_path, payload, layers={"need": {"features": 3, "tombstones": 0, "generalised": 0}},
                   markings={"CLEAR": 3})
    result = import_package(partners["medaid"].ws, out, partners["medaid"].passphrase)
    codes = sorted(q["reason_code"] for q in result.quarantined)
    assert codes == ["invalid_field", "invalid_geometry", "invalid_geometry"]
    assert partners["medaid"].ws.count("need") == 0


def _generalised_need(point, generalised, grid_crs="EPSG:32637"):
    return one_need(tlp=["AMBER"], releasable_to=[["community:wash"]], precision=["grid:1000"],
                    generalised=[generalised], grid_crs=grid_crs, geometry=[point.wkb_hex])


def _cell_centre(lon, lat):
    from pyproj import Transformer

    forward = Transformer.from_crs(4326, 32637, always_xy=True)
    x, y = forward.transform(lon, lat)
    cx, cy = (x // 1000 + 0.5) * 1000, (y // 1000 + 0.5) * 1000
    return Point(*Transformer.from_crs(32637, 4326, always_xy=True).transform(cx, cy))


@pytest.mark.parametrize("case, expected", [
    ("exact_where_generalised_is_due", "not_generalised"),
    ("claims_generalised_but_off_grid", "not_generalised"),
    ("claims_a_grid_without_its_crs", "not_generalised"),
    ("on_the_grid", None),
])
def test_generalisation_is_checked_on_import(partners, tmp_path, case, expected):
    """medaid is named only through community:wash: it may hold this protection data only on a
    1000 m grid; a sender that sends it exact, or off the grid it claims, is quarantined."""
    centre = _cell_centre(36.0, 33.0)
    payload, generalised = {
        "exact_where_generalised_is_due": (_generalised_need(Point(36.0001, 33.0001), None, None), 0),
        "claims_generalised_but_off_grid": (_generalised_need(Point(36.0001, 33.0001), "grid:1000"), 1),
        "claims_a_grid_without_its_crs": (_generalised_need(centre, "grid:1000", None), 1),
        "on_the_grid": (_generalised_need(centre, "grid:1000"), 1),
    }[case]
    out, _ = craft(partners, tmp_path, payload, markings={"AMBER": 1},
                   layers={"need": {"features": 1, "tombstones": 0, "generalised": generalised}})
    result = import_package(partners["medaid"].ws, out, partners["medaid"].passphrase)
    if expected is None:
        assert result.layers["need"] == {"inserted": 1}
    else:
        assert [q["reason_code"] for q in result.quarantined] == [expected]
        assert partners["medaid"].ws.count("need") == 0
