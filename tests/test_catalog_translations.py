"""Layer kinds in other languages: the shipped files translate every title, field, unit, enum
value and legend class into French, Arabic and Spanish; a malformed translation table names the
file and the key; what is shown changes with the language, what is stored never does."""

from __future__ import annotations

from pathlib import Path

import pytest

from humanops.catalog import load_catalog, load_kind
from humanops.errors import CatalogError

LANGUAGES = ("fr", "ar", "es")
WELL = """
name = "well"
title = "Wells"
geometry = "Point"
[default_marking]
tlp = "GREEN"
[[fields]]
name = "name"
type = "text"
[[fields]]
name = "status"
type = "enum"
values = ["working", "dry"]
[[fields]]
name = "depth_m"
type = "real"
unit = "m"
[[fields]]
name = "notes"
type = "text"
[style]
classify_by = "status"
[style.symbol]
fill = "#1f78b4"
[style.classes.dry]
fill = "#ff0000"
label = "dry well"
"""


def test_every_enum_value_of_every_kind_has_its_label_in_each_language() -> None:
    for kind in load_catalog():
        for spec in kind.fields:
            for value in spec.values:
                for language in LANGUAGES:
                    text = spec.texts.get(language)
                    assert text is not None and text.values.get(value), f"{kind.name}.{spec.name}={value} [{language}]"
                    assert spec.value_label(value, language) == text.values[value]


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_shown_of_a_kind_is_left_in_english(language: str) -> None:
    gaps = {kind.name: kind.missing_texts(language) for kind in load_catalog()}
    assert all(not missing for missing in gaps.values()), gaps


def test_labels_follow_the_language_and_fall_back_to_english() -> None:
    catalog = load_catalog()
    danger, corridor, incident = catalog["danger_zone"], catalog["corridor"], catalog["incident"]
    assert danger.title_in("fr") == "Zones de danger" and danger.singular_in("fr") == "zone de danger"
    assert danger.title_in("ar") == "مناطق الخطر" and danger.title_in("es") == "Zonas de peligro"
    assert corridor.singular_in("fr") == "couloir humanitaire" and corridor.singular_in("ar") == "ممر إنساني"
    assert corridor.singular_in("es") == "corredor humanitario"
    assert danger.title_in("fr_CA") == "Zones de danger"  # a regional variant takes its language's words
    assert danger.title_in("de") == danger.title_in(None) == "Danger zones"  # a language we lack: English
    width = corridor.field("width_m")
    assert width.label_in("en") == "Width m" and width.label_in("fr") == "Largeur"  # English from the name
    assert corridor.field("capacity_pph").unit_in("es") == "personas por hora"
    hazard = danger.field("hazard")
    assert hazard.value_label("armed_conflict", "en") == "armed conflict"  # English from the value
    assert hazard.value_label("landmines_uxo", "en") == "landmines / UXO"  # or the kind's own English
    assert hazard.value_label("landmines_uxo", "fr") == "mines / engins non explosés"
    assert hazard.value_label("not_a_value", "fr") == "not a value"  # a stored value the kind lacks: shown as it is
    assert incident.field("incident_type").value_label("ied", "de") == "IED"
    assert danger.class_label("4", "fr") == "4 sévère" and danger.class_label("4", "en") == "4 severe"
    assert catalog["facility"].class_label("hospital", "es") == "hospital"  # an enum class: its value's label
    assert catalog["need"].class_label("1", "ar") == "المرحلة 1 ضئيلة"


def test_stored_values_do_not_change_with_the_language(workspace) -> None:
    """A French label is only what the form shows: the workspace stores and checks the kind's values."""
    from shapely.geometry import Point

    from humanops.errors import ValidationError

    facility = workspace.kind("facility")
    assert facility.field("facility_type").value_label("shelter", "fr") == "abri"
    stored = workspace.add_feature("facility", Point(36.1, 36.1), {"name": "École", "facility_type": "shelter"})
    assert workspace.get_feature("facility", stored.uuid).properties["facility_type"] == "shelter"
    with pytest.raises(ValidationError):
        workspace.add_feature("facility", Point(36.1, 36.1), {"name": "École", "facility_type": "abri"})


def test_a_kind_file_with_translations_loads(tmp_path: Path) -> None:
    path = tmp_path / "well.toml"
    path.write_text(WELL + """
[translations.fr]
title = "Puits"
classes = { dry = "puits à sec" }
[translations.fr.fields.depth_m]
label = "Profondeur"
unit = "m"
[translations.fr.fields.status.values]
working = "en service"
dry = "à sec"
""", encoding="utf-8")
    kind = load_kind(path)
    assert kind.title_in("fr") == "Puits" and kind.singular_in("fr") == "well"  # untranslated: English
    assert kind.field("status").value_label("dry", "fr") == "à sec"
    assert kind.class_label("dry", "fr") == "puits à sec" and kind.class_label("dry", "es") == "dry well"
    assert kind.missing_texts("fr") == ["singular", "fields.name.label", "fields.status.label", "fields.notes.label"]
    assert kind.missing_texts("es")[:2] == ["title", "singular"]


@pytest.mark.parametrize(("table", "key", "reason"), [
    ('[translations.french]\ntitle = "Puits"', "translations.french", "not a language code"),
    ('[translations.fr]\nheading = "Puits"', "translations.fr.heading", "unknown key"),
    ('[translations.fr]\ntitle = ""', "translations.fr.title", "must not be empty"),
    ('[translations.fr]\ntitle = 3', "translations.fr.title", "must be str"),
    ('[translations.fr.fields.colour]\nlabel = "Couleur"', "translations.fr.fields.colour", "not a field"),
    ('[translations.fr.fields.depth_m]\ntitle = "Profondeur"', "translations.fr.fields.depth_m.title", "unknown key"),
    ('[translations.fr.fields.status.values]\nbroken = "cassé"', "translations.fr.fields.status.values.broken",
     "not a value of status"),
    ('[translations.fr.fields.depth_m.values]\ndeep = "profond"', "translations.fr.fields.depth_m.values",
     "only enum fields"),
    ('[translations.fr.fields.name]\nunit = "m"', "translations.fr.fields.name.unit", "has no unit"),
    ('[translations.fr]\nclasses = { working = "en service" }', "translations.fr.classes.working",
     "not a class of style.classes"),
])
def test_a_malformed_translation_names_the_file_and_the_key(tmp_path: Path, table: str, key: str, reason: str) -> None:
    path = tmp_path / "well.toml"
    path.write_text(WELL + "\n" + table + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_kind(path)
    message = str(caught.value)
    assert str(path) in message and f"key {key!r}" in message and reason in message, message
