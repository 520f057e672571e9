"""The labelled interview answers in tests/fixtures/grading/answers/ and the blind set keep their format.

This checks the data only (labels, kinds, splits, question ids, counts), not how well the grader
does on it: the grading tests and bench/grading.py do that.

The blind set is tests/fixtures/grading/fresh2/ (fresh2/README.md; same format as the spent fresh/
set, every entry held out). The spent fresh/ set holds no answer any more: its answers were moved
to answers/ as `split: tune`, after the comment line MOVED in each file.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from prepdeck.content.loader import load_pack
from prepdeck.study.grading.evaluation import MOVED  # in answers/, the moved fresh/ answers follow it

REPO_ROOT = Path(__file__).resolve().parents[3]
ANSWERS = REPO_ROOT / "tests" / "fixtures" / "grading" / "answers"
# The spent blind set of session 4 (fresh/README.md) and the blind set of session 5 that replaces it.
SPENT_FRESH = REPO_ROOT / "tests" / "fixtures" / "grading" / "fresh"
BLIND = REPO_ROOT / "tests" / "fixtures" / "grading" / "fresh2"
DOCKER_PACK = REPO_ROOT / "content" / "docker"

# Which label each kind of answer must carry: a kind describes how the answer was written.
LABEL_OF_KIND = {
    "paraphrase": "strong",
    "partial": "partial",
    "negation": "wrong",
    "swapped-roles": "wrong",
    "wrong-number": "wrong",
    "wrong-detail": "wrong",
    "keyword-list": "wrong",
    "question-copied": "wrong",
    "off-topic": "wrong",
    "misconception": "wrong",
    "empty": "wrong",
}
FIELDS = {"label", "kind", "split", "text"}
SPLITS = {"tune", "holdout"}
# Issue 10 asks for at least 250 labelled answers to at least 30 questions.
MIN_ANSWERS = 250
MIN_QUESTIONS = 30
# The brief for the blind set fresh2/: at least 200 answers to at least 45 questions.
MIN_BLIND_ANSWERS = 200
MIN_BLIND_QUESTIONS = 45


def _answer_files() -> list[Path]:
    return sorted(ANSWERS.glob("*.yaml"))


def _blind_files() -> list[Path]:
    return sorted(BLIND.glob("*.yaml"))


def _all_files() -> list[Path]:
    return _answer_files() + _blind_files()


def _file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _entries(files: list[Path] | None = None) -> list[tuple[str, dict]]:
    return [
        (path.stem, entry)
        for path in (_answer_files() if files is None else files)
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def _reviewed_part(path: Path) -> list[dict]:
    """The entries written for answers/ itself: those before the moved fresh/ answers, if any."""
    text = path.read_text(encoding="utf-8")
    before, _, _ = text.partition("\n" + MOVED)
    return yaml.safe_load(before) or []


def _reviewed_entries() -> list[tuple[str, dict]]:
    return [(path.stem, entry) for path in _answer_files() for entry in _reviewed_part(path)]


@pytest.fixture(scope="module")
def question_ids() -> set[str]:
    result = load_pack(DOCKER_PACK)
    assert result.pack is not None, result.errors
    return {question.id for question in result.pack.questions}


def test_every_file_is_named_after_a_docker_question(question_ids: set[str]) -> None:
    unknown = [_file_id(path) for path in _all_files() if path.stem not in question_ids]
    assert unknown == []


def test_every_file_opens_with_its_question_as_a_comment() -> None:
    for path in _all_files():
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith(f"# answers to {path.stem}: "), path.name


@pytest.mark.parametrize("path", _all_files(), ids=_file_id)
def test_every_entry_has_the_documented_fields(path: Path) -> None:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(entries, list) and entries, f"{path.name} must be a non-empty YAML list"
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name} entry {number}"
        assert isinstance(entry, dict) and set(entry) == FIELDS, where
        assert entry["kind"] in LABEL_OF_KIND, f"{where}: unknown kind {entry['kind']!r}"
        assert entry["label"] == LABEL_OF_KIND[entry["kind"]], f"{where}: label does not fit kind"
        assert entry["split"] in SPLITS, where
        assert isinstance(entry["text"], str), where
        if entry["kind"] != "empty":
            assert len(entry["text"].split()) >= 5, f"{where}: only an 'empty' answer may be that short"


@pytest.mark.parametrize("path", _answer_files(), ids=lambda path: path.stem)
def test_every_question_has_strong_partial_and_wrong_answers(path: Path) -> None:
    labels = Counter(entry["label"] for entry in yaml.safe_load(path.read_text(encoding="utf-8")))
    assert labels["strong"] >= 1 and labels["partial"] >= 1 and labels["wrong"] >= 1, labels
    reviewed = Counter(entry["label"] for entry in _reviewed_part(path))
    if reviewed:
        assert reviewed["strong"] >= 2 and reviewed["partial"] >= 1 and reviewed["wrong"] >= 3, reviewed


def test_the_moved_fresh_answers_are_all_tuned_on() -> None:
    moved = [
        entry
        for path in _answer_files()
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))[len(_reviewed_part(path)) :]
    ]
    assert len(moved) >= 120
    assert {entry["split"] for entry in moved} == {"tune"}


def test_the_set_is_large_enough_and_has_no_repeated_answer() -> None:
    entries = _entries()
    assert len(entries) >= MIN_ANSWERS
    assert len({question for question, _ in entries}) >= MIN_QUESTIONS
    texts = Counter(
        " ".join(entry["text"].split()).lower() for _, entry in entries if entry["kind"] != "empty"
    )
    assert [text for text, count in texts.items() if count > 1] == []


def test_about_a_third_is_held_out_across_labels_and_questions() -> None:
    entries = _reviewed_entries()
    held_out = [(question, entry) for question, entry in entries if entry["split"] == "holdout"]
    assert 0.28 <= len(held_out) / len(entries) <= 0.40
    for label in ("strong", "partial", "wrong"):
        of_label = [entry for _, entry in entries if entry["label"] == label]
        held = [entry for entry in of_label if entry["split"] == "holdout"]
        assert 0.2 <= len(held) / len(of_label) <= 0.5, label
    assert len({question for question, _ in held_out}) == len({question for question, _ in entries})


def test_the_holdout_is_spread_over_the_kinds() -> None:
    kinds = Counter(entry["kind"] for _, entry in _reviewed_entries())
    held = Counter(entry["kind"] for _, entry in _reviewed_entries() if entry["split"] == "holdout")
    for kind, count in kinds.items():
        if count >= 6:
            assert 0.1 <= held[kind] / count <= 0.6, (kind, held[kind], count)


@pytest.mark.parametrize("path", _blind_files(), ids=_file_id)
def test_every_blind_question_has_strong_partial_and_wrong_answers(path: Path) -> None:
    labels = Counter(entry["label"] for entry in yaml.safe_load(path.read_text(encoding="utf-8")))
    assert labels["strong"] >= 1 and labels["partial"] >= 1 and labels["wrong"] >= 1, labels


def test_the_spent_fresh_set_holds_no_answer_any_more() -> None:
    assert sorted(SPENT_FRESH.glob("*.yaml")) == []


def test_the_blind_set_if_written_is_all_held_out_large_enough_and_new() -> None:
    blind = _entries(_blind_files())
    if not BLIND.is_dir():
        assert blind == []  # not written yet: bench/grading.py --set blind says so
        return
    assert len(blind) >= MIN_BLIND_ANSWERS
    assert len({question for question, _ in blind}) >= MIN_BLIND_QUESTIONS
    assert {entry["split"] for _, entry in blind} == {"holdout"}

    def texts(entries: list[tuple[str, dict]]) -> Counter[str]:
        return Counter(
            " ".join(entry["text"].split()).lower() for _, entry in entries if entry["kind"] != "empty"
        )

    blind_texts = texts(blind)
    # Counts only, never the texts: a failure here must not show a held-out answer.
    assert sum(count > 1 for count in blind_texts.values()) == 0
    assert len(set(blind_texts) & set(texts(_entries()))) == 0
