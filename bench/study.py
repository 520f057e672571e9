"""Study engine benchmark: 100,000 cards with a year of synthetic history.

Prints, each beside its budget from the issue and a bare reference measured in the same run:
- today's queue built (by a new service at start-up; the first time after a pack changed; rebuilt
  within a session),
- one review committed (preview + grade, written to SQLite in WAL mode),
- one interview answer graded.

Run: .venv/bin/python bench/study.py   (about half a minute, most of it making the history)
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from prepdeck.content.model import BasicCard, KeyPoint, PackMeta, Question
from prepdeck.store import REVIEW, CardState, ItemKey, Store
from prepdeck.store.timeconv import to_us
from prepdeck.study.grading import grade_question
from prepdeck.study.service import StudyService

CARDS = 100_000
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
SECTIONS = [f"section-{n}" for n in range(40)]


@dataclass
class Pack:
    meta: PackMeta
    sections: list = field(default_factory=list)
    cards: list[Any] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    drills: list = field(default_factory=list)


def make_packs() -> list[Pack]:
    packs = []
    for pack_number in range(4):
        pack_id = f"bench-{pack_number}"
        cards = [
            BasicCard(
                type="basic",
                id=f"card-{n:06d}",
                section=SECTIONS[n % len(SECTIONS)],
                tags=[f"tag-{n % 25}"],
                front=f"question {n}",
                back=f"answer {n}",
            )
            for n in range(pack_number, CARDS, 4)
        ]
        packs.append(Pack(meta=PackMeta(id=pack_id, title=pack_id, version="1.0.0"), cards=cards))
    return packs


def write_history(store: Store, packs: list[Pack], rng: random.Random) -> int:
    """90% of each pack started over the past year, in pack order, each with its review log."""
    states, rows = [], []
    year_ago = NOW - timedelta(days=365)
    for pack in packs:
        # Learners start a pack's cards in order: the first 90% are started, the rest are new.
        for card in pack.cards[: len(pack.cards) * 9 // 10]:
            key = ItemKey(pack.meta.id, card.id)
            first = year_ago + timedelta(seconds=rng.randrange(0, 330 * 86400))
            at, interval, state = first, 1.0, CardState(key)
            while True:
                after = CardState(
                    key,
                    state=REVIEW,
                    stability=interval,
                    difficulty=rng.uniform(2, 8),
                    due=at + timedelta(days=interval),
                    last_review=at,
                    first_review=first,
                    reps=state.reps + 1,
                    lapses=state.lapses,
                )
                rows.append(
                    (
                        key.pack_id,
                        key.item_id,
                        key.variant,
                        rng.choice((1, 3, 3, 3, 4)),
                        to_us(at),
                        8000,
                        state.to_json(),
                        after.to_json(),
                    )
                )
                state = after
                if after.due > NOW - timedelta(days=3):
                    break
                at, interval = after.due, interval * rng.uniform(2.5, 4.0)
            states.append(state)
    store.put_states(states)
    store.db.execute("BEGIN IMMEDIATE")
    store.db.executemany(
        "INSERT INTO review_log (pack_id, item_id, variant, rating, reviewed_us, duration_ms, before_json, after_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    store.db.execute("COMMIT")
    return len(rows)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    rng = random.Random(2026)
    folder = Path(tempfile.mkdtemp(prefix="prepdeck-bench-"))
    store = Store.open(folder / "progress.sqlite3")
    print(f"making {CARDS:,} cards and a year of history ...", file=sys.stderr)
    packs = make_packs()
    reviews = write_history(store, packs, rng)
    print(f"cards: {CARDS:,} in {len(packs)} packs; review log rows: {reviews:,}")
    print(f"machine load average over the last minute: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    clock = lambda: NOW  # noqa: E731 - a fixed clock keeps every run comparable
    cold, cold_cpu = [], []
    for _ in range(6):
        service = StudyService(store, packs, clock=clock, rng=random.Random(1), zone=UTC)
        start, start_cpu = time.perf_counter(), time.process_time()
        counts = service.today_counts()
        cold.append(time.perf_counter() - start)
        cold_cpu.append(time.process_time() - start_cpu)

    def rebuild() -> None:
        service._queues.clear()
        service.today_counts()

    warm = timed(rebuild, 20)
    bare_scan = timed(
        lambda: store.db.execute("SELECT pack_id, item_id, variant FROM card_state").fetchall(), 5
    )
    total = {name: sum(getattr(c, name) for c in counts.values()) for name in ("learning", "review", "new")}
    print(f"today's queue: {total['review']} reviews, {total['new']} new, {total['learning']} learning")
    first_ms, first_cpu_ms = cold.pop(0) * 1000, cold_cpu.pop(0) * 1000
    print(
        f"  queue built at start-up (new service):      {median_ms(cold):7.2f} ms   budget 50 ms   "
        f"(CPU time {median_ms(cold_cpu):.2f} ms)"
    )
    print(
        f"  the first one after a pack change:          {first_ms:7.2f} ms   (CPU {first_cpu_ms:.2f} ms: reads each pack's"
    )
    print("    started sides once to find where new ones begin, and stores that frontier)")
    print(f"  queue rebuilt in a session:                 {median_ms(warm):7.2f} ms   budget 50 ms")
    print(f"  reference, reading every stored key once:   {median_ms(bare_scan):7.2f} ms")

    commits = []
    for _ in range(200):
        card = service.next_card()
        service.preview(card)
        start = time.perf_counter()
        service.grade(card, rng.choice((1, 3, 3, 4)))
        commits.append(time.perf_counter() - start)
    bare = sqlite3.connect(folder / "progress.sqlite3", isolation_level=None)
    bare.execute("PRAGMA synchronous = NORMAL")  # the store's own durability setting in WAL mode
    bare.execute("CREATE TABLE IF NOT EXISTS bench_reference (x)")

    def bare_commit() -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO bench_reference VALUES (1)")
        bare.execute("COMMIT")

    bare_commits = timed(bare_commit, 200)
    print(
        f"  one review committed (grade):               {median_ms(commits):7.2f} ms   budget 5 ms   "
        f"(p95 {statistics.quantiles(commits, n=20)[-1] * 1000:.2f} ms)"
    )
    print(f"  reference, one bare INSERT + COMMIT:        {median_ms(bare_commits):7.2f} ms")

    question = Question(
        id="multi-stage",
        prompt="What is a multi-stage build and why use one?",
        model_answer=(
            "A multi-stage build puts several FROM stages in one Dockerfile. An early stage holds the compilers and "
            "builds the application; the final stage copies only the artifacts with COPY --from. The image is much "
            "smaller and has no build tools, which shrinks the attack surface."
        ),
        key_points=[
            KeyPoint(
                id="several-from",
                label="several FROM",
                aliases=["several from", "multiple stages", "more than one from"],
            ),
            KeyPoint(
                id="copy-from",
                label="COPY --from",
                aliases=["copy --from", "copy from the builder", "copy the artifacts"],
            ),
            KeyPoint(
                id="smaller",
                label="smaller",
                aliases=["smaller image", "image is smaller", "reduce image size"],
                weight=2,
            ),
            KeyPoint(
                id="no-tools", label="no tools", aliases=["no build tools", "no compilers", "attack surface"]
            ),
        ],
        misconceptions=["builds stages in parallel", "runs each stage as a separate container"],
    )
    answer = (
        "You write multiple stages, each with its own FROM. The builder stage has the toolchain and compiles the "
        "app, then the last stage copies only the binary with COPY --from=builder. The result is a much smaller "
        "image with no compilers inside, so there is less attack surface. " * 2
    )
    grading = timed(lambda: grade_question(question, answer), 2000)
    processed = utils.default_process(answer)
    reference = timed(lambda: fuzz.partial_ratio("copy from the builder", processed), 2000)
    print(f"  one answer graded ({len(answer)} characters):   {median_ms(grading):7.3f} ms   budget 1 ms")
    print(f"  reference, one partial_ratio call:          {median_ms(reference):7.3f} ms")
    store.close()
    bare.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(
        json.dumps(
            {
                "queue_startup_ms": round(median_ms(cold), 2),
                "queue_startup_cpu_ms": round(median_ms(cold_cpu), 2),
                "queue_after_pack_change_ms": round(first_ms, 2),
                "queue_warm_ms": round(median_ms(warm), 2),
                "commit_ms": round(median_ms(commits), 3),
                "grade_ms": round(median_ms(grading), 4),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
