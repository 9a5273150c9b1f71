"""Contact cards: how an organisation hands its identity and public keys to a partner.

A card is a small JSON file: identity, public keys, fingerprint, communities, optional area of
responsibility (a GeoJSON string) and creation time, signed by its own signing key. The
self-signature proves the card was made by whoever holds that key and was not altered; whether
the key really is that organisation's is what the fingerprint, read out over a second channel,
is for. Input is hostile until proven otherwise: bounded size, strict schema, no floats.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import shapely
from cryptography.exceptions import InvalidSignature
from shapely.geometry.base import BaseGeometry

from humanops.documents import Problem, convert
from humanops.errors import SharingError, ValidationError
from humanops.model.marking import Marking, format_time, parse_time, utc_now
from humanops.sharing.canonical import canonical_json, loads_strict
from humanops.store.atomic_files import write_text_atomic
from humanops.store.workspace import Workspace

CARD_VERSION = 1
MAX_CARD_BYTES = 2 * 1024 * 1024
_DOMAIN = b"humanops-card/1\x00"  # signatures over cards can never pass for package signatures


class CardFile(msgspec.Struct, forbid_unknown_fields=True):
    """A contact card's JSON: every entry present, nothing else, each of its type."""

    humanops_card: int
    org_id: str
    name: str
    acronym: str
    signing_key: str
    encryption_key: str
    fingerprint: str
    valid_from: str
    communities: list[str]
    area_of_responsibility: str | None
    created: str
    signature: str


_TYPE_WORDS = {"communities": "must be a list of community ids",
               "area_of_responsibility": "must be a GeoJSON geometry as text"}


@dataclass(frozen=True)
class ContactCard:
    org_id: str
    name: str
    acronym: str
    signing_key: str
    encryption_key: str
    fingerprint: str
    valid_from: datetime
    communities: tuple[str, ...]
    area_of_responsibility: BaseGeometry | None
    created: datetime

    def to_dict(self) -> dict[str, Any]:
        from humanops.sharing.keys import format_fingerprint

        return {"org_id": self.org_id, "name": self.name, "acronym": self.acronym,
                "fingerprint": format_fingerprint(self.fingerprint), "communities": list(self.communities),
                "has_area_of_responsibility": self.area_of_responsibility is not None,
                "valid_from": format_time(self.valid_from), "created": format_time(self.created)}


