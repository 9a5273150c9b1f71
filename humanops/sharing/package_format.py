"""The ``.hopx`` exchange package as bytes: sealing, opening, limits (see docs/exchange-format.md).

Outer file: the marker line ``HUMANOPS-EXCHANGE/1\\n`` and an age (X25519) encryption of the
inner container to every recipient. Inner container: a fixed magic and three length-prefixed
sections — canonical manifest, Ed25519 signature, zlib payload — and nothing else. No names,
no paths, no directory, no compression ratios to trust: the sizes are checked against hard
limits before anything is allocated, the payload hash (in the signed manifest) is checked
before the payload is decompressed, a declared size far beyond what the stored bytes can
honestly hold is refused before decompressing, and decompression stops at the declared size.

This module knows bytes and JSON shapes only; who may sign and receive is for
``exchange_import``/``exchange_export`` and the policy.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid as uuid_module
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import msgspec
import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from humanops.documents import Invalid, Problem, convert
from humanops.errors import SharingError, ValidationError
from humanops.model.exercise import NAME_PATTERN as EXERCISE_NAME_PATTERN
from humanops.model.marking import TLP, parse_time
from humanops.sharing.canonical import canonical_json, loads_strict

FORMAT_VERSION = 1
MARKER = b"HUMANOPS-EXCHANGE/1\n"
MARKER_PREFIX = b"HUMANOPS-EXCHANGE/"
INNER_MAGIC = b"HOPX-INNER/1\n"
SIGNATURE_DOMAIN = b"humanops-exchange/1 manifest\x00"
SUFFIX = ".hopx"

# Hard limits, checked before reading or allocating (module attributes: tests lower them).
MAX_PACKAGE_BYTES = 1024 * 1024 * 1024  # the whole file
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024  # decompressed payload JSON
MAX_FEATURES = 2_000_000  # per package
MAX_LAYERS = 64
SIGNATURE_BYTES = 64
# Decompression bombs: the declared (signed) payload size may be at most MAX_EXPANSION times the
# stored size (above EXPANSION_FLOOR), refused before any decompression. Measured on packages of
# the real exporter (zlib level 1), decompressed:stored: the demo scenario 2.9-3.0 (5.3 with
# roads), 100,000 synthetic needs 5.2, 100,000 needs with identical values 10.8, 20,000
# tombstones 8.4; the most repetitive honest content we could make, the same 4000-character
# note (the longest text a kind allows) in every feature, 78. Level 1 cannot exceed ~230:1 even
# on zeros; zlib's own maximum is ~1032:1. 150 leaves honest packages a wide margin while a
# 1 MB bomb costs at most 150 MB. Below the floor any ratio is let through (small payloads cost
# little, and there zlib's fixed overhead makes ratios meaningless).
MAX_EXPANSION = 150
EXPANSION_FLOOR = 1024 * 1024
_INFLATE_INPUT_STEP = 256 * 1024  # stored bytes given to zlib at a time (bounds unconsumed_tail copies)
_INFLATE_OUTPUT_STEP = 4 * 1024 * 1024  # decompressed bytes asked of zlib at a time

TLP_VALUES = tuple(t.value for t in TLP)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ORG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_LAYER = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class OpenedPackage:
    """A decrypted package whose container is well formed and whose manifest is valid; the
    signature is NOT yet checked against a directory (see :func:`verify_signature`)."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    payload: bytes  # as stored (compressed)

    @property
    def sender(self) -> str:
        return self.manifest["sender"]["org"]

    @property
    def sender_fingerprint(self) -> str:
        return self.manifest["sender"]["fingerprint"]

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def created(self) -> datetime:
        return parse_time(self.manifest["created"])  # type: ignore[return-value]

    @property
    def expires(self) -> datetime:
        return parse_time(self.manifest["expires"])  # type: ignore[return-value]

    @property
    def recipients(self) -> list[str]:
        return [r["org"] for r in self.manifest["recipients"]]

    @property
    def exercise(self) -> str | None:
        """The exercise the package belongs to (signed with the manifest), or None: real data."""
        entry = self.manifest.get("exercise")
        return entry["name"] if entry else None


