"""How often `prepdeck drill check` gets the stranger-written drill solutions right.

Runs the public command, `prepdeck drill check DRILL FILE --pack content/docker`, on every file in
tests/fixtures/drills/{tune,holdout,holdout2,holdout3,holdout4,review}/<drill>/. A `valid-*` file should exit 0 and
a `broken-*` file should exit 1. Any other exit code is a crash and counts as wrong. The reference is issue 11's bar:
at least 95% of valid files pass and at least 95% of broken files fail.

    .venv/bin/python bench/drill_attack.py [--set tune|holdout|holdout2|holdout3|holdout4|review|all] [--jobs N] [--show-wrong]

`review` holds the drill reviewer's cases that the checker judged wrongly when they were written
(tests/fixtures/drills/README.md); it is not part of `all`, and its bar is what is left to fix.
`holdout3` is the blind set written in session 4 (all 26 drills) and `holdout4` a later blind set
(all 26 drills, by `holdout4`); neither is part of `all`, so that each figure is reported on its own.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "drills"
PACK = ROOT / "content" / "docker"
PREPDECK = Path(sys.executable).with_name("prepdeck")
BAR = 0.95
# tune: fitted on; holdout2: never tuned on (written after the second round of fixes); holdout and
# holdout3: spent in session 5 (read and used for fixes); holdout4: written blind for all 26
# drills, never tuned on; review: the pack reviewer's files the engine misjudged, fitted on as they
# are fixed.
SPLITS = ("tune", "holdout", "holdout2", "holdout3", "holdout4", "review")
MEASURED = ("tune", "holdout", "holdout2")  # what `all` runs: review is a to-do list, not a figure
EXPECTED_EXIT = {"valid": 0, "broken": 1}


@dataclass(frozen=True)
class Case:
    split: str
    drill: str
    kind: str
    path: Path


@dataclass(frozen=True)
class Outcome:
    case: Case
    exit_code: int

    @property
    def right(self) -> bool:
        return self.exit_code == EXPECTED_EXIT[self.case.kind]


def collect(splits: list[str]) -> list[Case]:
    cases = []
    for split in splits:
        for path in sorted((FIXTURES / split).glob("*/*.Dockerfile")):
            kind = path.name.split("-", 1)[0]
            if kind in EXPECTED_EXIT:
                cases.append(Case(split, path.parent.name, kind, path))
    return cases


def run(case: Case) -> Outcome:
    command = [str(PREPDECK), "drill", "check", case.drill, str(case.path), "--pack", str(PACK)]
    done = subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
    return Outcome(case, done.returncode)


def share(right: int, total: int) -> str:
    return f"{right}/{total}" if total else "-"


def report(outcomes: list[Outcome], show_wrong: bool) -> None:
    table: dict[tuple[str, str], dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for outcome in outcomes:
        key = (outcome.case.split, outcome.case.drill)
        table[key][outcome.case.kind].append(outcome.right)
    print("| set | drill | valid passed | broken failed |")
    print("|---|---|---|---|")
    for (split, drill), kinds in sorted(table.items()):
        valid, broken = kinds["valid"], kinds["broken"]
        print(f"| {split} | {drill} | {share(sum(valid), len(valid))} | {share(sum(broken), len(broken))} |")
    print()
    for split in sorted({o.case.split for o in outcomes}):
        for kind, verb in (("valid", "passed"), ("broken", "failed")):
            marks = [o.right for o in outcomes if o.case.split == split and o.case.kind == kind]
            rate = sum(marks) / len(marks) if marks else 0.0
            verdict = "met" if rate >= BAR else "NOT MET"
            print(
                f"{split:8} {kind:6} {verb}: {sum(marks)}/{len(marks)} = {rate:.1%}"
                f"  (reference >= {BAR:.0%}: {verdict})"
            )
    crashes = [o for o in outcomes if o.exit_code not in EXPECTED_EXIT.values()]
    print(f"crashes (exit code other than 0 or 1): {len(crashes)}  (reference: 0)")
    if show_wrong:
        print()
        for outcome in outcomes:
            if not outcome.right:
                rel = outcome.case.path.relative_to(ROOT)
                print(f"wrong: {rel} (exit {outcome.exit_code})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show-wrong", action="store_true")
    args = parser.parse_args()
    splits = list(MEASURED) if args.set == "all" else [args.set]
    cases = collect(splits)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(run, cases))
    report(outcomes, args.show_wrong)


if __name__ == "__main__":
    main()
