"""Our own organisation's keys: an Ed25519 signing key and an age X25519 identity.

Private keys are sealed at rest with a key derived from the passphrase (scrypt) and an AEAD
(ChaCha20-Poly1305, the row's identity as associated data), and live only in the workspace
table ``humanops_identity``: nothing in a package, card or export ever reads the sealed
column. A wrong passphrase fails authentication and is a clear :class:`SharingError`.

Rotation makes new keys; the old row is kept, marked revoked at the rotation time, with its
signing half dropped and its age identity still sealed, so packages addressed to the old key
can be opened and partners can verify packages we signed before.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from humanops.errors import SharingError
from humanops.fileperms import make_private
from humanops.model.marking import format_time, parse_time, utc_now
from humanops.sharing.tables import ensure_tables
from humanops.store.workspace import Workspace

# scrypt cost: 2**15 x 8 x 1 is 32 MiB and about 0.1 s: cheap for a user, dear for a guesser.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 8


def fingerprint(signing_key: str | bytes) -> str:
    """SHA-256 of the raw 32-byte Ed25519 public key, lowercase hex (how packages name it)."""
    raw = decode_public_key(signing_key) if isinstance(signing_key, str) else signing_key
    return hashlib.sha256(raw).hexdigest()


def format_fingerprint(value: str) -> str:
    """A fingerprint as people compare it by phone: uppercase groups of four."""
    text = value.replace(" ", "").upper()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def normalise_fingerprint(value: str) -> str:
    return value.replace(" ", "").replace(":", "").lower()


def decode_public_key(text: str) -> bytes:
    """A base64 Ed25519 public key as 32 raw bytes, or SharingError."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        raise SharingError("the signing key is not base64", field="signing_key") from None
    if len(raw) != 32:
        raise SharingError(f"the signing key has {len(raw)} bytes, not 32", field="signing_key")
    return raw


def public_key(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(decode_public_key(text))


def check_recipient(text: str) -> pyrage.x25519.Recipient:
    """An age X25519 recipient ``age1...``, or SharingError."""
    if not isinstance(text, str) or not text.startswith("age1") or len(text) > 100:
        raise SharingError(f"{str(text)[:20]!r} is not an age X25519 recipient (age1...)",
                           field="encryption_key")
    try:
        return pyrage.x25519.Recipient.from_str(text)
    except pyrage.RecipientError:
        raise SharingError("the encryption key is not a valid age recipient", field="encryption_key") from None


@dataclass(frozen=True)
class PublicIdentity:
    """Our identity as partners see it (no secrets)."""

    org_id: str
    signing_key: str  # base64 raw Ed25519 public key
    encryption_key: str  # age1...
    fingerprint: str  # hex
    created: datetime


@dataclass(frozen=True)
class UnlockedIdentity:
    """Our private keys, in memory only while an export or import runs."""

    public: PublicIdentity
    signing: Ed25519PrivateKey
    age_identities: tuple[pyrage.x25519.Identity, ...]  # current first, then earlier keys

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)


# --- sealing -------------------------------------------------------------------------------

def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(secrets: dict[str, str], passphrase: str, context: str) -> str:
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    plain = json.dumps(secrets, sort_keys=True).encode("utf-8")
    cipher = ChaCha20Poly1305(key).encrypt(nonce, plain, context.encode("utf-8"))
    b64 = base64.b64encode
    return json.dumps({
        "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": b64(salt).decode(),
        "aead": "chacha20poly1305", "nonce": b64(nonce).decode(), "ciphertext": b64(cipher).decode(),
    })


def unseal(sealed: str, passphrase: str, context: str) -> dict[str, str]:
    try:
        box = json.loads(sealed)
        if box.get("kdf") != "scrypt" or box.get("aead") != "chacha20poly1305":
            raise ValueError("unknown sealing")
        n, r, p = int(box["n"]), int(box["r"]), int(box["p"])
        if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("scrypt parameters out of range")
        salt, nonce, cipher = (base64.b64decode(box[k]) for k in ("salt", "nonce", "ciphertext"))
    except (ValueError, KeyError, TypeError) as exc:
        raise SharingError(f"the stored private keys are damaged ({exc})", field="humanops_identity") from None
    key = _derive(passphrase, salt, n, r, p)
    try:
        plain = ChaCha20Poly1305(key).decrypt(nonce, cipher, context.encode("utf-8"))
    except InvalidTag:
        raise SharingError("wrong passphrase for the organisation's private keys") from None
    return json.loads(plain)


def _context(org_id: str, fp: str) -> str:
    return f"humanops-identity/1:{org_id}:{fp}"


# --- the identity table --------------------------------------------------------------------

def has_identity(workspace: Workspace) -> bool:
    db = workspace.sql
    if not db.has_table("humanops_identity"):
        return False
    return db.execute("SELECT 1 FROM humanops_identity WHERE revoked_at IS NULL").fetchone() is not None


def own_identity(workspace: Workspace) -> PublicIdentity:
    """Our current public identity; SharingError if ``keys init`` was never run."""
    if not has_identity(workspace):
        raise SharingError("this workspace has no keys yet: run humanops keys init --org ID --name NAME",
                           file=str(workspace.path))
    row = workspace.sql.execute(
        "SELECT org_id, signing_key, encryption_key, fingerprint, created FROM humanops_identity "
        "WHERE revoked_at IS NULL ORDER BY id DESC LIMIT 1").fetchone()
    return PublicIdentity(row[0], row[1], row[2], row[3], parse_time(row[4]))


