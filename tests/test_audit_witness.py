"""Signed audit heads and partners' witnesses: a local edit cannot rewrite the audit log unseen.

The chain alone cannot tell a consistent rewrite (or a cut tail with its head reset) from the
real log; the heads we signed with our key and the heads our partners saw in our packages can.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from exchange_helpers import close_all, make_partners
from store_backends import OtherClient

from humanops.cli import main
from humanops.errors import SharingError
from humanops.sharing import audit, keys

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture
def pair(tmp_path, backend):
    partners = make_partners(tmp_path, {"a": (), "b": ()}, backend)
    yield partners
    close_all(partners)


def _grow(partner, to_seq: int, signed_at: tuple[int, ...] = (9, 14)) -> dict[int, str]:
    """Append to ``partner``'s log up to entry ``to_seq``, signing the head after the entries in
    ``signed_at`` (as export and import will); returns seq -> hash of every entry."""
    identity = keys.unlock(partner.ws, partner.passphrase)
    while audit.head(partner.ws)["seq"] < to_seq:
        with partner.ws.transaction():
            seq = audit.append(partner.ws, "partner", counterpart="b", detail={"event": "updated"})
            if seq in signed_at:
                audit.sign_head(partner.ws, identity)
    return {e["seq"]: e["entry_hash"] for e in audit.entries(partner.ws)}


def _sql(path, *statements, params=()):
    db = OtherClient(path)
    with db:
        for sql in statements:
            db.execute(sql, params)
    db.close()


def _truncate_to(path, last: int, hashes: dict[int, str]) -> None:
    """Remove the entries after ``last`` and set the recorded head back to it (chain consistent)."""
    _sql(path, f"DELETE FROM humanops_audit WHERE seq > {last}")
    _sql(path, "UPDATE humanops_meta SET value = ? WHERE key = 'audit_head'", params=(f"{last}:{hashes[last]}",))


def _rewrite(path, seq: int, counterpart: str) -> None:
    """Edit entry ``seq`` and recompute every hash from there on, and the head: the chain verifies."""
    db = OtherClient(path)
    with db:
        db.execute("UPDATE humanops_audit SET counterpart = ? WHERE seq = ?", (counterpart, seq))
        prev = db.execute("SELECT entry_hash FROM humanops_audit WHERE seq = ?", (seq - 1,)).fetchone()[0]
        rows = db.execute("SELECT seq, at, action, counterpart, package_id, payload_sha256, counts, detail "
                          "FROM humanops_audit WHERE seq >= ? ORDER BY seq", (seq,)).fetchall()
        for s, at, action, cp, package_id, payload, counts, detail in rows:
            entry = {"seq": s, "at": at, "action": action, "counterpart": cp, "package_id": package_id,
                     "payload_sha256": payload, "counts": json.loads(counts),
                     "detail": None if detail is None else json.loads(detail)}
            digest = audit.entry_hash(entry, prev)
            db.execute("UPDATE humanops_audit SET prev_hash = ?, entry_hash = ? WHERE seq = ?", (prev, digest, s))
            prev = digest
        db.execute("UPDATE humanops_meta SET value = ? WHERE key = 'audit_head'", (f"{s}:{prev}",))
    db.close()


# --- signed heads -----------------------------------------------------------------------------

def test_untouched_log_with_signed_heads_is_intact(pair):
    a = pair["a"]
    _grow(a, 14)
    report = audit.verify_audit(a.ws)
    assert report.ok and report.entries == 14 and report.signed_heads == 2
    assert [h["seq"] for h in audit.signed_heads(a.ws)] == [9, 14]
    assert "2 signed heads match" in report.summary()
    # signing an unchanged head again adds nothing
    audit.sign_head(a.ws, keys.unlock(a.ws, a.passphrase))
    assert audit.verify_audit(a.ws).signed_heads == 2
    registered = a.ws.connection.execute(
        "SELECT table_name FROM gpkg_contents WHERE table_name LIKE 'humanops_%audit_heads' ORDER BY 1").fetchall()
    assert registered == []  # bookkeeping: QGIS lists the audit log itself, not its heads


def test_signed_head_message_is_domain_separated_canonical_json(pair):
    a = pair["a"]
    hashes = _grow(a, 9, signed_at=(9,))
    row = a.ws.connection.execute("SELECT org, seq, hash, fingerprint, signature FROM humanops_audit_heads").fetchone()
    assert row[:3] == ("a", 9, hashes[9]) and row[3] == keys.own_identity(a.ws).fingerprint
    message = b'humanops-audit-head/1\x00{"hash":"' + hashes[9].encode() + b'","org":"a","seq":9}'
    keys.public_key(keys.own_identity(a.ws).signing_key).verify(base64.b64decode(row[4]), message)


def test_cut_tail_with_head_reset_is_detected(pair):
    """(a) the last entries deleted and the recorded head reset to the new last entry."""
    a = pair["a"]
    hashes = _grow(a, 14)
    _truncate_to(a.ws.path, 12, hashes)
    report = audit.verify_audit(a.ws)
    assert report.problems == ["entries after 12 removed: a signed head covers entry 14"]
    assert report.first_bad_seq == 13 and report.entries == 12


def test_edit_with_whole_chain_recomputed_is_detected(pair):
    """(b) an entry edited and every hash after it, and the head, recomputed consistently."""
    a = pair["a"]
    _grow(a, 14)
    _rewrite(a.ws.path, 11, "someone_else")
    report = audit.verify_audit(a.ws)  # the chain and the recorded head verify: only the signed head differs
    assert report.problems == ["entry 14 differs from the head we signed: the log was rewritten after entry 9 "
                               "and at or before entry 14"]
    assert report.first_bad_seq == 10


def test_edit_below_every_signed_head_names_each_differing_head(pair):
    a = pair["a"]
    _grow(a, 14)
    _rewrite(a.ws.path, 5, "someone_else")
    report = audit.verify_audit(a.ws)
    assert report.problems == ["entry 9 differs from the head we signed: the log was rewritten at or before "
                               "entry 9 (and 1 later heads differ)"]
    assert report.first_bad_seq == 1


def test_recorded_head_reset_alone_is_detected(pair):
    """(c) the recorded head set back, nothing else touched."""
    a = pair["a"]
    hashes = _grow(a, 14)
    _sql(a.ws.path, "UPDATE humanops_meta SET value = ? WHERE key = 'audit_head'", params=(f"12:{hashes[12]}",))
    report = audit.verify_audit(a.ws)
    assert report.problems == ["entry 13: the recorded head was reset to entry 12 but the log goes on to entry 14"]
    assert report.first_bad_seq == 13
    _sql(a.ws.path, "UPDATE humanops_meta SET value = ? WHERE key = 'audit_head'", params=(f"14:{'b' * 64}",))
    assert audit.verify_audit(a.ws).problems == ["entry 14: differs from the recorded head (the last entry was "
                                                 "replaced)"]


def test_forged_or_foreign_signed_head_is_reported(pair):
    a, b = pair["a"], pair["b"]
    hashes = _grow(a, 14)
    # a head moved by hand onto another entry no longer verifies
    _sql(a.ws.path, "UPDATE humanops_audit_heads SET seq = 12, hash = ? WHERE seq = 14", params=(hashes[12],))
    report = audit.verify_audit(a.ws)
    assert report.problems == ["the signed head for entry 12 does not verify against our keys (forged or altered)"]
    # a head signed with a partner's key, stored as if ours, is no anchor either
    other = keys.unlock(b.ws, b.passphrase)
    forged = base64.b64encode(other.sign(audit.head_message("a", 14, hashes[14]))).decode()
    _sql(a.ws.path, "UPDATE humanops_audit_heads SET seq = 14, hash = ?, fingerprint = ?, signature = ? "
                    "WHERE seq = 12", params=(hashes[14], other.public.fingerprint, forged))
    assert audit.verify_audit(a.ws).problems[0].startswith("the signed head for entry 14 ")


def test_heads_signed_with_a_rotated_key_still_verify(pair):
    a = pair["a"]
    _grow(a, 9, signed_at=(9,))
    keys.rotate_keys(a.ws, a.passphrase)
    _grow(a, 14, signed_at=(14,))
    fingerprints = {h["fingerprint"] for h in audit.signed_heads(a.ws)}
    assert len(fingerprints) == 2
    assert audit.verify_audit(a.ws).ok


# --- partners' heads ----------------------------------------------------------------------------

def test_every_partner_head_is_kept_one_row_per_package(pair):
    a, b = pair["a"], pair["b"]
    hashes = _grow(a, 14)
    audit.remember_partner_head(b.ws, "a", {"seq": 9, "hash": hashes[9]}, "pkg-1", NOW)
    audit.remember_partner_head(b.ws, "a", {"seq": 14, "hash": hashes[14]}, "pkg-2", NOW)
    audit.remember_partner_head(b.ws, "a", {"seq": 14, "hash": hashes[14]}, "pkg-2", NOW)  # same package again
    assert [(h["seq"], h["package_id"]) for h in audit.partner_heads(b.ws, "a")] == [(9, "pkg-1"), (14, "pkg-2")]
    with pytest.raises(SharingError, match=r"audit_head\.hash"):
        audit.remember_partner_head(b.ws, "a", {"seq": 3, "hash": "XYZ"}, "pkg-3", NOW)
    with pytest.raises(SharingError, match="exactly seq and hash"):
        audit.remember_partner_head(b.ws, "a", {"seq": 3}, "pkg-3", NOW)


# --- witnesses ----------------------------------------------------------------------------------

def _witnessed(a, b, tmp_path, heads=(9, 14)):
    """``a`` grows its log to 14; ``b`` saw the heads ``heads`` in a's packages and writes a witness."""
    hashes = _grow(a, 14)
    for seq in heads:
        audit.remember_partner_head(b.ws, "a", {"seq": seq, "hash": hashes[seq]}, f"pkg-{seq}", NOW)
    out = tmp_path / "a.witness.json"
    summary = audit.write_witness(b.ws, keys.unlock(b.ws, b.passphrase), "a", out, NOW)
    assert summary == {"file": str(out), "for_org": "a", "heads": len(heads), "created": "2026-03-01T08:00:00.000Z",
                       "highest_seq": max(heads)}
    return hashes, out


