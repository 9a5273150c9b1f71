"""The situation report: a PDF made for one audience (``humanops brief sitrep``, *File › Situation
report…*).

It holds only what :func:`humanops.sharing.audience.audience_view` lets the audience see at the
time it is valid at (withheld features left out and counted, generalised ones only generalised),
and says it in sections: a summary, a map of the area (the map export's renderer, offscreen), what
changed since the last report made for the same audience, exposure by hazard and severity,
corridors and their risk, needs coverage and shelter fill (bar charts), the open alerts, and what
the report leaves out. Its banner, at the top and the bottom of every page, is the highest TLP it
holds (``view.highest_tlp``), in TLP 2.0's colours and words.

Written with Qt's own PDF writer (QPdfWriter + QPainter: no new dependency, and the same drawing
code as the screen), whole or not at all (:mod:`humanops.store.atomic_files`), and recorded in the
audit log as an export to the audience, with what it showed kept for the next report
(:mod:`humanops.store.sitrep_records`), in the transaction that makes the file appear.

Runs on any thread that is not the GUI thread's while a window is up (the app's worker; the CLI's
main thread, offscreen): it needs a QGuiApplication for fonts, nothing else of the GUI.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QPainter

from humanops.errors import FormatError
from humanops.feedback import Canceled, Feedback
from humanops.model.marking import format_time
from humanops.model.numbers import format_number
from humanops.model.symbology import tlp_label
from humanops.sharing.audience import AudienceView, audience_view, require_known
from humanops.store.open_target import workspace_file
from humanops.store.workspace import Workspace
from humanops.ui.canvas.layer_renderer import Stopped
from humanops.ui.charts import coverage_bars, percent, shelter_bars
from humanops.ui.i18n import current_language
from humanops.ui.map_decorations import MapFurniture, draw_legend, legend_size, paint_map_area, tlp_meaning
from humanops.ui.map_export import MapPicture, new_pdf, render_map, time_text
from humanops.ui.sitrep_content import LISTED, Changes, SitrepContent, gather
from humanops.ui.sitrep_map import report_map_request
from humanops.ui.sitrep_pages import MUTED, SMALL_PX, Banner, Column, ReportPages, content_width

Bbox = tuple[float, float, float, float]
MapPlace = tuple[int, tuple[float, float, float, float]]  # the map's page, and its rectangle in mm
# The report's words are in the app's language (English from the CLI, which installs no translation);
# counts go after a colon where a plural would need forms ("Danger zones valid: 3" in a translation).
DEFAULT_TITLE = QT_TRANSLATE_NOOP("Sitrep", "Situation report")
PAGE = "A4"
MAP_HEIGHT_PX = 430.0  # logical pixels (about 114 mm)
MAP_DPI = 200.0
LEGEND_MIN_PX = 130.0
MM_PER_PX = 25.4 / 96
SECTIONS = (QT_TRANSLATE_NOOP("Sitrep", "Summary"), QT_TRANSLATE_NOOP("Sitrep", "Map of the area"),
            QT_TRANSLATE_NOOP("Sitrep", "What changed since the last report"),
            QT_TRANSLATE_NOOP("Sitrep", "Exposure by hazard and severity"),
            QT_TRANSLATE_NOOP("Sitrep", "Corridors and their risk"), QT_TRANSLATE_NOOP("Sitrep", "Needs coverage"),
            QT_TRANSLATE_NOOP("Sitrep", "Shelter fill"), QT_TRANSLATE_NOOP("Sitrep", "Open alerts"),
            QT_TRANSLATE_NOOP("Sitrep", "About this report"))


def _t(text: str) -> str:
    """A text marked above (a section, the default title), in the app's language."""
    return QCoreApplication.translate("Sitrep", text)


