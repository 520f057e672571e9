"""Interview answers and drills in the learner's statistics (Stats screen, `prepdeck stats`).

- answers given per section: how many interview answers were graded, how many of those the
  learner rated Good or Easy, and the mean of the grader's scores (answers stored before scores
  were kept, and mock questions left unanswered, have no score and are left out of the mean);
- drills: passed out of the loaded packs' drills, attempts stored, and the lint findings met most
  often in the stored attempts (a learner's recurring mistakes).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from prepdeck.store.store import Store
from prepdeck.study.items import QUESTION, ItemIndex

COMMON_FINDINGS = 5


@dataclass(frozen=True)
class PracticeStats:
    answers_by_section: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (given, good)
    # (pack id, section id) -> the mean score of its answers that have one (0..1)
    mean_score_by_section: dict[tuple[str, str], float] = field(default_factory=dict)
    drills_passed: int = 0
    drills: int = 0
    drill_attempts: int = 0
    common_findings: list[tuple[str, int]] = field(default_factory=list)  # (rule code, attempts with it)

    @property
    def answers(self) -> int:
        return sum(given for given, _ in self.answers_by_section.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "answers": [
                {
                    "pack": pack,
                    "section": section,
                    "given": given,
                    "rated_good_or_easy": good,
                    "mean_score": _rounded(self.mean_score_by_section.get((pack, section))),
                }
                for (pack, section), (given, good) in sorted(self.answers_by_section.items())
            ],
            "drills": {
                "passed": self.drills_passed,
                "total": self.drills,
                "attempts": self.drill_attempts,
                "common_findings": [{"code": code, "attempts": n} for code, n in self.common_findings],
            },
        }


def practice_stats(store: Store, index: ItemIndex) -> PracticeStats:
    given: Counter[tuple[str, str]] = Counter()
    good: Counter[tuple[str, str]] = Counter()
    scores: defaultdict[tuple[str, str], list[float]] = defaultdict(list)
    for pack_id, item_id, rating, score in store.review_ratings():
        content = index.by_item.get((pack_id, item_id))
        item = index.items.get((pack_id, item_id, "main"))
        if content is None or item is None or item.kind != QUESTION:
            continue
        section = (pack_id, item.section or "")
        given[section] += 1
        good[section] += rating >= 3
        if score is not None:
            scores[section].append(score)
    attempts = store.drill_attempts()
    passed = {(attempt.pack_id, attempt.drill_id) for attempt in attempts if attempt.passed}
    loaded = {
        (pack_id, drill.id) for pack_id, pack in index.packs.items() for drill in getattr(pack, "drills", [])
    }
    findings: Counter[str] = Counter()
    for attempt in attempts:
        codes = {
            finding.get("code") for finding in attempt.result.get("findings", []) if isinstance(finding, dict)
        }
        findings.update(code for code in codes if isinstance(code, str))
    return PracticeStats(
        answers_by_section={section: (given[section], good[section]) for section in given},
        mean_score_by_section={section: sum(values) / len(values) for section, values in scores.items()},
        drills_passed=len(passed & loaded),
        drills=len(loaded),
        drill_attempts=len(attempts),
        common_findings=findings.most_common(COMMON_FINDINGS),
    )


def answers_line(practice: PracticeStats, pack_id: str, section_id: str) -> str:
    """`3 given, 2 rated Good or Easy, mean score 64%` (or `no score stored` for old answers)."""
    given, good = practice.answers_by_section.get((pack_id, section_id), (0, 0))
    mean = practice.mean_score_by_section.get((pack_id, section_id))
    scored = "no score stored" if mean is None else f"mean score {round(mean * 100)}%"
    return f"{given} given, {good} rated Good or Easy, {scored}"


def _rounded(score: float | None) -> float | None:
    return None if score is None else round(score, 4)
