"""Everything a briefing page runs on, inside the page: Leaflet's script, stylesheet and images
and the briefing's own script and stylesheet, from ``resources/leaflet/`` (Leaflet 1.9.4 as npm
ships it, with its licence; see the README there).

folium links its assets from CDNs (Leaflet, jQuery, Bootstrap, Font Awesome...): a briefing is
opened where there is no network, and a page that fetches anything also tells whoever watches the
network that it was opened. :class:`OfflineMap` is a folium map that links nothing; the assets
are inlined by :func:`inline_assets`, Leaflet's images as ``data:`` URIs in its stylesheet.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path
from typing import ClassVar

import folium
from folium import Element, Figure

from humanops.data_paths import resources_dir
from humanops.errors import HumanOpsError

LEAFLET_VERSION = "1.9.4"
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")


class OfflineMap(folium.Map):
    """A folium map that links no script or stylesheet: the page carries its own."""

    default_js: ClassVar[list[tuple[str, str]]] = []
    default_css: ClassVar[list[tuple[str, str]]] = []


def leaflet_dir() -> Path:
    return resources_dir() / "leaflet"


@cache
def _read(name: str) -> str:
    path = leaflet_dir() / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise HumanOpsError(f"a briefing map's asset is missing ({exc.strerror}); reinstall HumanOps",
                            file=str(path)) from None


def leaflet_css() -> str:
    """Leaflet's stylesheet with its images inside it (``data:`` URIs). Its comments (notes to
    Leaflet's developers, two of them links to browsers' bug trackers; no licence text) are left
    out: the page then names no address at all outside Leaflet's script."""
    def inline(match: re.Match[str]) -> str:
        path = leaflet_dir() / match.group(2)
        try:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
        except OSError as exc:
            raise HumanOpsError(f"a briefing map's asset is missing ({exc.strerror}); reinstall HumanOps",
                                file=str(path)) from None
        return f'url("data:image/png;base64,{data}")'

    return _CSS_URL.sub(inline, _CSS_COMMENT.sub("", _read("leaflet.css")))


def _script_safe(text: str) -> str:
    """A script or stylesheet inside an HTML element ends at ``</script`` / ``</style``: never in our
    assets, checked so a future asset cannot cut the page short."""
    lowered = text.lower()
    if "</script" in lowered or "</style" in lowered:
        raise HumanOpsError("a briefing map's asset holds an end tag and cannot be inlined",
                            file=str(leaflet_dir()))
    return text


def inline_assets(figure: Figure) -> None:
    """Leaflet and the briefing's own script and stylesheet, inlined in the page's head."""
    figure.header.add_child(Element(f"<style>{_script_safe(leaflet_css())}</style>"), name="leaflet_css")
    figure.header.add_child(Element(f"<style>{_script_safe(_read('briefing.css'))}</style>"), name="briefing_css")
    figure.header.add_child(Element(f"<script>{_script_safe(_read('leaflet.js'))}</script>"), name="leaflet_js")
    figure.header.add_child(Element(f"<script>{_script_safe(_read('briefing.js'))}</script>"), name="briefing_js")


def json_for_script(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as JSON escapes
    (a partner's feature called ``</script>`` stays a name), and the two line separators JSON
    allows but older JavaScript does not."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
