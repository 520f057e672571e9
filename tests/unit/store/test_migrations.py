"""Every schema step, started from every older version, keeps what the older database held."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prepdeck.store import SCHEMA_VERSION, ItemKey, Store, migrations
from prepdeck.store.migrations import UPGRADES, schema_version, upgrade
from prepdeck.store.timeconv import to_us

AT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def _fill(db: sqlite3.Connection, version: int) -> None:
    """Rows an older prepdeck at `version` would have written, in that version's columns."""
    if version >= 1:
        db.execute(
            "INSERT INTO card_state (pack_id, item_id, variant, state, step, stability, difficulty, due_us, "
            "last_review_us, first_review_us, reps, lapses) VALUES ('docker', 'pid-one', 'main', 2, NULL, 12.5, "
            "5.0, ?, ?, ?, 4, 1)",
            (to_us(AT) + 86_400_000_000, to_us(AT), to_us(AT)),
        )
        db.execute(
            "INSERT INTO review_log (pack_id, item_id, variant, rating, reviewed_us, duration_ms, before_json, "
            "after_json) VALUES ('docker', 'pid-one', 'main', 3, ?, 4200, '{\"state\": 1}', '{\"state\": 2}')",
            (to_us(AT),),
        )
        db.execute("INSERT INTO settings (key, value_json) VALUES ('study.new_per_day', '12')")
    if version >= 2:
        db.execute(
            "INSERT INTO draft (pack_id, item_id, text, saved_us) VALUES ('docker', 'drill-1', 'FROM x', ?)",
            (to_us(AT),),
        )
        db.execute(
            "INSERT INTO drill_attempt (pack_id, drill_id, finished_us, passed, text) VALUES ('docker', 'drill-1', ?, 1, 'FROM y')",
            (to_us(AT),),
        )
        db.execute(
            "INSERT INTO mock_session (started_us, config_json) VALUES (?, '{\"questions\": 3}')",
            (to_us(AT),),
        )
    if version >= 3:
        db.execute(
            "INSERT INTO section_read (pack_id, section_id, read_us) VALUES ('docker', 'pid1', ?)",
            (to_us(AT),),
        )


def _database_at(path: Path, version: int) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    upgrade(db, target=version)
    _fill(db, version)
    db.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_an_older_database_is_upgraded_and_keeps_its_rows(tmp_path: Path, version: int) -> None:
    path = tmp_path / "progress.sqlite3"
    _database_at(path, version)
    with Store.open(path) as store:
        assert schema_version(store.db) == SCHEMA_VERSION
        assert store.notices == []
        state = store.get_state(ItemKey("docker", "pid-one"))
        if version >= 1:
            assert (state.state, state.stability, state.reps, state.lapses) == (2, 12.5, 4, 1)
            assert state.suspended is False and state.leech is False
            assert [r.duration_ms for r in store.reviews()] == [4200]
            assert [r.answer_score for r in store.reviews()] == [None]  # scored before scores were kept
            assert store.get_setting("study.new_per_day") == 12
        else:
            assert state.is_new and store.reviews() == []
        if version >= 2:
            assert store.load_draft("docker", "drill-1").text == "FROM x"
            assert [a.passed for a in store.drill_attempts("docker", "drill-1")] == [True]
            assert store.mock_sessions()[0].config == {"questions": 3}
        # Every table of the newest schema is usable after the upgrade.
        store.mark_section_read("docker", "layers", AT)
        store.save_draft("docker", "drill-2", "FROM z", AT)
        assert ("docker", "layers") in store.sections_read()
        key = ItemKey("docker", "q-probes")
        store.record_review(store.get_state(key), store.get_state(key), 3, AT, 9000, answer_score=0.75)
        assert [r.answer_score for r in store.reviews() if r.key == key] == [0.75]


@pytest.mark.parametrize("start", range(SCHEMA_VERSION))
def test_each_step_alone_moves_one_version(tmp_path: Path, start: int) -> None:
    db = sqlite3.connect(tmp_path / "step.sqlite3", isolation_level=None)
    upgrade(db, target=start)
    assert schema_version(db) == start
    assert upgrade(db, target=start + 1) == start + 1
    db.close()


def test_a_failing_step_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = sqlite3.connect(tmp_path / "fail.sqlite3", isolation_level=None)
    upgrade(db, target=1)

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrations, "UPGRADES", [UPGRADES[0], broken, *UPGRADES[2:]])
    with pytest.raises(RuntimeError):
        upgrade(db)
    assert schema_version(db) == 1
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
