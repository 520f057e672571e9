"""Opening the progress database safely: WAL, a busy timeout, integrity checked at start.

A database that SQLite cannot read (corrupt, truncated, not a database at all) is moved aside under
a timestamped name and a fresh one is created; the caller gets a sentence to show the learner. A
database written by a newer prepdeck is refused, never downgraded.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prepdeck.store.migrations import SCHEMA_VERSION, schema_version, upgrade

BUSY_TIMEOUT_MS = 10_000
_SIDE_FILES = ("-wal", "-shm", "-journal")


class StoreError(Exception):
    """The progress database cannot be used; the message is written for the learner."""


class StoreWriteError(StoreError):
    """A write failed and was rolled back (a full disk, say): nothing of it was committed.

    The message is one sentence for the learner; trying again later may succeed."""


def _write_failure(error: sqlite3.Error) -> str | None:
    """A sentence for errors that mean "could not write" (disk full, I/O, read-only), else None."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error).lower()
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return "the disk is full, so the progress could not be saved"
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) or "disk i/o" in text:
        return f"the progress database could not be written ({error})"
    return None


@dataclass
class Opened:
    connection: sqlite3.Connection
    notices: list[str] = field(default_factory=list)


class _Connection(sqlite3.Connection):
    """A connection that screens may share between threads (a worker saving a draft while the
    main thread grades): each write transaction holds `write_lock`, so two never interleave."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.write_lock = threading.RLock()


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT), never implicit.
    db = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        factory=_Connection,
    )
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _check_readable(db: sqlite3.Connection) -> None:
    """Raise sqlite3.DatabaseError when the file is not a sound SQLite database."""
    row = db.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else 'no answer'}")


def _header_version(path: Path) -> int | None:
    """`PRAGMA user_version` read from the file's header bytes, without opening it in SQLite
    (which could change it: a WAL switch, a journal); None when it is not an SQLite file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    return int.from_bytes(header[60:64], "big", signed=True)


def _refuse_newer(path: Path, found: int) -> None:
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"The progress database {path} was written by a newer prepdeck (schema {found}; this one "
            f"reads up to {SCHEMA_VERSION}). Update prepdeck to use it; it was left untouched."
        )


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """Damage (move the file aside) as opposed to a lock or a permission problem (report, keep the file)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return "integrity check failed" in str(error) or not isinstance(error, sqlite3.OperationalError)
    return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _move_aside(path: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.rename(target)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_database(path: Path, now: Callable[[], datetime]) -> Opened:
    """Open (creating or upgrading as needed) the database at `path`.

    Raises StoreError for a database from a newer prepdeck, or one that cannot be opened at all
    (for example a folder in its place, or no permission).
    """
    notices: list[str] = []
    _refuse_newer(path, _header_version(path) or 0)  # before anything could write to it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _connect(path)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"cannot open the progress database {path}: {error}") from error
    try:
        _check_readable(db)
    except sqlite3.DatabaseError as error:
        db.close()
        if not path.is_file() or not _is_damage(error):
            raise StoreError(f"cannot open the progress database {path}: {error}") from error
        moved = _move_aside(path, now())
        notices.append(
            f"The progress database {path} could not be read ({error}); it was moved aside to "
            f"{moved.name} and a new, empty one was started."
        )
        db = _connect(path)
        _check_readable(db)
    try:
        _refuse_newer(path, schema_version(db))  # the header may be stale in a WAL database
    except StoreError:
        db.close()
        raise
    try:
        db.execute("PRAGMA journal_mode = WAL").fetchone()
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        upgrade(db)
    except sqlite3.OperationalError as error:
        db.close()
        raise StoreError(
            f"cannot open the progress database {path}: {_write_failure(error) or error}"
        ) from error
    return Opened(db, notices)


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just made (sqlite3 types it Optional: it is None only before any INSERT)."""
    if cursor.lastrowid is None:
        raise StoreError("the insert made no row")
    return cursor.lastrowid


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: takes the write lock at once (waiting up to the busy timeout), commits on exit.

    Inside another write transaction of the same thread it joins that one, so several store
    writes can be made one (an import: all or nothing). A write that fails because the disk is
    full (or cannot be written) is rolled back and raised as StoreWriteError."""
    lock = getattr(db, "write_lock", None) or nullcontext()
    with lock:
        if db.in_transaction:
            yield db  # the outer transaction commits or rolls back
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:  # SQLite may have rolled back already (a full disk)
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            sentence = _write_failure(error)
            if sentence is None:
                raise
            raise StoreWriteError(sentence) from error