def test_witness_file_is_signed_canonical_json(pair, tmp_path):
    a, b = pair["a"], pair["b"]
    hashes, out = _witnessed(a, b, tmp_path)
    doc = json.loads(out.read_text())
    assert set(doc) == {"humanops_audit_witness", "org", "fingerprint", "for_org", "created", "heads", "signature"}
    assert doc["org"] == "b" and doc["for_org"] == "a" and doc["humanops_audit_witness"] == 1
    assert doc["heads"][1] == {"seq": 14, "hash": hashes[14], "package_id": "pkg-14",
                               "received": "2026-03-01T08:00:00.000Z"}
    body = {k: v for k, v in doc.items() if k != "signature"}
    message = b"humanops-audit-witness/1\x00" + json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    keys.public_key(keys.own_identity(b.ws).signing_key).verify(base64.b64decode(doc["signature"]), message)
    # writing it signed b's own head while b's key was unlocked
    assert audit.signed_heads(b.ws)[-1]["seq"] == audit.head(b.ws)["seq"]


def test_witness_matches_an_untouched_log(pair, tmp_path):
    a, b = pair["a"], pair["b"]
    _, out = _witnessed(a, b, tmp_path)
    report = audit.verify_witness(a.ws, out)
    assert report.ok and report.witness["org"] == "b" and report.witness["heads"] == 2
    assert "matches the 2 heads b saw" in report.summary()


