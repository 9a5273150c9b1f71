"""Keys and a partner directory for the demo, so sharing can be tried at once.

The demo workspace belongs to the first demo partner (the coordination office). This gives it
its own keys (passphrase :data:`DEMO_PASSPHRASE`, printed by ``humanops demo``), and enters the
other demo partners in its directory with their own freshly made keys, as if their contact
cards had been received. Each partner's own workspace (empty, with its keys and our card) is
written beside the demo, so packages can be sent to a partner and opened on its side:

    humanops -w demo.gpkg package export --to medaid --out to-medaid.hopx
    humanops -w demo-partners/medaid.gpkg package import to-medaid.hopx

Keys are random, so unlike the layers they differ from one run to the next.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from humanops.scenario.partners import DEMO_COMMUNITIES, DEMO_PARTNERS
from humanops.sharing import cards, keys
from humanops.sharing.directory_store import define_community
from humanops.store.workspace import Workspace

# A demo secret, printed on screen: the demo holds fictional data only.
DEMO_PASSPHRASE = "kavera-demo"


def install_demo_partners(workspace: Workspace, partners_dir: Path | None = None, *,
                          passphrase: str = DEMO_PASSPHRASE) -> list[Path]:
    """Our keys and the other demo partners in ``workspace``'s directory; with
    ``partners_dir``, each partner's own workspace is kept there. Returns those paths."""
    own, *others = DEMO_PARTNERS
    if partners_dir is not None:
        partners_dir.mkdir(parents=True, exist_ok=True)
    keys.init_identity(workspace, own["id"], own["name"], passphrase, acronym=own["acronym"],
                       communities=tuple(own["communities"]))
    for community in DEMO_COMMUNITIES:
        define_community(workspace, community["id"], community["name"])
    kept: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="humanops-demo-cards-") as tmp:
        folder = Path(tmp)
        our_card = folder / f"{own['id']}.card"
        cards.write_card(workspace, our_card, passphrase)
        for partner in others:
            target = (partners_dir or folder) / f"{partner['id']}.gpkg"
            with Workspace.create(target, organisation=partner["id"]) as theirs:
                keys.init_identity(theirs, partner["id"], partner["name"], passphrase,
                                   acronym=partner["acronym"], communities=tuple(partner["communities"]))
                card = folder / f"{partner['id']}.card"
                cards.write_card(theirs, card, passphrase)
                cards.add_partner_from_card(theirs, our_card)
            cards.add_partner_from_card(workspace, card)
            if partners_dir is not None:
                kept.append(target)
    return kept