# --- writing -------------------------------------------------------------------------------

def compress_payload(payload_json: bytes, level: int = 1) -> tuple[bytes, dict[str, Any]]:
    """The stored payload and its manifest entry (encoding, size, sha256 of the stored bytes)."""
    stored = zlib.compress(payload_json, level)
    return stored, {"encoding": "zlib", "size": len(payload_json), "sha256": hashlib.sha256(stored).hexdigest()}


def seal_package(manifest: dict[str, Any], payload: bytes, signing_key: Ed25519PrivateKey,
                 recipients: list[pyrage.x25519.Recipient]) -> bytes:
    """Sign the canonical manifest, frame it with the signature and stored payload, encrypt
    the frame to every recipient, and put the marker in front. Returns the file's bytes."""
    check_manifest(manifest)
    manifest_bytes = canonical_json(manifest)
    if len(manifest_bytes) > MAX_MANIFEST_BYTES:
        raise SharingError(f"the manifest would be {len(manifest_bytes)} bytes (limit {MAX_MANIFEST_BYTES})")
    if hashlib.sha256(payload).hexdigest() != manifest["payload"]["sha256"]:
        raise SharingError("the payload does not match the manifest's hash")
    signature = signing_key.sign(SIGNATURE_DOMAIN + manifest_bytes)
    inner = b"".join((INNER_MAGIC, struct.pack(">I", len(manifest_bytes)), manifest_bytes,
                      struct.pack(">H", len(signature)), signature, struct.pack(">Q", len(payload)), payload))
    if not recipients:
        raise SharingError("a package needs at least one recipient")
    return MARKER + pyrage.encrypt(inner, recipients)


# --- reading -------------------------------------------------------------------------------

def read_package_file(path: str | Path) -> bytes:
    """The file's bytes, after checking the marker and the size limit (nothing else read)."""
    path = Path(path)
    file = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(MARKER))
            check_marker(head, file)
            if size > MAX_PACKAGE_BYTES:
                raise SharingError(f"is {size} bytes, above the limit of {MAX_PACKAGE_BYTES} for a package",
                                   file=file)
            # read what the file holds (not the limit: read(n) reserves n bytes up front)
            data = handle.read(size - len(head) + 1)
    except OSError as exc:
        raise SharingError(f"cannot read the package ({exc.strerror})", file=file) from None
    if len(data) > size - len(head):
        raise SharingError("the package grew while it was read", file=file)
    return head + data


def check_marker(head: bytes, file: str | None = None) -> None:
    if head == MARKER:
        return
    if head.startswith(MARKER_PREFIX):
        version = head[len(MARKER_PREFIX):].split(b"\n", 1)[0][:16].decode("ascii", "replace")
        raise SharingError(f"is an exchange package of format {version!r}; this HumanOps reads format "
                           f"{FORMAT_VERSION} only (update HumanOps)", file=file)
    raise SharingError("is not a HumanOps exchange package (no HUMANOPS-EXCHANGE/1 marker)", file=file)


def open_package(data: bytes, identities: list[pyrage.x25519.Identity], *, file: str | None = None) -> OpenedPackage:
    """Decrypt with our age identities and take the inner container apart; the manifest is
    parsed and schema-checked. Signature, recipients and payload are checked by the caller."""
    check_marker(data[:len(MARKER)], file)
    if len(data) > MAX_PACKAGE_BYTES + len(MARKER):
        raise SharingError("is above the size limit for a package", file=file)
    try:
        inner = pyrage.decrypt(data[len(MARKER):], identities)
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise SharingError("is not encrypted to any of our keys (not addressed to us, or damaged)",
                               file=file) from None
        detail = " ".join(str(exc).split())[:200]  # age's own text can span lines: one line here
        raise SharingError(f"cannot be decrypted: the file is damaged or truncated ({detail})", file=file) from None
    return parse_inner(inner, file=file)


