"""Interview-answer grading on the labelled set, and its speed.

Prints, for the tuning split and the held-out split separately, each figure beside its target
(issue 10), then the median time to grade a 300-word answer beside a reference measured in the
same run: one rapidfuzz partial_ratio call on the same text against the model answer.

The tuned part is also shown without the answers moved in from the spent blind set of session 4
(after the `# moved from fresh/` line of each file), and those on their own.

Then the same figures for the second blind set, tests/fixtures/grading/fresh2/, which was spent in
session 6 (read for diagnosis; it still measures, but no longer blindly). The first blind set, fresh/,
was spent in session 5: its answers now tune (answers/).

The blind set of session 6, tests/fixtures/grading/fresh3/ (written by people who had seen neither
the grader nor the questions' key points), is measured only when asked for by name: `--set blind`
(or `--set fresh3`). `--set all` leaves it out, so that the engineers who tune the grader never see
its figures by accident.

Held-out answers are only measured here: the script never prints them or which of them fail.
--questions FILE (one question id a line) measures only those questions; --except FILE all others.

Run: .venv/bin/python bench/grading.py [--set answers|fresh2|all|blind]   (a few seconds; blind = fresh3)
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml
from rapidfuzz import fuzz, utils

from prepdeck.content.loader import load_pack
from prepdeck.study.grading import compiled_question, grade_question
from prepdeck.study.grading.evaluation import STRONG_SCORE, Figures, load_labelled, measure

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "content" / "docker"
ANSWERS = ROOT / "tests" / "fixtures" / "grading" / "answers"
ATTACK = ROOT / "tests" / "fixtures" / "grading" / "attack"
SPENT_BLIND = ROOT / "tests" / "fixtures" / "grading" / "fresh2"
BLIND = ROOT / "tests" / "fixtures" / "grading" / "fresh3"
WORDS = 300
RUNS = 300

TARGETS = (
    # (label, attribute, target, higher is better)
    ("wrong answers suggested Good or Easy", "wrong_good_or_easy", 0.05, False),
    ("strong answers scored >= 0.75", "strong_at_075", 0.85, True),
    ("AUC strong > partial", "auc_strong_partial", 0.95, True),
    ("AUC partial > wrong", "auc_partial_wrong", 0.95, True),
)


def verdict(value: float, target: float, higher: bool) -> str:
    met = value >= target if higher else value <= target
    return "met" if met else "NOT MET"


def show(figures: Figures, title: str) -> None:
    print(f"{title}: {figures.answers} answers to {figures.questions} questions")
    for label, attribute, target, higher in TARGETS:
        value = getattr(figures, attribute)
        sign = ">=" if higher else "<="
        print(f"  {label:40} {value:7.3f}   target {sign} {target:.2f}   {verdict(value, target, higher)}")
    print(
        f"  {'wrong answers not below a strong one':40} {figures.wrong_not_below_strong:7.3f}   (same question)"
    )


def long_answer(question, words: int) -> str:
    """A 300-word answer: the model answer's sentences, repeated and reordered."""
    sentences = [
        part.strip() for part in question.model_answer.replace("\n", " ").split(". ") if part.strip()
    ]
    text: list[str] = []
    index = 0
    while len(" ".join(text).split()) < words:
        text.append(sentences[(index * 3) % len(sentences)] + ".")
        index += 1
    return " ".join(" ".join(text).split()[:words])


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def show_attackers(questions, synonyms, path: Path) -> None:
    """Wrong answers written to fool the grader after it was tuned (held out: never tuned on).
    Right means suggested rating <= 2 and a score below the model answer's."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    right = caught = high = 0
    for entry in entries:
        question = questions[entry["question"]]
        result = grade_question(question, entry["text"], synonyms)
        model = grade_question(question, question.model_answer, synonyms)
        right += result.suggested_rating <= 2 and result.score < model.score
        caught += bool(result.contradictions or result.misconceptions)
        high += result.score >= STRONG_SCORE
    print(f"attacker answers (held out, tests/fixtures/grading/attack/{path.name}): {len(entries)}")
    print(f"  graded right (rating <= 2, below the model answer)  {right}/{len(entries)}")
    print(f"  a contradiction or misconception named              {caught}/{len(entries)}")
    print(f"  scored >= {STRONG_SCORE} all the same (as high as a strong answer)  {high}/{len(entries)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        choices=["answers", "fresh2", "all", "blind", "fresh3"],
        default="all",
        help="answers: tests/fixtures/grading/answers, the attackers and speed; fresh2: the spent "
        "second blind set; all: both (never the blind set); blind (or fresh3): the blind set, "
        "tests/fixtures/grading/fresh3, alone",
    )
    parser.add_argument("--questions", type=Path, help="a file of question ids: measure only these")
    parser.add_argument("--except", dest="skip", type=Path, help="a file of question ids: leave these out")
    args = parser.parse_args()
    pack = load_pack(PACK).pack
    questions = {question.id: question for question in pack.questions}
    chosen = set(questions)
    if args.questions:
        chosen &= set(args.questions.read_text(encoding="utf-8").split())
    if args.skip:
        chosen -= set(args.skip.read_text(encoding="utf-8").split())

    def grade(question_id: str, text: str) -> tuple[float, int]:
        result = grade_question(questions[question_id], text, pack.synonyms)
        return result.score, result.suggested_rating

    if args.set in ("blind", "fresh3"):
        if BLIND.is_dir() and any(BLIND.glob("*.yaml")):
            blind = [entry for entry in load_labelled(BLIND) if entry.question_id in chosen]
            show(measure(blind, "holdout", grade), f"blind set ({BLIND.relative_to(ROOT)}, all held out)")
        else:
            print(f"blind set: {BLIND.relative_to(ROOT)} is not there yet, so there is no blind figure")
        return
    if args.set in ("fresh2", "all"):
        spent = [entry for entry in load_labelled(SPENT_BLIND) if entry.question_id in chosen]
        title = f"spent blind set ({SPENT_BLIND.relative_to(ROOT)}, read for diagnosis in session 6)"
        show(measure(spent, "holdout", grade), title)
    if args.set == "fresh2":
        return

    entries = [entry for entry in load_labelled(ANSWERS) if entry.question_id in chosen]
    show(measure(entries, "tune", grade), "tuned part (split: tune)")
    own = [entry for entry in entries if not entry.moved]
    show(measure(own, "tune", grade), "  of it, written for answers/ (before session 5)")
    moved = [entry for entry in entries if entry.moved]
    show(measure(moved, "tune", grade), "  of it, moved from the spent fresh/ set (session 5)")
    show(measure(entries, "holdout", grade), "held-out part (split: holdout)")

    for path in sorted(ATTACK.glob("*.yaml")):
        show_attackers(questions, pack.synonyms, path)

    question = questions["q-container-vs-vm"]
    answer = long_answer(question, WORDS)
    compiled_question(question, pack.synonyms)  # compiled once per question, as in the app
    grading = median_ms(lambda: grade_question(question, answer, pack.synonyms), RUNS)
    model = utils.default_process(question.model_answer)
    processed = utils.default_process(answer)
    reference = median_ms(lambda: fuzz.partial_ratio(model, processed), RUNS)
    print(f"speed: one {len(answer.split())}-word answer graded")
    print(f"  median {grading:7.3f} ms   target < 2 ms   {verdict(-grading, -2.0, True)}")
    print(f"  reference: one rapidfuzz partial_ratio on the same text {reference:7.3f} ms (same run)")


if __name__ == "__main__":
    main()
