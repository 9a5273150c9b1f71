"""The briefing map: one self-contained HTML file of the chosen layers, made for one audience.

Convoy leaders, cluster meetings and donors act on the picture outside the app. A briefing map
is what they get: a folium (Leaflet) map that opens in any browser with no network, holding

- only what :func:`humanops.sharing.audience.audience_view` lets the audience see (withheld
  features are left out and only counted; generalised ones appear only generalised, and their
  popups say so, with the precision);
- each layer styled as the app styles it (the kinds' ``[style]``), a legend, a popup per
  feature listing its fields by their labels and its TLP, a layer switcher and a scale;
- the TLP banner at the top of the page, always in view: the highest TLP inside, in TLP 2.0's
  colours and words, with the audience, the date it was made and the time it is valid at;
- the basemap: the app's offline world outlines, or the tiles of a local MBTiles file;
- every script, stylesheet and image inside the file (:mod:`humanops.products.page_assets`).

A point layer of more than 5,000 points is drawn as grid clusters computed here
(:mod:`humanops.products.point_clusters`), so the demo briefing stays well under 5 MB and one with
100,000 needs too. The file is written whole or not at all (:mod:`humanops.store.atomic_files`).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from folium import Element, MacroElement
from folium.map import Layer, LayerControl
from folium.template import Template

from humanops.errors import FormatError, ValidationError
from humanops.feedback import Feedback
from humanops.model.numbers import format_number
from humanops.model.symbology import TLP_BACKGROUND, TLP_COLOURS, tlp_label
from humanops.products.briefing_basemap import Bbox, EmbeddedTiles, embed_mbtiles, world_outlines_json
from humanops.products.briefing_layers import LayerContent, layer_content
from humanops.products.page_assets import LEAFLET_VERSION, OfflineMap, inline_assets, json_for_script
from humanops.products.point_clusters import MAX_POINTS
from humanops.sharing.audience import AudienceView, audience_view, require_known
from humanops.store.open_target import is_workspace_file, open_any
from humanops.store.workspace import Workspace

# TLP 2.0 (FIRST): what each label tells the reader.
TLP_MEANING = {
    "CLEAR": "Recipients can spread this to the world; there is no limit on disclosure.",
    "GREEN": "Limited disclosure: recipients can spread this within their community.",
    "AMBER": "Limited disclosure: recipients can only spread this on a need-to-know basis within their "
             "organisation and its clients.",
    "AMBER+STRICT": "Limited disclosure: restricted to the recipient's organisation only.",
    "RED": "For the eyes and ears of individual recipients only; no further disclosure.",
}
POPUP_TEXT = {
    "originator": "Originator",
    "generalised": "Generalised for this audience ({precision}): not an exact location.",
    "standsFor": "Stands for {n} feature(s).",
    "cluster": "{n} features in this {cell} cell (too many to show one by one).",
    "clusterGeneralised": "{n} of them inside generalised aggregates.",
    "total": "(total)",
    "highest": "Highest marking inside:",
}
_GEOMETRY_ORDER = {"MultiPolygon": 0, "LineString": 1, "Point": 2}
NATURAL_EARTH = "Natural Earth 1:110m country outlines (public domain)"
EXERCISE_COLOUR = "#c2007e"  # the exercise banner's: magenta, no TLP level's colour


@dataclass
class Briefing:
    """A briefing map made in memory: the page and what it holds."""

    html: str
    audience: str
    audience_name: str
    tlp: str
    at: datetime
    made: datetime
    bbox: Bbox | None
    layers: list[LayerContent]
    withheld: int
    basemap: str
    tiles: EmbeddedTiles | None = None
    withheld_by_reason: dict[str, int] = field(default_factory=dict)   # policy reason code -> features

    def to_dict(self) -> dict[str, Any]:
        return {
            "audience": self.audience, "audience_name": self.audience_name, "tlp": self.tlp,
            "valid_at": self.at.isoformat(), "made": self.made.isoformat(),
            "bbox": list(self.bbox) if self.bbox else None, "basemap": self.basemap,
            "tile_zooms": [self.tiles.min_zoom, self.tiles.max_zoom] if self.tiles else None,
            "withheld": self.withheld,
            "layers": {c.name: {"exact": c.exact, "generalised": c.generalised, "features": c.features,
                                "withheld": c.withheld, "cluster_cell_m": c.cluster_cell_m} for c in self.layers},
        }


@dataclass
class BriefingResult:
    """A briefing map written to ``path`` (``bytes`` long)."""

    path: Path
    bytes: int
    briefing: Briefing = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"file": str(self.path), "bytes": self.bytes, **self.briefing.to_dict()}

    def summary(self) -> str:
        b = self.briefing
        shown = ", ".join(f"{c.title.lower()} {format_number(c.features)}" for c in b.layers)
        lines = [f"wrote {self.path} ({format_number(self.bytes)} bytes): {tlp_label(b.tlp)} briefing map for "
                 f"{b.audience_name}, valid at {_time_text(b.at)}", f"  shown: {shown}"]
        if b.withheld:
            lines.append(f"  withheld for {b.audience_name}: {format_number(b.withheld)} feature(s) (counted in the "
                         "map, not shown)")
        clustered = [c for c in b.layers if c.cluster_cell_m]
        for c in clustered:
            lines.append(f"  {c.title.lower()}: drawn as clusters of {format_number(c.cluster_cell_m)} m "
                         f"(more than {format_number(MAX_POINTS)} points)")
        return "\n".join(lines)


def write_briefing_map(workspace: Workspace, audience: str, out: str | Path, *, layers: list[str] | None = None,
                       at: datetime | None = None, bbox: Bbox | None = None, mbtiles: str | Path | None = None,
                       include_roads: bool = False, lang: str | None = None, overwrite: bool = False,
                       feedback: Feedback | None = None) -> BriefingResult:
    """Make the briefing map of ``workspace`` for ``audience`` (a partner's id, or ``internal``)
    and write it to ``out``, whole or not at all, recorded in the audit log as an export to the
    audience in the same transaction (a file that leaves the app is a release, as a package is).
    An existing ``out`` is replaced only with ``overwrite``."""
    from humanops.store.atomic_files import AtomicFile

    feedback = feedback or Feedback()
    out = Path(out)
    if is_workspace_file(out, workspace):
        raise FormatError("that is the workspace itself: choose another file for the briefing map", file=str(out))
    pending = AtomicFile(out, overwrite=overwrite, exists_error=FormatError)  # refuses an existing file early
    try:
        briefing = build_briefing(workspace, audience, layers=layers, at=at, bbox=bbox, mbtiles=mbtiles,
                                  include_roads=include_roads, lang=lang, feedback=feedback.step(0.0, 0.95))
        data = briefing.html.encode("utf-8")
        feedback.progress(0.96, "writing the file")
        pending.path.write_bytes(data)   # owner-only once committed: the file holds marked data
        feedback.check()                 # a cancel up to here leaves no file, and an earlier one untouched
        with workspace.transaction():
            _record(workspace, briefing, out, data)
            pending.commit()             # a failed rename rolls the audit entry back
    finally:
        pending.discard()
    feedback.progress(1.0, "written")
    return BriefingResult(out, len(data), briefing)


def _record(workspace: Workspace, briefing: Briefing, out: Path, data: bytes) -> None:
    """The audit log's entry: to whom, how many features of each layer, what was withheld."""
    import hashlib

    from humanops.sharing import audit

    audit.append(workspace, "export", counterpart=briefing.audience, at=briefing.made,
                 payload_sha256=hashlib.sha256(data).hexdigest(),
                 counts={"layers": {c.name: c.features for c in briefing.layers},
                         "recipients": {briefing.audience: {"sent": sum(c.features for c in briefing.layers),
                                                            "withheld": briefing.withheld_by_reason}}},
                 detail={"product": "briefing_map", "format": "html", "file": out.name, "bytes": len(data),
                         "highest_tlp": briefing.tlp, "at": briefing.at.isoformat()})


def write_briefing_map_file(workspace_path: str | Path, audience: str, out: str | Path, *,
                            feedback: Feedback | None = None, **options: Any) -> BriefingResult:
    """As :func:`write_briefing_map`, opening the workspace itself: what a worker thread runs (a
    connection belongs to the thread that opened it)."""
    with open_any(workspace_path) as workspace:  # a GeoPackage's path or a team database's URL
        return write_briefing_map(workspace, audience, out, feedback=feedback, **options)


def build_briefing(workspace: Workspace, audience: str, *, layers: list[str] | None = None,
                   at: datetime | None = None, bbox: Bbox | None = None, mbtiles: str | Path | None = None,
                   include_roads: bool = False, lang: str | None = None,
                   feedback: Feedback | None = None) -> Briefing:
    """The briefing map's page, in memory."""
    from humanops.model.clock import workspace_now

    feedback = feedback or Feedback()
    check_bbox(bbox)
    feedback.progress(0.0, f"selecting what {audience} may see")
    view = audience_view(workspace, audience, layers=layers, at=at, bbox=bbox, include_roads=include_roads)
    require_known(view)
    audience_name, our_name = _names(workspace, view)
    # Areas under lines under points; a layer with nothing to show is left out of the map (what it
    # withheld is still counted in the page's "about" panel).
    ordered = sorted((layer for layer in view.layers.values() if len(layer.frame)),
                     key=lambda layer: _GEOMETRY_ORDER.get(layer.kind.geometry, 3))
    contents = []
    for i, layer in enumerate(ordered):
        feedback.progress(0.1 + 0.6 * i / max(len(ordered), 1), f"preparing {layer.kind.title_in(lang).lower()}")
        contents.append(layer_content(layer, lang=lang, feedback=feedback))
    area = bbox or _extent(contents)
    tiles = None
    if mbtiles is not None:
        tiles = embed_mbtiles(mbtiles, area or (-180.0, -85.0, 180.0, 85.0), feedback=feedback.step(0.7, 0.8))
    feedback.progress(0.8, "writing the page")
    made = workspace_now(workspace)
    page = _page(view, contents, tiles, area, audience_name, our_name, made, lang)
    feedback.check()
    basemap = f"{tiles.name} (MBTiles, zoom {tiles.min_zoom}-{tiles.max_zoom})" if tiles else NATURAL_EARTH
    reasons: dict[str, int] = {}
    for layer in view.layers.values():
        for code, n in layer.withheld.items():
            reasons[code] = reasons.get(code, 0) + n
    return Briefing(page, view.audience, audience_name, view.highest_tlp.value, view.at, made, bbox, contents,
                    view.withheld_total, basemap, tiles, reasons)


def check_bbox(bbox: Bbox | None) -> None:
    if bbox is None:
        return
    minx, miny, maxx, maxy = bbox
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        raise ValidationError(f"{minx},{miny},{maxx},{maxy} is not an area in degrees "
                              "(minx,miny,maxx,maxy: longitudes -180..180, latitudes -90..90, min < max)",
                              field="bbox")


# --- the page ---------------------------------------------------------------------------------

class _ScriptLayer(Layer):
    """A layer the briefing's script makes (``factory``: a JavaScript expression), listed in the
    layer switcher like any folium layer."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.factory }};
        {% endmacro %}
        """)

    def __init__(self, factory: str, name: str, *, overlay: bool, show: bool) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "BriefingLayer"
        self.factory = factory


