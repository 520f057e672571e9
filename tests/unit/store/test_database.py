"""Opening the store: WAL, busy timeout, damaged files moved aside, newer databases refused."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prepdeck import locations
from prepdeck.store import SCHEMA_VERSION, CardState, ItemKey, Store, StoreError
from prepdeck.store.database import BUSY_TIMEOUT_MS

WHEN = datetime(2026, 3, 2, 9, 30, 15, tzinfo=UTC)


def _clock() -> datetime:
    return WHEN


def _store_with_rows(path: Path, rows: int = 400) -> None:
    with Store.open(path) as store:
        store.put_states(
            CardState(
                ItemKey("docker", f"card-{n}"),
                state=2,
                stability=3.0,
                difficulty=5.0,
                due=WHEN,
                last_review=WHEN,
            )
            for n in range(rows)
        )
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_the_default_path_is_in_the_data_folder_with_wal_and_a_busy_timeout(prepdeck_home: Path) -> None:
    with Store.open() as store:
        assert store.path == locations.database_path()
        assert store.path.parent == prepdeck_home
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS


def test_garbage_in_place_of_the_database_is_moved_aside_and_the_learner_told(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database at all\x00\xff" * 200)
    with Store.open(path, now=_clock) as store:
        assert len(store.notices) == 1
        assert "moved aside to progress.sqlite3.corrupt-20260302T093015Z" in store.notices[0]
        assert store.get_state(ItemKey("p", "i")).is_new
        store.set_setting("works", True)
    assert (tmp_path / "progress.sqlite3.corrupt-20260302T093015Z").read_bytes().startswith(b"this is not")


def test_a_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _store_with_rows(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    with Store.open(path, now=_clock) as store:
        assert "could not be read" in store.notices[0]
        assert list(store.iter_states()) == []
    assert len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 1


def test_damaged_pages_are_detected_at_open(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _store_with_rows(path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 4 * page] = b"\xa5" * (2 * page)  # scribble over two b-tree pages
    path.write_bytes(bytes(data))
    with Store.open(path, now=_clock) as store:
        assert store.notices and "moved aside" in store.notices[0]


def test_moving_aside_twice_in_one_second_keeps_both_files(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    for _ in range(2):
        path.write_bytes(b"garbage" * 1000)
        Store.open(path, now=_clock).close()
    assert len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 2


def test_a_database_from_a_newer_prepdeck_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _store_with_rows(path, rows=3)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match=r"written by a newer prepdeck .*Update prepdeck"):
        Store.open(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert db.execute("SELECT count(*) FROM card_state").fetchone()[0] == 3
    db.close()
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_folder_in_place_of_the_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.mkdir()
    with pytest.raises(StoreError, match="cannot open the progress database"):
        Store.open(path)
    assert path.is_dir()