@dataclass
class SitrepResult:
    """A report written to ``path``."""

    path: Path
    bytes: int
    pages: int
    audience: str
    audience_name: str
    tlp: str
    at: datetime
    made: datetime
    withheld: int
    map_page: int | None = None  # where the map is: its page and rectangle in mm from the page's top left
    map_box_mm: tuple[float, float, float, float] | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        placed = {"page": self.map_page, "box_mm": [round(v, 2) for v in self.map_box_mm]} \
            if self.map_page is not None and self.map_box_mm is not None else None
        return {"file": str(self.path), "bytes": self.bytes, "pages": self.pages, "audience": self.audience,
                "audience_name": self.audience_name, "tlp": self.tlp, "valid_at": self.at.isoformat(),
                "made": self.made.isoformat(), "withheld": self.withheld, "layers": self.counts, "map": placed}

    def summary(self) -> str:
        lines = [f"wrote {self.path} ({format_number(self.bytes)} bytes, {self.pages} page(s)): {tlp_label(self.tlp)} "
                 f"situation report for {self.audience_name}, valid at {time_text(self.at)}"]
        if self.withheld:
            lines.append(f"  withheld for {self.audience_name}: {format_number(self.withheld)} feature(s) (counted in "
                         "the report, not shown)")
        return "\n".join(lines)