class _BriefingInit(MacroElement):
    """Sets up the page once every layer exists: panels as Leaflet controls, popups' words."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            humanopsBriefing.init({{ this._parent.get_name() }}, {{ this.options }});
        {% endmacro %}
        """)

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__()
        self._name = "BriefingInit"
        self.options = json_for_script(json.dumps(options, ensure_ascii=False))


def _page(view: AudienceView, contents: list[LayerContent], tiles: EmbeddedTiles | None, area: Bbox | None,
          audience_name: str, our_name: str, made: datetime, lang: str | None) -> str:
    tlp = view.highest_tlp.value
    briefing_map = OfflineMap(location=None, tiles=None, control_scale=True, prefer_canvas=True, zoom_start=2,
                              font_size="0.85rem", zoom_snap=0.25, zoom_delta=0.5)
    figure = briefing_map.get_root()
    # folium writes the title, and Leaflet's layer switcher its names, as markup: escaped here.
    figure.title = html.escape(f"{view.exercise + ' · ' if view.exercise else ''}{tlp_label(tlp)} Briefing map for "
                               f"{audience_name}")
    inline_assets(figure)
    # The map between the banner and the footer (an id selector with more weight than folium's own).
    figure.header.add_child(Element(
        f"<style>html body div#{briefing_map.get_name()} {{position: absolute; top: var(--ho-banner-height); "
        "bottom: var(--ho-footer-height); height: auto;}</style>"), name="briefing_map_position")
    figure.html.add_child(Element(_banner_html(view, audience_name, our_name, made)), name="briefing_banner")
    figure.html.add_child(Element(_about_html(view, contents, tiles, audience_name, our_name, made, lang)),
                          name="briefing_about")
    legend = "".join(c.legend for c in contents)
    figure.html.add_child(Element(f'<div id="ho-legend" class="ho-panel" hidden><details open><summary>Legend'
                                  f"</summary>{legend}</details></div>"), name="briefing_legend")

    if tiles is not None:
        tile_data = json.dumps({"mime": tiles.mime, "minZoom": tiles.min_zoom, "maxZoom": tiles.max_zoom,
                                "tiles": tiles.tiles}, separators=(",", ":"))
        _ScriptLayer(f"humanopsBriefing.tiles({json_for_script(tile_data)})",
                     html.escape(tiles.name or "MBTiles basemap"), overlay=False, show=True).add_to(briefing_map)
    _ScriptLayer(f"humanopsBriefing.outlines({json_for_script(world_outlines_json())})", "World outlines",
                 overlay=False, show=tiles is None).add_to(briefing_map)
    for content in contents:
        name = f"{content.title} ({format_number(content.features)}" \
               + (" in clusters)" if content.cluster_cell_m else ")")
        _ScriptLayer(f"humanopsBriefing.layer({json_for_script(content.spec_json)})", html.escape(name),
                     overlay=True, show=True).add_to(briefing_map)
    LayerControl(collapsed=False, position="topright").add_to(briefing_map)
    if area is not None:
        briefing_map.fit_bounds([[area[1], area[0]], [area[3], area[2]]], padding=(20, 20))
    _BriefingInit({"tlpColours": TLP_COLOURS, "text": POPUP_TEXT,
                   "attributionPrefix": f"Leaflet {LEAFLET_VERSION} · HumanOps"}).add_to(briefing_map)
    return figure.render()


