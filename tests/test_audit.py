"""The audit log: every exchange recorded, and any tampering with it detected."""

from __future__ import annotations

import csv

import pytest
from exchange_helpers import close_all, make_partners
from shapely.geometry import Point
from store_backends import OtherClient

from humanops.errors import SharingError
from humanops.model.marking import TLP, Marking
from humanops.sharing import audit, keys
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package


@pytest.fixture
def logged(tmp_path, monkeypatch, backend):
    """ocha's workspace after a few exchanges (key, partners, exports, an import, a refusal)."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    partners = make_partners(tmp_path, {"ocha": (), "medaid": ()}, backend)
    ocha, medaid = partners["ocha"], partners["medaid"]
    ocha.ws.add_feature("need", Point(36, 33), {"name": "<script>alert(1)</script>", "population": 1},
                        Marking(tlp=TLP.CLEAR))
    export_package(ocha.ws, ["medaid"], tmp_path / "1.hopx", ocha.passphrase)
    medaid.ws.add_feature("need", Point(36, 34), {"name": "m", "population": 2}, Marking(tlp=TLP.CLEAR))
    export_package(medaid.ws, ["ocha"], tmp_path / "m.hopx", medaid.passphrase)
    import_package(ocha.ws, tmp_path / "m.hopx", ocha.passphrase)
    with pytest.raises(SharingError):
        import_package(ocha.ws, tmp_path / "m.hopx", ocha.passphrase)
    path = ocha.ws.path
    yield ocha.ws, path
    close_all(partners)


def _actions(ws):
    return [e["action"] for e in audit.entries(ws)]


def test_every_exchange_is_recorded_in_order(logged):
    ws, _ = logged
    assert _actions(ws) == ["key", "partner", "export", "import", "refused_import"]
    export, imported, refused = audit.entries(ws)[2:]
    assert export["counterpart"] == "medaid" and export["counts"]["layers"]["need"]["features"] == 1
    assert len(export["payload_sha256"]) == 64 and export["package_id"]
    assert imported["counterpart"] == "medaid" and imported["counts"]["totals"] == {"inserted": 1}
    assert "replay" in refused["detail"]["reason"]
    report = audit.verify_audit(ws)
    assert report.ok and report.entries == 5


def _tamper(path, *statements):
    db = OtherClient(path)
    with db:
        for sql in statements:
            db.execute(sql)
    db.close()


@pytest.mark.parametrize("statements, first_bad", [
    (["UPDATE humanops_audit SET counterpart = 'unhcr' WHERE seq = 3"], 3),
    (["UPDATE humanops_audit SET counts = '{}' WHERE seq = 4"], 4),
    (["DELETE FROM humanops_audit WHERE seq = 2"], 2),
    # swap two entries' positions
    (["UPDATE humanops_audit SET seq = 100 WHERE seq = 3", "UPDATE humanops_audit SET seq = 3 WHERE seq = 4",
      "UPDATE humanops_audit SET seq = 4 WHERE seq = 100"], 3),
    # a removed tail: the chain alone is intact, the recorded head is not
    (["DELETE FROM humanops_audit WHERE seq = 5"], 5),
    # recomputing one entry's own hash is not enough: the next entry no longer follows it
    (["UPDATE humanops_audit SET entry_hash = '" + "a" * 64 + "' WHERE seq = 2"], 2),
])
def test_tampering_is_detected(logged, statements, first_bad):
    ws, path = logged
    _tamper(path, *statements)
    report = audit.verify_audit(ws)
    assert not report.ok
    assert report.first_bad_seq == first_bad


def test_rewritten_edit_with_recomputed_hash_breaks_the_next_link(logged):
    ws, path = logged
    rows = audit.entries(ws)
    target = rows[2]
    entry = {k: target[k] for k in ("seq", "at", "action", "counterpart", "package_id", "payload_sha256",
                                    "counts", "detail")}
    entry["counterpart"] = "someone_else"
    prev = rows[1]["entry_hash"]
    forged = audit.entry_hash(entry, prev)
    _tamper(path, f"UPDATE humanops_audit SET counterpart = 'someone_else', entry_hash = '{forged}' WHERE seq = 3")
    report = audit.verify_audit(ws)
    assert report.first_bad_seq == 4


def test_report_csv_and_html_escape(logged, tmp_path):
    ws, _ = logged
    summary = audit.audit_report(ws, tmp_path / "audit.csv")
    assert summary == {"file": str(tmp_path / "audit.csv"), "entries": 5, "chain_ok": True}
    with (tmp_path / "audit.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["action"] for r in rows] == _actions(ws)
    assert rows[2]["counterpart"] == "medaid"
    audit.audit_report(ws, tmp_path / "audit.html")
    html = (tmp_path / "audit.html").read_text()
    assert "<td>export</td>" in html and "<script>" not in html
    with pytest.raises(SharingError, match=r"\.csv or \.html"):
        audit.audit_report(ws, tmp_path / "audit.pdf")


def test_html_report_escapes_hostile_values(workspace, tmp_path):
    audit.append(workspace, "partner", counterpart="<img src=x onerror=alert(1)>", detail={"x": "</td><script>"})
    audit.audit_report(workspace, tmp_path / "a.html")
    html = (tmp_path / "a.html").read_text()
    assert "<img" not in html and "<script>" not in html and "&lt;img" in html


def test_csv_report_defuses_formulas(workspace, tmp_path):
    audit.append(workspace, "partner", counterpart="=HYPERLINK(\"http://x\")")
    audit.audit_report(workspace, tmp_path / "a.csv")
    assert "'=HYPERLINK" in (tmp_path / "a.csv").read_text()


def test_refusal_is_its_own_transaction_and_import_is_one_with_its_entry(logged):
    ws, _ = logged
    seqs = [e["seq"] for e in audit.entries(ws)]
    assert seqs == list(range(1, len(seqs) + 1))
    assert audit.head(ws)["seq"] == seqs[-1]