def drawing_application() -> QGuiApplication:
    """The Qt application a report is drawn with outside the app (fonts): the one running, else a
    QGuiApplication, offscreen when there is no display (a server, a script)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "humanops"])


def write_sitrep_file(workspace_path: str | Path, audience: str, out: str | Path, *,
                      feedback: Feedback | None = None, **options: Any) -> SitrepResult:
    """As :func:`write_sitrep`, opening the workspace itself: what a worker thread runs (a
    connection belongs to the thread that opened it)."""
    from humanops.store.open_target import open_any

    with open_any(workspace_path) as workspace:  # a GeoPackage's path or a team database's URL
        return write_sitrep(workspace, audience, out, feedback=feedback, **options)


def write_sitrep(workspace: Workspace, audience: str, out: str | Path, *, at: datetime | None = None,
                 bbox: Bbox | None = None, title: str | None = None, overwrite: bool = False,
                 feedback: Feedback | None = None) -> SitrepResult:
    """Write the situation report of ``workspace`` for ``audience`` (a partner's id, or
    ``internal``) to ``out``, whole or not at all; an existing ``out`` only with ``overwrite``."""
    from humanops.model.clock import workspace_now
    from humanops.products.briefing_map import check_bbox
    from humanops.store import sitrep_records
    from humanops.store.atomic_files import AtomicFile

    feedback = feedback or Feedback()
    out = Path(out)
    own = workspace_file(workspace)  # None for a team database
    if own is not None and out.resolve() == own.resolve():
        raise FormatError("that is the workspace itself: choose another file for the report", file=str(out))
    check_bbox(bbox)
    pending = AtomicFile(out, overwrite=overwrite, exists_error=FormatError)  # refuses an existing file early
    try:
        feedback.progress(0.0, QCoreApplication.translate("Sitrep", "selecting what {audience} may see").format(
            audience=audience))
        view = audience_view(workspace, audience, at=at, bbox=bbox)
        require_known(view)
        made = workspace_now(workspace)
        audience_name, our_name = audience_names(workspace, view)
        previous = sitrep_records.last_for(workspace, view.audience)
        content = gather(workspace, view, previous, feedback.step(0.1, 0.45))
        feedback.progress(0.45, QCoreApplication.translate("Sitrep", "drawing the map"))
        picture = _render_map(view, feedback)
        feedback.progress(0.7, QCoreApplication.translate("Sitrep", "writing the pages"))
        heading = title or _t(DEFAULT_TITLE)
        banner = Banner(view.highest_tlp.value, heading,
                        QCoreApplication.translate("Sitrep", "for {audience}").format(audience=audience_name),
                        (QCoreApplication.translate("Sitrep", "Valid at {time}").format(time=time_text(view.at)),
                         QCoreApplication.translate("Sitrep", "Made {time} by {who}").format(
                             time=time_text(made), who=our_name)),
                        QCoreApplication.translate("Sitrep", "{title} for {audience} · made {time} by {who}").format(
                            title=heading, audience=audience_name, time=time_text(made), who=our_name),
                        exercise=view.exercise or "")
        pdf_title = QCoreApplication.translate("Sitrep", "{tlp} {title} for {audience}").format(
            tlp=tlp_label(banner.tlp), title=banner.title, audience=audience_name)
        writer = new_pdf(pending.path, f"{view.exercise} · {pdf_title}" if view.exercise else pdf_title, PAGE)
        pages = ReportPages(writer, banner, PAGE)
        try:
            map_at = _write_sections(pages, content, picture, audience_name, our_name, made, banner.title)
        finally:
            count = pages.finish()
        # the PDF was completed when its painter ended (QPdfWriter writes its tail then)
        feedback.check()  # a cancel up to here leaves no file (and an earlier one untouched)
        data = pending.path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        with workspace.transaction():
            _record(workspace, view, content, out, data, digest, made, count)
            sitrep_records.add(workspace, sitrep_records.SitrepRecord(
                view.audience, format_time(made) or "", format_time(view.at) or "", out.name, digest,
                view.highest_tlp.value, content.shown))
            pending.commit()  # a failed rename rolls the records back
    finally:
        pending.discard()
    feedback.progress(1.0, QCoreApplication.translate("Sitrep", "written"))
    map_page, map_box = map_at if map_at is not None else (None, None)
    return SitrepResult(out, len(data), count, view.audience, audience_name, view.highest_tlp.value, view.at, made,
                        view.withheld_total, map_page, map_box, content.counts())


def _render_map(view: AudienceView, feedback: Feedback) -> MapPicture | None:
    request = report_map_request(view, content_width(PAGE), MAP_HEIGHT_PX, MAP_DPI)
    if request is None:
        return None
    try:
        return render_map(request, lambda: feedback.is_cancelled)
    except Stopped:
        raise Canceled() from None


def audience_names(workspace: Workspace, view: AudienceView) -> tuple[str, str]:
    """How the report names its audience and us: acronym (or id) and name from the directory."""
    from humanops.sharing.directory_store import load_directory

    directory = load_directory(workspace)
    ours = directory.organisation(view.exporter)
    our_name = (ours.acronym or ours.id) if ours is not None else view.exporter
    if view.internal:
        return QCoreApplication.translate("Sitrep", "internal use ({who})").format(who=our_name), our_name
    org = directory.organisation(view.audience)
    if org is None:
        return view.audience, our_name
    short = org.acronym or org.id
    return (f"{short} ({org.name})" if org.name and org.name != short else short), our_name


def _record(workspace: Workspace, view: AudienceView, content: SitrepContent, out: Path, data: bytes, digest: str,
            made: datetime, pages: int) -> None:
    """The audit log's entry: a report that leaves the app is a release, as a package is."""
    from humanops.sharing import audit

    reasons: dict[str, int] = {}
    for layer in view.layers.values():
        for code, n in layer.withheld.items():
            reasons[code] = reasons.get(code, 0) + n
    counts = content.counts()
    audit.append(workspace, "export", counterpart=view.audience, at=made, payload_sha256=digest,
                 counts={"layers": counts, "recipients": {view.audience: {"sent": sum(counts.values()),
                                                                          "withheld": reasons}}},
                 detail={"product": "sitrep", "format": "pdf", "file": out.name, "bytes": len(data), "pages": pages,
                         "highest_tlp": view.highest_tlp.value, "at": view.at.isoformat()})


# --- the sections -------------------------------------------------------------------------------------

def _n(value: float) -> str:
    return format_number(value)


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:LISTED])
    if len(names) <= LISTED:
        return shown
    return QCoreApplication.translate("Sitrep", "{names} and {count} more").format(names=shown,
                                                                                  count=len(names) - LISTED)


