"""`prepdeck grade`, `stats`, `export` and `import` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.store import SCHEMA_VERSION, CardState, ItemKey, Store
from prepdeck.study.progress_io import FORMAT_VERSION

PACK = Path(__file__).resolve().parents[2] / "fixtures" / "study"
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_grade_prints_the_json_contract(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("There are multiple stages and the image is smaller.", encoding="utf-8")
    code, out, _ = _run(
        capsys,
        "grade",
        "multi-stage-why",
        "--answer-file",
        str(answer),
        "--pack",
        str(PACK),
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["covered"] == ["several-from", "smaller"] and data["missed"] == ["copy-from"]
    assert data["misconceptions"] == [] and 0 < data["score"] < 1 and data["suggested_rating"] in (2, 3)


def test_grade_in_text_names_points_and_misconceptions(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("Docker builds images in parallel with multiple stages.", encoding="utf-8")
    code, out, _ = _run(capsys, "grade", "multi-stage-why", "--answer-file", str(answer), "--pack", str(PACK))
    assert code == 0
    assert "covered  several FROM stages" in out and "missed   COPY --from" in out
    assert "wrong    builds images in parallel" in out


def test_grade_an_unknown_question_suggests_the_closest(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("x", encoding="utf-8")
    code, _, err = _run(capsys, "grade", "multi-stage-wy", "--answer-file", str(answer), "--pack", str(PACK))
    assert code == 2
    assert "no question 'multi-stage-wy'" in err and "did you mean 'multi-stage-why'?" in err


def test_grade_a_missing_answer_file_is_a_message(tmp_path: Path, capsys) -> None:
    code, _, err = _run(
        capsys, "grade", "multi-stage-why", "--answer-file", str(tmp_path / "nope.txt"), "--pack", str(PACK)
    )
    assert code == 2 and "cannot read the answer file" in err and "Traceback" not in err


def test_stats_json_reflects_stored_reviews(capsys) -> None:
    key = ItemKey("tiny", "c-one")
    with Store.open() as store:
        store.record_review(
            CardState(key),
            CardState(key, state=1, step=1, stability=2.0, difficulty=5.0, due=AT, last_review=AT),
            3,
            AT,
            4000,
        )
    code, out, _ = _run(capsys, "stats", "--pack", str(PACK), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["total_reviews"] == 1 and data["time_spent_ms"] == 4000
    [builds] = [entry for entry in data["mastery"]["sections"] if entry["pack"] == "tiny"]
    assert builds["section"] == "builds" and 0 < builds["mastery"] < 1
    code, out, _ = _run(capsys, "stats", "--pack", str(PACK))
    assert code == 0 and "reviews: 1 in total" in out


def test_stats_with_a_newer_database_is_refused_with_a_message(prepdeck_home: Path, capsys) -> None:
    Store.open().close()
    db = sqlite3.connect(prepdeck_home / "progress.sqlite3")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.commit()
    db.close()
    code, _, err = _run(capsys, "stats", "--pack", str(PACK))
    assert code == 2 and "newer prepdeck" in err


def test_export_then_import_into_a_fresh_folder_round_trips(
    tmp_path: Path, prepdeck_home: Path, monkeypatch, capsys
) -> None:
    key = ItemKey("tiny", "c-one")
    after = CardState(
        key, state=2, stability=4.0, difficulty=5.0, due=AT, last_review=AT, first_review=AT, reps=1
    )
    with Store.open() as store:
        store.record_review(CardState(key), after, 4, AT, 3000)
        store.save_draft("tiny", "drill-x", "FROM alpine:3.20", AT)
        store.record_drill_attempt("tiny", "drill-x", True, "FROM alpine:3.20", AT)
        session = store.create_mock_session(AT, {"questions": 3}, {"index": 1})
        store.update_mock_session(session, report={"score": 0.5}, finished_at=AT)
        store.mark_section_read("tiny", "builds", AT)
        store.set_setting("study.new_per_day", 7)
    exported = tmp_path / "progress.json"
    code, _, err = _run(capsys, "export", str(exported))
    assert code == 0 and "wrote" in err
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "prepdeck-progress" and data["version"] == FORMAT_VERSION

    monkeypatch.setenv("PREPDECK_HOME", str(tmp_path / "other-home"))
    for _ in range(2):  # importing twice adds nothing the second time
        code, _, err = _run(capsys, "import", str(exported))
        assert code == 0
    assert "imported 0 card state(s), 0 review(s)" in err
    with Store.open() as store:
        assert store.get_state(key) == after
        assert [(r.rating, r.duration_ms) for r in store.reviews()] == [(4, 3000)]
        assert store.load_draft("tiny", "drill-x").text == "FROM alpine:3.20"
        assert len(store.drill_attempts()) == 1
        assert [(m.config, m.report) for m in store.mock_sessions()] == [({"questions": 3}, {"score": 0.5})]
        assert ("tiny", "builds") in store.sections_read()
        assert store.get_setting("study.new_per_day") == 7


def test_import_keeps_the_more_recent_local_state(tmp_path: Path, capsys) -> None:
    key = ItemKey("tiny", "c-one")
    old = CardState(key, state=2, stability=4.0, difficulty=5.0, due=AT, last_review=AT, reps=1)
    newer = old.with_changes(last_review=AT.replace(day=20), reps=5)
    with Store.open() as store:
        store.put_states([old])
    exported = tmp_path / "old.json"
    assert _run(capsys, "export", str(exported))[0] == 0
    with Store.open() as store:
        store.put_states([newer])
    assert _run(capsys, "import", str(exported))[0] == 0
    with Store.open() as store:
        assert store.get_state(key) == newer


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"format": "prepdeck-progress", "version": 99, "app_version": "9.0"}',
            "version 99, written by a newer prepdeck",
        ),
        ('{"format": "something-else", "version": 1}', "not a prepdeck progress file"),
        ('{"format": "prepdeck-progress",\n "version": 1,,}', "line 2, column"),
        (
            '{"format": "prepdeck-progress", "version": 1, "card_states": [{"pack": "x", "item": "y", "state": {"state": 2}}], "reviews": [{"pack": "x"}]}',
            '$.reviews[0]: the field "item" is missing',
        ),
    ],
)
def test_import_refuses_files_it_cannot_use(tmp_path: Path, capsys, content: str, message: str) -> None:
    path = tmp_path / "progress.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = _run(capsys, "import", str(path))
    assert code == 1 and message in err and "Traceback" not in err
    with Store.open() as store:
        assert list(store.iter_states()) == []  # nothing half-imported


def test_import_of_a_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = _run(capsys, "import", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err


def test_progress_report_in_markdown_and_json(tmp_path: Path, capsys) -> None:
    markdown = tmp_path / "report.md"
    assert _run(capsys, "export", str(markdown), "--report", "progress", "--pack", str(PACK))[0] == 0
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# Progress on ") and "| tiny | Builds | 0% |" in text
    as_json = tmp_path / "report.json"
    assert _run(capsys, "export", str(as_json), "--report", "progress", "--pack", str(PACK))[0] == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["total_reviews"] == 0


def test_a_report_needs_a_known_suffix_and_a_mock_report_a_session(tmp_path: Path, capsys) -> None:
    code, _, err = _run(
        capsys, "export", str(tmp_path / "report.pdf"), "--report", "progress", "--pack", str(PACK)
    )
    assert code == 2 and "FILE.md" in err
    code, _, err = _run(capsys, "export", str(tmp_path / "mock.md"), "--report", "mock", "--pack", str(PACK))
    assert code == 2 and "Traceback" not in err and err.strip()
    code, _, err = _run(capsys, "export", "--report", "mock", "--session", "latest", "--pack", str(PACK))
    assert code == 2 and "--session takes a session number" in err


def test_unsuspend_lists_suspended_sides_and_brings_the_named_ones_back(capsys) -> None:
    one, two = ItemKey("tiny", "c-one"), ItemKey("tiny", "c-two")
    with Store.open() as store:
        store.put_states(
            [
                CardState(
                    one,
                    state=2,
                    stability=2.0,
                    difficulty=5.0,
                    due=AT,
                    last_review=AT,
                    reps=1,
                    suspended=True,
                ),
                CardState(two, suspended=True),
            ]
        )
    code, out, _ = _run(capsys, "unsuspend", "--pack", str(PACK))
    assert code == 0 and out.splitlines() == ["tiny/c-one (main)", "tiny/c-two (main)"]
    code, out, err = _run(capsys, "unsuspend", "--pack", str(PACK), "tiny/c-one", "c-nope")
    assert code == 2 and out == "unsuspended tiny/c-one (main)\n" and "no suspended side of 'c-nope'" in err
    with Store.open() as store:
        assert not store.get_state(one).suspended and store.get_state(two).suspended
        assert store.get_state(one).due == AT  # its schedule is kept
    code, out, _ = _run(capsys, "unsuspend", "--pack", str(PACK), "--all")
    assert code == 0 and out == "unsuspended tiny/c-two (main)\n"
    code, out, err = _run(capsys, "unsuspend", "--pack", str(PACK))
    assert code == 0 and out == "" and "no side is suspended" in err


def test_answer_scores_travel_through_export_and_import_and_stats_show_their_mean_by_section_title(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """Issue 12: the mean score of interview answers per section, from the stored scores, in
    `prepdeck stats` (text and JSON); sections and leeches by their titles, never their ids."""
    question, card = ItemKey("tiny", "multi-stage-why"), ItemKey("tiny", "c-one")
    reviewed = CardState(question, state=2, stability=4.0, difficulty=5.0, due=AT, last_review=AT, reps=1)
    with Store.open() as store:
        store.record_review(CardState(question), reviewed, 3, AT, 60_000, answer_score=0.8)
        store.record_review(reviewed, reviewed, 2, AT.replace(day=3), 60_000, answer_score=0.5)
        # and one stored before scores were kept
        store.record_review(reviewed, reviewed, 3, AT.replace(day=4), 60_000)
        store.put_states(
            [
                CardState(
                    card, state=2, stability=3.0, difficulty=5.0, due=AT, last_review=AT, lapses=8, leech=True
                )
            ]
        )
    code, out, _ = _run(capsys, "stats", "--pack", str(PACK), "--format", "json")
    [answers] = json.loads(out)["practice"]["answers"]
    assert answers == {
        "pack": "tiny",
        "section": "builds",
        "given": 3,
        "rated_good_or_easy": 2,
        "mean_score": 0.65,
    }
    code, out, _ = _run(capsys, "stats", "--pack", str(PACK))
    assert (
        "  Tiny: Builds: 3 given, 2 rated Good or Easy, mean score 65%" in out
    )  # two packs: the built-in one too
    assert "  What does COPY --from do? (Tiny)" in out
    assert "c-one" not in out and "tiny/" not in out and "builds:" not in out

    exported = tmp_path / "progress.json"
    assert _run(capsys, "export", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [entry["answer_score"] for entry in data["reviews"]] == [0.8, 0.5, None]
    for entry in data["reviews"][1:]:
        del entry["answer_score"]  # as a file from before scores were kept
    old_file = tmp_path / "old.json"
    old_file.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("PREPDECK_HOME", str(tmp_path / "other-home"))
    assert _run(capsys, "import", str(old_file))[0] == 0
    with Store.open() as store:
        assert [r.answer_score for r in store.reviews()] == [0.8, None, None]
    data["reviews"][0]["answer_score"] = 1.5
    old_file.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = _run(capsys, "import", str(old_file))
    assert code == 1 and "$.reviews[0].answer_score: 1.5" in err
