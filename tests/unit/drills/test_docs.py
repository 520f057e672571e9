"""docs/drills.md stays true: every YAML example validates, and every check is documented."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import TypeAdapter

from prepdeck.content import model as m
from prepdeck.drills.evaluate import CHECKS

DOC = Path(__file__).resolve().parents[3] / "docs" / "drills.md"
REQUIREMENT = TypeAdapter(m.Requirement)


def yaml_blocks() -> list[object]:
    text = DOC.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def test_every_requirement_example_validates():
    examples = 0
    for block in yaml_blocks():
        if isinstance(block, dict):  # the full drill at the top
            for drill in block["drills"]:
                m.Drill.model_validate(drill)
                examples += len(drill["requirements"])
            continue
        for requirement in block:
            REQUIREMENT.validate_python(requirement)
            examples += 1
    assert examples >= len(CHECKS)


def test_every_check_has_a_section_and_the_model_agrees():
    text = DOC.read_text(encoding="utf-8")
    assert set(CHECKS) == set(m.REQUIREMENT_CHECKS)
    for check in m.REQUIREMENT_CHECKS:
        assert re.search(rf"^### .*`{check}`", text, re.MULTILINE), (
            f"docs/drills.md has no section for {check}"
        )