def _write_sections(pages: ReportPages, content: SitrepContent, picture: MapPicture | None, audience_name: str,
                    our_name: str, made: datetime, title: str) -> MapPlace | None:
    """Every section in order; returns the map's page and rectangle (mm)."""
    view = content.view
    tlp = view.highest_tlp.value
    pages.paragraph(title, px=22, bold=True)
    pages.paragraph(QCoreApplication.translate("Sitrep", "For {audience} · valid at {valid} · made {made} by {who}")
                    .format(audience=audience_name, valid=time_text(view.at), made=time_text(made), who=our_name),
                    colour=MUTED)
    pages.paragraph(f"{tlp_label(tlp)}: {tlp_meaning(tlp)}", px=SMALL_PX, bold=True)
    pages.space(6)

    pages.heading(_t(SECTIONS[0]))
    pages.bullets(_summary(content))

    pages.heading(_t(SECTIONS[1]))
    map_at = _map_section(pages, picture)

    pages.heading(_t(SECTIONS[2]))
    _changes_section(pages, content.changes)

    pages.heading(_t(SECTIONS[3]))
    _exposure_section(pages, content)

    pages.heading(_t(SECTIONS[4]))
    _corridor_section(pages, content)

    pages.heading(_t(SECTIONS[5]))
    _coverage_section(pages, content)

    pages.heading(_t(SECTIONS[6]))
    _shelter_section(pages, content)

    pages.heading(_t(SECTIONS[7]))
    _alert_section(pages, content)

    pages.heading(_t(SECTIONS[8]))
    _about_section(pages, content, audience_name, our_name)
    return map_at


def _summary(content: SitrepContent) -> list[str]:
    view = content.view
    out = []
    zones = view.layers.get("danger_zone")
    if zones is not None:
        severity = pd.to_numeric(zones.frame["severity"], errors="coerce") if "severity" in zones.frame.columns \
            else pd.Series(dtype=float)
        worst = int(severity.max()) if severity.notna().any() else 0
        if worst:
            zones_text = QCoreApplication.translate("Sitrep", "{count} danger zone(s) valid, the worst of severity "
                                                              "{worst}")
        else:
            zones_text = QCoreApplication.translate("Sitrep", "{count} danger zone(s) valid")
        out.append(zones_text.format(count=_n(len(zones.frame)), worst=worst))
    if content.exposure:
        out.append(QCoreApplication.translate("Sitrep", "{people} people in {needs} need location(s) inside danger "
                                                        "zones").format(people=_n(content.exposed_population),
                                                                        needs=_n(content.exposed_needs)))
    if content.corridors:
        by_status: dict[str, int] = {}
        for row in content.corridors:
            by_status[row.status] = by_status.get(row.status, 0) + 1
        states = ", ".join(f"{n} {_corridor_status(content, status)}" for status, n in sorted(by_status.items()))
        riskiest = content.corridors[0]
        out.append(QCoreApplication.translate("Sitrep", "{count} corridor(s) ({states}); highest risk: {name}, "
                                                        "{score} of 100").format(
            count=len(content.corridors), states=states, name=riskiest.name, score=f"{riskiest.risk_score:.0f}"))
    short = [row.item for row in content.coverage if row.demand and row.covered < 1.0]
    if content.coverage:
        out.append(QCoreApplication.translate("Sitrep", "Stock on hand covers the week's demand for every item")
                   if not short else
                   QCoreApplication.translate("Sitrep", "Stock on hand falls short for: {items}").format(
                       items=", ".join(short)))
    full = [row for row in content.shelters if row.fill >= 0.9]
    if content.shelters:
        out.append(QCoreApplication.translate("Sitrep", "{count} shelter(s) with a capacity; {full} at 90 % or more")
                   .format(count=len(content.shelters), full=len(full)))
    if content.alerts_not_shown:
        alerts = QCoreApplication.translate("Sitrep", "{count} open alert(s) ({more} more rest on features not "
                                                      "shared with you)")
    else:
        alerts = QCoreApplication.translate("Sitrep", "{count} open alert(s)")
    out.append(alerts.format(count=len(content.alerts), more=content.alerts_not_shown))
    return out