def test_witness_catches_a_cut_tail_even_with_our_signed_heads_removed(pair, tmp_path):
    a, b = pair["a"], pair["b"]
    hashes, out = _witnessed(a, b, tmp_path)
    _truncate_to(a.ws.path, 12, hashes)
    _sql(a.ws.path, "DELETE FROM humanops_audit_heads")  # covering the tracks locally
    assert audit.verify_audit(a.ws).ok
    report = audit.verify_witness(a.ws, out)
    assert report.problems == ["our log ends at entry 12 but b saw entry 14"]
    assert report.first_bad_seq == 13


def test_witness_catches_a_rewritten_chain(pair, tmp_path):
    a, b = pair["a"], pair["b"]
    _, out = _witnessed(a, b, tmp_path)
    _rewrite(a.ws.path, 11, "someone_else")
    _sql(a.ws.path, "DELETE FROM humanops_audit_heads")
    assert audit.verify_audit(a.ws).ok
    report = audit.verify_witness(a.ws, out)
    assert report.problems == ["entry 14 differs from what b saw (rewritten after entry 9)"]
    assert report.first_bad_seq == 10


def _resign_signature(path):
    doc = json.loads(path.read_text())
    raw = bytearray(base64.b64decode(doc["signature"]))
    raw[0] ^= 1
    doc["signature"] = base64.b64encode(bytes(raw)).decode()
    path.write_text(json.dumps(doc))


