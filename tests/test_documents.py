"""The one way documents are read (humanops/documents.py): a problem names the key as the
document spells it, dictionary keys included (msgspec shows them as [...]), and the reason."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from humanops.catalog import hazard_values, load_catalog, load_kind
from humanops.documents import Invalid, Problem, convert
from humanops.errors import CatalogError


class Symbol(msgspec.Struct, forbid_unknown_fields=True):
    fill: str | None = None
    size: int | float = 6

    def __post_init__(self) -> None:
        if self.fill is not None and not self.fill.startswith("#"):
            raise Invalid(f"{self.fill!r} is not a colour", "fill")


class Field(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    type: str = "text"


class Style(msgspec.Struct, forbid_unknown_fields=True):
    fields: list[Field] = []
    classes: dict[str, dict[str, Symbol]] = {}


def problem(document: object) -> Problem:
    caught: list[Problem] = []

    def fail(found: Problem) -> Exception:
        caught.append(found)
        return ValueError(found.reason)

    with pytest.raises(ValueError):
        convert(document, Style, fail)
    return caught[0]


def test_a_key_inside_dictionaries_is_found_again() -> None:
    document = {"classes": {"flood": {"low": {"fill": "#000000"}}, "fire": {"low": {}, "high": {"size": "big"}}}}
    found = problem(document)
    assert found.key == "classes.fire.high.size" and found.kind == "type"
    assert found.reason == "must be int/float, not str" and found.value == "big"


def test_a_model_check_names_its_key_and_unknown_keys_list_the_allowed() -> None:
    found = problem({"classes": {"fire": {"high": {"fill": "red"}}}})
    assert (found.key, found.kind, found.reason) == ("classes.fire.high.fill", "value", "'red' is not a colour")
    found = problem({"fields": [{"name": "a"}, {"name": "depth_m", "typ": "real"}]})
    assert found.key == "fields[1].typ" and found.reason == "unknown key (allowed: name, type)"
    assert found.key_labelled("name") == "fields[1] (depth_m).typ"
    assert problem({"fields": [{"type": "real"}]}).key == "fields[0].name"


def test_a_kind_file_that_does_not_read_is_never_taken_as_no_hazard_list(tmp_path: Path) -> None:
    assert "flood" in hazard_values()
    for kind in load_catalog():
        (tmp_path / Path(kind.source_file).name).write_text(Path(kind.source_file).read_text(encoding="utf-8"))
    broken = tmp_path / "danger_zone.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('geometry = "MultiPolygon"', "geometry = 3", 1))
    with pytest.raises(CatalogError, match=r"key 'geometry': must be str, not int"):
        hazard_values(load_catalog(tmp_path))
    with pytest.raises(CatalogError, match=r"danger_zone\.toml"):
        load_kind(broken)
