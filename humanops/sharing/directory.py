"""The partner directory as the policy reads it: organisations, their keys and communities.

An immutable snapshot: the policy is a pure function of it. Storing it in the workspace is
``humanops.sharing.directory_store``; this module holds only the values and the look-ups.
Community membership is the union of what each organisation says it belongs to
(``Organisation.communities``) and what each community lists (``Community.members``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class Organisation:
    id: str  # e.g. "medaid"
    name: str
    acronym: str = ""
    signing_key: str = ""  # Ed25519 public key, base64 (raw 32 bytes)
    encryption_key: str = ""  # age X25519 recipient string "age1..."
    communities: tuple[str, ...] = ()  # community ids it belongs to, e.g. ("community:wash-cluster",)
    area_of_responsibility: BaseGeometry | None = None  # EPSG:4326 polygon, optional
    revoked_at: datetime | None = None  # key revoked: packages signed after this are refused
    fingerprint: str = ""  # of the signing key, for out-of-band checks

    def is_revoked(self, at: datetime) -> bool:
        """Whether the signing key was revoked at or before ``at``."""
        return self.revoked_at is not None and at >= self.revoked_at


@dataclass(frozen=True)
class Community:
    id: str
    name: str
    members: tuple[str, ...] = ()


class Directory:
    """Immutable snapshot of the partner directory."""

    def __init__(self, organisations: Iterable[Organisation], communities: Iterable[Community] = ()) -> None:
        orgs = {o.id: o for o in organisations}
        comms = {c.id: c for c in communities}
        members: dict[str, set[str]] = {cid: set(c.members) for cid, c in comms.items()}
        for org in orgs.values():
            for cid in org.communities:
                members.setdefault(cid, set()).add(org.id)
        of: dict[str, set[str]] = {}
        for cid, ids in members.items():
            for oid in ids:
                of.setdefault(oid, set()).add(cid)
        self._organisations = MappingProxyType(orgs)
        self._communities = MappingProxyType(comms)
        self._members = {cid: frozenset(ids) for cid, ids in members.items()}
        self._communities_of = {oid: frozenset(cids) for oid, cids in of.items()}

    @property
    def organisations(self) -> MappingProxyType[str, Organisation]:
        return self._organisations

    @property
    def communities(self) -> MappingProxyType[str, Community]:
        return self._communities

    def organisation(self, org_id: str) -> Organisation | None:
        return self._organisations.get(org_id)

    def communities_of(self, org_id: str) -> set[str]:
        """Every community the organisation belongs to (declared by it or by the community)."""
        return set(self._communities_of.get(org_id, ()))

    def members_of(self, community_id: str) -> set[str]:
        return set(self._members.get(community_id, ()))

    def is_community(self, party: str) -> bool:
        return party in self._members

    def is_named(self, party: str, org_id: str) -> bool:
        """Whether ``party`` (an organisation or community id) names ``org_id``."""
        return party == org_id or org_id in self._members.get(party, ())

    def names(self, parties: Iterable[str], org_id: str) -> bool:
        """Whether any of ``parties`` names ``org_id``."""
        return any(self.is_named(p, org_id) for p in parties)

    def __repr__(self) -> str:
        return f"Directory({len(self._organisations)} organisations, {len(self._members)} communities)"