def _time_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _banner_html(view: AudienceView, audience_name: str, our_name: str, made: datetime) -> str:
    tlp = view.highest_tlp.value
    colour = TLP_COLOURS[tlp]
    for_whom = f"for {audience_name}"
    return (
        f'<header id="ho-banner" class="ho-banner" role="banner" style="background:{TLP_BACKGROUND}" '
        f'data-tlp="{html.escape(tlp)}">'
        f'<span class="ho-tlp" style="color:{colour}">{html.escape(tlp_label(tlp))}</span>'
        f'<span class="ho-tlp-meaning">{html.escape(TLP_MEANING[tlp])}</span>'
        f'<span class="ho-title">Briefing map {html.escape(for_whom)}</span>{_exercise_html(view)}'
        f'<span class="ho-times">Valid at {_time_text(view.at)}<br>'
        f"Made {_time_text(made)} by {html.escape(our_name)}</span></header>"
        f'<footer class="ho-footer" style="color:{colour}">{html.escape(tlp_label(tlp))}'
        f'{" · " + html.escape(view.exercise) if view.exercise else ""}</footer>')


def _exercise_html(view: AudienceView) -> str:
    """An exercise's "EXERCISE — NAME" in the banner, in a colour no TLP level uses."""
    if not view.exercise:
        return ""
    return (f'<span id="ho-exercise" class="ho-exercise" style="background:{EXERCISE_COLOUR};color:#ffffff;'
            f'font-weight:bold;font-size:18px;padding:4px 12px;white-space:nowrap;letter-spacing:1px">'
            f"{html.escape(view.exercise)}</span>")


