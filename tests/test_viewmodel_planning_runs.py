"""What a planning worker does (humanops.viewmodel.planning_runs), without Qt: run an operation in
its own workspace connection, draw its result, name it through the words given, read a saved plan
back, and leave nothing saved when cancelled after its plan was saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from loaded_modules import loaded_after
from planning_helpers import load

from humanops.analysis.plans import list_plans
from humanops.analysis.registry import get, validate_params
from humanops.feedback import Canceled, Feedback
from humanops.store.workspace import Workspace
from humanops.viewmodel.overlay_looks import OverlayLook
from humanops.viewmodel.planning_runs import Presentation, as_built, operation_task, saved_plan_task
from humanops.viewmodel.result_overlays import PREFIX, Words

AT = "2026-03-01T06:00Z"


@pytest.fixture
def ladder_path(tmp_path: Path) -> Path:
    path = tmp_path / "ladder.gpkg"
    with Workspace.create(path, organisation="ocha") as ws:
        load(ws, "ladder_roads.geojson", "ladder_zone_b.geojson", "ladder_facilities.geojson", "ladder_needs.geojson")
    return path


def bracketed(context: str, text: str) -> str:
    return f"[{context}] {text}"


def evacuation_params() -> dict[str, Any]:
    return validate_params(get("plan_evacuation"), {"at": AT})


def test_a_run_is_drawn_named_in_the_words_given_and_lists_the_plan_it_saved(ladder_path: Path) -> None:
    presentation = Presentation(words=Words(translate=bracketed))
    run = operation_task(ladder_path, "plan_evacuation", evacuation_params(), presentation)(Feedback())
    assert run.title == f"[operations] {get('plan_evacuation').title}"
    assert run.result.summary["served"] == 100 and run.result.summary["plan_id"] == 1
    frame, look = run.overlays[PREFIX + "movements"]
    assert isinstance(look, OverlayLook) and len(frame) == 1
    assert run.tables.keys() == run.result.tables.keys()
    assert [plan["id"] for plan in run.saved_plans or []] == [1]


def test_a_cancel_after_the_plan_was_saved_removes_it(ladder_path: Path) -> None:
    def cancelled_while_preparing(*args: Any) -> Any:
        raise Canceled()

    task = operation_task(ladder_path, "plan_evacuation", evacuation_params(),
                          Presentation(prepare=cancelled_while_preparing))
    with pytest.raises(Canceled):
        task(Feedback())
    with Workspace.open(ladder_path) as ws:
        assert list_plans(ws) == []


def test_a_cancel_before_anything_ran_changes_nothing(ladder_path: Path) -> None:
    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(Canceled):
        operation_task(ladder_path, "plan_evacuation", evacuation_params())(feedback)
    with Workspace.open(ladder_path) as ws:
        assert list_plans(ws) == []


def test_a_saved_plan_reads_back_drawn_like_a_fresh_one(ladder_path: Path) -> None:
    fresh = operation_task(ladder_path, "plan_evacuation", evacuation_params())(Feedback())
    messages: list[str] = []
    prepared: list[str] = []

    def prepare(op_id: str, *args: Any) -> Any:
        prepared.append(op_id)
        return as_built(op_id, *args)

    presentation = Presentation(words=Words(translate=bracketed), prepare=prepare)
    run = saved_plan_task(ladder_path, 1, presentation)(Feedback(lambda _f, message: messages.append(message)))
    assert run.op_id == "saved_evacuation" and prepared == ["saved_evacuation"]
    assert run.title.startswith("[runner] Saved plan 1: ")
    assert messages == ["[runner] reading plan 1"]
    assert run.result.summary["plan_id"] == 1 and set(run.result.tables) == {"lines", "outcomes"}
    assert set(run.overlays) == set(fresh.overlays)


def test_the_module_loads_no_qt() -> None:
    bad = loaded_after("import humanops.viewmodel.planning_runs")
    assert not bad, bad
