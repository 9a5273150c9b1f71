"""Our keys, contact cards and the partner directory."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from exchange_helpers import close_all, make_partners

from humanops.errors import SharingError
from humanops.model.marking import utc_now
from humanops.sharing import cards, keys
from humanops.sharing.directory_store import list_partners, load_directory, revoke_partner
from humanops.store.workspace import Workspace


@pytest.fixture
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


def test_init_makes_keys_sealed_with_a_strong_kdf(workspace):
    public = keys.init_identity(workspace, "ocha", "OCHA", "a long passphrase")
    assert len(public.fingerprint) == 64 and public.encryption_key.startswith("age1")
    grouped = keys.format_fingerprint(public.fingerprint)
    assert len(grouped.split()) == 16 and all(len(g) == 4 for g in grouped.split()) and grouped.isupper()
    sealed = json.loads(workspace.connection.execute("SELECT sealed FROM humanops_identity").fetchone()[0])
    assert sealed["kdf"] == "scrypt" and sealed["n"] >= 2**15 and sealed["aead"] == "chacha20poly1305"
    assert keys.own_identity(workspace) == public
    assert load_directory(workspace).organisation("ocha").fingerprint == public.fingerprint
    # bookkeeping, not a layer: in the file, not in QGIS's layer list (gpkg_conformance)
    assert workspace.connection.execute(
        "SELECT data_type FROM gpkg_contents WHERE table_name = 'humanops_identity'").fetchone() is None


def test_private_keys_never_appear_in_clear(workspace, tmp_path, fast_kdf):
    keys.init_identity(workspace, "ocha", "OCHA", "a long passphrase")
    unlocked = keys.unlock(workspace, "a long passphrase")
    secret_age = str(unlocked.age_identities[0]).encode()
    secret_ed = base64.b64encode(unlocked.signing.private_bytes_raw())
    card = tmp_path / "ocha.card"
    cards.write_card(workspace, card, "a long passphrase")
    workspace.close()
    for path in (tmp_path / "ws.gpkg", card):
        content = path.read_bytes()
        assert secret_age not in content and secret_ed not in content and b"AGE-SECRET-KEY" not in content.upper()


def test_wrong_passphrase_is_a_clear_error(workspace, fast_kdf):
    keys.init_identity(workspace, "ocha", "OCHA", "a long passphrase")
    with pytest.raises(SharingError, match="wrong passphrase"):
        keys.unlock(workspace, "not the passphrase")


def test_init_refuses_short_passphrase_second_init_and_other_org(workspace, fast_kdf):
    with pytest.raises(SharingError, match="at least 8"):
        keys.init_identity(workspace, "ocha", "OCHA", "short")
    with pytest.raises(SharingError, match="belongs to organisation 'ocha'"):
        keys.init_identity(workspace, "medaid", "MedAid", "a long passphrase")
    keys.init_identity(workspace, "ocha", "OCHA", "a long passphrase")
    with pytest.raises(SharingError, match="keys already"):
        keys.init_identity(workspace, "ocha", "OCHA", "a long passphrase")


def test_no_keys_yet_is_explained(workspace):
    with pytest.raises(SharingError, match="keys init"):
        keys.own_identity(workspace)


def test_rotation_keeps_the_old_public_key_revoked(workspace, fast_kdf):
    old = keys.init_identity(workspace, "ocha", "OCHA", "a long passphrase")
    new = keys.rotate_keys(workspace, "a long passphrase")
    assert new.fingerprint != old.fingerprint
    history = keys.key_history(workspace)
    assert [h["fingerprint"] for h in history] == [new.fingerprint, old.fingerprint]
    assert history[0]["revoked_at"] is None and history[1]["revoked_at"] is not None
    unlocked = keys.unlock(workspace, "a long passphrase")
    assert unlocked.public.fingerprint == new.fingerprint and len(unlocked.age_identities) == 2
    # the old signing key is gone for good, its age identity kept to open older packages
    old_row = workspace.sql.execute("SELECT sealed FROM humanops_identity WHERE fingerprint = ?",
                                           (old.fingerprint,)).fetchone()[0]
    assert "ed25519" not in keys.unseal(old_row, "a long passphrase", f"humanops-identity/1:ocha:{old.fingerprint}")
    [me] = [p for p in list_partners(workspace) if p["self"]]
    assert [k["revoked_at"] is None for k in me["keys"]] == [True, False]


# --- contact cards --------------------------------------------------------------------------------

@pytest.fixture
def pair(tmp_path, fast_kdf):
    partners = make_partners(tmp_path, {"ocha": ("community:wash",), "medaid": ()})
    yield partners
    close_all(partners)


def test_card_round_trip_and_fingerprint(pair):
    card = cards.read_card(pair["ocha"].card)
    assert card.org_id == "ocha" and card.communities == ("community:wash",)
    assert card.fingerprint == keys.own_identity(pair["ocha"].ws).fingerprint
    org = load_directory(pair["medaid"].ws).organisation("ocha")
    assert org.signing_key == card.signing_key and org.encryption_key == card.encryption_key
    assert load_directory(pair["medaid"].ws).communities_of("ocha") == {"community:wash"}


def _rewrite(path, change):
    doc = json.loads(path.read_text())
    change(doc)
    path.write_text(json.dumps(doc))


@pytest.mark.parametrize("change, match", [
    (lambda d: d.update(name="Evil Corp"), "self-signature does not verify"),
    (lambda d: d.update(communities=["community:everyone"]), "self-signature does not verify"),
    (lambda d: d.update(fingerprint="00" * 32), "fingerprint does not match"),
    (lambda d: d.update(humanops_card=2), "newer format"),
    (lambda d: d.update(extra="x"), "unknown entry"),
    (lambda d: d.pop("signature"), "missing entry"),
    (lambda d: d.update(signing_key="not base64!"), "not base64"),
    (lambda d: d.update(encryption_key="ssh-ed25519 AAAA"), "not an age X25519 recipient"),
])
def test_broken_or_altered_cards_are_refused(pair, tmp_path, change, match):
    path = tmp_path / "altered.card"
    path.write_text(pair["ocha"].card.read_text())
    _rewrite(path, change)
    with pytest.raises(SharingError, match=match):
        cards.add_partner_from_card(pair["medaid"].ws, path)


@pytest.mark.parametrize("content, match", [
    (b"", "not valid JSON"),
    (b"\xff\xfe", "not UTF-8"),
    (b"[" * 100_000, "nested deeper"),
    (b'{"a": 1, "a": 2}', "appears twice"),
    (b'{"humanops_card": 1.5}', "not an integer"),
    (b'"just a string"', "not a contact card"),
])
def test_hostile_card_files_are_refused(pair, tmp_path, content, match):
    path = tmp_path / "hostile.card"
    path.write_bytes(content)
    with pytest.raises(SharingError, match=match):
        cards.read_card(path)


def test_huge_card_refused_before_reading(pair, tmp_path):
    path = tmp_path / "huge.card"
    with path.open("wb") as handle:
        handle.truncate(cards.MAX_CARD_BYTES + 1)
    with pytest.raises(SharingError, match="too large"):
        cards.read_card(path)


def test_card_with_area_of_responsibility(pair, tmp_path):
    from shapely.geometry import box

    from humanops.sharing.directory_store import set_own_details

    set_own_details(pair["ocha"].ws, area=box(36, 33, 37, 34))
    path = tmp_path / "aor.card"
    cards.write_card(pair["ocha"].ws, path, pair["ocha"].passphrase)
    cards.add_partner_from_card(pair["medaid"].ws, path)
    area = load_directory(pair["medaid"].ws).organisation("ocha").area_of_responsibility
    assert area is not None and area.equals(box(36, 33, 37, 34))


def test_own_card_and_key_reuse_are_refused(pair):
    with pytest.raises(SharingError, match="our own organisation"):
        cards.add_partner_from_card(pair["ocha"].ws, pair["ocha"].card)
    again = cards.add_partner_from_card(pair["medaid"].ws, pair["ocha"].card)
    assert again.status == "updated"


def test_revoke_partner(pair):
    medaid = pair["medaid"].ws
    at = utc_now() - timedelta(minutes=5)
    assert revoke_partner(medaid, "ocha", at=at) == 1
    org = load_directory(medaid).organisation("ocha")
    assert org.revoked_at is not None and org.is_revoked(utc_now())
    [row] = [p for p in list_partners(medaid) if p["org_id"] == "ocha"]
    assert row["status"] == "revoked"
    with pytest.raises(SharingError, match="no partner"):
        revoke_partner(medaid, "nobody")
    with pytest.raises(SharingError, match="keys rotate"):
        revoke_partner(medaid, "medaid")
    with pytest.raises(SharingError, match="was revoked"):
        cards.add_partner_from_card(medaid, pair["ocha"].card)


def test_reopened_workspace_keeps_identity(tmp_path, fast_kdf):
    ws = Workspace.create(tmp_path / "w.gpkg", organisation="ocha")
    public = keys.init_identity(ws, "ocha", "OCHA", "a long passphrase")
    ws.close()
    with Workspace.open(tmp_path / "w.gpkg") as again:
        assert keys.unlock(again, "a long passphrase").public == public


def test_a_revoked_partner_is_not_reinstated_by_a_new_card(pair, tmp_path):
    medaid, ocha = pair["medaid"], pair["ocha"]
    revoke_partner(medaid.ws, "ocha")
    keys.rotate_keys(ocha.ws, ocha.passphrase)
    cards.write_card(ocha.ws, tmp_path / "new.card", ocha.passphrase)
    with pytest.raises(SharingError, match="had its keys revoked"):
        cards.add_partner_from_card(medaid.ws, tmp_path / "new.card")
    assert cards.add_partner_from_card(medaid.ws, tmp_path / "new.card", replace_key=True).status == "key_replaced"