def write_card(workspace: Workspace, out: str | Path, passphrase: str) -> ContactCard:
    """Write our contact card (public keys only, signed with our current signing key)."""
    from humanops.sharing.directory_store import own_details
    from humanops.sharing.keys import unlock

    identity = unlock(workspace, passphrase)
    details = own_details(workspace)
    area = details["area"]
    doc: dict[str, Any] = {
        "humanops_card": CARD_VERSION,
        "org_id": identity.public.org_id,
        "name": details["name"],
        "acronym": details["acronym"] or "",
        "signing_key": identity.public.signing_key,
        "encryption_key": identity.public.encryption_key,
        "fingerprint": identity.public.fingerprint,
        "valid_from": format_time(identity.public.created),
        "communities": sorted(details["communities"]),
        "area_of_responsibility": None if area is None else shapely.to_geojson(area),
        "created": format_time(utc_now()),
    }
    doc["signature"] = base64.b64encode(identity.sign(_DOMAIN + canonical_json(doc))).decode()
    out = Path(out)
    # public keys only, meant to be handed out: the usual mode (an existing file's is kept)
    write_text_atomic(out, json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n", mode=None)
    return _card(doc, str(out))


def read_card(path: str | Path) -> ContactCard:
    """Read and verify a contact card; SharingError for anything broken or hostile."""
    path = Path(path)
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_CARD_BYTES:
            raise SharingError(f"is {size} bytes: too large for a contact card (limit {MAX_CARD_BYTES})", file=file)
        with path.open("rb") as handle:
            raw = handle.read(size + 1)
    except OSError as exc:
        raise SharingError(f"cannot read the contact card ({exc.strerror})", file=file) from None
    return parse_card(raw, file=file)


def parse_card(raw: bytes, *, file: str = "card") -> ContactCard:
    if len(raw) > MAX_CARD_BYTES:
        raise SharingError("too large for a contact card", file=file)
    doc = loads_strict(raw, what="contact card", file=file)
    if not isinstance(doc, dict):
        raise SharingError("is not a contact card (not a JSON object)", file=file)
    if doc.get("humanops_card") != CARD_VERSION:
        version = doc.get("humanops_card")
        if isinstance(version, int) and version > CARD_VERSION:
            raise SharingError(f"is a contact card of a newer format ({version}); this HumanOps reads "
                               f"version {CARD_VERSION}", file=file)
        raise SharingError("is not a HumanOps contact card", file=file)

    def fail(problem: Problem) -> SharingError:
        words = {"unknown": "unknown entry", "missing": "missing entry"}.get(problem.kind)
        reason = words or _TYPE_WORDS.get(str(problem.path[0]), "must be text")
        return SharingError(reason, file=file, field=str(problem.path[0]))

    convert(doc, CardFile, fail)  # the signature is over the JSON object itself: the checks below read it
    _verify(doc, file)
    return _card(doc, file)


def _verify(doc: dict[str, Any], file: str) -> None:
    from humanops.sharing.keys import check_recipient, decode_public_key, fingerprint, public_key

    try:
        decode_public_key(doc["signing_key"])
    except SharingError as exc:
        raise SharingError(exc.reason, file=file, field="signing_key") from None
    if fingerprint(doc["signing_key"]) != doc["fingerprint"]:
        raise SharingError("the fingerprint does not match the signing key", file=file, field="fingerprint")
    try:
        check_recipient(doc["encryption_key"])
        signature = base64.b64decode(doc["signature"], validate=True)
    except SharingError as exc:
        raise SharingError(exc.reason, file=file, field="encryption_key") from None
    except ValueError:
        raise SharingError("the signature is not base64", file=file, field="signature") from None
    body = {k: v for k, v in doc.items() if k != "signature"}
    try:
        public_key(doc["signing_key"]).verify(signature, _DOMAIN + canonical_json(body))
    except InvalidSignature:
        raise SharingError("the card's self-signature does not verify: it was altered or is forged",
                           file=file, field="signature") from None


def _card(doc: dict[str, Any], file: str) -> ContactCard:
    try:
        Marking(releasable_to=(doc["org_id"], *doc["communities"]))
    except ValidationError as exc:  # the card's types were checked by convert(): only the ids' form is left
        raise SharingError(exc.reason, file=file, field="org_id") from None
    name = doc["name"].strip()
    if not name or len(name) > 200 or len(doc["acronym"]) > 40:
        raise SharingError("the organisation name must be 1 to 200 characters", file=file, field="name")
    area = None
    if doc["area_of_responsibility"] is not None:
        area = _parse_area(doc["area_of_responsibility"], file)
    try:
        created = parse_time(doc["created"], field="created")
        valid_from = parse_time(doc["valid_from"], field="valid_from")
    except ValidationError as exc:
        raise SharingError(exc.reason, file=file, field="created") from None
    except OverflowError:  # e.g. 9999-12-31T23:59-10:00, past datetime's range once in UTC
        raise SharingError("is outside the range of dates", file=file, field="created") from None
    if created is None or valid_from is None:
        raise SharingError("must be a date and time", file=file, field="created")
    return ContactCard(doc["org_id"], name, doc["acronym"].strip(), doc["signing_key"], doc["encryption_key"],
                       doc["fingerprint"], valid_from, tuple(sorted(set(doc["communities"]))), area, created)


def _parse_area(text: Any, file: str) -> BaseGeometry:
    if not isinstance(text, str):
        raise SharingError("must be a GeoJSON geometry as text", file=file, field="area_of_responsibility")
    try:
        loads_strict(text.encode("utf-8"), what="area of responsibility", file=file, allow_floats=True)
        area = shapely.from_geojson(text)
    except shapely.errors.GEOSException:  # loads_strict's SharingError passes through as it is
        raise SharingError("is not a GeoJSON geometry", file=file, field="area_of_responsibility") from None
    if area.geom_type not in ("Polygon", "MultiPolygon") or area.is_empty:
        raise SharingError("must be a polygon", file=file, field="area_of_responsibility")
    minx, miny, maxx, maxy = area.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise SharingError("is outside longitude/latitude range", file=file, field="area_of_responsibility")
    if not area.is_valid:
        area = shapely.make_valid(area)
    return area


def add_partner_from_card(workspace: Workspace, path: str | Path, *, replace_key: bool = False,
                          now: datetime | None = None) -> Any:
    """Verify a card and enter its organisation in the directory; the result carries the
    fingerprint to check with the partner by phone or in person."""
    from humanops.sharing.directory_store import add_partner

    card = read_card(path)
    try:
        return add_partner(workspace, card, replace_key=replace_key, now=now)
    except SharingError as exc:
        raise SharingError(exc.reason, file=str(path), field=exc.field) from None
