"""kill -9 in the middle of a review session loses at most the review being graded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from prepdeck.store import Store

SESSION = r"""
import random, sys
from datetime import timezone
sys.path.insert(0, sys.argv[1])
from study_helpers import Clock, make_pack
from prepdeck.store import Store
from prepdeck.study.service import StudyService

clock = Clock()
service = StudyService(Store.open(), [make_pack("alpha", 400)], clock=clock, rng=random.Random(3), zone=timezone.utc)
service.update_settings(new_per_day=400)
while True:
    card = service.next_card()
    service.preview(card)
    clock.advance(seconds=5)
    result = service.grade(card, 3)
    print(result.log_id, flush=True)  # printed only after the review is committed
"""


def test_kill_9_mid_session_loses_at_most_the_review_in_flight(prepdeck_home: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", SESSION, str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PREPDECK_HOME": str(prepdeck_home)},
    )
    acknowledged = [child.stdout.readline() for _ in range(40)]
    os.kill(child.pid, signal.SIGKILL)
    acknowledged += child.stdout.readlines()
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    committed = [int(line) for line in acknowledged if line.strip()]

    with Store.open() as store:
        assert store.notices == []
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        log = store.reviews()
        assert [r.id for r in log][: len(committed)] == committed
        assert len(committed) <= len(log) <= len(committed) + 1
        # Every stored state is the outcome of its last logged review: no half-written review.
        last_after = {r.key: r.after for r in log}
        assert {s.key: s for s in store.iter_states()} == last_after
