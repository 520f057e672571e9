"""Two prepdeck processes writing to one data folder at the same time: nothing lost, nothing corrupt."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC
from pathlib import Path

from prepdeck.store import Store

WRITER = r"""
import sys
from datetime import datetime, timedelta, timezone
from prepdeck.store import CardState, ItemKey, Store

name, count = sys.argv[1], int(sys.argv[2])
start = datetime(2026, 3, 2, tzinfo=timezone.utc)
with Store.open() as store:
    print("ready", flush=True)
    sys.stdin.readline()  # both writers start together
    for n in range(count):
        at = start + timedelta(seconds=n)
        before = CardState(ItemKey("docker", f"{name}-{n}"))
        after = before.with_changes(state=1, step=0, stability=1.0, difficulty=5.0, due=at, last_review=at, reps=1)
        store.record_review(before, after, 3, at, 1000)
        store.set_setting(f"last-{name}", n)
        store.save_draft("docker", "shared-drill", f"{name} {n}", at)
"""


def test_two_processes_write_at_once_without_loss_or_corruption(prepdeck_home: Path) -> None:
    count = 150
    environment = {**os.environ, "PREPDECK_HOME": str(prepdeck_home)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for name in ("left", "right")
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        assert writer.wait(timeout=120) == 0

    with Store.open() as store:
        assert store.notices == []
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.review_count() == 2 * count
        assert len(list(store.iter_states())) == 2 * count
        assert store.get_setting("last-left") == count - 1
        assert store.get_setting("last-right") == count - 1
        assert store.load_draft("docker", "shared-drill").text in {f"left {count - 1}", f"right {count - 1}"}


def test_a_reader_sees_committed_reviews_while_another_connection_holds_the_write_lock(
    prepdeck_home: Path,
) -> None:
    with Store.open() as writer, Store.open() as reader:
        writer.set_setting("before", 1)
        writer.db.execute("BEGIN IMMEDIATE")
        writer.db.execute("INSERT INTO settings (key, value_json) VALUES ('during', '2')")
        assert reader.get_setting("before") == 1  # WAL: readers are not blocked by the writer
        assert reader.get_setting("during") is None  # and never see uncommitted rows
        writer.db.execute("COMMIT")
        assert reader.get_setting("during") == 2
    assert (
        sqlite3.connect(prepdeck_home / "progress.sqlite3").execute("PRAGMA quick_check").fetchone()[0]
        == "ok"
    )


def test_threads_sharing_one_store_never_interleave_their_transactions(prepdeck_home: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime, timedelta

    from prepdeck.store import CardState, ItemKey

    start = datetime(2026, 3, 2, tzinfo=UTC)
    with Store.open() as store:

        def write(name: str) -> None:
            for n in range(100):
                at = start + timedelta(seconds=n)
                before = CardState(ItemKey("docker", f"{name}-{n}"))
                store.record_review(
                    before, before.with_changes(state=1, step=0, due=at, last_review=at, reps=1), 3, at, 1
                )
                store.save_draft("docker", name, str(n), at)

        with ThreadPoolExecutor(max_workers=3) as pool:
            list(pool.map(write, ["a", "b", "c"]))
        assert store.review_count() == 300
        assert {store.load_draft("docker", name).text for name in "abc"} == {"99"}


def test_a_store_notices_commits_made_by_another_process_only(prepdeck_home: Path) -> None:
    """Two app processes on one data folder (two terminals, two browser tabs) see each other's work."""
    with Store.open() as mine, Store.open() as other:
        assert not mine.changed_elsewhere()
        mine.set_setting("mine", 1)
        assert not mine.changed_elsewhere()  # our own commit is not news
        other.set_setting("theirs", 2)
        assert mine.changed_elsewhere()
        assert not mine.changed_elsewhere()  # told once per change
