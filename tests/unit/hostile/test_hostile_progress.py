"""Hostile progress imports through the real `prepdeck import` (a subprocess with a timeout):
every bad value is refused with its JSON path and exit 1 (never 70), nothing is written, and the
data folder stays usable (`prepdeck stats` exits 0)."""

from __future__ import annotations

import json
import resource
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from hostile_run import prepdeck
from progress_docs import STUDY_PACK, database_dump, valid_document


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A data folder with a database already holding a little progress."""
    folder = tmp_path / "home"
    folder.mkdir()
    seed = tmp_path / "seed.json"
    document = valid_document()
    document["card_states"] = document["card_states"][:1]
    document["reviews"] = document["reviews"][:1]
    seed.write_text(json.dumps(document))
    assert prepdeck("import", seed, home=folder).code == 0
    return folder


def database(home: Path) -> Path:
    return home / "progress.sqlite3"


def refused(home: Path, tmp_path: Path, content: str | bytes, expected: str) -> None:
    """Import `content`: exit 1 with `expected` in the message, the database unchanged, stats fine."""
    before = database_dump(database(home))
    path = tmp_path / "attack.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    run = prepdeck("import", path, home=home)
    assert run.code == 1, run.text
    assert expected in run.err, run.err
    assert "nothing was imported" in run.err
    assert database_dump(database(home)) == before
    assert not (home / "crash.log").exists()
    assert prepdeck("stats", "--pack", STUDY_PACK, home=home).code == 0


def with_change(change) -> str:
    document = valid_document()
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["card_states"][0]["state"].update(state="banana"),
            '$.card_states[0].state.state: "banana" is not one of new, learning, review, relearning',
        ),
        (
            lambda d: d["card_states"][0]["state"].update(stability=-3.5),
            "$.card_states[0].state.stability: -3.5 is not between 1e-06 and 1e+07",
        ),
        (
            lambda d: d["settings"].update({"study.day_start_hour": 99}),
            '$.settings["study.day_start_hour"]: 99 is not between 0 and 23',
        ),
        (
            lambda d: d["reviews"][2].update(reviewed_us=10**29),
            "$.reviews[2].reviewed_us: 100000000000000000000000000000 is not a time between 1970 and 3000",
        ),
        (
            lambda d: d["card_states"][0]["state"].update(due=2**62),
            "$.card_states[0].state.due: 4611686018427387904 is not a time between 1970 and 3000",
        ),
        (
            lambda d: d["reviews"][1].update(rating={"a": 1}),
            '$.reviews[1].rating: {"a": 1} is not a whole number',
        ),
        (
            lambda d: d["reviews"][0]["after"].update(reps=True),
            "$.reviews[0].after.reps: true is not a whole number",
        ),
        (
            lambda d: d["card_states"][0]["state"].update(colour="red"),
            '$.card_states[0].state.colour: "red" is not a field of a card state',
        ),
        (
            lambda d: d["card_states"][0]["state"].update(last_review=None),
            "$.card_states[0].state.last_review: null is missing; a review side needs a value here",
        ),
        (
            lambda d: d["drafts"][0].update(item="bad\u001fid"),
            "$.drafts[0].item:",
        ),
        (
            lambda d: d["mock_sessions"][0].update(config=[1, 2]),
            "$.mock_sessions[0].config: [1, 2] is not an object",
        ),
        (lambda d: d.update(reviews={"not": "a list"}), '$.reviews: {"not": "a list"} is not a list'),
        (
            lambda d: d["mock_sessions"][0]["report"]["answers"][0].update(score="high"),
            "$.mock_sessions[0].report.answers[0].score: input should be",
        ),
        (
            lambda d: d["mock_sessions"][0]["state"].update(questions="x"),
            "$.mock_sessions[0].state.questions: input should be a valid list",
        ),
    ],
)
def test_a_bad_field_is_refused_with_its_json_path(home, tmp_path, change, expected):
    refused(home, tmp_path, with_change(change), expected)


@pytest.mark.parametrize(
    ("place", "literal", "expected"),
    [
        (
            ("card_states", 0, "state", "difficulty"),
            "1e400",
            "$.card_states[0].state.difficulty: Infinity is not a finite number",
        ),
        (
            ("mock_sessions", 0, "state", "score"),
            "NaN",
            "$.mock_sessions[0].state.score: NaN is not a finite number",
        ),
        (("reviews", 0, "duration_ms"), "9" * 5000, "a number cannot be read"),
    ],
)
def test_numbers_json_cannot_hold_are_refused(home, tmp_path, place, literal, expected):
    """Literals Python's json reads but no field can hold, written into a real export."""
    document = valid_document()
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = "PLACEHOLDER"
    refused(home, tmp_path, json.dumps(document).replace('"PLACEHOLDER"', literal), expected)


