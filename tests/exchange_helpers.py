"""Small partner workspaces with keys and exchanged cards, for the sharing tests."""

from __future__ import annotations

import atexit
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyrage
from store_backends import GPKG, Backend

from humanops.errors import SharingError
from humanops.sharing import cards, keys, package_format
from humanops.sharing.canonical import canonical_json
from humanops.store.workspace import Workspace


@dataclass
class Partner:
    org: str
    ws: Workspace
    passphrase: str
    card: Path


_TEMPLATES: dict[tuple, Path] = {}


def make_partners(tmp_path: Path, orgs: dict[str, tuple[str, ...]],
                  backend: Backend | None = None) -> dict[str, Partner]:
    """One workspace per organisation (id -> communities), every card added everywhere, on
    ``backend`` (conftest's fixture; a GeoPackage without one). Made once per set of organisations
    and copied for each test (creating is the slow part)."""
    key = tuple(sorted(orgs.items()))
    if key not in _TEMPLATES:
        template = Path(tempfile.mkdtemp(prefix="humanops-partners-"))
        atexit.register(shutil.rmtree, template, ignore_errors=True)
        close_all(_make_partners(template, orgs))
        _TEMPLATES[key] = template
    tmp_path.mkdir(parents=True, exist_ok=True)
    backend = backend or Backend(GPKG)
    partners = {}
    for org in orgs:
        shutil.copyfile(_TEMPLATES[key] / f"{org}.card.json", tmp_path / f"{org}.card.json")
        ws = backend.copy_of_template(_TEMPLATES[key] / f"{org}.gpkg", tmp_path)
        partners[org] = Partner(org, ws, f"passphrase of {org}", tmp_path / f"{org}.card.json")
    return partners


def _make_partners(tmp_path: Path, orgs: dict[str, tuple[str, ...]]) -> dict[str, Partner]:
    partners = {}
    for org, communities in orgs.items():
        ws = Workspace.create(tmp_path / f"{org}.gpkg", organisation=org)
        phrase = f"passphrase of {org}"
        keys.init_identity(ws, org, org.upper(), phrase, communities=communities)
        card = tmp_path / f"{org}.card.json"
        cards.write_card(ws, card, phrase)
        partners[org] = Partner(org, ws, phrase, card)
    for p in partners.values():
        for q in partners.values():
            if p is not q:
                cards.add_partner_from_card(p.ws, q.card)
    return partners


def close_all(partners: dict[str, Partner]) -> None:
    for p in partners.values():
        p.ws.close()


def open_inner(package: Path, recipient: Partner) -> bytes:
    """The decrypted inner container of a package (for tampering tests)."""
    data = package.read_bytes()
    identity = keys.unlock(recipient.ws, recipient.passphrase)
    return pyrage.decrypt(data[len(package_format.MARKER):], list(identity.age_identities))


def split_inner(inner: bytes) -> tuple[bytes, bytes, bytes]:
    opened = package_format.parse_inner(inner)
    return opened.manifest_bytes, opened.signature, opened.payload


def frame_inner(manifest: bytes, signature: bytes, payload: bytes) -> bytes:
    return b"".join((package_format.INNER_MAGIC, struct.pack(">I", len(manifest)), manifest,
                     struct.pack(">H", len(signature)), signature, struct.pack(">Q", len(payload)), payload))


def seal_inner(inner: bytes, recipient: Partner, out: Path, marker: bytes = package_format.MARKER) -> Path:
    """Encrypt an inner container to the recipient, as a sender would."""
    key = keys.check_recipient(keys.own_identity(recipient.ws).encryption_key)
    out.write_bytes(marker + pyrage.encrypt(inner, [key]))
    return out


def resign(manifest: dict, payload: bytes, sender: Partner, recipient: Partner, out: Path) -> Path:
    """A package with a manifest of our choosing, validly signed by ``sender`` (a sender's
    own bug or malice: the checks after the signature must still refuse it)."""
    identity = keys.unlock(sender.ws, sender.passphrase)
    body = canonical_json(manifest)
    signature = identity.sign(package_format.SIGNATURE_DOMAIN + body)
    return seal_inner(frame_inner(body, signature, payload), recipient, out)


def with_statement(payload: dict, author: Partner) -> dict:
    """The payload with a statement by ``author`` covering every row it authored, as the real
    exporter signs (a hostile author's own signature: the other checks must still refuse)."""
    import json as json_module

    from humanops.model.marking import utc_now
    from humanops.sharing.originator_signatures import content_hashes, sign_statement
    from humanops.sharing.payload_codec import decode_package_payload

    doc = dict(payload)
    doc.setdefault("statements", [])
    try:
        layers, _, _ = decode_package_payload(json_module.dumps({**doc, "statements": []}).encode())
    except SharingError:
        return doc  # malformed on purpose: refused before any signature is looked at
    hashes = []
    for name, layer in layers.items():
        frame = layer.frame
        mine = (frame["_author"] == author.org) & frame["_proposed_by"].isna()
        hashes += content_hashes(name, frame[mine], layer.fields)
    identity = keys.unlock(author.ws, author.passphrase)
    doc["statements"] = [*doc["statements"], sign_statement(identity, hashes, utc_now()).to_payload()]
    return doc


def without_audit(snap: dict) -> dict:
    """A workspace snapshot less what every import writes, refused or not (the audit log)."""
    snap = dict(snap)
    snap.pop("humanops_audit", None)
    snap["humanops_meta"] = [r for r in snap["humanops_meta"] if r[0] != "audit_head"]
    return snap


def refused(partner: Partner, path: Path, snapshot, match: str | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """The import raises a SharingError (not another exception) naming the file in one line,
    changes nothing but the audit log, and records the refusal there."""
    import pytest

    from humanops.sharing.audit import entries, verify_audit
    from humanops.sharing.exchange_import import import_package

    before = snapshot(partner.ws.path)
    with pytest.raises(SharingError, match=match) as caught:
        import_package(partner.ws, path, partner.passphrase, **kwargs)
    assert str(path) in caught.value.message and "\n" not in caught.value.message
    assert without_audit(snapshot(partner.ws.path)) == without_audit(before)
    assert entries(partner.ws)[-1]["action"] == "refused_import"
    assert verify_audit(partner.ws).ok
    return caught.value
