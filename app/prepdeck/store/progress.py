"""Card state and the append-only review log (a mixin of `Store`; `self.db` is its connection)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from prepdeck.store.cards import LEARNING, NEW, RELEARNING, REVIEW, CardState, ItemKey, ReviewRecord
from prepdeck.store.database import inserted_id, write_transaction
from prepdeck.store.timeconv import at_us, from_us, to_us

_STATE_COLUMNS = (
    "pack_id, item_id, variant, state, step, stability, difficulty, due_us, last_review_us, "
    "first_review_us, reps, lapses, suspended, leech, buried_until_us"
)
_GENERATION = "store.new_generation"
_UPSERT = f"""
    INSERT INTO card_state ({_STATE_COLUMNS}) VALUES ({", ".join("?" * 15)})
    ON CONFLICT (pack_id, item_id, variant) DO UPDATE SET
        state = excluded.state, step = excluded.step, stability = excluded.stability,
        difficulty = excluded.difficulty, due_us = excluded.due_us,
        last_review_us = excluded.last_review_us, first_review_us = excluded.first_review_us,
        reps = excluded.reps, lapses = excluded.lapses, suspended = excluded.suspended,
        leech = excluded.leech, buried_until_us = excluded.buried_until_us
"""


def _row_to_state(row: tuple[Any, ...]) -> CardState:
    return CardState(
        key=ItemKey(row[0], row[1], row[2]),
        state=row[3],
        step=row[4],
        stability=row[5],
        difficulty=row[6],
        due=from_us(row[7]) if row[3] != NEW else None,
        last_review=from_us(row[8]),
        first_review=from_us(row[9]),
        reps=row[10],
        lapses=row[11],
        suspended=bool(row[12]),
        leech=bool(row[13]),
        buried_until=from_us(row[14]),
    )


def _state_params(card: CardState) -> tuple[Any, ...]:
    key = card.key
    return (
        key.pack_id,
        key.item_id,
        key.variant,
        card.state,
        card.step,
        card.stability,
        card.difficulty,
        to_us(card.due) if card.due is not None else 0,
        to_us(card.last_review) if card.last_review else None,
        to_us(card.first_review) if card.first_review else None,
        card.reps,
        card.lapses,
        int(card.suspended),
        int(card.leech),
        to_us(card.buried_until) if card.buried_until else None,
    )


class ProgressTables:
    db: sqlite3.Connection

    # --- reading state ---------------------------------------------------------------------

    def get_state(self, key: ItemKey) -> CardState:
        """The stored state, or a fresh NEW state when the side was never touched."""
        row = self.db.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE pack_id = ? AND item_id = ? AND variant = ?",
            (key.pack_id, key.item_id, key.variant),
        ).fetchone()
        return _row_to_state(row) if row else CardState(key=key)

    def iter_states(self, pack_id: str | None = None) -> Iterator[CardState]:
        if pack_id is None:
            rows = self.db.execute(f"SELECT {_STATE_COLUMNS} FROM card_state")
        else:
            rows = self.db.execute(f"SELECT {_STATE_COLUMNS} FROM card_state WHERE pack_id = ?", (pack_id,))
        for row in rows:
            yield _row_to_state(row)

    def due_learning(self, until: datetime) -> list[CardState]:
        """Unsuspended learning and relearning sides due before `until`, earliest first."""
        rows = self.db.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE state IN ({LEARNING}, {RELEARNING}) AND suspended = 0 "
            "AND due_us < ? ORDER BY due_us, pack_id, item_id, variant",
            (to_us(until),),
        )
        return [_row_to_state(row) for row in rows]

    def iter_due_reviews(self, until: datetime, page: int = 256) -> Iterator[CardState]:
        """Unsuspended review sides due before `until`, most overdue first, read a page at a time
        so a queue that needs 200 never loads the thousands behind them."""
        offset = 0
        while True:
            rows = self.db.execute(
                f"SELECT {_STATE_COLUMNS} FROM card_state WHERE state = {REVIEW} AND suspended = 0 AND due_us < ? "
                "ORDER BY due_us, pack_id, item_id, variant LIMIT ? OFFSET ?",
                (to_us(until), page, offset),
            ).fetchall()
            yield from (_row_to_state(row) for row in rows)
            if len(rows) < page:
                return
            offset += page

    def iter_due_from(self, moment: datetime) -> Iterator[tuple[datetime, ItemKey]]:
        """Unsuspended started sides due at or after `moment`, earliest first, read lazily (an
        empty queue says when the next card comes: the caller stops at the first it can use)."""
        rows = self.db.execute(
            f"SELECT due_us, pack_id, item_id, variant FROM card_state WHERE state != {NEW} "
            "AND suspended = 0 AND due_us >= ? ORDER BY due_us",
            (to_us(moment),),
        )
        for due_us, pack_id, item_id, variant in rows:
            yield at_us(due_us), ItemKey(pack_id, item_id, variant)

    def side_status(self, pack_id: str, item_ids: list[str], now: datetime) -> dict[tuple[str, str], int]:
        """For the stored sides of these items: (item id, variant) -> 1 started or suspended,
        2 buried until later than `now`; sides not listed are new."""
        found: dict[tuple[str, str], int] = {}
        unique = list(dict.fromkeys(item_ids))
        for start in range(0, len(unique), 900):
            chunk = unique[start : start + 900]
            rows = self.db.execute(
                "SELECT item_id, variant, state, suspended, buried_until_us FROM card_state "
                f"WHERE pack_id = ? AND item_id IN ({', '.join('?' * len(chunk))})",
                (pack_id, *chunk),
            )
            now_us = to_us(now)
            for item_id, variant, state, suspended, buried_us in rows:
                if state != NEW or suspended:
                    found[(item_id, variant)] = 1
                elif buried_us is not None and buried_us > now_us:
                    found[(item_id, variant)] = 2
        return found

    def started_tokens(self, pack_id: str) -> set[str]:
        """`side_token`s of a pack's started or suspended sides, in one pass: SQLite joins them into one
        string (record separator, char 30) that Python splits in C, far cheaper than a row each."""
        text = self.db.execute(
            "SELECT group_concat(pack_id || char(31) || item_id || char(31) || variant, char(30)) "
            f"FROM card_state WHERE pack_id = ? AND (state != {NEW} OR suspended = 1)",
            (pack_id,),
        ).fetchone()[0]
        return set(text.split("\x1e")) if text else set()

    def new_generation(self) -> int:
        """Bumped by every change that can turn a started side back into a new one (see _bump)."""
        row = self.db.execute("SELECT value_json FROM settings WHERE key = ?", (_GENERATION,)).fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        """Inside a write transaction: caches of which sides are new (any process's) are now stale."""
        db.execute(
            "INSERT INTO settings (key, value_json) VALUES (?, '1') "
            "ON CONFLICT (key) DO UPDATE SET value_json = CAST(value_json AS INTEGER) + 1",
            (_GENERATION,),
        )

    # --- writing state ---------------------------------------------------------------------

    def put_states(self, cards: Iterable[CardState]) -> None:
        cards = list(cards)
        with write_transaction(self.db) as db:
            db.executemany(_UPSERT, [_state_params(card) for card in cards])
            if any(card.state == NEW and not card.suspended and card.buried_until is None for card in cards):
                self._bump(db)

    def record_review(
        self,
        before: CardState,
        after: CardState,
        rating: int,
        reviewed_at: datetime,
        duration_ms: int | None,
        answer_score: float | None = None,
    ) -> int:
        """Store the new state and append the log row in one transaction; returns the log row id.
        `answer_score` is the grader's score of an interview answer (0..1), None for a card."""
        key = after.key
        with write_transaction(self.db) as db:
            db.execute(_UPSERT, _state_params(after))
            cursor = db.execute(
                "INSERT INTO review_log (pack_id, item_id, variant, rating, reviewed_us, duration_ms, "
                "before_json, after_json, answer_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key.pack_id,
                    key.item_id,
                    key.variant,
                    rating,
                    to_us(reviewed_at),
                    duration_ms,
                    before.to_json(),
                    after.to_json(),
                    answer_score,
                ),
            )
            return inserted_id(cursor)

    def undo_review(self, log_id: int) -> ReviewRecord | None:
        """Restore the state a review replaced and delete its log row.

        Returns None (and changes nothing) when the row is gone or the side changed since, so an
        undo never overwrites newer progress.
        """
        with write_transaction(self.db) as db:
            record = self._review_by_id(log_id)
            if record is None or self.get_state(record.key) != record.after:
                return None
            db.execute(_UPSERT, _state_params(record.before))
            db.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
            if record.before.state == NEW:
                self._bump(db)
            return record

    def reset_pack(self, pack_id: str) -> int:
        """Forget the schedule of every side of a pack; the review log (history) is kept."""
        with write_transaction(self.db) as db:
            self._bump(db)
            return db.execute("DELETE FROM card_state WHERE pack_id = ?", (pack_id,)).rowcount

    def rename_item(self, pack_id: str, old_id: str, new_id: str) -> bool:
        """Carry an item's progress to its new id (`replaces`); a no-op when the new id has progress.

        Checked first without the write lock: on most starts there is nothing left to carry.
        """
        if not self._can_rename(pack_id, old_id, new_id):
            return False
        with write_transaction(self.db) as db:
            if not self._can_rename(pack_id, old_id, new_id):
                return False
            for table in ("card_state", "review_log"):
                db.execute(
                    f"UPDATE {table} SET item_id = ? WHERE pack_id = ? AND item_id = ?",
                    (new_id, pack_id, old_id),
                )
            return True

    def _can_rename(self, pack_id: str, old_id: str, new_id: str) -> bool:
        def has(item_id: str) -> bool:
            query = "SELECT 1 FROM card_state WHERE pack_id = ? AND item_id = ? LIMIT 1"
            return self.db.execute(query, (pack_id, item_id)).fetchone() is not None

        return has(old_id) and not has(new_id)

    # --- the log ---------------------------------------------------------------------------

    def _review_by_id(self, log_id: int) -> ReviewRecord | None:
        row = self.db.execute(
            "SELECT id, pack_id, item_id, variant, rating, reviewed_us, duration_ms, before_json, after_json, answer_score "
            "FROM review_log WHERE id = ?",
            (log_id,),
        ).fetchone()
        return _row_to_record(row) if row else None

    def reviews(self, since: datetime | None = None, until: datetime | None = None) -> list[ReviewRecord]:
        """Log rows in time order, optionally within [since, until)."""
        low = to_us(since) if since else -(2**62)
        high = to_us(until) if until else 2**62
        rows = self.db.execute(
            "SELECT id, pack_id, item_id, variant, rating, reviewed_us, duration_ms, before_json, after_json, "
            "answer_score FROM review_log WHERE reviewed_us >= ? AND reviewed_us < ? ORDER BY reviewed_us, id",
            (low, high),
        )
        return [_row_to_record(row) for row in rows]

    def review_facts(self) -> Iterator[tuple[int, int | None, int, int | None, int | None, int | None]]:
        """Per log row, only what statistics need, extracted by SQLite without parsing JSON in Python:
        (reviewed_us, duration_ms, rating, state before, due_us before, last_review_us before)."""
        yield from self.db.execute(
            "SELECT reviewed_us, duration_ms, rating, json_extract(before_json, '$.state'), "
            "json_extract(before_json, '$.due'), json_extract(before_json, '$.last_review') "
            "FROM review_log ORDER BY reviewed_us, id"
        )

    def review_ratings(self) -> Iterator[tuple[str, str, int, float | None]]:
        """(pack id, item id, rating, answer score or None) of every logged review, oldest first
        (statistics per item)."""
        yield from self.db.execute(
            "SELECT pack_id, item_id, rating, answer_score FROM review_log ORDER BY reviewed_us, id"
        )

    def review_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM review_log").fetchone()[0])

    def append_reviews(self, records: Iterable[ReviewRecord]) -> None:
        """Bulk insert of log rows (import and synthetic histories); ids are assigned afresh."""
        with write_transaction(self.db) as db:
            db.executemany(
                "INSERT INTO review_log (pack_id, item_id, variant, rating, reviewed_us, duration_ms, "
                "before_json, after_json, answer_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        r.key.pack_id,
                        r.key.item_id,
                        r.key.variant,
                        r.rating,
                        to_us(r.reviewed_at),
                        r.duration_ms,
                        r.before.to_json(),
                        r.after.to_json(),
                        r.answer_score,
                    )
                    for r in records
                ],
            )


def _row_to_record(row: tuple[Any, ...]) -> ReviewRecord:
    key = ItemKey(row[1], row[2], row[3])
    return ReviewRecord(
        id=row[0],
        key=key,
        rating=row[4],
        reviewed_at=at_us(row[5]),
        duration_ms=row[6],
        before=CardState.from_json(key, row[7]),
        after=CardState.from_json(key, row[8]),
        answer_score=row[9],
    )
