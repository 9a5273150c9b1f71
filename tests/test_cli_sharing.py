"""``humanops keys|partners|package|conflicts|audit`` as scripts use them: passphrase from the
environment or a file, JSON output, exit 1 with one line for anything refused."""

from __future__ import annotations

import json
import sqlite3

import pytest
from shapely.geometry import Point

from humanops.cli import main
from humanops.model.marking import TLP, Marking
from humanops.sharing import keys
from humanops.store.workspace import Workspace


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    monkeypatch.setenv("HUMANOPS_PASSPHRASE", "scripted passphrase")


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def two(tmp_path, capsys):
    """Two workspaces with keys and each other's cards, through the CLI only."""
    paths = {}
    for org in ("ocha", "medaid"):
        path = tmp_path / f"{org}.gpkg"
        assert run(capsys, "-w", str(path), "init", "--org", org)[0] == 0
        code, out, _ = run(capsys, "-w", str(path), "keys", "init", "--org", org, "--name", org.upper(), "--json")
        assert code == 0 and len(json.loads(out)["fingerprint"].split()) == 16
        assert run(capsys, "-w", str(path), "keys", "card", str(tmp_path / f"{org}.card"))[0] == 0
        paths[org] = path
    code, out, _ = run(capsys, "-w", str(paths["ocha"]), "partners", "add", str(tmp_path / "medaid.card"))
    assert code == 0 and "check this fingerprint" in out
    assert run(capsys, "-w", str(paths["medaid"]), "partners", "add", str(tmp_path / "ocha.card"))[0] == 0
    with Workspace.open(paths["ocha"]) as ws:
        ws.add_feature("need", Point(36, 33), {"name": "camp", "population": 10}, Marking(tlp=TLP.GREEN,
                                                                                            releasable_to=("medaid",)))
        ws.add_feature("need", Point(36, 34), {"name": "secret", "population": 10},
                       Marking(tlp=TLP.RED, releasable_to=("unhcr",)))
    return paths


def test_export_preview_export_import(two, tmp_path, capsys):
    ocha, medaid = str(two["ocha"]), str(two["medaid"])
    out = tmp_path / "p.hopx"
    code, text, _ = run(capsys, "-w", ocha, "package", "export", "--to", "medaid", "--out", str(out), "--dry-run",
                        "--json")
    assert code == 0 and not out.exists()
    preview = json.loads(text)["preview"]["recipients"]["medaid"]["totals"]
    assert preview["exact"] == 1 and preview["withheld"] == {"tlp_red_not_named": 1}
    code, text, _ = run(capsys, "-w", ocha, "package", "export", "--to", "medaid", "--out", str(out), "--json")
    assert code == 0 and json.loads(text)["layers"]["need"]["features"] == 1
    code, text, _ = run(capsys, "-w", medaid, "package", "import", str(out), "--dry-run", "--json")
    assert code == 0 and json.loads(text)["dry_run"] is True
    code, text, _ = run(capsys, "-w", medaid, "package", "import", str(out))
    assert code == 0 and "1 new" in text
    code, text, err = run(capsys, "-w", medaid, "package", "import", str(out))
    assert code == 1 and text == "" and len(err.strip().splitlines()) == 1 and "replay" in err
    code, text, _ = run(capsys, "-w", medaid, "audit", "verify", "--json")
    assert code == 0 and json.loads(text)["ok"] is True
    code, text, _ = run(capsys, "-w", medaid, "audit", "report", str(tmp_path / "a.csv"))
    assert code == 0 and (tmp_path / "a.csv").exists()


def test_wrong_passphrase_and_passphrase_file(two, tmp_path, capsys, monkeypatch):
    ocha = str(two["ocha"])
    monkeypatch.setenv("HUMANOPS_PASSPHRASE", "wrong wrong wrong")
    code, _, err = run(capsys, "-w", ocha, "keys", "card", str(tmp_path / "x.card"))
    assert code == 1 and err.strip() == "humanops: wrong passphrase for the organisation's private keys"
    secret = tmp_path / "pass.txt"
    secret.write_text("scripted passphrase\n")
    assert run(capsys, "-w", ocha, "keys", "card", str(tmp_path / "x.card"), "--passphrase-file", str(secret))[0] == 0


def test_partners_list_revoke_and_refused_package(two, tmp_path, capsys):
    ocha, medaid = str(two["ocha"]), str(two["medaid"])
    code, text, _ = run(capsys, "-w", medaid, "partners", "list", "--json")
    assert {p["org_id"] for p in json.loads(text)["partners"]} == {"ocha", "medaid"}
    out = tmp_path / "p.hopx"
    assert run(capsys, "-w", ocha, "package", "export", "--to", "medaid", "--out", str(out))[0] == 0
    assert run(capsys, "-w", medaid, "partners", "revoke", "ocha", "--at", "2000-01-01T00:00:00Z")[0] == 0
    code, _, err = run(capsys, "-w", medaid, "package", "import", str(out))
    assert code == 1 and "revoked" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "-w", ocha, "package", "export", "--to", "nobody", "--out", str(tmp_path / "n.hopx"))
    assert code == 1 and "not in the partner directory" in err


def _camp(path):
    with Workspace.open(path) as ws:
        return next(f.uuid for f in ws.features("need") if f.properties["name"] == "camp")


