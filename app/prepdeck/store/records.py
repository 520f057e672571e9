"""Everything else a learner leaves behind: settings, drafts, drill attempts, mock-interview
sessions and sections marked as read (a mixin of `Store`; `self.db` is its connection)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from prepdeck.store.database import inserted_id, write_transaction
from prepdeck.store.timeconv import at_us, from_us, to_us


@dataclass(frozen=True)
class Draft:
    pack_id: str
    item_id: str
    text: str
    saved_at: datetime


@dataclass(frozen=True)
class DrillAttempt:
    id: int
    pack_id: str
    drill_id: str
    finished_at: datetime
    passed: bool
    text: str
    result: dict[str, Any]


@dataclass(frozen=True)
class MockSession:
    """A mock interview; `config`, `state` and `report` are free JSON owned by the mock feature."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    config: dict[str, Any]
    state: dict[str, Any]
    report: dict[str, Any] | None


_UNSET: Any = object()


class LearnerRecords:
    db: sqlite3.Connection

    # --- settings (JSON values) ----------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with write_transaction(self.db) as db:
            db.execute(
                "INSERT INTO settings (key, value_json) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
                (key, json.dumps(value)),
            )

    def all_settings(self) -> dict[str, Any]:
        return {
            key: json.loads(value) for key, value in self.db.execute("SELECT key, value_json FROM settings")
        }

    # --- editor drafts -------------------------------------------------------------------

    def save_draft(self, pack_id: str, item_id: str, text: str, saved_at: datetime) -> None:
        with write_transaction(self.db) as db:
            db.execute(
                "INSERT INTO draft (pack_id, item_id, text, saved_us) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (pack_id, item_id) DO UPDATE SET text = excluded.text, saved_us = excluded.saved_us",
                (pack_id, item_id, text, to_us(saved_at)),
            )

    def load_draft(self, pack_id: str, item_id: str) -> Draft | None:
        row = self.db.execute(
            "SELECT text, saved_us FROM draft WHERE pack_id = ? AND item_id = ?", (pack_id, item_id)
        ).fetchone()
        return Draft(pack_id, item_id, row[0], at_us(row[1])) if row else None

    def delete_draft(self, pack_id: str, item_id: str) -> None:
        with write_transaction(self.db) as db:
            db.execute("DELETE FROM draft WHERE pack_id = ? AND item_id = ?", (pack_id, item_id))

    def all_drafts(self) -> list[Draft]:
        rows = self.db.execute("SELECT pack_id, item_id, text, saved_us FROM draft ORDER BY pack_id, item_id")
        return [Draft(row[0], row[1], row[2], at_us(row[3])) for row in rows]

    # --- drill attempts ------------------------------------------------------------------

    def record_drill_attempt(
        self,
        pack_id: str,
        drill_id: str,
        passed: bool,
        text: str,
        finished_at: datetime,
        result: dict[str, Any] | None = None,
    ) -> int:
        with write_transaction(self.db) as db:
            cursor = db.execute(
                "INSERT INTO drill_attempt (pack_id, drill_id, finished_us, passed, text, result_json) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (pack_id, drill_id, to_us(finished_at), int(passed), text, json.dumps(result or {})),
            )
            return inserted_id(cursor)

    def drill_attempts(self, pack_id: str | None = None, drill_id: str | None = None) -> list[DrillAttempt]:
        query = "SELECT id, pack_id, drill_id, finished_us, passed, text, result_json FROM drill_attempt"
        clauses, params = [], []
        if pack_id is not None:
            clauses.append("pack_id = ?")
            params.append(pack_id)
        if drill_id is not None:
            clauses.append("drill_id = ?")
            params.append(drill_id)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        rows = self.db.execute(query + " ORDER BY finished_us, id", params)
        return [
            DrillAttempt(row[0], row[1], row[2], at_us(row[3]), bool(row[4]), row[5], json.loads(row[6]))
            for row in rows
        ]

    # --- mock-interview sessions ---------------------------------------------------------

    def create_mock_session(
        self, started_at: datetime, config: dict[str, Any], state: dict[str, Any] | None = None
    ) -> int:
        with write_transaction(self.db) as db:
            cursor = db.execute(
                "INSERT INTO mock_session (started_us, config_json, state_json) VALUES (?, ?, ?)",
                (to_us(started_at), json.dumps(config), json.dumps(state or {})),
            )
            return inserted_id(cursor)

    def update_mock_session(
        self,
        session_id: int,
        *,
        state: dict[str, Any] = _UNSET,
        report: dict[str, Any] | None = _UNSET,
        finished_at: datetime | None = _UNSET,
    ) -> None:
        """Change only the fields given; each call is one committed transaction."""
        assignments: list[str] = []
        params: list[str | int | None] = []
        if state is not _UNSET:
            assignments.append("state_json = ?")
            params.append(json.dumps(state))
        if report is not _UNSET:
            assignments.append("report_json = ?")
            params.append(None if report is None else json.dumps(report))
        if finished_at is not _UNSET:
            assignments.append("finished_us = ?")
            params.append(None if finished_at is None else to_us(finished_at))
        if not assignments:
            return
        with write_transaction(self.db) as db:
            db.execute(
                f"UPDATE mock_session SET {', '.join(assignments)} WHERE id = ?", (*params, session_id)
            )

    def get_mock_session(self, session_id: int) -> MockSession | None:
        row = self.db.execute(
            "SELECT id, started_us, finished_us, config_json, state_json, report_json FROM mock_session WHERE id = ?",
            (session_id,),
        ).fetchone()
        return _mock_session(row) if row else None

    def mock_sessions(self) -> list[MockSession]:
        """Every session, newest first."""
        rows = self.db.execute(
            "SELECT id, started_us, finished_us, config_json, state_json, report_json FROM mock_session "
            "ORDER BY started_us DESC, id DESC"
        )
        return [_mock_session(row) for row in rows]

    # --- sections marked as read ---------------------------------------------------------

    def mark_section_read(self, pack_id: str, section_id: str, read_at: datetime, read: bool = True) -> None:
        with write_transaction(self.db) as db:
            if read:
                db.execute(
                    "INSERT INTO section_read (pack_id, section_id, read_us) VALUES (?, ?, ?) "
                    "ON CONFLICT (pack_id, section_id) DO UPDATE SET read_us = excluded.read_us",
                    (pack_id, section_id, to_us(read_at)),
                )
            else:
                db.execute(
                    "DELETE FROM section_read WHERE pack_id = ? AND section_id = ?", (pack_id, section_id)
                )

    def sections_read(self, pack_id: str | None = None) -> dict[tuple[str, str], datetime]:
        if pack_id is None:
            rows = self.db.execute("SELECT pack_id, section_id, read_us FROM section_read")
        else:
            rows = self.db.execute(
                "SELECT pack_id, section_id, read_us FROM section_read WHERE pack_id = ?", (pack_id,)
            )
        return {(row[0], row[1]): at_us(row[2]) for row in rows}


def _mock_session(row: tuple[Any, ...]) -> MockSession:
    return MockSession(
        id=row[0],
        started_at=at_us(row[1]),
        finished_at=from_us(row[2]),
        config=json.loads(row[3]),
        state=json.loads(row[4]),
        report=json.loads(row[5]) if row[5] is not None else None,
    )