def _corridor_status(content: SitrepContent, label: str) -> str:
    """A corridor status as the corridor kind's file names it in the app's language (the content
    holds its English label: sitrep_content is Qt-free, and the CLI's report is in English)."""
    corridors = content.view.layers.get("corridor")
    lang = current_language()
    if corridors is None or lang == "en":
        return label
    try:
        spec = corridors.kind.field("status")
    except KeyError:
        return label
    value = next((v for v in spec.values if spec.value_label(v, None) == label), None)
    return label if value is None else spec.value_label(value, lang)


def _map_section(pages: ReportPages, picture: MapPicture | None) -> MapPlace | None:
    if picture is None:
        pages.paragraph(QCoreApplication.translate("Sitrep", "Nothing to place on a map."))
        return None
    view = picture.view

    def paint_map(painter: QPainter, rect: QRectF) -> None:
        paint_map_area(painter, QPointF(rect.left() + (rect.width() - view.width) / 2, rect.top()), picture.image,
                       view, picture.legend, MapFurniture(legend=False))
        painter.setPen(MUTED)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(rect.left() + (rect.width() - view.width) / 2, rect.top(), view.width, view.height))

    rect = pages.block(view.height, paint_map)
    at = (pages.page, (rect.left() * MM_PER_PX, rect.top() * MM_PER_PX, rect.width() * MM_PER_PX,
                       rect.height() * MM_PER_PX))
    if picture.legend:
        width, height = _legend_fitting(picture, pages.content_width)

        def paint_legend(painter: QPainter, legend_rect: QRectF) -> None:
            draw_legend(painter, QRectF(legend_rect.left(), legend_rect.top(), min(width, legend_rect.width()),
                                        height), picture.legend)

        pages.block(height, paint_legend)
    pages.paragraph(QCoreApplication.translate("Sitrep", "Basemap: Natural Earth country outlines. Features as valid "
                                                         "at the report's time; north is up (Web Mercator)."),
                    px=SMALL_PX, colour=MUTED)
    return at


def _legend_fitting(picture: MapPicture, width: float) -> tuple[float, float]:
    """The legend's size in the fewest rows whose columns fit ``width``."""
    tallest = legend_size(picture.legend, 1e6)[1]
    height = LEGEND_MIN_PX
    size = legend_size(picture.legend, height)
    while size[0] > width and height < tallest:
        height += 17
        size = legend_size(picture.legend, height)
    return size


def _changes_section(pages: ReportPages, changes: Changes) -> None:
    if changes.previous_made is None:
        pages.paragraph(QCoreApplication.translate(
            "Sitrep", "This is the first situation report for this audience from this workspace: the next one will "
            "say what changed since this one."))
        return
    from humanops.model.marking import parse_time

    pages.paragraph(QCoreApplication.translate("Sitrep", "Since the last report for this audience (made {time}):")
                    .format(time=time_text(parse_time(changes.previous_made))))
    if not changes.anything:
        pages.bullets([QCoreApplication.translate(
            "Sitrep", "No danger zone, corridor or incident shown then has changed, and none was added.")])
        return
    items = []
    for names, what in ((changes.new_zones, QCoreApplication.translate("Sitrep", "New danger zones")),
                        (changes.changed_zones, QCoreApplication.translate("Sitrep", "Danger zones changed")),
                        (changes.gone_zones, QCoreApplication.translate(
                            "Sitrep", "Danger zones no longer in the report (ended, removed or no longer shared)")),
                        (changes.closed_corridors, QCoreApplication.translate("Sitrep", "Corridors closed")),
                        (changes.new_corridors, QCoreApplication.translate("Sitrep", "New corridors")),
                        (changes.status_changes, QCoreApplication.translate("Sitrep", "Corridor status changed")),
                        (changes.gone_corridors, QCoreApplication.translate("Sitrep",
                                                                            "Corridors no longer in the report")),
                        (changes.new_incidents, QCoreApplication.translate("Sitrep", "New incidents"))):
        if names:
            items.append(f"{what} ({len(names)}): {_listed(names)}")
    pages.bullets(items)


