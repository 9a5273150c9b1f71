"""Where CAP alerts come from: one alert file, a folder of them, or an Atom/RSS feed file whose
entries embed an ``<alert>`` or link to an alert file beside the feed.

Every file is parsed with defusedxml (an alert is untrusted XML: entity expansion and external
references are refused, never resolved). Nothing is fetched: an entry linking to a web address
is reported, and a link is followed only to a file inside the feed's own folder, so a feed
cannot make the app read files elsewhere on the laptop.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from humanops.errors import FormatError
from humanops.formats.cap_in import CapAlert, CapError, is_cap_alert, parse_alert

ATOM_NS = "http://www.w3.org/2005/Atom"
ALERT_SUFFIXES = (".cap", ".xml")
FEED_SUFFIXES = (".atom", ".rss")
MAX_ALERT_BYTES = 5_000_000  # an alert is a few kB; a bigger file is not one


@dataclass
class CapSources:
    alerts: list[CapAlert] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)


def _parse(path: Path, shown: str) -> ET.Element:
    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        if path.stat().st_size > MAX_ALERT_BYTES:
            raise FormatError(f"is larger than {MAX_ALERT_BYTES // 1_000_000} MB: not a CAP alert or feed", file=shown)
        return SafeET.parse(str(path)).getroot()
    except defusedxml.DefusedXmlException as exc:
        raise FormatError(f"refused: the XML declares entities or external references ({type(exc).__name__}), "
                          "which can exhaust memory or read local files", file=shown) from None
    except ET.ParseError as exc:
        raise FormatError(f"not well-formed XML ({exc})", file=shown) from None
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=shown) from None


def _alert(root: ET.Element, shown: str) -> CapAlert:
    try:
        return parse_alert(root, shown)
    except CapError as exc:
        raise FormatError(f"{exc.where}: {exc.reason}", file=shown, field=exc.field) from None


def read_cap_sources(path: Path) -> CapSources:
    """The alerts of ``path`` (a file or a folder), in the order they were sent, so that an
    Update read with its Alert comes after it."""
    sources = CapSources()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in ALERT_SUFFIXES + FEED_SUFFIXES)
        if not files:
            raise FormatError("the folder holds no .cap, .xml, .atom or .rss file", file=str(path))
        for file in files:
            _read_file(file, sources, in_folder=True)
    else:
        _read_file(path, sources, in_folder=False)
    sources.alerts.sort(key=lambda a: a.sent)
    return sources


def _read_file(path: Path, sources: CapSources, *, in_folder: bool) -> None:
    shown = str(path)
    root = _parse(path, shown)
    if is_cap_alert(root):
        sources.alerts.append(_alert(root, shown))
    elif root.tag == f"{{{ATOM_NS}}}feed":
        _read_atom(path, root, sources)
    elif root.tag == "rss":
        _read_rss(path, root, sources)
    elif in_folder:  # other XML beside the alerts (a style sheet, a schema) is not an error
        sources.skipped.append((shown, f"not a CAP alert or feed (root element <{_local(root.tag)}>)"))
    else:
        raise FormatError(f"not a CAP 1.1/1.2 alert, nor an Atom or RSS feed (root element <{_local(root.tag)}>)",
                          file=shown)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_atom(path: Path, root: ET.Element, sources: CapSources) -> None:
    entries = root.findall(f"{{{ATOM_NS}}}entry")
    for number, entry in enumerate(entries, start=1):
        entry_id = (entry.findtext(f"{{{ATOM_NS}}}id") or "").strip() or f"entry {number}"
        links = [link.get("href", "") for link in entry.findall(f"{{{ATOM_NS}}}link")
                 if link.get("rel", "alternate") in ("alternate", "enclosure", "related")]
        _read_entry(path, f"entry {number} ({entry_id[:80]})", entry, links, sources)


def _read_rss(path: Path, root: ET.Element, sources: CapSources) -> None:
    for number, item in enumerate(root.iter("item"), start=1):
        links = [(item.findtext("link") or "").strip()]
        links += [enclosure.get("url", "") for enclosure in item.findall("enclosure")]
        _read_entry(path, f"item {number}", item, links, sources)


def _read_entry(path: Path, label: str, entry: ET.Element, links: list[str], sources: CapSources) -> None:
    shown = f"{path}, {label}"
    embedded = next((e for e in entry.iter() if is_cap_alert(e)), None)
    if embedded is not None:
        sources.alerts.append(_alert(embedded, shown))
        return
    for href in (h.strip() for h in links if h and h.strip()):
        target = _local_target(path, href)
        if isinstance(target, str):
            sources.skipped.append((shown, target))
            return
        root = _parse(target, f"{target} (linked from {shown})")
        if not is_cap_alert(root):
            raise FormatError(f"the linked file is not a CAP alert (root element <{_local(root.tag)}>)",
                              file=f"{target} (linked from {shown})")
        sources.alerts.append(_alert(root, f"{target} (linked from {shown})"))
        return
    sources.skipped.append((shown, "neither embeds a CAP <alert> nor links to an alert file"))


def _local_target(feed: Path, href: str) -> Path | str:
    """The alert file a link names, or why it is not followed."""
    parsed = urlparse(href)
    if parsed.scheme in ("http", "https", "ftp"):
        return (f"links to {href[:120]} on the network: HumanOps never fetches; save the alert "
                "beside the feed and link it by its file name")
    if parsed.scheme not in ("", "file"):
        return f"links to {href[:120]}, which is not a file"
    folder = feed.parent.resolve()
    target = (folder / unquote(parsed.path)).resolve()
    if not target.is_relative_to(folder):
        return f"links to {href[:120]}, outside the feed's folder: not followed"
    if not target.is_file():
        return f"links to {href[:120]}, which is not a file beside the feed"
    return target
