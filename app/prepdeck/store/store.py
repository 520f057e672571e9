"""The progress store: one SQLite database in the data folder, opened through `Store.open`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from prepdeck.store.database import open_database
from prepdeck.store.progress import ProgressTables
from prepdeck.store.records import LearnerRecords
from prepdeck.store.validity import quarantine_invalid_rows


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store(ProgressTables, LearnerRecords):
    """All learner data. Every write method commits before it returns.

    `Store.open()` opens `prepdeck.locations.database_path()` (or `path`), creating, upgrading or
    recovering it; `notices` then holds sentences to show the learner (e.g. a damaged database
    moved aside). It raises `StoreError` for a database from a newer prepdeck.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, notices: list[str]) -> None:
        self.db = connection
        self.path = path
        self.notices = notices
        self._seen_data_version = self._data_version()

    def changed_elsewhere(self) -> bool:
        """True once after another process (a second terminal, another browser tab) committed.

        SQLite's data_version moves only for commits made through other connections, so this
        costs one PRAGMA and never fires for our own writes.
        """
        current = self._data_version()
        changed, self._seen_data_version = current != self._seen_data_version, current
        return changed

    def _data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    @classmethod
    def open(cls, path: Path | None = None, now: Callable[[], datetime] = utc_now) -> Store:
        if path is None:
            from prepdeck.locations import database_path

            path = database_path()
        opened = open_database(Path(path), now)
        try:
            notice = quarantine_invalid_rows(opened.connection, Path(path), now())
        except sqlite3.Error:
            notice = None  # a read-only or full disk: the rows stay, and so does the rest
        if notice:
            opened.notices.append(notice)
        return cls(opened.connection, Path(path), opened.notices)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