def _exposure_section(pages: ReportPages, content: SitrepContent) -> None:
    if not content.exposure:
        pages.paragraph(QCoreApplication.translate("Sitrep", "No need location lies inside a danger zone valid at "
                                                             "this time."))
        return
    columns = [Column(QCoreApplication.translate("Sitrep", "Hazard"), 0.40),
               Column(QCoreApplication.translate("Sitrep", "Severity"), 0.16, True),
               Column(QCoreApplication.translate("Sitrep", "Need locations"), 0.22, True),
               Column(QCoreApplication.translate("Sitrep", "People"), 0.22, True)]
    rows = [[row.hazard, str(row.severity), _n(row.needs), _n(row.population)] for row in content.exposure]
    pages.table(columns, rows, total=[QCoreApplication.translate("Sitrep", "All hazards (each person once)"), "",
                                      _n(content.exposed_needs), _n(content.exposed_population)])
    pages.paragraph(QCoreApplication.translate(
        "Sitrep", "Per hazard a person counts once, at the worst severity of that hazard reaching them; across hazards "
        "a person exposed to two appears under both. Generalised locations count where their aggregate lies."),
        px=SMALL_PX, colour=MUTED)


def _corridor_section(pages: ReportPages, content: SitrepContent) -> None:
    if not content.corridors:
        pages.paragraph(QCoreApplication.translate("Sitrep", "No corridor is valid at this time."))
        return
    columns = [Column(QCoreApplication.translate("Sitrep", "Corridor"), 0.30),
               Column(QCoreApplication.translate("Sitrep", "Status"), 0.14),
               Column(QCoreApplication.translate("Sitrep", "Length km"), 0.12, True),
               Column(QCoreApplication.translate("Sitrep", "In danger km"), 0.16, True),
               Column(QCoreApplication.translate("Sitrep", "Worst severity"), 0.14, True),
               Column(QCoreApplication.translate("Sitrep", "Risk 0-100"), 0.14, True)]
    none = QCoreApplication.translate("Sitrep", "none")
    rows = [[row.name, _corridor_status(content, row.status), f"{row.length_km:.1f}",
             f"{row.in_danger_km:.1f} ({row.share_in_danger:.0%})",
             str(row.worst_severity) if row.worst_severity else none, f"{row.risk_score:.0f}"]
            for row in content.corridors]
    pages.table(columns, rows)
    pages.paragraph(QCoreApplication.translate(
        "Sitrep", "Risk: the share of the corridor's width within danger zones, weighted by severity, never below the "
        "floor of its worst severity (docs/analysis.md)."), px=SMALL_PX, colour=MUTED)


def _coverage_section(pages: ReportPages, content: SitrepContent) -> None:
    if not content.coverage:
        pages.paragraph(QCoreApplication.translate("Sitrep", "No needs to cover in this report."))
        return
    covered = QCoreApplication.translate("Sitrep", "{share}: {stock} of {demand} {unit}")
    chart = coverage_bars(content.coverage, lambda row: covered.format(
        share=percent(row.covered), stock=_n(row.stock), demand=_n(row.demand), unit=row.unit))
    pages.block(chart.height, chart.draw)
    pages.paragraph(QCoreApplication.translate(
        "Sitrep", "Stock on hand in the warehouses that are not closed, against one week's demand of the people in "
        "need of each sector (resources/planning/rations.toml): not a delivery plan."), px=SMALL_PX, colour=MUTED)


def _shelter_section(pages: ReportPages, content: SitrepContent) -> None:
    if not content.shelters:
        pages.paragraph(QCoreApplication.translate("Sitrep", "No shelter with a capacity in this report."))
        return
    filled = QCoreApplication.translate("Sitrep", "{occupancy} / {capacity} people ({share})")
    chart = shelter_bars(content.shelters, lambda row: filled.format(
        occupancy=_n(row.occupancy), capacity=_n(row.capacity), share=percent(row.fill)))
    pages.block(chart.height, chart.draw)
    more = len(content.shelters) - len(chart.bars)
    total_cap = sum(row.capacity for row in content.shelters)
    total_occ = sum(row.occupancy for row in content.shelters)
    if more:
        fullest = QCoreApplication.translate("Sitrep", "Fullest first. {people} people in {places} places ({share}); "
                                                       "{more} emptier shelter(s) not charted.")
    else:
        fullest = QCoreApplication.translate("Sitrep", "Fullest first. {people} people in {places} places ({share}).")
    pages.paragraph(fullest.format(people=_n(total_occ), places=_n(total_cap), share=percent(total_occ / total_cap),
                                   more=more), px=SMALL_PX, colour=MUTED)