def parse_inner(inner: bytes, *, file: str | None = None) -> OpenedPackage:
    view = memoryview(inner)
    pos = 0

    def take(n: int, what: str) -> memoryview:
        nonlocal pos
        if n > len(view) - pos:
            raise SharingError(f"the package is truncated ({what})", file=file)
        out = view[pos:pos + n]
        pos += n
        return out

    if bytes(take(len(INNER_MAGIC), "container header")) != INNER_MAGIC:
        raise SharingError("the container inside the package is not a HOPX-INNER/1 container", file=file)
    (manifest_len,) = struct.unpack(">I", take(4, "manifest length"))
    if manifest_len > MAX_MANIFEST_BYTES:
        raise SharingError(f"the manifest declares {manifest_len} bytes, above the limit of "
                           f"{MAX_MANIFEST_BYTES}", file=file)
    manifest_bytes = bytes(take(manifest_len, "manifest"))
    (signature_len,) = struct.unpack(">H", take(2, "signature length"))
    if signature_len != SIGNATURE_BYTES:
        raise SharingError(f"the signature has {signature_len} bytes, not {SIGNATURE_BYTES}", file=file)
    signature = bytes(take(signature_len, "signature"))
    (payload_len,) = struct.unpack(">Q", take(8, "payload length"))
    if payload_len > MAX_PACKAGE_BYTES:
        raise SharingError(f"the payload declares {payload_len} bytes, above the limit", file=file)
    payload = bytes(take(payload_len, "payload"))
    if pos != len(view):
        raise SharingError(f"{len(view) - pos} unexpected bytes after the payload", file=file)
    manifest = parse_manifest(manifest_bytes, file=file)
    return OpenedPackage(manifest, manifest_bytes, signature, payload)


def parse_manifest(raw: bytes, *, file: str | None = None) -> dict[str, Any]:
    manifest = loads_strict(raw, what="manifest", file=file)
    if not isinstance(manifest, dict):
        raise SharingError("the manifest is not a JSON object", file=file)
    version = manifest.get("format")
    if version != FORMAT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise SharingError(f"the manifest is of format {version}; this HumanOps reads format {FORMAT_VERSION} "
                               "only (update HumanOps)", file=file)
        raise SharingError(f"unknown manifest format {str(version)[:20]!r}", file=file)
    check_manifest(manifest, file=file)
    if canonical_json(manifest) != raw:
        raise SharingError("the manifest is not in canonical form", file=file)
    return manifest


# The manifest's shape. Sizes a test may lower (MAX_LAYERS, MAX_FEATURES, MAX_PAYLOAD_BYTES) are
# read when a manifest is checked, in __post_init__, never frozen into a type at import.
_Org = Annotated[str, msgspec.Meta(pattern=_ORG.pattern, max_length=200)]
_Hex64 = Annotated[str, msgspec.Meta(pattern=_HEX64.pattern, max_length=200)]
_Time = Annotated[str, msgspec.Meta(max_length=40)]
_MAX_WHOLE = 2**53


def _whole(value: int, key: str, minimum: int = 0, maximum: int = _MAX_WHOLE) -> None:
    if not minimum <= value <= maximum:
        raise Invalid(f"must be a whole number from {minimum} to {maximum}", key)


class _Entry(msgspec.Struct, forbid_unknown_fields=True):
    """A JSON object of the manifest: every entry present, nothing unknown."""


class _Sender(_Entry):
    org: _Org
    fingerprint: _Hex64


class _Recipient(_Entry):
    org: _Org
    encryption_key: Annotated[str, msgspec.Meta(max_length=100)]

    def __post_init__(self) -> None:
        if not self.encryption_key.startswith("age1"):
            raise Invalid("is not an age X25519 recipient", "encryption_key")


class _LayerCounts(_Entry):
    features: int
    tombstones: int
    generalised: int

    def __post_init__(self) -> None:
        for key in ("features", "tombstones", "generalised"):
            _whole(getattr(self, key), key, maximum=MAX_FEATURES)
        if self.generalised > self.features:
            raise Invalid("exceeds the feature count", "generalised")


class _Payload(_Entry):
    encoding: str
    size: int
    sha256: _Hex64

    def __post_init__(self) -> None:
        if self.encoding != "zlib":
            raise Invalid(f"unknown encoding {self.encoding[:20]!r}", "encoding")
        _whole(self.size, "size", maximum=MAX_PAYLOAD_BYTES)


