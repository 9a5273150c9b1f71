"""The .hopx format as properties: random features and markings survive a package exactly;
any flipped byte, outside or inside the encryption, is refused with a SharingError."""

from __future__ import annotations

import json
import uuid as uuid_module
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pyrage
import pytest
import shapely
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from humanops.errors import SharingError
from humanops.model.marking import CAVEATS, TLP, format_time
from humanops.sharing import package_format
from humanops.sharing.canonical import canonical_json
from humanops.sharing.payload_codec import LayerPayload, decode_payload, encode_payload

SIGNER = Ed25519PrivateKey.generate()
IDENTITY = pyrage.x25519.Identity.generate()
OTHER = pyrage.x25519.Identity.generate()

ids = st.from_regex(r"[a-z][a-z0-9_.:-]{0,20}", fullmatch=True)
times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: format_time(d.replace(tzinfo=UTC)))
precisions = st.one_of(st.just("exact"), st.integers(10, 100_000).map(lambda m: f"grid:{m}"),
                       st.tuples(st.integers(10, 5000), st.integers(1, 50)).map(lambda t: f"grid:{t[0]}:k{t[1]}"),
                       st.just("admin:admin_code:k5"))
text = st.text(min_size=0, max_size=40)
lon = st.floats(-180, 180, allow_nan=False)
lat = st.floats(-90, 90, allow_nan=False)


@st.composite
def features(draw):
    deleted = draw(st.booleans())
    return {
        "uuid": str(uuid_module.UUID(int=draw(st.integers(0, 2**128 - 1)))),
        "version": draw(st.integers(1, 10**6)),
        "originator": draw(ids),
        "created": draw(st.one_of(st.none(), times)),
        "modified": draw(times),
        "_ancestors": tuple(draw(st.lists(st.tuples(st.integers(1, 99), times).map(lambda t: f"{t[0]}@{t[1]}"),
                                          max_size=3))),
        "_deleted": deleted,
        "_generalised": None if deleted else draw(st.one_of(st.none(), precisions.filter(lambda p: p != "exact"))),
        "tlp": draw(st.sampled_from([t.value for t in TLP])),
        "releasable_to": ",".join(draw(st.lists(ids, max_size=3, unique=True))) or None,
        "caveats": ",".join(draw(st.lists(st.sampled_from(CAVEATS), max_size=3, unique=True))) or None,
        "expires": draw(st.one_of(st.none(), times)),
        "precision": draw(precisions),
        "_geom": None if deleted else shapely.Point(draw(lon), draw(lat)),
        "name": None if deleted else draw(text),
        "population": None if deleted else draw(st.one_of(st.none(), st.integers(0, 10**7))),
        "score": None if deleted else draw(st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))),
        "checked": None if deleted else draw(st.one_of(st.none(), st.booleans())),
    }


FIELDS = ["name", "population", "score", "checked"]


def as_payload(rows):
    frame = pd.DataFrame(rows, columns=list(features_columns()))
    for c in frame.columns:
        if c not in ("version", "_deleted"):
            frame[c] = pd.Series([r[c] for r in rows], dtype=object)
    frame["version"] = np.asarray([r["version"] for r in rows], dtype=np.int64)
    frame["_deleted"] = np.asarray([r["_deleted"] for r in rows], dtype=bool)
    return {"need": LayerPayload(frame, FIELDS)}


def features_columns():
    return ("uuid", "version", "originator", "created", "modified", "_ancestors", "_deleted", "_generalised", "tlp",
            "releasable_to", "caveats", "expires", "precision", "_geom", *FIELDS)


def seal(payload_json: bytes, recipients=(IDENTITY,)) -> bytes:
    stored, entry = package_format.compress_payload(payload_json)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    manifest = {
        "format": 1, "package_id": str(uuid_module.uuid4()),
        "sender": {"org": "ocha", "fingerprint": "ab" * 32},
        "recipients": [{"org": "medaid", "encryption_key": str(IDENTITY.to_public())}],
        "created": format_time(now), "expires": format_time(now.replace(year=2027)), "sequence": 1,
        "mode": "full", "layers": {}, "markings": {}, "highest_marking": None, "payload": entry,
        "audit_head": {"seq": 0, "hash": "0" * 64}, "generator": "test",
    }
    return package_format.seal_package(manifest, stored, SIGNER, [r.to_public() for r in recipients])


