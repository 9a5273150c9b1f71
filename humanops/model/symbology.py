"""How a kind's style and a feature's marking are shown, without Qt: the legend's entries and the
TLP label's colours. The app (``humanops.ui.symbols``) and the briefing map
(``humanops.products``) draw from the same answers, so a reader sees one colour per class and
one label per TLP level wherever the picture is shown."""

from __future__ import annotations

from dataclasses import dataclass

from humanops.catalog import LayerKind, Symbol

TLP_COLOURS = {
    # FIRST TLP 2.0 colours (text on black, as the standard shows them)
    "CLEAR": "#ffffff",
    "GREEN": "#33ff00",
    "AMBER": "#ffc000",
    "AMBER+STRICT": "#ffc000",
    "RED": "#ff2b2b",
}
TLP_BACKGROUND = "#000000"


def tlp_label(tlp: str) -> str:
    """The label as TLP 2.0 writes it: ``TLP:AMBER+STRICT``."""
    return f"TLP:{tlp}"


@dataclass(frozen=True)
class LegendEntry:
    label: str
    symbol: Symbol
    value: str | None  # the class value (None: the base symbol / everything else)


def legend_entries(kind: LayerKind, lang: str | None = None) -> list[LegendEntry]:
    """One entry per style class in the kind file's order, plus "other" for enum values that
    have no class of their own (they are drawn with the base symbol). Labels in ``lang`` where
    the kind file translates them (None: English); "other" is left to the caller to translate."""
    style = kind.style
    if not style.classify_by or not style.classes:
        return [LegendEntry(kind.title_in(lang), style.base, None)]
    try:
        spec = kind.field(style.classify_by)
    except KeyError:
        spec = None
    entries = []
    for key, cls in style.classes.items():
        label = kind.class_label(key, lang) if lang else (cls.label or key)
        if label.isdigit() and spec is not None:  # "3" alone says nothing: "severity 3"
            label = f"{spec.label_in(lang).lower()} {label}"
        entries.append(LegendEntry(label, cls.over(style.base), key))
    if spec is not None and spec.type == "enum" and set(spec.values) - set(style.classes):
        entries.append(LegendEntry("other", style.base, None))
    return entries
