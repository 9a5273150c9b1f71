"""The broad ``except Exception`` catches narrowed for ruff's BLE rule (issue 16): what they were
there for is still refused with a clear error naming the file and field, including the one case
the broad catch hid (a time past datetime's range once in UTC, an OverflowError), and the catch
kept broad in the problem report still writes the report and logs why."""

from __future__ import annotations

import logging

import pytest

from humanops.errors import SharingError
from humanops.problem_report import _native_version
from humanops.sharing import cards, package_format
from humanops.sharing.keys import check_recipient
from humanops.sharing.payload_codec import _one_wkb

FAR_FUTURE = "9999-12-31T23:59:59-10:00"  # valid ISO 8601; past year 9999 once in UTC


def _card_doc(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {"org_id": "ocha", "communities": ["health-cluster"], "name": "OCHA",
                              "acronym": "OCHA", "signing_key": "k", "encryption_key": "age1x", "fingerprint": "f",
                              "area_of_responsibility": None, "created": "2026-11-01T00:00:00Z",
                              "valid_from": "2026-11-01T00:00:00Z"}
    doc.update(changes)
    return doc


def test_a_card_is_read_when_its_values_are_right() -> None:
    card = cards._card(_card_doc(), "ocha.card")
    assert card.org_id == "ocha" and card.created.year == 2026


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"created": FAR_FUTURE}, "created", "outside the range of dates"),
    ({"valid_from": "yesterday"}, "created", "not an ISO 8601"),
    ({"org_id": "not an id!"}, "org_id", "not an organisation or community id"),
    ({"area_of_responsibility": '{"type": "Polygon"}'}, "area_of_responsibility", "is not a GeoJSON geometry"),
    ({"area_of_responsibility": "{not json"}, None, "not valid JSON"),
])
def test_a_card_with_a_bad_value_is_refused_naming_file_and_field(changes: dict[str, object], field: str | None,
                                                                  words: str) -> None:
    with pytest.raises(SharingError) as caught:
        cards._card(_card_doc(**changes), "ocha.card")
    assert caught.value.file == "ocha.card" and words in caught.value.message
    if field is not None:
        assert caught.value.field == field


@pytest.mark.parametrize("text", [FAR_FUTURE, "not a time"])
def test_a_manifest_time_that_is_no_time_is_refused_naming_the_key(text: str) -> None:
    with pytest.raises(package_format.Invalid) as caught:
        package_format._time(text, "expires")
    assert "is not an ISO 8601 date and time" in str(caught.value)
    assert package_format._time("2026-11-01T00:00:00Z", "expires").year == 2026


def test_an_encryption_key_that_is_no_age_recipient_is_refused() -> None:
    with pytest.raises(SharingError) as caught:
        check_recipient("age1" + "q" * 58)
    assert caught.value.field == "encryption_key" and "not a valid age recipient" in caught.value.message


@pytest.mark.parametrize("text", ["zz", "0101", "not hex at all"])
def test_unreadable_wkb_is_a_bad_geometry_not_an_error(text: str) -> None:
    assert _one_wkb(text) is None


def test_a_native_library_that_fails_still_gives_a_report_line_and_a_logged_cause(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="humanops.problem_report"):
        line = _native_version("humanops_no_such_binding", "version")
    assert line == "unavailable (ModuleNotFoundError)"
    assert any(r.exc_info and "humanops_no_such_binding" in r.getMessage() for r in caplog.records)
    assert _native_version("shapely", "geos_version_string")[0].isdigit()
