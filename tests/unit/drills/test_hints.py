"""hint_order: the drill's own hints first, then the hints of requirements still unmet."""

from __future__ import annotations

from prepdeck.drills import DrillResult, RequirementResult, check_drill
from prepdeck.drills.hints import hint_order


def _drill(make_drill):
    drill = make_drill(
        {"check": "min_stages", "params": {"count": 2}, "hint": "Build in one stage, ship from another."},
        {"check": "final_user_not_root", "hint": "USER node"},
        {"check": "instruction_absent", "params": {"instruction": "ADD"}},  # no hint of its own
    )
    return drill.model_copy(update={"hints": ["Read the FROM line first.", "Which user runs the app?"]})


def test_before_the_first_check_only_the_drills_own_hints_are_offered(make_drill):
    assert hint_order(_drill(make_drill), None) == ["Read the FROM line first.", "Which user runs the app?"]


def test_unmet_requirements_add_their_hints_after_the_drills_in_checklist_order(make_drill):
    drill = _drill(make_drill)
    result = check_drill(drill, "FROM node:22\nADD . /app\n")
    assert hint_order(drill, result) == [
        "Read the FROM line first.",
        "Which user runs the app?",
        "Build in one stage, ship from another.",
        "USER node",
    ]


def test_a_met_requirement_no_longer_offers_its_hint(make_drill):
    drill = _drill(make_drill)
    result = check_drill(drill, "FROM node:22\nUSER node\n")
    assert hint_order(drill, result) == [
        "Read the FROM line first.",
        "Which user runs the app?",
        "Build in one stage, ship from another.",
    ]


def test_the_stored_attempt_and_the_cli_json_share_one_shape(make_drill):
    from prepdeck.drills.command import as_json

    result = check_drill(_drill(make_drill), "FROM node:22\n")
    stored = result.as_json()
    printed = as_json(result, "demo-pack", "Dockerfile")
    assert printed == {"drill": "demo", "pack": "demo-pack", "file": "Dockerfile", **stored}
    assert stored["passed"] is False
    assert [r["id"] for r in stored["requirements"]] == ["req-0", "req-1", "req-2"]
    assert [r["status"] for r in stored["requirements"]] == ["unmet", "unmet", "met"]


def test_the_status_line_counts_the_requirements_met_and_cannot_tell_is_not_met() -> None:
    def requirement(name: str, met: bool, undecided: bool = False) -> RequirementResult:
        return RequirementResult(name, "regex", met, "error", name, None, undecided=undecided)

    result = DrillResult(
        "d", [requirement("a", True), requirement("b", False), requirement("c", False, undecided=True)]
    )
    assert result.met_count == 1 and not result.passed
    assert DrillResult("d", []).met_count == 0
