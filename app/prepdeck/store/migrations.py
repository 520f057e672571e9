"""Schema versions, chosen by `PRAGMA user_version`: one upgrade function per version.

`UPGRADES[n]` takes a database at version n to version n + 1. A fresh database runs every step from
0, so the path a new learner takes is the same one an old database takes; tests start from every
older version and check that what it held survives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would commit the open upgrade transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _to_v1(db: sqlite3.Connection) -> None:
    """Scheduling: one row per reviewable side of an item, the review log, and settings."""
    _run(
        db,
        """
        CREATE TABLE card_state (
            pack_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            variant TEXT NOT NULL,
            state INTEGER NOT NULL,          -- 0 new, else fsrs.State (1 learning, 2 review, 3 relearning)
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due_us INTEGER NOT NULL,
            last_review_us INTEGER,
            first_review_us INTEGER,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (pack_id, item_id, variant)
        );
        CREATE INDEX card_state_due ON card_state (due_us);
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            pack_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            variant TEXT NOT NULL,
            rating INTEGER NOT NULL,
            reviewed_us INTEGER NOT NULL,
            duration_ms INTEGER,
            before_json TEXT NOT NULL,
            after_json TEXT NOT NULL
        );
        CREATE INDEX review_log_time ON review_log (reviewed_us);
        CREATE INDEX review_log_item ON review_log (pack_id, item_id, variant);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL);
        """,
    )


def _to_v2(db: sqlite3.Connection) -> None:
    """Drills and interviews: attempts, editor drafts, mock-interview sessions."""
    _run(
        db,
        """
        CREATE TABLE drill_attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            pack_id TEXT NOT NULL,
            drill_id TEXT NOT NULL,
            finished_us INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            text TEXT NOT NULL,
            result_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX drill_attempt_item ON drill_attempt (pack_id, drill_id);
        CREATE TABLE draft (
            pack_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_us INTEGER NOT NULL,
            PRIMARY KEY (pack_id, item_id)
        );
        CREATE TABLE mock_session (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_us INTEGER NOT NULL,
            finished_us INTEGER,
            config_json TEXT NOT NULL DEFAULT '{}',
            state_json TEXT NOT NULL DEFAULT '{}',
            report_json TEXT
        );
        """,
    )


def _to_v3(db: sqlite3.Connection) -> None:
    """Learner control: suspend, leech flag, bury for the day; sections marked as read."""
    _run(
        db,
        """
        ALTER TABLE card_state ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE card_state ADD COLUMN leech INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE card_state ADD COLUMN buried_until_us INTEGER;
        CREATE TABLE section_read (
            pack_id TEXT NOT NULL,
            section_id TEXT NOT NULL,
            read_us INTEGER NOT NULL,
            PRIMARY KEY (pack_id, section_id)
        );
        """,
    )


def _to_v4(db: sqlite3.Connection) -> None:
    """Indexes for today's queue: reviews in due order by state, and the few buried sides."""
    _run(
        db,
        """
        CREATE INDEX card_state_queue ON card_state (state, suspended, due_us);
        CREATE INDEX card_state_buried ON card_state (buried_until_us) WHERE buried_until_us IS NOT NULL
        """,
    )


def _to_v5(db: sqlite3.Connection) -> None:
    """The grader's score of an interview answer beside the rating it led to (stats per section)."""
    _run(db, "ALTER TABLE review_log ADD COLUMN answer_score REAL")


UPGRADES: list[Callable[[sqlite3.Connection], None]] = [_to_v1, _to_v2, _to_v3, _to_v4, _to_v5]
SCHEMA_VERSION = len(UPGRADES)


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def upgrade(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Run the steps from the database's version up to `target`, each in its own transaction.

    Returns the version reached. The caller refuses a database newer than this prepdeck before
    calling this; a step that fails rolls back and leaves the database at the previous version.
    """
    version = schema_version(db)
    while version < target:
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have upgraded while we waited for the write lock.
            version = schema_version(db)
            if version >= target:
                db.execute("COMMIT")
                break
            UPGRADES[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        version += 1
    return schema_version(db)