def _about_html(view: AudienceView, contents: list[LayerContent], tiles: EmbeddedTiles | None,
                audience_name: str, our_name: str, made: datetime, lang: str | None) -> str:
    def counts(pairs: list[tuple[str, int]]) -> str:
        return ", ".join(f"{html.escape(title.lower())} {format_number(n)}" for title, n in pairs if n)

    shown = sum(c.features for c in contents)
    parts = [f"<summary>Briefing map for {html.escape(audience_name)}</summary>"]
    if view.exercise:
        parts.append(f"<p><strong>{html.escape(view.exercise)}</strong>: made in an exercise, not real data.</p>")
    area = ("area " + ", ".join(f"{v:g}" for v in view.bbox)) if view.bbox else "the whole workspace"
    tlp = view.highest_tlp.value
    # The banner's words again, for a screen too narrow to show them up there.
    parts.append(f'<p><span class="ho-tlp-badge" style="color:{TLP_COLOURS[tlp]}">{html.escape(tlp_label(tlp))}'
                 f"</span> {html.escape(TLP_MEANING[tlp])}</p>")
    parts.append(f"<p>Features valid at {_time_text(view.at)}, {html.escape(area)}.</p>")
    parts.append(f"<p>Shown: {format_number(shown)} feature(s) ({counts([(c.title, c.features) for c in contents])})."
                 "</p>")
    generalised = [(c.title, c.generalised) for c in contents if c.generalised]
    if generalised:
        parts.append(f"<p>Generalised for this audience, as the markings ask: {counts(generalised)} aggregate(s).</p>")
    if view.internal:
        parts.append(f"<p>For {html.escape(our_name)}'s own people: everything we hold, nothing withheld.</p>")
    elif view.withheld_total:
        withheld = [(layer.kind.title_in(lang), sum(layer.withheld.values())) for layer in view.layers.values()]
        parts.append(f'<p class="ho-withheld">Withheld for {html.escape(audience_name)} by the sharing policy: '
                     f"{format_number(view.withheld_total)} feature(s) ({counts(withheld)}), not shown.</p>")
    else:
        parts.append(f"<p>Nothing was withheld for {html.escape(audience_name)}.</p>")
    if tiles is not None:
        basemap = f"{tiles.name}" + (f", {tiles.attribution}" if tiles.attribution else "")
        parts.append(f"<p>Basemap: {html.escape(basemap)} (zoom {tiles.min_zoom}-{tiles.max_zoom}); "
                     f"outlines: {NATURAL_EARTH}.</p>")
    else:
        parts.append(f"<p>Basemap: {NATURAL_EARTH}.</p>")
    parts.append(f"<p>Made {_time_text(made)} with HumanOps by {html.escape(our_name)}. Works offline: nothing is "
                 "fetched.</p>")
    return f'<div id="ho-about" class="ho-panel" hidden><details open>{"".join(parts)}</details></div>'


def _names(workspace: Workspace, view: AudienceView) -> tuple[str, str]:
    """How the page names the audience and us: acronym (or id) and name from the directory."""
    from humanops.sharing.directory_store import load_directory

    directory = load_directory(workspace)

    def name_of(org_id: str) -> str:
        org = directory.organisation(org_id)
        if org is None:
            return org_id
        short = org.acronym or org.id
        return f"{short} ({org.name})" if org.name and org.name != short else short

    ours = directory.organisation(view.exporter)
    our_name = (ours.acronym or ours.id) if ours is not None else view.exporter
    audience = f"internal use ({our_name})" if view.internal else name_of(view.audience)
    return audience, our_name


def _extent(contents: list[LayerContent]) -> Bbox | None:
    bounds = [c.bounds for c in contents if c.bounds is not None]
    if not bounds:
        return None
    return (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds),
            max(b[3] for b in bounds))