def _alert_section(pages: ReportPages, content: SitrepContent) -> None:
    if content.alerts:
        columns = [Column(QCoreApplication.translate("Sitrep", "Level"), 0.11),
                   Column(QCoreApplication.translate("Sitrep", "State"), 0.15),
                   Column(QCoreApplication.translate("Sitrep", "Alert"), 0.56),
                   Column(QCoreApplication.translate("Sitrep", "Since"), 0.18, True)]
        rows = [[row.level, row.state, row.headline, time_text(row.first_fired) if row.first_fired else ""]
                for row in content.alerts]
        pages.table(columns, rows)
    else:
        pages.paragraph(QCoreApplication.translate("Sitrep", "No open alert rests on what this report shows."))
    if content.alerts_not_shown:
        pages.paragraph(QCoreApplication.translate("Sitrep", "{count} other open alert(s) rest on features not shared "
                                                             "with this audience: not shown.").format(
            count=content.alerts_not_shown), px=SMALL_PX, colour=MUTED)


def _about_section(pages: ReportPages, content: SitrepContent, audience_name: str, our_name: str) -> None:
    view = content.view
    lang = current_language()
    shown = [(layer.kind.title_in(lang).lower(), len(layer.frame)) for layer in view.layers.values()
             if len(layer.frame)]
    pages.paragraph(QCoreApplication.translate("Sitrep", "Shown: {layers}.").format(
        layers=", ".join(f"{title} {_n(n)}" for title, n in shown)))
    generalised = [(layer.kind.title_in(lang).lower(), layer.generalised) for layer in view.layers.values()
                   if layer.generalised]
    if generalised:
        aggregates = QCoreApplication.translate("Sitrep", "{layer} {count} aggregate(s)")
        pages.paragraph(QCoreApplication.translate(
            "Sitrep", "Generalised for this audience, as the markings ask (no exact location): {layers}.").format(
                layers=", ".join(aggregates.format(layer=title, count=_n(n)) for title, n in generalised)))
    if view.internal:
        pages.paragraph(QCoreApplication.translate("Sitrep", "For {who}'s own people: everything we hold, nothing "
                                                             "withheld.").format(who=our_name))
    elif view.withheld_total:
        withheld = [(layer.kind.title_in(lang).lower(), sum(layer.withheld.values()))
                    for layer in view.layers.values() if layer.withheld]
        pages.paragraph(QCoreApplication.translate(
            "Sitrep", "Withheld for {audience} by the sharing policy: {count} feature(s) ({layers}), not shown and not "
            "counted in the figures above.").format(audience=audience_name, count=_n(view.withheld_total),
                                                    layers=", ".join(f"{title} {_n(n)}" for title, n in withheld)))
    else:
        pages.paragraph(QCoreApplication.translate("Sitrep", "Nothing was withheld for {audience}.").format(
            audience=audience_name))
    if view.bbox:
        area = QCoreApplication.translate("Sitrep", "the area {bbox}").format(bbox=", ".join(f"{v:g}"
                                                                                           for v in view.bbox))
    else:
        area = QCoreApplication.translate("Sitrep", "the whole workspace")
    pages.paragraph(QCoreApplication.translate(
        "Sitrep", "Features valid at {time} in {area}. Made with HumanOps by {who}; recorded in its audit log as a "
        "release to this audience.").format(time=time_text(view.at), area=area, who=our_name),
        px=SMALL_PX, colour=MUTED)
