"""The partner directory as stored in the workspace, and its :class:`Directory` snapshot.

``humanops_partners`` holds each organisation (ours too, ``is_self``), ``humanops_partner_keys``
every signing/encryption key pair it has had with ``valid_from`` and ``revoked_at`` (so older
packages still verify after a rotation, and packages made after a revocation do not), and
``humanops_communities`` the sharing groups. Changes go through a transaction and the audit log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry.base import BaseGeometry

from humanops.errors import SharingError
from humanops.model.marking import format_time, parse_time, utc_now
from humanops.sharing.directory import Community, Directory, Organisation
from humanops.sharing.tables import ensure_tables, has_tables
from humanops.store.sql_dialect import Sql
from humanops.store.workspace import Workspace

if TYPE_CHECKING:
    from humanops.sharing.cards import ContactCard
    from humanops.sharing.keys import PublicIdentity


@dataclass(frozen=True)
class KeyRecord:
    """One signing/encryption key pair of an organisation, with its validity."""

    org_id: str
    signing_key: str
    encryption_key: str
    fingerprint: str
    valid_from: datetime
    revoked_at: datetime | None

    def revoked_for(self, created: datetime) -> bool:
        """Whether a package created at ``created`` must be refused under this key."""
        return self.revoked_at is not None and created >= self.revoked_at


def _area_text(area: BaseGeometry | None) -> str | None:
    return None if area is None else shapely.to_geojson(area)


def _area(text: str | None) -> BaseGeometry | None:
    return None if not text else shapely.from_geojson(text)


def save_self(workspace: Workspace, public: PublicIdentity, *, name: str, acronym: str = "",
              communities: tuple[str, ...] = (), area: BaseGeometry | None = None) -> None:
    """Enter our own organisation (and its first key) in the directory."""
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        db.upsert("humanops_partners", {
            "org_id": public.org_id, "name": name.strip(), "acronym": acronym.strip(),
            "communities": json.dumps(sorted(set(communities))), "area_of_responsibility": _area_text(area),
            "is_self": 1, "card_created": None, "added": format_time(utc_now())}, key=("org_id",))
        _insert_key(db, public.org_id, public.signing_key, public.encryption_key, public.fingerprint,
                    public.created)
        _ensure_communities(db, communities)


def rotate_self(workspace: Workspace, public: PublicIdentity, *, old_fingerprint: str, at: datetime) -> None:
    with workspace.transaction():
        db = workspace.sql
        db.execute("UPDATE humanops_partner_keys SET revoked_at = ? WHERE fingerprint = ?",
                   (format_time(at), old_fingerprint))
        _insert_key(db, public.org_id, public.signing_key, public.encryption_key, public.fingerprint, at)


def set_own_details(workspace: Workspace, *, communities: tuple[str, ...] | None = None,
                    area: BaseGeometry | None = None, name: str | None = None) -> None:
    """Change our own communities, area of responsibility or name (the next card carries them)."""
    from humanops.model.marking import Marking

    org = workspace.organisation
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        if not db.execute("SELECT 1 FROM humanops_partners WHERE org_id = ? AND is_self = 1", (org,)).fetchone():
            raise SharingError("this workspace has no keys yet: run humanops keys init")
        if communities is not None:
            Marking(releasable_to=tuple(communities))
            db.execute("UPDATE humanops_partners SET communities = ? WHERE org_id = ?",
                       (json.dumps(sorted(set(communities))), org))
            _ensure_communities(db, communities)
        if area is not None:
            db.execute("UPDATE humanops_partners SET area_of_responsibility = ? WHERE org_id = ?",
                       (_area_text(area), org))
        if name:
            db.execute("UPDATE humanops_partners SET name = ? WHERE org_id = ?", (name.strip(), org))


def _insert_key(db: Sql, org_id: str, signing: str, encryption: str, fp: str, valid_from: datetime) -> None:
    db.execute(
        "INSERT INTO humanops_partner_keys (org_id, signing_key, encryption_key, fingerprint, valid_from) "
        "VALUES (?, ?, ?, ?, ?)", (org_id, signing, encryption, fp, format_time(valid_from)))


def _ensure_communities(db: Sql, communities: tuple[str, ...] | list[str]) -> None:
    for community in communities:
        db.insert_ignore("humanops_communities", ("community_id", "name"), [(community, community)])


def define_community(workspace: Workspace, community_id: str, name: str, members: tuple[str, ...] = ()) -> None:
    """Name a community and list members beyond those whose cards declare it."""
    from humanops.model.marking import Marking

    Marking(releasable_to=(community_id, *members))
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        db.upsert("humanops_communities", {"community_id": community_id, "name": name,
                                           "members": json.dumps(sorted(set(members)))}, key=("community_id",))


@dataclass(frozen=True)
class PartnerAdded:
    org_id: str
    name: str
    fingerprint: str  # grouped for reading aloud
    communities: tuple[str, ...]
    status: str  # added | updated | key_replaced | unchanged

    def to_dict(self) -> dict[str, Any]:
        return {"org_id": self.org_id, "name": self.name, "fingerprint": self.fingerprint,
                "communities": list(self.communities), "status": self.status}


def add_partner(workspace: Workspace, card: ContactCard, *, replace_key: bool = False,
                now: datetime | None = None) -> PartnerAdded:
    """Enter (or update) a partner from a verified contact card.

    A card for a known partner with a different key is refused unless ``replace_key``: the user
    must have checked the new fingerprint. The old key is then revoked from the new key's
    ``valid_from``, so what it signed before still verifies.
    """
    from humanops.sharing import audit
    from humanops.sharing.keys import format_fingerprint

    now = now or utc_now()
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        row = db.execute("SELECT is_self FROM humanops_partners WHERE org_id = ?", (card.org_id,)).fetchone()
        if row and row[0]:
            raise SharingError(f"the card is for our own organisation {card.org_id!r}")
        known = db.execute("SELECT org_id, revoked_at FROM humanops_partner_keys WHERE fingerprint = ?",
                           (card.fingerprint,)).fetchone()
        if known and known[0] != card.org_id:
            raise SharingError(f"this key already belongs to organisation {known[0]!r}, not {card.org_id!r}")
        if known and known[1] is not None:
            raise SharingError(f"the key {format_fingerprint(card.fingerprint)} of {card.org_id!r} was revoked")
        current = db.execute(
            "SELECT fingerprint FROM humanops_partner_keys WHERE org_id = ? AND revoked_at IS NULL",
            (card.org_id,)).fetchall()
        if row is None:
            status = "added"
        elif known:
            status = "updated"
        elif not replace_key:
            held = (f"is known with another key ({format_fingerprint(current[0][0])})" if current
                    else "had its keys revoked")
            raise SharingError(
                f"{card.org_id!r} {held}; check the new fingerprint {format_fingerprint(card.fingerprint)} with "
                "them and add the card with --replace-key")
        else:
            status = "key_replaced"
        added = db.execute("SELECT added FROM humanops_partners WHERE org_id = ?", (card.org_id,)).fetchone()
        db.upsert("humanops_partners", {
            "org_id": card.org_id, "name": card.name, "acronym": card.acronym,
            "communities": json.dumps(sorted(set(card.communities))),
            "area_of_responsibility": _area_text(card.area_of_responsibility), "is_self": 0,
            "card_created": format_time(card.created),
            "added": added[0] if added and added[0] is not None else format_time(now)}, key=("org_id",))
        _ensure_communities(db, card.communities)
        if not known:
            if current:
                db.execute("UPDATE humanops_partner_keys SET revoked_at = ? WHERE org_id = ? AND revoked_at IS NULL",
                           (format_time(card.valid_from), card.org_id))
            _insert_key(db, card.org_id, card.signing_key, card.encryption_key, card.fingerprint, card.valid_from)
        audit.append(workspace, "partner", counterpart=card.org_id, at=now,
                     detail={"event": status, "fingerprint": card.fingerprint})
    return PartnerAdded(card.org_id, card.name, format_fingerprint(card.fingerprint), tuple(card.communities),
                        status)


def revoke_partner(workspace: Workspace, org_id: str, at: datetime | None = None) -> int:
    """Revoke every current key of a partner from ``at`` (default now): packages it signed
    at or after that time are refused. Returns how many keys were revoked."""
    from humanops.sharing import audit

    at = at or utc_now()
    with workspace.transaction():
        db = workspace.sql
        ensure_tables(db)
        row = db.execute("SELECT is_self FROM humanops_partners WHERE org_id = ?", (org_id,)).fetchone()
        if row is None:
            raise SharingError(f"no partner {org_id!r} in the directory")
        if row[0]:
            raise SharingError("our own keys are not revoked here: use humanops keys rotate")
        changed = db.execute(
            "UPDATE humanops_partner_keys SET revoked_at = ? WHERE org_id = ? AND (revoked_at IS NULL OR "
            "revoked_at > ?)", (format_time(at), org_id, format_time(at))).rowcount
        audit.append(workspace, "partner", counterpart=org_id, detail={"event": "revoke", "at": format_time(at),
                                                                      "keys": changed})
    return changed


def keys_of(workspace: Workspace, org_id: str) -> list[KeyRecord]:
    if not has_tables(workspace.sql):
        return []
    rows = workspace.sql.execute(
        "SELECT org_id, signing_key, encryption_key, fingerprint, valid_from, revoked_at FROM "
        "humanops_partner_keys WHERE org_id = ? ORDER BY id DESC", (org_id,)).fetchall()
    return [_key(r) for r in rows]


def key_by_fingerprint(workspace: Workspace, fp: str) -> KeyRecord | None:
    if not has_tables(workspace.sql):
        return None
    row = workspace.sql.execute(
        "SELECT org_id, signing_key, encryption_key, fingerprint, valid_from, revoked_at FROM "
        "humanops_partner_keys WHERE fingerprint = ?", (fp,)).fetchone()
    return None if row is None else _key(row)


def _key(row: tuple) -> KeyRecord:
    return KeyRecord(row[0], row[1], row[2], row[3], parse_time(row[4]), parse_time(row[5]))


def list_partners(workspace: Workspace) -> list[dict[str, Any]]:
    """Every organisation with its current key fingerprint and key history (for the CLI/app)."""
    from humanops.sharing.keys import format_fingerprint

    if not has_tables(workspace.sql):
        return []
    out = []
    rows = workspace.sql.execute(
        "SELECT org_id, name, acronym, communities, area_of_responsibility, is_self, card_created, added "
        "FROM humanops_partners ORDER BY is_self DESC, org_id").fetchall()
    for org_id, name, acronym, communities, area, is_self, card_created, added in rows:
        keys = keys_of(workspace, org_id)
        current = next((k for k in keys if k.revoked_at is None), None)
        out.append({
            "org_id": org_id, "name": name, "acronym": acronym, "communities": json.loads(communities),
            "has_area_of_responsibility": bool(area), "self": bool(is_self), "card_created": card_created,
            "added": added, "status": "active" if current else "revoked",
            "fingerprint": format_fingerprint(current.fingerprint) if current else None,
            "keys": [{"fingerprint": format_fingerprint(k.fingerprint), "valid_from": format_time(k.valid_from),
                      "revoked_at": format_time(k.revoked_at)} for k in keys],
        })
    return out


def load_directory(workspace: Workspace) -> Directory:
    """The directory as an immutable snapshot for the policy (ours included)."""
    if not has_tables(workspace.sql):
        return Directory([])
    db = workspace.sql
    orgs = []
    for org_id, name, acronym, communities, area in db.execute(
            "SELECT org_id, name, acronym, communities, area_of_responsibility FROM humanops_partners"):
        keys = keys_of(workspace, org_id)
        current = next((k for k in keys if k.revoked_at is None), keys[0] if keys else None)
        orgs.append(Organisation(
            id=org_id, name=name, acronym=acronym or "",
            signing_key=current.signing_key if current else "",
            encryption_key=current.encryption_key if current else "",
            communities=tuple(json.loads(communities)), area_of_responsibility=_area(area),
            revoked_at=current.revoked_at if current else None,
            fingerprint=current.fingerprint if current else ""))
    communities = [Community(cid, name, tuple(json.loads(members)))
                   for cid, name, members in db.execute("SELECT community_id, name, members FROM humanops_communities")]
    return Directory(orgs, communities)


def own_area(workspace: Workspace) -> BaseGeometry | None:
    row = workspace.sql.execute(
        "SELECT area_of_responsibility FROM humanops_partners WHERE is_self = 1").fetchone()
    return _area(row[0]) if row else None


def own_details(workspace: Workspace) -> dict[str, Any]:
    row = workspace.sql.execute(
        "SELECT org_id, name, acronym, communities, area_of_responsibility FROM humanops_partners "
        "WHERE is_self = 1").fetchone()
    if row is None:
        raise SharingError("this workspace has no keys yet: run humanops keys init --org ID --name NAME")
    return {"org_id": row[0], "name": row[1], "acronym": row[2], "communities": tuple(json.loads(row[3])),
            "area": _area(row[4])}