def open_fully(data: bytes) -> dict:
    opened = package_format.open_package(data, [IDENTITY])
    package_format.verify_signature(opened, SIGNER.public_key())
    return decode_payload(package_format.payload_json(opened))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(features(), min_size=0, max_size=8, unique_by=lambda f: f["uuid"]))
def test_random_features_and_markings_round_trip_exactly(rows):
    data = seal(encode_payload(as_payload(rows)))
    back = open_fully(data)["need"]
    frame = back.frame
    assert len(frame) == len(rows)
    for i, row in enumerate(rows):
        for column in ("uuid", "version", "originator", "created", "modified", "_deleted", "_generalised", "tlp",
                       "releasable_to", "caveats", "expires", "precision", "_ancestors"):
            got = frame[column].iloc[i]
            assert (got.item() if hasattr(got, "item") else got) == row[column], column
        for field in FIELDS:
            got = frame[field].iloc[i]
            got = None if got is pd.NA or (isinstance(got, float) and got != got) else got
            got = got.item() if hasattr(got, "item") else got
            assert got == row[field] and type(got) is type(row[field]), field
        if row["_geom"] is None:
            assert frame["_geom"].iloc[i] is None
        else:
            assert shapely.equals_exact(frame["_geom"].iloc[i], row["_geom"], 0)


SAMPLE = seal(encode_payload(as_payload([{
    "uuid": str(uuid_module.uuid4()), "version": 2, "originator": "ocha", "created": None,
    "modified": "2026-01-01T00:00:00.000Z", "_ancestors": (), "_deleted": False, "_generalised": None, "tlp": "RED",
    "releasable_to": "medaid", "caveats": None, "expires": None, "precision": "exact",
    "_geom": shapely.Point(36, 33), "name": "camp", "population": 10, "score": 0.5, "checked": True}])))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_flipped_byte_of_the_file_is_refused(data):
    position = data.draw(st.integers(0, len(SAMPLE) - 1))
    mask = data.draw(st.integers(1, 255))
    flipped = bytearray(SAMPLE)
    flipped[position] ^= mask
    with pytest.raises(SharingError):
        open_fully(bytes(flipped))


INNER = pyrage.decrypt(SAMPLE[len(package_format.MARKER):], [IDENTITY])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_flipped_byte_inside_the_encryption_is_refused(data):
    """Even a validly encrypted container (a sender's bug): container, manifest, signature or
    payload altered anywhere is refused."""
    position = data.draw(st.integers(0, len(INNER) - 1))
    mask = data.draw(st.integers(1, 255))
    flipped = bytearray(INNER)
    flipped[position] ^= mask
    data_bytes = package_format.MARKER + pyrage.encrypt(bytes(flipped), [IDENTITY.to_public()])
    with pytest.raises(SharingError):
        open_fully(data_bytes)


def test_sealing_keeps_the_outside_to_the_marker_and_age_header():
    text = SAMPLE.decode("latin-1")
    for secret in ("ocha", "medaid", "RED", "camp", "manifest", "HOPX"):
        assert secret not in text
    assert SAMPLE.startswith(b"HUMANOPS-EXCHANGE/1\nage-encryption.org/v1\n")


def test_every_recipient_can_open_and_only_they():
    data = seal(b'{"format":1,"layers":{}}', recipients=(IDENTITY, OTHER))
    assert package_format.open_package(data, [OTHER]).manifest["format"] == 1
    with pytest.raises(SharingError, match="not encrypted to any of our keys"):
        package_format.open_package(data, [pyrage.x25519.Identity.generate()])


def test_canonical_manifest_is_the_signed_form():
    manifest = json.loads(package_format.parse_inner(INNER).manifest_bytes)
    assert canonical_json(manifest) == package_format.parse_inner(INNER).manifest_bytes