def key_history(workspace: Workspace) -> list[dict[str, str | None]]:
    """Every key we have had: fingerprints, created and revoked times (newest first)."""
    if not has_identity(workspace):
        return []
    rows = workspace.sql.execute(
        "SELECT fingerprint, signing_key, encryption_key, created, revoked_at FROM humanops_identity "
        "ORDER BY id DESC").fetchall()
    return [{"fingerprint": r[0], "signing_key": r[1], "encryption_key": r[2], "created": r[3],
             "revoked_at": r[4]} for r in rows]


def _new_keys(org_id: str, passphrase: str) -> tuple[PublicIdentity, str]:
    signing = Ed25519PrivateKey.generate()
    raw_public = signing.public_key().public_bytes_raw()
    age_identity = pyrage.x25519.Identity.generate()
    fp = fingerprint(raw_public)
    public = PublicIdentity(org_id, base64.b64encode(raw_public).decode(), str(age_identity.to_public()),
                            fp, parse_time(format_time(utc_now())))  # stored to the millisecond
    secrets = {"ed25519": base64.b64encode(signing.private_bytes_raw()).decode(), "age": str(age_identity)}
    return public, seal(secrets, passphrase, _context(org_id, fp))


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise SharingError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")


def _narrow(workspace: Workspace) -> None:
    """The workspace's file owner-only (a team database has no file: its server keeps the rows)."""
    if Path(str(workspace.path)).is_file():
        make_private(workspace.path)


def init_identity(workspace: Workspace, org_id: str, name: str, passphrase: str, *, acronym: str = "",
                  communities: tuple[str, ...] = ()) -> PublicIdentity:
    """Make our organisation's keys and enter us in the partner directory."""
    from humanops.model.marking import Marking
    from humanops.sharing import audit, directory_store

    Marking(releasable_to=(org_id, *communities))  # ids checked as a marking would check them
    _check_passphrase(passphrase)
    if not name.strip():
        raise SharingError("the organisation needs a name", field="name")
    current = workspace.organisation
    if current and current != org_id:
        raise SharingError(f"this workspace belongs to organisation {current!r}, not {org_id!r}",
                           file=str(workspace.path))
    public, sealed = _new_keys(org_id, passphrase)
    # A workspace an older version made is world-readable (umask): owner-only before the sealed
    # keys go in (SQLite gives the transaction's journal the file's mode, so it is narrowed first).
    _narrow(workspace)
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        if has_identity(workspace):
            raise SharingError("this workspace has keys already (use humanops keys rotate)",
                               file=str(workspace.path))
        _insert(db, public, sealed)
        if not current:
            db.upsert("humanops_meta", {"key": "organisation", "value": org_id}, key=("key",))
        directory_store.save_self(workspace, public, name=name, acronym=acronym, communities=communities)
        audit.append(workspace, "key", counterpart=org_id,
                     detail={"event": "init", "fingerprint": public.fingerprint})
    return public


def _insert(db, public: PublicIdentity, sealed: str) -> None:  # type: ignore[no-untyped-def]
    db.execute(
        "INSERT INTO humanops_identity (org_id, signing_key, encryption_key, fingerprint, created, sealed) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (public.org_id, public.signing_key, public.encryption_key, public.fingerprint,
         format_time(public.created), sealed))


def unlock(workspace: Workspace, passphrase: str) -> UnlockedIdentity:
    """Our private keys (current signing key, current and earlier age identities)."""
    public = own_identity(workspace)
    rows = workspace.sql.execute(
        "SELECT org_id, fingerprint, sealed, revoked_at FROM humanops_identity ORDER BY id DESC").fetchall()
    signing: Ed25519PrivateKey | None = None
    identities: list[pyrage.x25519.Identity] = []
    for org_id, fp, sealed, revoked_at in rows:
        secrets = unseal(sealed, passphrase, _context(org_id, fp))
        if revoked_at is None and fp == public.fingerprint:
            signing = Ed25519PrivateKey.from_private_bytes(base64.b64decode(secrets["ed25519"]))
        identities.append(pyrage.x25519.Identity.from_str(secrets["age"]))
    if signing is None or fingerprint(signing.public_key().public_bytes_raw()) != public.fingerprint:
        raise SharingError("the stored signing key does not match its public key", field="humanops_identity")
    return UnlockedIdentity(public, signing, tuple(identities))


def rotate_keys(workspace: Workspace, passphrase: str, *, now: datetime | None = None) -> PublicIdentity:
    """New keys for our organisation. The old public key stays in the directory, revoked at
    ``now``, so partners (and we) still verify what was signed before; its age identity is
    kept sealed to open packages still addressed to it."""
    from humanops.sharing import audit, directory_store

    now = parse_time(format_time(now or utc_now()))
    old = unlock(workspace, passphrase)
    public, sealed = _new_keys(old.public.org_id, passphrase)
    public = PublicIdentity(public.org_id, public.signing_key, public.encryption_key, public.fingerprint, now)
    old_context = _context(old.public.org_id, old.public.fingerprint)
    _narrow(workspace)  # as in init_identity: a file an older version made may be 0644
    with workspace.transaction():
        db = workspace.sql
        row = db.execute("SELECT sealed FROM humanops_identity WHERE fingerprint = ?",
                         (old.public.fingerprint,)).fetchone()
        secrets = unseal(row[0], passphrase, old_context)
        # the old signing key must never sign again: only its age identity is kept
        resealed = seal({"age": secrets["age"]}, passphrase, old_context)
        db.execute("UPDATE humanops_identity SET revoked_at = ?, sealed = ? WHERE fingerprint = ?",
                   (format_time(now), resealed, old.public.fingerprint))
        _insert(db, public, sealed)
        directory_store.rotate_self(workspace, public, old_fingerprint=old.public.fingerprint, at=now)
        audit.append(workspace, "key", counterpart=public.org_id, at=now,
                     detail={"event": "rotate", "old_fingerprint": old.public.fingerprint,
                             "fingerprint": public.fingerprint})
    return public