def test_json_nested_100k_deep_is_refused(home, tmp_path):
    deep = (
        '{"format": "prepdeck-progress", "version": 1, "settings": {"x": '
        + "[" * 100_000
        + "]" * 100_000
        + "}}"
    )
    refused(home, tmp_path, deep, "nested too deeply")


def test_free_json_nested_deeper_than_the_limit_is_refused(home, tmp_path):
    deep = "[" * 200 + "]" * 200
    text = with_change(lambda d: d["drill_attempts"][0].update(result="X"))
    refused(home, tmp_path, text.replace('"X"', '{"a": ' + deep + "}"), "$.drill_attempts[0].result.a")


def test_a_bad_row_at_the_end_leaves_everything_before_it_unwritten(home, tmp_path):
    """The good card states and reviews before the bad session are not committed either."""

    def change(document):
        for review in document["reviews"]:
            review["reviewed_us"] += 1  # new rows, not duplicates
        document["mock_sessions"][0]["finished_us"] = -1

    refused(home, tmp_path, with_change(change), "$.mock_sessions[0].finished_us: -1 is not a time")


def test_a_good_import_still_works_and_is_counted(home, tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(valid_document()))
    run = prepdeck("import", path, home=home)
    assert run.code == 0
    assert "3 review(s)" in run.err  # the fourth was already imported by the fixture


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_disk_that_fills_during_an_import_commits_nothing(home, tmp_path):
    """RLIMIT_FSIZE makes every write past the limit fail, as a full disk does, mid-import."""
    document = valid_document()
    template = document["reviews"][0]
    document["reviews"] = [
        {**template, "item": f"item-{number}", "duration_ms": number} for number in range(20_000)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document))
    db_path = database(home)
    before = database_dump(db_path)
    limit = max(db_path.stat().st_size, 64 * 1024) + 256 * 1024
    run = prepdeck("import", path, home=home, preexec_fn=_file_size_limit(limit))
    assert run.code == 1, run.text
    assert "could not be" in run.err and "nothing was imported" in run.err
    assert database_dump(db_path) == before
    assert not (home / "crash.log").exists()
    assert not list(home.glob("crash.log*"))
    # Space is back: the same import goes through, whole.
    assert prepdeck("import", path, home=home).code == 0
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT count(*) FROM review_log WHERE item_id LIKE 'item-%'").fetchone()[0] == 20_000
    db.close()


def test_a_progress_file_over_the_cap_is_refused_unread(home, tmp_path):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: costs no disk, and is never read
    run = prepdeck("import", huge, home=home)
    assert run.code == 2
    assert "is 201 MB; the limit is 200 MB" in run.err


def test_rows_an_older_import_left_behind_are_quarantined_not_fatal(home):
    db = sqlite3.connect(database(home))
    db.execute(
        "INSERT INTO card_state (pack_id, item_id, variant, state, due_us, reps, lapses) "
        "VALUES ('tiny', 'c-two', 'main', 'banana', 0, 0, 0)"
    )
    db.execute(
        "INSERT INTO card_state (pack_id, item_id, variant, state, stability, difficulty, due_us, last_review_us, reps, lapses) "
        "VALUES ('tiny', 'q-x', 'main', 2, -4.0, 5.0, 0, 0, 1, 0)"
    )
    db.execute(
        "INSERT INTO review_log (pack_id, item_id, variant, rating, reviewed_us, before_json, after_json) "
        "VALUES ('tiny', 'c-two', 'main', 3, 1, 'not json', '{}')"
    )
    db.execute("INSERT INTO settings (key, value_json) VALUES ('study.day_start_hour', '99')")
    db.commit()
    db.close()
    run = prepdeck("stats", "--pack", STUDY_PACK, home=home)
    assert run.code == 0, run.text
    assert "4 stored progress row(s) held values prepdeck cannot use" in run.err
    (moved,) = home.glob("progress.sqlite3.quarantine-*.json")
    kept = json.loads(moved.read_text())
    assert sorted(row["item_id"] for row in kept["card_state"]) == ["c-two", "q-x"]
    assert kept["settings"] == [{"key": "study.day_start_hour", "value_json": "99"}]
    # The good progress is still there, and the second run has nothing left to say.
    again = prepdeck(
        "stats",
        "--pack",
        STUDY_PACK,
        home=home,
    )
    assert again.code == 0 and "cannot use" not in again.err
    assert "reviews: 1 in total" in again.out
