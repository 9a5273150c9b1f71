"""Keys and a partner directory for the demo, so sharing can be tried at once.

The demo workspace belongs to the first demo partner (the coordination office). This gives it
its own keys (passphrase :data:`DEMO_PASSPHRASE`, printed by ``humanops demo``), and enters the
other demo partners in its directory with their own freshly made keys, as if their contact
cards had been received. Each partner's own workspace (with its keys, the cards of us and of
the other partners, and its own features of the demo) is written beside the demo; its
features reach us in a real signed package, so we hold their originators' signatures and can
pass them on. Packages can be sent to a partner and opened on its side:

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
        for partner in others:  # partners know each other too: a relayed feature's originator is verifiable
            with Workspace.open((partners_dir or folder) / f"{partner['id']}.gpkg") as theirs:
                for other in others:
                    if other is not partner:
                        cards.add_partner_from_card(theirs, folder / f"{other['id']}.card")
        for partner in others:
            _received_from(workspace, (partners_dir or folder) / f"{partner['id']}.gpkg", passphrase, folder)
    return kept


def _received_from(office: Workspace, partner_path: Path, passphrase: str, folder: Path) -> None:
    """The partner's own features of the demo move to its workspace, and reach the office the
    way they would in a response: in a signed package. The office then holds its originators'
    signatures and can pass the features on as far as their markings allow."""
    import geopandas as gpd

    from humanops.model.clock import SCENARIO_NOW_KEY, workspace_now
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package
    from humanops.sharing.layer_rows import read_rows

    now = workspace_now(office)
    with Workspace.open(partner_path) as theirs:
        org = theirs.organisation
        theirs.set_meta(SCENARIO_NOW_KEY, office.get_meta(SCENARIO_NOW_KEY))
        held = 0
        with theirs.transaction():
            for layer in office.layers():
                rows = read_rows(office, layer)
                rows = rows[rows["originator"] == org]
                if len(rows):
                    frame = gpd.GeoDataFrame(rows.drop(columns=["_deleted", "_generalised"]), geometry="_geom",
                                             crs=4326)
                    theirs.put_frame(layer, frame)
                    held += len(rows)
        if not held:
            return
        package = folder / f"{org}-to-office.hopx"
        export_package(theirs, [office.organisation], package, passphrase, full=True, include_roads=True, now=now)
    import_package(office, package, passphrase, now=now)
