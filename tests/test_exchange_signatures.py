"""Originators' statements as a hostile sender or relay would bend them (validly signed
packages): every feature they no longer cover is quarantined with the reason, none merged."""

from __future__ import annotations

import base64
import hashlib
import json
import zlib

import pytest
from exchange_helpers import close_all, make_partners, open_inner, resign, split_inner
from shapely.geometry import Point

from humanops.model.marking import TLP, Marking
from humanops.sharing import keys
from humanops.sharing.directory_store import revoke_partner
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package

ORGS = {"ocha": (), "medaid": (), "unhcr": ()}


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def partners(tmp_path, backend):
    p = make_partners(tmp_path, ORGS, backend)
    for name in ("a", "b"):
        p["ocha"].ws.add_feature("need", Point(36, 33), {"name": name, "population": 10},
                                 Marking(tlp=TLP.GREEN, releasable_to=("medaid", "unhcr")))
    yield p
    close_all(p)


def rewrite(partners, tmp_path, package, sender, recipient, edit, name="bent.hopx"):
    """``package`` (from ``sender`` to ``recipient``) with its payload rewritten by ``edit``
    (a dict -> None) and validly signed again by the sender."""
    manifest, _, stored = split_inner(open_inner(package, partners[recipient]))
    doc = json.loads(zlib.decompress(stored))
    edit(doc)
    raw = json.dumps(doc).encode()
    new = zlib.compress(raw)
    head = json.loads(manifest)
    head["payload"] = {"encoding": "zlib", "size": len(raw), "sha256": hashlib.sha256(new).hexdigest()}
    return resign(head, new, partners[sender], partners[recipient], tmp_path / name)


def codes(result):
    return sorted(q["reason_code"] for q in result.quarantined)


def test_a_statement_altered_on_the_way_quarantines_what_it_covered(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)

    def drop_a_hash(doc):
        statement = json.loads(doc["statements"][0]["statement"])
        statement["versions"] = base64.b64encode(base64.b64decode(statement["versions"])[32:]).decode()
        doc["statements"][0]["statement"] = json.dumps(statement, sort_keys=True, separators=(",", ":"))

    bent = rewrite(partners, tmp_path, tmp_path / "1.hopx", "ocha", "medaid", drop_a_hash)
    result = import_package(medaid.ws, bent, medaid.passphrase)
    assert codes(result) == ["unverified_signature", "unverified_signature"]
    # the version still listed: the statement no longer verifies; the one dropped: not covered
    reasons = [q["reason"] for q in result.quarantined]
    assert sum("was altered" in r for r in reasons) == 1
    assert sum("no statement of ocha covers" in r for r in reasons) == 1
    assert medaid.ws.count("need") == 0


def test_a_statement_missing_leaves_nothing_verifiable(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    bent = rewrite(partners, tmp_path, tmp_path / "1.hopx", "ocha", "medaid", lambda doc: doc.update(statements=[]))
    result = import_package(medaid.ws, bent, medaid.passphrase)
    assert codes(result) == ["unverified_signature", "unverified_signature"]
    assert "no statement of ocha covers this version" in result.quarantined[0]["reason"]


def test_a_field_changed_under_a_valid_statement_does_not_verify(partners, tmp_path):
    ocha, medaid = partners["ocha"], partners["medaid"]
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)

    def rename(doc):
        doc["layers"]["need"]["properties"]["name"][0] = "renamed on the way"

    bent = rewrite(partners, tmp_path, tmp_path / "1.hopx", "ocha", "medaid", rename)
    result = import_package(medaid.ws, bent, medaid.passphrase)
    assert result.layers["need"] == {"inserted": 1, "quarantined": 1}
    assert {f.properties["name"] for f in medaid.ws.features("need")} == {"b"}


def test_features_relayed_under_a_revoked_originator_key_are_quarantined(partners, tmp_path):
    """unhcr revoked ocha's key (stolen): medaid still relays ocha's features to it, signed
    with that key; unhcr refuses them whatever the statement's date."""
    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    revoke_partner(unhcr.ws, "ocha")
    export_package(medaid.ws, ["unhcr"], tmp_path / "2.hopx", medaid.passphrase)
    result = import_package(unhcr.ws, tmp_path / "2.hopx", unhcr.passphrase)
    assert codes(result) == ["unverified_signature", "unverified_signature"]
    assert "revoked" in result.quarantined[0]["reason"] and unhcr.ws.count("need") == 0


def test_an_originator_unknown_to_the_recipient_is_quarantined(partners, tmp_path):
    """medaid relays ocha's features to a partner that has no card of ocha."""
    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    with unhcr.ws.transaction() as db:  # unhcr never received ocha's card
        db.execute("DELETE FROM humanops_partner_keys WHERE org_id = 'ocha'")
    export_package(medaid.ws, ["unhcr"], tmp_path / "2.hopx", medaid.passphrase)
    result = import_package(unhcr.ws, tmp_path / "2.hopx", unhcr.passphrase)
    assert codes(result) == ["unverified_signature", "unverified_signature"]
    assert "not in our directory" in result.quarantined[0]["reason"]


def test_a_restriction_that_loosens_the_originators_marking_is_quarantined(partners, tmp_path):
    """medaid relays ocha's GREEN feature with a 'restriction' that is CLEAR."""
    ocha, medaid, unhcr = partners["ocha"], partners["medaid"], partners["unhcr"]
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
    export_package(medaid.ws, ["unhcr"], tmp_path / "2.hopx", medaid.passphrase)

    def loosen(doc):
        layer = doc["layers"]["need"]
        layer["restriction"] = [["CLEAR", [], [], None, "exact"]] * layer["count"]

    bent = rewrite(partners, tmp_path, tmp_path / "2.hopx", "medaid", "unhcr", loosen)
    result = import_package(unhcr.ws, bent, unhcr.passphrase)
    assert codes(result) == ["restriction_loosens", "restriction_loosens"]
    assert "TLP lowered from GREEN to CLEAR" in result.quarantined[0]["reason"]