def test_forged_witness_is_refused(pair, tmp_path):
    a, b = pair["a"], pair["b"]
    _, out = _witnessed(a, b, tmp_path)
    _resign_signature(out)
    with pytest.raises(SharingError, match="signature does not verify against b's key") as caught:
        audit.verify_witness(a.ws, out)
    assert caught.value.file == str(out) and caught.value.field == "signature"
    # content altered under an intact signature: refused the same way
    _, out = _witnessed(a, b, tmp_path)
    doc = json.loads(out.read_text())
    doc["heads"].pop()
    out.write_text(json.dumps(doc))
    with pytest.raises(SharingError, match="signature does not verify"):
        audit.verify_witness(a.ws, out)


def test_witness_made_by_ourselves_or_an_unknown_key_is_refused(pair, tmp_path):
    a, b = pair["a"], pair["b"]
    _, out = _witnessed(a, b, tmp_path)
    # b checking the witness it wrote: its own key, not a partner's
    doc = json.loads(out.read_text())
    doc["for_org"] = "b"
    out.write_text(json.dumps(doc))
    with pytest.raises(SharingError, match="made by us"):
        audit.verify_witness(b.ws, out)
    doc["fingerprint"] = "f" * 64
    out.write_text(json.dumps(doc))
    with pytest.raises(SharingError, match="not in our partner directory"):
        audit.verify_witness(a.ws, out)


def test_witness_for_another_organisation_is_refused(tmp_path, backend):
    partners = make_partners(tmp_path, {"a": (), "b": (), "c": ()}, backend)
    try:
        a, b, c = partners["a"], partners["b"], partners["c"]
        audit.remember_partner_head(b.ws, "c", audit.head(c.ws), "pkg-c", NOW)
        out = tmp_path / "c.witness.json"
        audit.write_witness(b.ws, keys.unlock(b.ws, b.passphrase), "c", out, NOW)
        assert audit.verify_witness(c.ws, out).ok
        with pytest.raises(SharingError, match=r"the witness is for 'c', not for us \('a'\)") as caught:
            audit.verify_witness(a.ws, out)
        assert caught.value.field == "for_org"
    finally:
        close_all(partners)


@pytest.mark.parametrize("content, message", [
    (b"not json at all", "not valid JSON"),
    (b"[]", "is not a HumanOps audit witness"),
    (b'{"humanops_audit_witness": 2}', "newer format"),
    (b'{"humanops_audit_witness": 1, "org": "b"}', "missing entry"),
    (b'{"humanops_audit_witness": 1, "humanops_audit_witness": 1}', "appears twice"),
])
def test_malformed_witness_is_refused_naming_the_file(pair, tmp_path, content, message):
    path = tmp_path / "w.json"
    path.write_bytes(content)
    with pytest.raises(SharingError, match=message) as caught:
        audit.verify_witness(pair["a"].ws, path)
    assert caught.value.file == str(path)


def test_malformed_witness_head_and_oversized_file_are_refused(pair, tmp_path):
    a, b = pair["a"], pair["b"]
    _, out = _witnessed(a, b, tmp_path)
    doc = json.loads(out.read_text())
    doc["heads"][0]["seq"] = -1
    out.write_text(json.dumps(doc))
    with pytest.raises(SharingError, match="integer from 0") as caught:
        audit.verify_witness(a.ws, out)
    assert caught.value.field == "heads[0].seq"
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(audit.MAX_WITNESS_BYTES + 1)
    with pytest.raises(SharingError, match="too large"):
        audit.verify_witness(a.ws, big)


def test_no_witness_without_heads_or_for_ourselves(pair, tmp_path):
    b = pair["b"]
    identity = keys.unlock(b.ws, b.passphrase)
    with pytest.raises(SharingError, match="no package from 'a' has shown us its audit head"):
        audit.write_witness(b.ws, identity, "a", tmp_path / "w.json", NOW)
    with pytest.raises(SharingError, match="not for ourselves"):
        audit.write_witness(b.ws, identity, "b", tmp_path / "w.json", NOW)
    assert not (tmp_path / "w.json").exists()


# --- command line -------------------------------------------------------------------------------

