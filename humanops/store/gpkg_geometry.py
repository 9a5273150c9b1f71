"""GeoPackage geometry blobs (OGC 12-128r18, clause 2.1.3) and the ST_* SQL functions.

The blob is a small binary header (magic ``GP``, version, flags, srs_id, envelope) followed
by standard WKB, which shapely writes and reads. GDAL's R-tree triggers call ST_IsEmpty and
ST_MinX/MaxX/MinY/MaxY; a plain sqlite3 connection lacks them, so we register them here and
the spatial index stays in step with every edit we make outside GDAL.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

_HEADER = struct.Struct("<2sBBi")  # magic, version, flags, srs_id (little-endian)
_ENVELOPE_XY = struct.Struct("<4d")
_FLAG_LITTLE_ENDIAN = 0x01
_FLAG_ENVELOPE_XY = 0x02  # envelope indicator 1 in bits 1-3
_FLAG_EMPTY = 0x10
_ENVELOPE_SIZES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_POINT_BLOB = np.dtype([("header", "V8"), ("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def encode(geometry: BaseGeometry | None, srs_id: int = 4326) -> bytes | None:
    """One geometry as a GeoPackage blob (points without envelope, as GDAL writes them)."""
    if geometry is None:
        return None
    return encode_many(np.array([geometry], dtype=object), srs_id)[0]


def encode_many(geometries: Sequence[BaseGeometry | None] | np.ndarray, srs_id: int = 4326) -> list[bytes | None]:
    """Vectorised: WKB, bounds and envelopes through shapely and numpy for the whole array;
    only the concatenation is per geometry (100,000 points: 0.03 s instead of 0.1 s)."""
    geoms = np.asarray(geometries, dtype=object)
    empty = shapely.is_empty(geoms)
    points = shapely.get_type_id(geoms) == 0
    point_header = _HEADER.pack(b"GP", 0, _FLAG_LITTLE_ENDIAN, srs_id)
    if len(geoms) and points.all() and not empty.any() and not shapely.has_z(geoms).any():
        # 2-D points (most bulk imports): header and WKB (byte order, type 1, x, y) laid
        # out by numpy, one bytes object each
        xy = shapely.get_coordinates(geoms)
        blobs = np.zeros(len(geoms), dtype=_POINT_BLOB)
        blobs["header"], blobs["order"], blobs["type"] = point_header, 1, 1
        blobs["x"], blobs["y"] = xy[:, 0], xy[:, 1]
        return blobs.view(np.dtype((np.void, _POINT_BLOB.itemsize))).tolist()
    wkb = shapely.to_wkb(geoms, byte_order=1, flavor="iso", include_srid=False).tolist()
    empty_header = _HEADER.pack(b"GP", 0, _FLAG_LITTLE_ENDIAN | _FLAG_EMPTY, srs_id)
    envelope_header = _HEADER.pack(b"GP", 0, _FLAG_LITTLE_ENDIAN | _FLAG_ENVELOPE_XY, srs_id)
    bounds = shapely.bounds(geoms)  # minx, miny, maxx, maxy; the blob's envelope is minx, maxx, miny, maxy
    envelopes = np.ascontiguousarray(bounds[:, [0, 2, 1, 3]], dtype="<f8").view("V32").ravel().tolist()
    out: list[bytes | None] = []
    for body, is_empty, is_point, env in zip(wkb, empty.tolist(), points.tolist(), envelopes, strict=True):
        if body is None:
            out.append(None)
        elif is_empty:
            out.append(empty_header + body)
        elif is_point:
            out.append(point_header + body)
        else:
            out.append(envelope_header + env + body)
    return out


def _wkb_offset(blob: bytes) -> tuple[int, int]:
    """(flags, offset of the WKB) of a blob; ValueError if it is not a GeoPackage blob."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    envelope = (flags >> 1) & 0x07
    if envelope not in _ENVELOPE_SIZES:
        raise ValueError("bad envelope indicator in GeoPackage blob")
    return flags, 8 + _ENVELOPE_SIZES[envelope]


def decode(blob: bytes | None) -> BaseGeometry | None:
    if blob is None:
        return None
    _, offset = _wkb_offset(bytes(blob))
    return shapely.from_wkb(bytes(blob)[offset:])


def decode_many(blobs: Sequence[bytes | None]) -> np.ndarray:
    wkb = []
    for blob in blobs:
        if blob is None:
            wkb.append(None)
        else:
            _, offset = _wkb_offset(blob)
            wkb.append(blob[offset:])
    return shapely.from_wkb(np.array(wkb, dtype=object))


def envelope(blob: bytes) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a blob, from its header when it has one; None if empty."""
    flags, offset = _wkb_offset(blob)
    if flags & _FLAG_EMPTY:
        return None
    if (flags >> 1) & 0x07:
        order = "<" if flags & _FLAG_LITTLE_ENDIAN else ">"
        return struct.unpack_from(order + "4d", blob, 8)
    geometry = shapely.from_wkb(blob[offset:])
    if geometry.is_empty:
        return None
    minx, miny, maxx, maxy = geometry.bounds
    return minx, maxx, miny, maxy


class _EnvelopeCache:
    """The R-tree triggers ask four ST_* functions about the same blob in a row."""

    def __init__(self) -> None:
        self.blob: bytes | None = None
        self.value: tuple[float, float, float, float] | None = None

    def get(self, blob: bytes | None) -> tuple[float, float, float, float] | None:
        if blob is None:
            return None
        if blob is not self.blob and blob != self.blob:
            self.blob = blob
            self.value = envelope(blob)
        return self.value


def register_functions(connection: sqlite3.Connection) -> None:
    """Register ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY on a sqlite3 connection."""
    cache = _EnvelopeCache()

    def is_empty(blob: bytes | None) -> int | None:
        if blob is None:
            return None
        flags, _ = _wkb_offset(blob)
        if flags & _FLAG_EMPTY:
            return 1
        return 0 if cache.get(blob) is not None else 1

    def part(index: int):  # type: ignore[no-untyped-def]
        def fn(blob: bytes | None) -> float | None:
            env = cache.get(blob)
            return None if env is None else env[index]

        return fn

    kwargs = {"deterministic": True}
    connection.create_function("ST_IsEmpty", 1, is_empty, **kwargs)
    connection.create_function("ST_MinX", 1, part(0), **kwargs)
    connection.create_function("ST_MaxX", 1, part(1), **kwargs)
    connection.create_function("ST_MinY", 1, part(2), **kwargs)
    connection.create_function("ST_MaxY", 1, part(3), **kwargs)
