"""Measuring the grader on a labelled set of answers (tests/fixtures/grading/answers/).

Each file `<question-id>.yaml` is a list of `{label: strong|partial|wrong, kind, split: tune|holdout,
text}`; in answers/, the entries after a line starting MOVED came from a spent blind set (`moved`).
`measure(...)` grades every answer of one split and returns the figures the issue names:
wrong answers suggested Good or Easy, strong answers scored >= 0.75, and the two AUCs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

STRONG_SCORE = 0.75
MOVED = "# moved from fresh/"


@dataclass(frozen=True)
class Labelled:
    question_id: str
    label: str
    kind: str
    split: str
    text: str
    moved: bool = False  # from a spent blind set, written without seeing the key points


@dataclass
class Figures:
    split: str
    answers: int = 0
    questions: int = 0
    wrong_good_or_easy: float = 0.0  # share of wrong answers suggested 3 or 4
    strong_at_075: float = 0.0  # share of strong answers scored >= 0.75
    auc_strong_partial: float = 0.0
    auc_partial_wrong: float = 0.0
    wrong_not_below_strong: float = 0.0  # share of wrong answers scoring >= a strong one to the same question
    failures: list[tuple[str, Labelled, float, int]] = field(default_factory=list)


def load_labelled(folder: Path) -> list[Labelled]:
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        before, _, _ = text.partition("\n" + MOVED)
        own = len(yaml.safe_load(before) or [])
        for number, entry in enumerate(yaml.safe_load(text) or []):
            entries.append(
                Labelled(
                    path.stem,
                    entry["label"],
                    entry["kind"],
                    entry["split"],
                    entry.get("text") or "",
                    moved=number >= own,
                )
            )
    return entries


def auc(higher: list[float], lower: list[float]) -> float:
    """P(a score from `higher` > one from `lower`), ties counting half (Mann-Whitney)."""
    if not higher or not lower:
        return float("nan")
    wins = sum((h > low) + 0.5 * (h == low) for h in higher for low in lower)
    return wins / (len(higher) * len(lower))


def measure(
    entries: Iterable[Labelled], split: str, grade: Callable[[str, str], tuple[float, int]]
) -> Figures:
    """Figures for one split; `grade(question_id, text)` gives (score, suggested rating).
    Failures are kept for the tuning split only: held-out answers are measured, never shown."""
    chosen = [entry for entry in entries if entry.split == split]
    figures = Figures(split, len(chosen), len({entry.question_id for entry in chosen}))
    graded = [(entry, *grade(entry.question_id, entry.text)) for entry in chosen]
    scores: dict[str, list[float]] = {"strong": [], "partial": [], "wrong": []}
    for entry, score, _ in graded:
        scores[entry.label].append(score)
    wrong = [(entry, score, rating) for entry, score, rating in graded if entry.label == "wrong"]
    strong = [(entry, score, rating) for entry, score, rating in graded if entry.label == "strong"]
    figures.wrong_good_or_easy = _share([rating >= 3 for _, _, rating in wrong])
    figures.strong_at_075 = _share([score >= STRONG_SCORE for _, score, _ in strong])
    figures.auc_strong_partial = auc(scores["strong"], scores["partial"])
    figures.auc_partial_wrong = auc(scores["partial"], scores["wrong"])
    best_strong: dict[str, float] = {}
    for entry, score, _ in strong:
        best_strong[entry.question_id] = min(best_strong.get(entry.question_id, 1.0), score)
    figures.wrong_not_below_strong = _share(
        [
            score >= best_strong[entry.question_id]
            for entry, score, _ in wrong
            if entry.question_id in best_strong
        ]
    )
    if split == "tune":
        for entry, score, rating in graded:
            if entry.label == "wrong" and rating >= 3:
                figures.failures.append(("wrong rated Good/Easy", entry, score, rating))
            elif entry.label == "strong" and score < STRONG_SCORE:
                figures.failures.append(("strong under 0.75", entry, score, rating))
    return figures


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0