def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_witness_round_trip_through_the_cli(pair, tmp_path, capsys, monkeypatch):
    a, b = pair["a"], pair["b"]
    hashes = _grow(a, 14)
    for seq in (9, 14):
        audit.remember_partner_head(b.ws, "a", {"seq": seq, "hash": hashes[seq]}, f"pkg-{seq}", NOW)
    wa, wb = str(a.ws.path), str(b.ws.path)
    out = tmp_path / "a.witness.json"

    monkeypatch.setenv("HUMANOPS_PASSPHRASE", "wrong wrong wrong")
    code, text, err = _run(capsys, "-w", wb, "audit", "witness", "--for", "a", "--out", str(out))
    assert code == 1 and text == "" and err.strip() == "humanops: wrong passphrase for the organisation's private keys"
    assert not out.exists()

    monkeypatch.setenv("HUMANOPS_PASSPHRASE", b.passphrase)
    code, text, _ = _run(capsys, "-w", wb, "audit", "witness", "--for", "a", "--out", str(out), "--json")
    assert code == 0 and json.loads(text)["heads"] == 2 and out.exists()

    monkeypatch.delenv("HUMANOPS_PASSPHRASE")  # checking needs no key
    code, text, err = _run(capsys, "-w", wa, "audit", "verify", "--witness", str(out))
    assert code == 0 and err == "" and "matches the 2 heads b saw" in text
    code, text, _ = _run(capsys, "-w", wa, "audit", "verify", "--witness", str(out), "--json")
    doc = json.loads(text)
    assert code == 0 and doc["ok"] is True and doc["witness"]["org"] == "b" and doc["witness"]["highest_seq"] == 14

    _truncate_to(a.ws.path, 12, hashes)
    _sql(a.ws.path, "DELETE FROM humanops_audit_heads")
    code, text, err = _run(capsys, "-w", wa, "audit", "verify")
    assert code == 0  # the local log alone looks intact...
    code, text, err = _run(capsys, "-w", wa, "audit", "verify", "--witness", str(out))
    assert code == 1 and text == ""  # ...the partner's witness does not
    assert err == "humanops: audit log TAMPERED from entry 13: our log ends at entry 12 but b saw entry 14\n"
    code, text, _ = _run(capsys, "-w", wa, "audit", "verify", "--witness", str(out), "--json")
    assert code == 1 and json.loads(text)["problems"] == ["our log ends at entry 12 but b saw entry 14"]

    _resign_signature(out)
    code, text, err = _run(capsys, "-w", wa, "audit", "verify", "--witness", str(out))
    assert code == 1 and text == "" and len(err.strip().splitlines()) == 1
    assert err.startswith(f"humanops: file {out}, field signature: the witness's signature does not verify")


def test_local_verify_reports_a_cut_below_a_signed_head_through_the_cli(pair, capsys):
    a = pair["a"]
    hashes = _grow(a, 14)
    _truncate_to(a.ws.path, 12, hashes)
    code, text, err = _run(capsys, "-w", str(a.ws.path), "audit", "verify")
    assert code == 1 and text == ""
    assert err == ("humanops: audit log TAMPERED from entry 13: entries after 12 removed: a signed head covers "
                   "entry 14\n")


def test_a_partner_whose_log_went_back_is_reported_on_import(tmp_path, backend):
    """ocha's second package shows an audit head behind its first: medaid's import says so."""
    from humanops.sharing import audit as audit_module
    from humanops.sharing.exchange_export import export_package
    from humanops.sharing.exchange_import import import_package

    partners = make_partners(tmp_path, {"ocha": (), "medaid": ()}, backend)
    ocha, medaid = partners["ocha"], partners["medaid"]
    try:
        export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
        first = import_package(medaid.ws, tmp_path / "1.hopx", medaid.passphrase)
        assert "partner_audit_warning" not in first.verification
        with ocha.ws.transaction() as db:  # ocha cuts its log back to nothing
            db.execute("DELETE FROM humanops_audit")
            db.execute("DELETE FROM humanops_meta WHERE key = 'audit_head'")
        export_package(ocha.ws, ["medaid"], tmp_path / "2.hopx", ocha.passphrase)
        second = import_package(medaid.ws, tmp_path / "2.hopx", medaid.passphrase)
        warning = second.verification["partner_audit_warning"]
        assert "went back" in warning and "WARNING" in second.summary()
        assert audit_module.entries(medaid.ws)[-1]["detail"]["partner_audit_warning"] == warning
    finally:
        close_all(partners)
