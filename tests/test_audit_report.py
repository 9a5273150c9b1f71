"""The sharing report for governance, computed from a real exchange between partners: counts
checked value by value, hostile names and reasons kept as text, the page well-formed and shown by
a real browser; the CLI writes HTML, PDF and the raw log."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from exchange_helpers import close_all, make_partners
from shapely.geometry import Point, box

from humanops.cli import main
from humanops.errors import SharingError
from humanops.model.marking import TLP, Marking
from humanops.sharing import audit, keys
from humanops.sharing.audit_report import WITHHELD_WORDS, build_report, period_bound, reason_words, render_html
from humanops.sharing.directory_store import revoke_partner
from humanops.sharing.exchange_export import export_package
from humanops.sharing.exchange_import import import_package

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def exchanged(tmp_path, monkeypatch):
    """ocha sends medaid a package (two needs go, a RED one is withheld), medaid sends one back (a
    need and a danger zone), ocha imports it twice (the second refused), revokes unhcr, rotates its keys."""
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    partners = make_partners(tmp_path / "partners", {"ocha": (), "medaid": (), "unhcr": ()})
    ocha, medaid = partners["ocha"], partners["medaid"]
    ocha.ws.add_feature("need", Point(36, 33), {"name": "Open village", "population": 10}, Marking(tlp=TLP.CLEAR))
    ocha.ws.add_feature("need", Point(36.1, 33), {"name": "Named", "population": 20},
                        Marking(tlp=TLP.AMBER, releasable_to=("medaid",)))
    ocha.ws.add_feature("need", Point(36.2, 33), {"name": "Red", "population": 30}, Marking(tlp=TLP.RED))
    export_package(ocha.ws, ["medaid"], tmp_path / "to-medaid.hopx", ocha.passphrase)
    import_package(medaid.ws, tmp_path / "to-medaid.hopx", medaid.passphrase)
    medaid.ws.add_feature("need", Point(36, 34), {"name": "m", "population": 2}, Marking(tlp=TLP.CLEAR))
    medaid.ws.add_feature("danger_zone", box(36, 34, 36.1, 34.1),
                          {"name": "Crossfire", "hazard": "shelling", "severity": 4},
                          Marking(tlp=TLP.AMBER, releasable_to=("ocha",)))
    export_package(medaid.ws, ["ocha"], tmp_path / "to-ocha.hopx", medaid.passphrase)
    import_package(ocha.ws, tmp_path / "to-ocha.hopx", ocha.passphrase)
    with pytest.raises(SharingError):
        import_package(ocha.ws, tmp_path / "to-ocha.hopx", ocha.passphrase)
    revoke_partner(ocha.ws, "unhcr")
    keys.rotate_keys(ocha.ws, ocha.passphrase)
    yield ocha.ws
    close_all(partners)


def test_counts_per_partner_from_a_real_exchange(exchanged):
    report = build_report(exchanged)
    assert set(report.partners) == {"medaid", "unhcr"}
    medaid = report.partners["medaid"]
    assert medaid.name == "MEDAID"
    assert medaid.packages_sent == 1 and medaid.packages_received == 1
    assert dict(medaid.sent_layers) == {"need": 2}
    assert dict(medaid.sent_markings) == {"CLEAR": 1, "AMBER": 1}
    assert dict(medaid.withheld) == {"tlp_red_not_named": 1}
    # its package holds its need and zone, and passes back the two needs of ours it received: unchanged here
    assert dict(medaid.received_layers) == {"need": 3, "danger_zone": 1}
    assert dict(medaid.received_markings) == {"CLEAR": 2, "AMBER": 2}
    assert +medaid.outcomes == {"inserted": 2, "unchanged": 2}
    assert [r.file for r in medaid.refusals] == ["to-ocha.hopx"] and "replay" in medaid.refusals[0].reason
    assert medaid.markings_unrecorded == 0 and not medaid.quarantined and medaid.conflicts_open == 0
    unhcr = report.partners["unhcr"]
    assert unhcr.sent == unhcr.received == 0
    assert [what for _, what in unhcr.directory_events if what.startswith("keys revoked")]
    assert [what for _, what in report.key_events] == ["our keys made", "our keys rotated (the old key revoked, "
                                                                         "kept to verify older packages)"]
    assert report.chain_ok and report.entries_in_period == report.entries_total == len(audit.entries(exchanged))
    assert report.witness_heads["medaid"][0]["seq"] >= 1  # medaid's package showed us its log's head
    assert report.signed_heads >= 2  # our export and import signed our head


def test_the_period_leaves_out_what_happened_outside_it(exchanged):
    later = build_report(exchanged, start=period_bound("2999-01-01", end=False, field_name="--from"))
    assert later.entries_in_period == 0 and later.partners == {} and later.entries_total > 0
    day = period_bound("2026-11-30", end=True, field_name="--to")
    assert day == datetime(2026, 11, 30, 23, 59, 59, 999000, tzinfo=UTC)


class WellFormed(HTMLParser):
    """Every element closed in order (void elements excepted); the tags and text seen."""

    VOID = frozenset({"meta", "br", "img", "hr", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> closes nothing open")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(page: str) -> WellFormed:
    parser = WellFormed()
    parser.feed(page)
    parser.close()
    return parser


def test_the_page_is_well_formed_and_hostile_text_stays_text(exchanged):
    audit.append(exchanged, "refused_import", counterpart=HOSTILE,
                 detail={"file": "<b>x</b>.hopx", "reason": "</td><script>alert(1)</script>"})
    audit.append(exchanged, "export", counterpart="medaid",
                 counts={"layers": {"need": 1}, "recipients": {"medaid": {"sent": 1, "withheld": {
                     "\"><svg onload=alert(1)>": 2}}}}, detail={"product": "sitrep"})
    page = render_html(build_report(exchanged))
    parsed = _parsed(page)
    assert parsed.problems == [] and parsed.open == []
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert parsed.tags >= {"html", "table", "svg", "rect", "h2"}
    text = "".join(parsed.text)
    assert HOSTILE in text and "</td><script>alert(1)</script>" in text and "<b>x</b>.hopx" in text
    assert "Reason “\"><svg onload=alert(1)>”." in text  # an unknown code is shown, as text
    assert "audit log intact" in text and "1 situation report(s)" in text
    assert reason_words("tlp_red_not_named") in text  # the reason in words, not its code
    assert "http:" not in page.replace("http://www.w3.org/2000/svg", "") and "https:" not in page  # nothing to fetch


def test_every_reason_the_app_words_is_worded_here_too():
    from humanops.ui.sharing.wording import WITHHELD_REASONS

    assert set(WITHHELD_REASONS) <= set(WITHHELD_WORDS)
    assert all(WITHHELD_WORDS[code] == text for code, text in WITHHELD_REASONS.items())


def test_cli_writes_html_pdf_and_the_raw_log(exchanged, tmp_path, capsys, qapp):
    # qapp: the PDF then uses pytest-qt's QApplication, not a QGuiApplication of its own that would
    # stop the widget tests later in this process
    path = str(exchanged.path)
    html_out, pdf_out, csv_out = tmp_path / "r.html", tmp_path / "r.pdf", tmp_path / "log.csv"
    assert main(["-w", path, "audit", "report", str(html_out), "--from", "2020-01-01", "--to", "2999-12-31",
                 "--csv", str(csv_out)]) == 0
    said = capsys.readouterr().out
    assert "sharing report" in said and "raw log" in said
    assert html_out.read_text().startswith("<!DOCTYPE html>") and html_out.stat().st_mode & 0o077 == 0
    assert csv_out.read_text().splitlines()[0].startswith("seq,at,action")
    assert main(["-w", path, "audit", "report", str(pdf_out)]) == 0
    data = pdf_out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000 and pdf_out.stat().st_mode & 0o077 == 0
    assert main(["-w", path, "audit", "report", str(tmp_path / "r.txt")]) == 1
    assert main(["-w", path, "audit", "report", str(html_out), "--from", "2026-12-01", "--to", "2026-11-01"]) == 2


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed here")
def test_the_page_opens_in_chromium_with_its_charts(exchanged, tmp_path):
    from PySide6.QtGui import QColor, QImage

    page = tmp_path / "report.html"
    page.write_text(render_html(build_report(exchanged)), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--host-resolver-rules=MAP * ~NOTFOUND",
                    f"--screenshot={shot}", "--window-size=1000,2400", page.resolve().as_uri()],
                   capture_output=True, timeout=120, check=True)
    image = QImage(str(shot))
    sent = QColor("#0072b2").rgb()  # the charts' bars for features sent
    pixels = [image.pixel(x, y) for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)]
    assert pixels.count(sent) > 50
    assert len(set(pixels)) > 20  # text, tables and charts: not a blank page