class _AuditHead(_Entry):
    seq: int
    hash: _Hex64

    def __post_init__(self) -> None:
        _whole(self.seq, "seq")


class _Exercise(_Entry):
    name: Annotated[str, msgspec.Meta(pattern=EXERCISE_NAME_PATTERN.pattern, max_length=80)]


class Manifest(_Entry, kw_only=True):
    """The signed manifest, strictly: unknown TLP values refused (never read as something weaker)."""

    format: int
    package_id: Annotated[str, msgspec.Meta(max_length=36)]
    sender: _Sender
    recipients: Annotated[list[_Recipient], msgspec.Meta(min_length=1, max_length=256)]
    created: _Time
    expires: _Time
    sequence: int
    mode: str
    layers: dict[Annotated[str, msgspec.Meta(pattern=_LAYER.pattern)], _LayerCounts]
    markings: dict[str, int]
    highest_marking: str | None
    payload: _Payload
    audit_head: _AuditHead
    generator: Annotated[str, msgspec.Meta(max_length=100)]
    # flags an exercise's package (absent: real data, as every package made before exercises
    # existed; null is refused as before). An older reader refuses it as unknown: safe.
    exercise: _Exercise | msgspec.UnsetType = msgspec.UNSET

    def __post_init__(self) -> None:
        _whole(self.format, "format", FORMAT_VERSION, FORMAT_VERSION)
        try:
            if str(uuid_module.UUID(self.package_id)) != self.package_id:
                raise ValueError
        except ValueError:
            raise Invalid("is not a lowercase UUID", "package_id") from None
        orgs = [r.org for r in self.recipients]
        if orgs != sorted(set(orgs)):
            raise Invalid("must be sorted by org, each once", "recipients")
        created, expires = _time(self.created, "created"), _time(self.expires, "expires")
        if expires <= created:
            raise Invalid("is not after created", "expires")
        _whole(self.sequence, "sequence", minimum=1)
        if self.mode not in ("full", "incremental"):
            raise Invalid("must be full or incremental", "mode")
        total = sum(c.features + c.tombstones for c in self.layers.values())
        if total > MAX_FEATURES:
            raise Invalid(f"declares {total} features, above the limit of {MAX_FEATURES}", "layers")
        for level, count in self.markings.items():
            if level not in TLP_VALUES:
                raise Invalid(f"unknown marking {level[:20]!r} (known: {', '.join(TLP_VALUES)})", "markings")
            _whole(count, f"markings.{level}", 1, MAX_FEATURES)
        if self.highest_marking is not None and self.highest_marking not in TLP_VALUES:
            raise Invalid(f"unknown marking {self.highest_marking[:20]!r}", "highest_marking")
        expected = max((TLP(t) for t in self.markings), default=None, key=lambda t: t.rank)
        if (expected.value if expected else None) != self.highest_marking:
            raise Invalid("does not match the marking counts", "highest_marking")


def _time(value: str, key: str) -> datetime:
    try:
        stamp = parse_time(value)
    except (ValidationError, OverflowError):  # not a time, or one past datetime's range once in UTC
        stamp = None
    if stamp is None:
        raise Invalid("is not an ISO 8601 date and time", key)
    return stamp


def _manifest_problem(problem: Problem, file: str | None) -> SharingError:
    """The problem in the words this format has always used, naming ``manifest.KEY``."""
    path, reason = problem.path, problem.reason
    if problem.kind in ("unknown", "missing"):
        reason = "unknown entry" if problem.kind == "unknown" else "missing entry"
    elif problem.kind in ("type", "constraint"):
        if path == ("recipients",):
            reason = "must list 1 to 256 recipients"
        elif path == ("layers",) and problem.kind == "type":  # (a bad layer name is "malformed")
            reason = f"must be an object of at most {MAX_LAYERS} layers"
        elif "int" in problem.expected:
            low, high = _WHOLE_RANGES.get(str(path[-1] if path[0] != "markings" else "markings"), (0, _MAX_WHOLE))
            reason = f"must be a whole number from {low} to {high() if callable(high) else high}"
        elif problem.expected == "dict":
            reason = "must be an object"
        else:
            reason = "is missing or malformed"
    return SharingError(reason, file=file, field=f"manifest.{problem.key}" if path else "manifest")


