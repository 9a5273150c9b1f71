"""Partners in a workspace's directory without workspaces of their own: our keys, and each
partner's contact card made here (public keys only). A product made for an audience asks only
the directory, so this is all its tests need, in a fraction of the time of partner workspaces."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from humanops.sharing import keys
from humanops.sharing.cards import ContactCard
from humanops.sharing.directory_store import add_partner, define_community
from humanops.store.workspace import Workspace

PASSPHRASE = "briefing-tests"


def enter_partners(workspace: Workspace, own: dict[str, Any], others: list[dict[str, Any]], issued: datetime, *,
                   communities: Sequence[dict[str, str]] = ()) -> None:
    """``own`` and each of ``others``: ``{"id", "name", "acronym", "communities"}`` (the demo's
    DEMO_PARTNERS form). Call with keys.SCRYPT_N lowered: sealing our keys is the slow part."""
    keys.init_identity(workspace, own["id"], own["name"], PASSPHRASE, acronym=own["acronym"],
                       communities=tuple(own["communities"]))
    for community in communities:
        define_community(workspace, community["id"], community["name"])
    for partner in others:
        signing = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
        add_partner(workspace, ContactCard(
            partner["id"], partner["name"], partner["acronym"], base64.b64encode(signing).decode(),
            str(pyrage.x25519.Identity.generate().to_public()), keys.fingerprint(signing), issued,
            tuple(partner["communities"]), None, issued))