def test_conflicts_list_and_resolve(two, tmp_path, capsys):
    """ocha names medaid an editor of its camp; both edit it at once: a conflict ocha resolves."""
    ocha, medaid = str(two["ocha"]), str(two["medaid"])
    uid = _camp(two["ocha"])
    code, text, _ = run(capsys, "-w", ocha, "editors", "set", "medaid", "--layer", "need", "--ids", uid)
    assert code == 0 and "1 feature(s)" in text
    assert run(capsys, "-w", ocha, "package", "export", "--to", "medaid", "--out", str(tmp_path / "1.hopx"))[0] == 0
    assert run(capsys, "-w", medaid, "package", "import", str(tmp_path / "1.hopx"))[0] == 0
    assert run(capsys, "-w", medaid, "editors", "show", uid, "--layer", "need")[1].strip() == "medaid"
    assert run(capsys, "-w", ocha, "edit", uid, "--layer", "need", "--set", "population=11")[0] == 0
    code, text, _ = run(capsys, "-w", medaid, "edit", uid, "--layer", "need", "--set", "population=12")
    assert code == 0 and "as version 3" in text  # an editor's edit is a version, not a proposal
    assert run(capsys, "-w", medaid, "package", "export", "--to", "ocha", "--out", str(tmp_path / "m.hopx"))[0] == 0
    code, text, _ = run(capsys, "-w", ocha, "package", "import", str(tmp_path / "m.hopx"))
    assert code == 0 and "CONFLICT" in text
    code, text, _ = run(capsys, "-w", ocha, "conflicts", "list", "--json")
    [conflict] = json.loads(text)["conflicts"]
    assert conflict["uuid"] == uid and "population" in conflict["differs"]
    code, text, _ = run(capsys, "-w", ocha, "conflicts", "resolve", uid, "--keep", "mine", "--set", "notes=checked")
    assert code == 0 and "version 4" in text
    assert run(capsys, "-w", ocha, "conflicts", "list")[1].strip() == "no open conflicts"
    code, _, err = run(capsys, "-w", ocha, "conflicts", "resolve", uid, "--keep", "theirs")
    assert code == 1 and "no open conflict" in err


def test_an_edit_of_someone_elses_feature_is_a_proposal_its_originator_decides(two, tmp_path, capsys):
    ocha, medaid = str(two["ocha"]), str(two["medaid"])
    uid = _camp(two["ocha"])
    assert run(capsys, "-w", ocha, "package", "export", "--to", "medaid", "--out", str(tmp_path / "1.hopx"))[0] == 0
    assert run(capsys, "-w", medaid, "package", "import", str(tmp_path / "1.hopx"))[0] == 0
    code, text, _ = run(capsys, "-w", medaid, "edit", uid, "--layer", "need", "--set", "population=12", "--json")
    assert code == 0 and json.loads(text)["proposed"] and json.loads(text)["originator"] == "ocha"
    code, _, err = run(capsys, "-w", medaid, "editors", "set", "unhcr", "--layer", "need", "--ids", uid)
    assert code == 1 and "only its originator ocha" in err
    assert run(capsys, "-w", medaid, "package", "export", "--to", "ocha", "--out", str(tmp_path / "m.hopx"))[0] == 0
    code, text, _ = run(capsys, "-w", ocha, "package", "import", str(tmp_path / "m.hopx"))
    assert code == 0 and "proposals 1" in text
    [proposal] = json.loads(run(capsys, "-w", ocha, "proposals", "list", "--json")[1])["proposals"]
    assert proposal["proposer"] == "medaid" and proposal["differs"] == ["population"]
    with Workspace.open(two["ocha"]) as ws:
        assert ws.get_feature("need", uid).version == 1  # nothing merged
    code, text, _ = run(capsys, "-w", ocha, "proposals", "accept", str(proposal["id"]))
    assert code == 0 and "accepted (version 2)" in text
    with Workspace.open(two["ocha"]) as ws:
        assert ws.get_feature("need", uid).properties["population"] == 12


def test_audit_verify_exit_1_when_tampered(two, capsys):
    ocha = str(two["ocha"])
    db = sqlite3.connect(ocha)
    with db:
        db.execute("UPDATE humanops_audit SET action = 'import' WHERE seq = 2")
    db.close()
    code, _, err = run(capsys, "-w", ocha, "audit", "verify")
    assert code == 1 and "TAMPERED from entry 2" in err


def test_keys_show_and_rotate(two, capsys):
    ocha = str(two["ocha"])
    _, text, _ = run(capsys, "-w", ocha, "keys", "show", "--json")
    before = json.loads(text)["fingerprint"]
    assert run(capsys, "-w", ocha, "keys", "rotate")[0] == 0
    _, text, _ = run(capsys, "-w", ocha, "keys", "show", "--json")
    doc = json.loads(text)
    assert doc["fingerprint"] != before and [h["revoked_at"] is None for h in doc["history"]] == [True, False]


def test_the_longest_package_validity_is_a_setting(two, tmp_path, capsys):
    ocha, medaid = str(two["ocha"]), str(two["medaid"])
    assert json.loads(run(capsys, "-w", medaid, "package", "max-validity", "--json")[1]) == {"max_validity_days": 90}
    assert run(capsys, "-w", medaid, "package", "max-validity", "10")[0] == 0
    out = str(tmp_path / "long.hopx")
    assert run(capsys, "-w", ocha, "package", "export", "--to", "medaid", "--out", out, "--valid-days", "30")[0] == 0
    code, _, err = run(capsys, "-w", medaid, "package", "import", out)
    assert code == 1 and "at most 10" in err and err.count("\n") == 1
    code, _, err = run(capsys, "-w", ocha, "package", "export", "--to", "medaid", "--out", out + "2",
                       "--valid-days", "100")
    assert code == 1 and "at most 90 days" in err