# The range a whole number of the manifest takes, for the message when it is not one at all.
_WHOLE_RANGES: dict[str, tuple[int, Any]] = {
    "format": (FORMAT_VERSION, FORMAT_VERSION), "sequence": (1, _MAX_WHOLE), "size": (0, lambda: MAX_PAYLOAD_BYTES),
    "features": (0, lambda: MAX_FEATURES), "tombstones": (0, lambda: MAX_FEATURES),
    "generalised": (0, lambda: MAX_FEATURES), "markings": (1, lambda: MAX_FEATURES),
}


def check_manifest(m: dict[str, Any], *, file: str | None = None) -> None:
    """Schema of the manifest, strictly (:class:`Manifest`); SharingError naming ``manifest.KEY``."""
    if not isinstance(m, dict):
        raise SharingError("the manifest is not a JSON object", file=file)
    if isinstance(m.get("layers"), dict) and len(m["layers"]) > MAX_LAYERS:
        # counted before a layer is read: a hostile manifest's thousands of entries cost nothing
        raise SharingError(f"must be an object of at most {MAX_LAYERS} layers", file=file, field="manifest.layers")
    convert(m, Manifest, lambda problem: _manifest_problem(problem, file))


def verify_signature(opened: OpenedPackage, signing_key: Ed25519PublicKey, *, file: str | None = None) -> None:
    try:
        signing_key.verify(opened.signature, SIGNATURE_DOMAIN + opened.manifest_bytes)
    except InvalidSignature:
        raise SharingError("the signature does not verify: the package was altered or forged", file=file) from None


def payload_limit(stored: int) -> int:
    """The largest decompressed payload accepted for ``stored`` bytes of zlib stream."""
    return min(MAX_PAYLOAD_BYTES, max(EXPANSION_FLOOR, MAX_EXPANSION * stored))


def payload_json(opened: OpenedPackage, *, file: str | None = None) -> bytearray:
    """The payload, after its hash matched the signed manifest, decompressed in bounded steps
    into a buffer of its signed, declared size and never beyond it. A bytearray, not bytes:
    copying up to 1 GiB once more only to make it immutable would double the peak."""
    entry = opened.manifest["payload"]
    if hashlib.sha256(opened.payload).hexdigest() != entry["sha256"]:
        raise SharingError("the payload does not match the hash in the signed manifest (altered)", file=file)
    size = entry["size"]
    stored = len(opened.payload)
    if size > payload_limit(stored):
        raise SharingError(f"the payload declares {size} bytes decompressed from {stored} stored, more than "
                           f"{MAX_EXPANSION} times its size (refused before decompressing)", file=file)
    out = bytearray(size)
    filled = 0
    source = memoryview(opened.payload)
    taken = 0
    pending: bytes | memoryview = b""
    decompressor = zlib.decompressobj()
    try:
        while not decompressor.eof:
            if not pending and taken < stored:
                pending = source[taken:taken + _INFLATE_INPUT_STEP]
                taken += len(pending)
            room = size - filled
            # one byte more than there is room for is enough to know the stream is too long
            chunk = decompressor.decompress(pending, min(_INFLATE_OUTPUT_STEP, room + 1))
            pending = decompressor.unconsumed_tail
            if len(chunk) > room:
                raise SharingError(f"the payload expands beyond its declared {size} bytes (refused)", file=file)
            out[filled:filled + len(chunk)] = chunk
            filled += len(chunk)
            if not chunk and not pending and taken >= stored:
                break  # every stored byte given and nothing more comes out: the stream is cut short
    except zlib.error as exc:
        raise SharingError(f"the payload cannot be decompressed ({exc})", file=file) from None
    if filled != size or not decompressor.eof or decompressor.unused_data or taken < stored:
        raise SharingError("the payload's size does not match the manifest", file=file)
    return out
