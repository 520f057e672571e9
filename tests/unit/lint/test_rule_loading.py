"""Rule modules about particular programs are imported only for files that run them
(rules.PROGRAM_MODULES); a file is linted the same whichever modules happen to be loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from prepdeck.lint.registry import all_rules
from prepdeck.lint.rules import PROGRAM_MODULES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_program_modules_hold_only_rules_about_their_programs() -> None:
    seen = set()
    for rule in all_rules():
        module = rule.check.__module__.rsplit(".", 1)[-1]
        if module in PROGRAM_MODULES:
            seen.add(module)
            assert rule.on == ("RUN",), rule.code
            assert rule.programs is not None, rule.code
            assert rule.programs <= PROGRAM_MODULES[module], rule.code
    assert seen == set(PROGRAM_MODULES)


LAZY_THEN_ALL = """
import json, sys
from prepdeck.lint import lint_text
from prepdeck.lint.rules import PROGRAM_MODULES

def findings(path):
    result = lint_text(open(path, "rb").read(), path=path)
    return [str(finding) for finding in result.findings] + result.rule_errors

paths = sys.argv[1:]
first = findings(paths[0])
loaded_after_first = sorted(name for name in PROGRAM_MODULES if f"prepdeck.lint.rules.{name}" in sys.modules)
lazy = [first] + [findings(path) for path in paths[1:]]
from prepdeck.lint.registry import all_rules
all_rules()
full = [findings(path) for path in paths]
print(json.dumps({"loaded_after_first": loaded_after_first, "same": lazy == full, "count": sum(map(len, full))}))
"""


def test_a_file_is_linted_the_same_with_only_the_modules_it_needs() -> None:
    first = FIXTURES / "dockerfiles" / "node-multistage-good.Dockerfile"  # runs npm only
    paths = [first, *sorted((FIXTURES / "dockerfiles").glob("*.Dockerfile"))]
    paths += sorted((FIXTURES / "realworld").glob("*.Dockerfile"))[::4]
    shown = subprocess.run(
        [sys.executable, "-c", LAZY_THEN_ALL, *map(str, paths)], capture_output=True, text=True, check=True
    )
    report = json.loads(shown.stdout)
    assert report["loaded_after_first"] == ["npm"]
    assert report["same"] is True
    assert report["count"] > 100
