"""A kind's style as a browser draws it: Leaflet path options, marker shapes as SVG, and the
legend's swatches, from the same ``layers/*.toml`` styles the app draws with
(:mod:`humanops.catalog`, :mod:`humanops.model.symbology`).

Marker outlines follow the app's (``humanops.ui.symbols.marker_path``): the same circle, square,
diamond, triangle, cross, star and hexagon, here as SVG paths in a box 100 units across centred on
(0, 0), which the page scales to the marker's size in pixels. Every colour is a ``#rrggbb`` the
catalog has checked, so the SVG text holds nothing a partner wrote.
"""

from __future__ import annotations

import html
import math
from typing import Any

from humanops.catalog import LayerKind, Symbol
from humanops.model.symbology import LegendEntry, legend_entries

# Leaflet dashArray per catalog dash (the app's Qt pen styles, in pixels)
DASH_ARRAYS = {"solid": None, "dash": "8 6", "dot": "2 5", "dashdot": "8 5 2 5"}
UNIT = 100.0   # marker paths are drawn in a box this wide


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def marker_path(marker: str) -> str:
    """SVG path data of ``marker``, UNIT across, centred on (0, 0)."""
    r = UNIT / 2
    if marker == "square":
        points = [(-r, -r), (r, -r), (r, r), (-r, r)]
    elif marker == "diamond":
        points = [(0, -r), (r, 0), (0, r), (-r, 0)]
    elif marker == "triangle":
        points = [(0, -r), (r, r * 0.8), (-r, r * 0.8)]
    elif marker == "cross":
        t = r / 2.6
        points = [(-t, -r), (t, -r), (t, -t), (r, -t), (r, t), (t, t), (t, r), (-t, r), (-t, t), (-r, t),
                  (-r, -t), (-t, -t)]
    elif marker == "star":
        points = [((r if i % 2 == 0 else r * 0.45) * math.cos(math.pi * i / 5 - math.pi / 2),
                   (r if i % 2 == 0 else r * 0.45) * math.sin(math.pi * i / 5 - math.pi / 2)) for i in range(10)]
    elif marker == "hexagon":
        points = [(r * math.cos(2 * math.pi * i / 6), r * math.sin(2 * math.pi * i / 6)) for i in range(6)]
    else:  # circle: two arcs
        return f"M{_fmt(-r)} 0A{_fmt(r)} {_fmt(r)} 0 1 0 {_fmt(r)} 0A{_fmt(r)} {_fmt(r)} 0 1 0 {_fmt(-r)} 0Z"
    return "M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in points) + "Z"


def path_options(symbol: Symbol, geometry: str) -> dict[str, Any]:
    """Leaflet path options of ``symbol`` for a layer of ``geometry``; points also carry their
    marker shape, size (pixels across) and SVG."""
    options: dict[str, Any] = {
        "color": symbol.stroke or "#333333",
        "weight": max(0.5, float(symbol.stroke_width or 1.0)),
        "opacity": 1.0,
        "dashArray": DASH_ARRAYS.get(symbol.dash or "solid"),
        "fillColor": symbol.fill or symbol.stroke or "#888888",
        "fillOpacity": float(symbol.fill_opacity if symbol.fill_opacity is not None else 1.0),
        "fill": geometry != "LineString",
    }
    if geometry == "Point":
        marker = symbol.marker or "circle"
        options.update(marker=marker, size=float(symbol.size or 8.0), svg=marker_svg(symbol))
    return options


def marker_svg(symbol: Symbol) -> str:
    """The marker's inner SVG (one path, UNIT across): the page wraps it in an ``<svg>`` sized in
    pixels. The stroke keeps its width in pixels whatever the marker's size, as in the app."""
    stroke_px = max(1.0, float(symbol.stroke_width or 1.0))
    alpha = float(symbol.fill_opacity if symbol.fill_opacity is not None else 1.0)
    return (f'<path d="{marker_path(symbol.marker or "circle")}" fill="{symbol.fill or "#888888"}" '
            f'fill-opacity="{_fmt(alpha)}" stroke="{symbol.stroke or "#202020"}" '
            f'stroke-width="{_fmt(stroke_px)}" vector-effect="non-scaling-stroke"/>')


def swatch_svg(kind: LayerKind, symbol: Symbol, width: int = 30, height: int = 18) -> str:
    """A legend swatch as inline SVG: a filled box for areas, a line (over its band for a
    corridor drawn at its true width), a marker for points — as the app's layers panel draws it."""
    if kind.geometry == "MultiPolygon":
        alpha = symbol.fill_opacity if symbol.fill_opacity is not None else 1.0
        body = (f'<rect x="2" y="2" width="{width - 4}" height="{height - 4}" fill="{symbol.fill or "#888888"}" '
                f'fill-opacity="{_fmt(alpha)}" stroke="{symbol.stroke or "#333333"}" '
                f'stroke-width="{_fmt(max(1.0, symbol.stroke_width or 1.0))}"/>')
    elif kind.geometry == "LineString":
        y = height / 2
        dash = DASH_ARRAYS.get(symbol.dash or "solid")
        band = ""
        if kind.style.buffer_field:
            alpha = max(symbol.fill_opacity if symbol.fill_opacity is not None else 0.2, 0.2)
            band = (f'<rect x="1" y="{_fmt(y - 6)}" width="{width - 2}" height="12" rx="5" '
                    f'fill="{symbol.fill or symbol.stroke or "#888888"}" fill-opacity="{_fmt(alpha)}"/>')
        stroke_px = max(1.0, (symbol.stroke_width or 1.0) * 1.2)
        body = band + (f'<line x1="3" y1="{_fmt(y)}" x2="{width - 3}" y2="{_fmt(y)}" '
                       f'stroke="{symbol.stroke or "#333333"}" stroke-width="{_fmt(stroke_px)}"'
                       + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
    else:
        size = max(7.0, min(float(symbol.size or 8), height - 3.0))
        scale = size / UNIT
        body = (f'<g transform="translate({_fmt(width / 2)} {_fmt(height / 2)}) scale({scale:.4f})">'
                f"{marker_svg(symbol)}</g>")
    return f'<svg class="ho-swatch" width="{width}" height="{height}" viewBox="0 0 {width} {height}" ' \
           f'aria-hidden="true">{body}</svg>'


def legend_html(kind: LayerKind, title: str, notes: list[str], lang: str | None = None) -> str:
    """One layer's legend section: its title, a swatch and label per class, then notes (sizes,
    clusters, generalised locations). ``data-layer`` lets the page hide it with its layer."""
    entries: list[LegendEntry] = legend_entries(kind, lang)
    def row(symbol: Symbol, label: str) -> str:
        return f'<div class="ho-legend-row">{swatch_svg(kind, symbol)}<span>{html.escape(label)}</span></div>'

    rows = "".join(row(e.symbol, e.label) for e in entries)
    if len(entries) == 1 and entries[0].value is None:   # one symbol: the title says it
        rows = row(entries[0].symbol, title)
        heading = ""
    else:
        heading = f'<div class="ho-legend-title">{html.escape(title)}</div>'
    note_html = "".join(f'<div class="ho-legend-note">{html.escape(n)}</div>' for n in notes)
    return (f'<section class="ho-legend-layer" data-layer="{html.escape(kind.name)}">{heading}{rows}{note_html}'
            "</section>")
