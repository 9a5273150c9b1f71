"""Originators' signatures: what an organisation said of its own features, verifiable by all.

Every version an organisation makes (or, as a named editor, edits) is covered by that
organisation's Ed25519 signature through a **statement**: a small signed document listing the
SHA-256 *content hashes* of the versions it covers (docs/exchange-format.md §8). An exporter
signs one statement per package for the versions it authored; a relay forwards the
originator's statements unchanged with the features they cover; a recipient verifies each
statement once and each feature by hashing it, so 100,000 features cost one signature check
and 100,000 hashes (not 100,000 signature checks, about 10 s).

The content hash covers the version as the originator made it: layer, identity, version,
author, deletion, generalisation, the originator's marking, editors, geometry and every
non-null property. A relay's stricter marking travels beside it, unsigned by the originator
and never looser than what it signed (:mod:`humanops.sharing.marking_ops`).

Received statements and, per feature, the hash and statement of the version we hold are kept
in the workspace (``humanops_statements``, ``humanops_signed_versions``), so that the next
export can forward them and can tell a version changed here without its originator's
authority (edited with QGIS or SQL): such a version is never sent as the originator's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely
from cryptography.exceptions import InvalidSignature

from humanops.errors import SharingError
from humanops.model.marking import format_time, parse_time
from humanops.sharing.canonical import canonical_json, is_missing, loads_strict
from humanops.store.sql_dialect import SqlLike, sql_for
from humanops.store.sql_in import select_in

if TYPE_CHECKING:
    from humanops.sharing.keys import UnlockedIdentity
    from humanops.store.workspace import Workspace

VERSION_DOMAIN = b"humanops-version/1\x00"
STATEMENT_DOMAIN = b"humanops-statement/1\x00"
STATEMENT_FORMAT = 1
MAX_STATEMENT_VERSIONS = 2_000_000
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ORG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_SAFE = re.compile(r"^[A-Za-z0-9_.:@+ -]*$")  # needs no JSON escaping
_STATEMENT_KEYS = {"format", "statement_id", "originator", "fingerprint", "created", "versions"}
MARKING = ("tlp", "releasable_to", "caveats", "expires", "precision")


# --- content hashes --------------------------------------------------------------------------

def _number(value: float) -> str:
    """A number as canonical JSON: whole values as integers, others as their IEEE 754 bits
    (portable: no two implementations format fractions alike)."""
    if value == value and abs(value) <= 2**53 and float(value).is_integer():
        return str(int(value))
    return '"r:' + struct.pack(">d", float(value)).hex() + '"'


def _scalar(value: Any) -> str | None:
    """One property value as canonical JSON, or None when missing."""
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return None if value != value else _number(value)
    if isinstance(value, datetime | pd.Timestamp):
        return _text(format_time(value))
    if isinstance(value, date):
        return _text(value.isoformat())
    return _text(str(value))


def _text(value: str | None) -> str:
    if value is None:
        return "null"
    if _SAFE.match(value):
        return '"' + value + '"'
    return json.dumps(value, ensure_ascii=False)


def _list(value: Any) -> str:
    """A comma-stored list (releasable_to, caveats, editors) as a JSON array."""
    if value is None or (isinstance(value, float) and value != value):
        parts: Sequence[str] = ()
    elif isinstance(value, str):
        parts = [p for p in value.split(",") if p]
    else:
        parts = [str(p) for p in value if p]
    return "[" + ",".join(_text(p) for p in parts) + "]"


def _column(frame: pd.DataFrame, name: str, encode: Any) -> list[str]:
    """A column encoded once per distinct value (markings and authors repeat)."""
    if name not in frame.columns:
        return [encode(None)] * len(frame)
    values = frame[name].to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    except TypeError:  # lists or tuples in the column
        return [encode(v) for v in values]
    encoded = [encode(None if is_missing(u) else u) for u in uniques]
    return np.asarray(encoded, dtype=object)[codes].tolist()


def geometry_hex(geoms: np.ndarray) -> list[str | None]:
    """2D ISO WKB, little-endian, upper-case hex: the one byte form hashed on both sides."""
    out: list[str | None] = [None] * len(geoms)
    present = ~pd.isna(geoms)
    if present.any():
        wkb = shapely.to_wkb(geoms[present], output_dimension=2, byte_order=1, flavor="iso")
        for i, blob in zip(np.flatnonzero(present), wkb.tolist(), strict=True):
            out[i] = blob.hex().upper()
    return out


def content_hashes(layer: str, frame: pd.DataFrame, fields: Iterable[str]) -> list[bytes]:
    """SHA-256 of each row's canonical content (docs/exchange-format.md §8a).

    ``frame`` has ``uuid``, ``version``, ``originator``, ``_author``, ``created``,
    ``modified``, ``_deleted``, ``_generalised``, the marking columns (lists as comma text or
    sequences), ``_editors``, ``_geom`` (shapely or None) and the property columns ``fields``.
    Column by column (each distinct value encoded once), then one join per row.
    """
    n = len(frame)
    if not n:
        return []
    time_text = lambda v: _text(None if v is None else _time(v))  # noqa: E731 - a one-line encoder
    geometry = geometry_hex(np.asarray(frame["_geom"].to_numpy(dtype=object), dtype=object))
    columns: list[list[str]] = [
        ['["humanops-version/1",' + _text(layer) + ","] * n,
        _column(frame, "uuid", _text), [","] * n,
        [str(int(v)) for v in frame["version"].to_numpy()], [","] * n,
        _column(frame, "originator", _text), [","] * n,
        _column(frame, "_author", _text), [","] * n,
        _column(frame, "created", time_text), [","] * n,
        _column(frame, "modified", time_text), [","] * n,
        ["true," if d else "false," for d in frame["_deleted"].to_numpy(dtype=bool)],
        _column(frame, "_generalised", _text), [",["] * n,
        _column(frame, "tlp", _text), [","] * n,
        _column(frame, "releasable_to", _list), [","] * n,
        _column(frame, "caveats", _list), [","] * n,
        _column(frame, "expires", time_text), [","] * n,
        _column(frame, "precision", _text), ["],"] * n,
        _column(frame, "_editors", _list), [","] * n,
        ["null,[" if g is None else '"' + g + '",[' for g in geometry],
    ]
    props = [_property(name, frame[name]) for name in sorted(f for f in fields if f in frame.columns)]
    if props:
        columns.append([",".join(filter(None, row)) for row in zip(*props, strict=True)])
    columns.append(["]]"] * n)
    return [hashlib.sha256("".join(parts).encode("utf-8", "surrogatepass")).digest()
            for parts in zip(*columns, strict=True)]


def _property(name: str, series: pd.Series) -> list[str]:
    """``["name",VALUE]`` per row, or "" where the value is missing."""
    prefix = "[" + _text(name) + ","
    dtype = series.dtype
    if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        missing = series.isna().to_numpy()
        texts = series.to_numpy(dtype=np.int64, na_value=0).astype(str).astype(object)
        return np.where(missing, "", prefix + texts + "]").tolist()  # whole column: no per-value Python
    values = series.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:
        return ["" if (e := _scalar(v)) is None else prefix + e + "]" for v in values]
    encoded = [(prefix + e + "]") if (e := _scalar(u)) is not None else "" for u in uniques]
    encoded.append("")  # code -1: missing
    return [encoded[c] for c in codes]


def _time(value: Any) -> str | None:
    """Times as stored and sent (UTC, milliseconds, Z); text already so is kept as it is."""
    if isinstance(value, str):
        if len(value) == 24 and value.endswith("Z"):
            return value
        return format_time(parse_time(value))
    return format_time(value)


# --- statements ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Statement:
    """A signed list of content hashes by one organisation."""

    body: bytes  # canonical JSON, as signed
    signature: bytes
    statement_id: str
    originator: str
    fingerprint: str
    created: str
    hashes: frozenset[bytes]

    def to_payload(self) -> dict[str, str]:
        return {"statement": self.body.decode("utf-8"), "signature": base64.b64encode(self.signature).decode()}


def sign_statement(identity: UnlockedIdentity, hashes: Iterable[bytes], now: datetime) -> Statement:
    """Our signature over the versions whose content hashes are given."""
    unique = sorted(set(hashes))
    if len(unique) > MAX_STATEMENT_VERSIONS:
        raise SharingError(f"a statement covers at most {MAX_STATEMENT_VERSIONS} versions")
    doc = {"format": STATEMENT_FORMAT, "statement_id": str(uuid_module.uuid4()),
           "originator": identity.public.org_id, "fingerprint": identity.public.fingerprint,
           "created": format_time(now), "versions": base64.b64encode(b"".join(unique)).decode("ascii")}
    body = canonical_json(doc)
    return Statement(body, identity.sign(STATEMENT_DOMAIN + body), doc["statement_id"], doc["originator"],
                     doc["fingerprint"], doc["created"], frozenset(unique))


def parse_statement(entry: Any, *, file: str | None = None, index: int = 0) -> Statement:
    """A statement as it travels (``{"statement": TEXT, "signature": BASE64}``), its structure
    checked; the signature is not checked here (:func:`verify_statement`)."""
    where = f"payload.statements[{index}]"
    if not isinstance(entry, dict) or set(entry) != {"statement", "signature"} or not all(
            isinstance(entry[k], str) for k in entry):
        raise SharingError("must be an object with a statement and a signature", file=file, field=where)
    body = entry["statement"].encode("utf-8", "surrogatepass")
    # a flat object of short entries and one long text: its depth needs no byte scan (the
    # parser's own recursion guard refuses hostile nesting), which would cost 0.2 s per MB
    doc = loads_strict(body, what="originator statement", file=file, max_depth=None)
    if not isinstance(doc, dict) or set(doc) != _STATEMENT_KEYS or doc.get("format") != STATEMENT_FORMAT:
        raise SharingError("is not an originator statement of format 1", file=file, field=where)
    if canonical_json(doc) != body:
        raise SharingError("is not in canonical form", file=file, field=where)
    ok = (isinstance(doc["originator"], str) and _ORG.match(doc["originator"])
          and isinstance(doc["fingerprint"], str) and _HEX64.match(doc["fingerprint"])
          and isinstance(doc["statement_id"], str) and isinstance(doc["created"], str)
          and isinstance(doc["versions"], str))
    if not ok:
        raise SharingError("holds a malformed entry", file=file, field=where)
    try:
        if str(uuid_module.UUID(doc["statement_id"])) != doc["statement_id"]:
            raise ValueError
        parse_time(doc["created"])
        raw = base64.b64decode(doc["versions"], validate=True)
        signature = base64.b64decode(entry["signature"], validate=True)
    except (ValueError, TypeError, SharingError):
        raise SharingError("holds a malformed id, time, hash list or signature", file=file, field=where) from None
    if len(raw) % 32 or len(raw) // 32 > MAX_STATEMENT_VERSIONS or len(signature) != 64:
        raise SharingError("holds a malformed hash list or signature", file=file, field=where)
    hashes = frozenset(raw[i:i + 32] for i in range(0, len(raw), 32))
    return Statement(body, signature, doc["statement_id"], doc["originator"], doc["fingerprint"], doc["created"],
                     hashes)


def verify_statement(workspace: Workspace, statement: Statement) -> str | None:
    """Why this statement cannot be trusted, or None: its key must be in our directory, belong
    to the organisation it names, never have been revoked (whatever the statement's date
    says: a stolen key could backdate it) and its signature must verify."""
    from humanops.sharing.directory_store import key_by_fingerprint
    from humanops.sharing.keys import format_fingerprint, key_history, public_key

    fp = statement.fingerprint
    key = key_by_fingerprint(workspace, fp)
    signing_key = key.signing_key if key is not None else None
    org = key.org_id if key is not None else None
    revoked = key is not None and key.revoked_at is not None
    if key is None:  # our own earlier statements come back to us through relays
        own = [k for k in key_history(workspace) if k.get("fingerprint") == fp]
        if own:
            signing_key, org = own[0].get("signing_key"), workspace.organisation
    if signing_key is None:
        return (f"cannot verify the originator's signature: {statement.originator}'s key "
                f"{format_fingerprint(fp)[:19]} is not in our directory")
    if org != statement.originator:
        return f"the originator statement names {statement.originator} but is signed with {org}'s key"
    if revoked:
        return f"signed with a revoked key of {org} ({format_fingerprint(fp)[:19]})"
    try:
        public_key(str(signing_key)).verify(statement.signature, STATEMENT_DOMAIN + statement.body)
    except InvalidSignature:
        return f"cannot verify the originator's signature: {statement.originator}'s statement was altered"
    return None


# --- what the workspace keeps --------------------------------------------------------------

def store_statements(db: SqlLike, statements: Iterable[Statement]) -> None:
    sql_for(db).insert_ignore(
        "humanops_statements", ("statement_id", "originator", "fingerprint", "created", "body", "signature"),
        [(s.statement_id, s.originator, s.fingerprint, s.created, s.body.decode("utf-8"),
          base64.b64encode(s.signature).decode()) for s in statements])


def load_statements(workspace: Workspace, ids: Iterable[str]) -> list[Statement]:
    out = []
    for sid, originator, fp, created, body, signature in select_in(
            workspace.sql, "SELECT statement_id, originator, fingerprint, created, body, signature FROM "
                                  "humanops_statements WHERE statement_id IN ({marks})", sorted(set(ids))):
        raw = base64.b64decode(json.loads(body)["versions"])
        out.append(Statement(body.encode("utf-8"), base64.b64decode(signature), sid, originator, fp, created,
                             frozenset(raw[i:i + 32] for i in range(0, len(raw), 32))))
    return out


SIGNED_COLUMNS = ("layer", "uuid", "version", "deleted", "content_hash", "author", "editors", *MARKING,
                  "statement_id")


def record_signed(db: SqlLike, rows: Iterable[tuple]) -> None:
    """Per feature, the version we hold as its author signed it (``SIGNED_COLUMNS`` order)."""
    sql_for(db).upsert_many("humanops_signed_versions", SIGNED_COLUMNS, rows, key=("layer", "uuid"))


def signed_versions(workspace: Workspace, layer: str, uuids: Iterable[str] | None = None) -> pd.DataFrame:
    """The signed record of each feature (index: uuid), for those we have one of."""
    db = workspace.sql
    columns = SIGNED_COLUMNS[1:]
    sql = f"SELECT {', '.join(columns)} FROM humanops_signed_versions WHERE layer = ?"
    if uuids is None:
        rows = db.execute(sql, (layer,)).fetchall()
    else:
        rows = select_in(db, sql + " AND uuid IN ({marks})", sorted(set(uuids)), (layer,))
    return pd.DataFrame(rows, columns=list(columns)).set_index("uuid", drop=False)

