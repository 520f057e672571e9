"""The labelled interview answers in tests/fixtures/grading/answers/, fresh/ and fresh2/ keep their format.

This checks the data only (labels, kinds, splits, question ids, counts), not how well the grader
does on it: the grading tests and bench/grading.py do that.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from prepdeck.content.loader import load_pack

REPO_ROOT = Path(__file__).resolve().parents[3]
ANSWERS = REPO_ROOT / "tests" / "fixtures" / "grading" / "answers"
# The blind set of session 4: same format, every entry held out (fresh/README.md).
FRESH = REPO_ROOT / "tests" / "fixtures" / "grading" / "fresh"
# The blind set of session 5, written the same way by another engineer (fresh2/README.md).
FRESH2 = REPO_ROOT / "tests" / "fixtures" / "grading" / "fresh2"
BLIND_SETS = (FRESH, FRESH2)
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
# The briefs for the blind sets: (answers, questions) at least.
MIN_BLIND = {FRESH: (120, 30), FRESH2: (200, 45)}


def _answer_files() -> list[Path]:
    return sorted(ANSWERS.glob("*.yaml"))


def _fresh_files(folder: Path | None = None) -> list[Path]:
    folders = BLIND_SETS if folder is None else (folder,)
    return sorted(path for blind in folders for path in blind.glob("*.yaml"))


def _all_files() -> list[Path]:
    return _answer_files() + _fresh_files()


def _file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _entries(files: list[Path] | None = None) -> list[tuple[str, dict]]:
    return [
        (path.stem, entry)
        for path in (_answer_files() if files is None else files)
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


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
    assert labels["strong"] >= 2 and labels["partial"] >= 1 and labels["wrong"] >= 3, labels


def test_the_set_is_large_enough_and_has_no_repeated_answer() -> None:
    entries = _entries()
    assert len(entries) >= MIN_ANSWERS
    assert len({question for question, _ in entries}) >= MIN_QUESTIONS
    texts = Counter(
        " ".join(entry["text"].split()).lower() for _, entry in entries if entry["kind"] != "empty"
    )
    assert [text for text, count in texts.items() if count > 1] == []


def test_about_a_third_is_held_out_across_labels_and_questions() -> None:
    entries = _entries()
    held_out = [(question, entry) for question, entry in entries if entry["split"] == "holdout"]
    assert 0.28 <= len(held_out) / len(entries) <= 0.40
    for label in ("strong", "partial", "wrong"):
        of_label = [entry for _, entry in entries if entry["label"] == label]
        held = [entry for entry in of_label if entry["split"] == "holdout"]
        assert 0.2 <= len(held) / len(of_label) <= 0.5, label
    assert len({question for question, _ in held_out}) == len({question for question, _ in entries})


def test_the_holdout_is_spread_over_the_kinds() -> None:
    kinds = Counter(entry["kind"] for _, entry in _entries())
    held = Counter(entry["kind"] for _, entry in _entries() if entry["split"] == "holdout")
    for kind, count in kinds.items():
        if count >= 6:
            assert 0.1 <= held[kind] / count <= 0.6, (kind, held[kind], count)


@pytest.mark.parametrize("path", _fresh_files(), ids=_file_id)
def test_every_fresh_question_has_strong_partial_and_wrong_answers(path: Path) -> None:
    labels = Counter(entry["label"] for entry in yaml.safe_load(path.read_text(encoding="utf-8")))
    assert labels["strong"] >= 1 and labels["partial"] >= 1 and labels["wrong"] >= 1, labels


@pytest.mark.parametrize("folder", BLIND_SETS, ids=lambda folder: folder.name)
def test_each_blind_set_is_all_held_out_large_enough_and_new(folder: Path) -> None:
    blind = _entries(_fresh_files(folder))
    min_answers, min_questions = MIN_BLIND[folder]
    assert len(blind) >= min_answers
    assert len({question for question, _ in blind}) >= min_questions
    assert {entry["split"] for _, entry in blind} == {"holdout"}

    def texts(entries: list[tuple[str, dict]]) -> Counter[str]:
        return Counter(
            " ".join(entry["text"].split()).lower() for _, entry in entries if entry["kind"] != "empty"
        )

    blind_texts = texts(blind)
    # Counts only, never the texts: a failure here must not show a held-out answer.
    assert sum(count > 1 for count in blind_texts.values()) == 0
    others = _entries() + [
        entry for other in BLIND_SETS if other != folder for entry in _entries(_fresh_files(other))
    ]
    assert len(set(blind_texts) & set(texts(others))) == 0
