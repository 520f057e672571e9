"""Mock interviews: the draw, answers against the clock, the report, resuming and committing."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC
from pathlib import Path

import pytest
from study_helpers import make_pack

from prepdeck.content import load_pack
from prepdeck.store import ItemKey, Store
from prepdeck.study.mock import MockConfig, MockError, MockService, draw_questions
from prepdeck.study.service import StudyService

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "quiz-sample"
GOOD = {
    "image-vs-container": "An image is a read-only template; a container is a running instance with a writable layer.",
    "runtime-stack": "The CLI calls dockerd, then containerd, then runc starts the process.",
    "pid-one-signals": "SIGTERM then SIGKILL after the grace period; a shell form PID 1 does not forward; use exec form or tini.",
    "layer-caching": "The instruction text and the checksums of copied files; a miss invalidates every later layer.",
}


@pytest.fixture
def pack():
    return load_pack(SAMPLE).pack


@pytest.fixture
def study(store: Store, clock, pack) -> StudyService:
    return StudyService(store, [pack], clock=clock, rng=random.Random(3), zone=UTC)


def test_a_session_draws_distinct_questions_of_the_level(store, clock, pack) -> None:
    study = StudyService(store, [pack, make_pack("cards-only", cards=3)], clock=clock, rng=random.Random(3))
    mocks = MockService(study)
    session = mocks.start(MockConfig(questions=3, minutes=10))
    ids = [item.key.item_id for item in session.items]
    assert len(ids) == 3 and len(set(ids)) == 3
    mid = mocks.start(MockConfig(questions=5, minutes=10, level="mid"))
    assert sorted(item.key.item_id for item in mid.items) == ["pid-one-signals", "runtime-stack"]
    with pytest.raises(MockError, match="no interview question at level senior in the chosen packs"):
        mocks.start(MockConfig(packs=("cards-only",), level="senior"))
    with pytest.raises(MockError, match="no loaded pack has the id 'nothing-here'"):
        mocks.start(MockConfig(packs=("nothing-here",)))


def test_the_draw_leans_toward_weak_and_unseen_sections(study, clock) -> None:
    # The learner knows the images section well: its cards and questions were reviewed Easy.
    for item in study.index.items.values():
        if item.section == "images":
            card = study.cram(section="images", kind=item.kind, limit=50)
            for side in card:
                if side.key == item.key:
                    study.grade(side, 4)
    clock.advance(hours=1)
    first_picks = Counter(draw_questions(study, MockConfig(questions=1))[0].section for _ in range(300))
    assert first_picks["images"] < first_picks["runtime"]
    assert first_picks["images"] < first_picks["signals"]
    assert first_picks["images"] > 0  # weighted, never excluded


def test_three_answers_then_the_report(study, clock) -> None:
    mocks = MockService(study)
    session = mocks.start(MockConfig(questions=3, minutes=10))
    seconds = [60, 90, 30]
    for wait in seconds:
        current = session.current
        clock.advance(seconds=wait)
        answer = GOOD[current.key.item_id] if wait != 30 else "no idea, honestly"
        session.submit(answer)
    assert session.current is None
    report = session.finish()
    assert report.ended_by == "completed"
    assert [entry.seconds for entry in report.answers] == seconds
    assert report.total_seconds == 180
    good, _, bad = report.answers
    assert good.score > 0.8 and good.missed == [] and good.suggested_rating >= 3
    assert bad.score < 0.3 and bad.covered == [] and bad.suggested_rating == 1
    assert [point.id for point in bad.missed] == [
        p.id for p in study.index.by_item[("quiz-sample", bad.id)].key_points
    ]
    assert report.weakest_sections[0].section == bad.section
    assert report.weakest_sections[0].title == study.index.packs["quiz-sample"].section(bad.section).title
    stored = study.store.get_mock_session(session.id)
    assert stored.report == report.to_json() and stored.finished_at == clock.now


def test_countdown_runs_only_while_a_question_is_shown(study, clock, store) -> None:
    mocks = MockService(study)
    session = mocks.start(MockConfig(questions=2, minutes=5))
    clock.advance(seconds=100)
    session.save_draft("half an answer")
    assert session.remaining_seconds() == 200
    clock.advance(hours=12)  # the app was closed overnight
    resumed = MockService(study).resume(session.id)
    assert resumed.draft == "half an answer"
    assert resumed.remaining_seconds() == 200
    clock.advance(seconds=250)
    assert resumed.out_of_time
    report = resumed.finish()
    assert report.ended_by == "time"
    assert report.answered == 0 and report.score is None


def test_an_interrupted_session_is_listed_resumed_and_closed(study, clock) -> None:
    mocks = MockService(study)
    session = mocks.start(MockConfig(questions=3, minutes=10))
    first = session.current.key.item_id
    clock.advance(seconds=40)
    session.submit(GOOD[first])
    second = session.current.key.item_id
    [listed] = mocks.unfinished()
    assert (listed.id, listed.asked, listed.answered, listed.finished) == (session.id, 3, 1, False)

    resumed = MockService(study).resume(session.id)
    assert resumed.current.key.item_id == second and resumed.current.number == 2
    report = mocks.close(session.id)
    assert report.ended_by == "closed"
    assert (report.asked, report.answered) == (3, 1)
    assert [entry.answered for entry in report.answers] == [True, False, False]
    assert [rating.id for rating in report.ratings] == [first]
    assert mocks.unfinished() == []
    assert mocks.sessions()[0].score == report.score


def test_confirmed_ratings_are_committed_once(study, clock, store) -> None:
    mocks = MockService(study)
    session = mocks.start(MockConfig(questions=2, minutes=10))
    asked = [item.key.item_id for item in session.items]
    for question_id in asked:
        clock.advance(seconds=20)
        session.submit(GOOD[question_id])
    session.finish()
    chosen = {("quiz-sample", asked[0]): 2, ("quiz-sample", asked[1]): 4}
    results = mocks.commit_ratings(session.id, chosen)
    assert [result.rating for result in results] == [2, 4]
    logged = {(record.key.item_id, record.rating, record.duration_ms) for record in store.reviews()}
    assert logged == {(asked[0], 2, 20_000), (asked[1], 4, 20_000)}
    scores = {answer.id: answer.score for answer in mocks.report(session.id).answers}
    assert {record.key.item_id: record.answer_score for record in store.reviews()} == scores  # kept for stats
    assert store.get_state(ItemKey("quiz-sample", asked[1])).reps == 1
    assert mocks.commit_ratings(session.id, chosen) == []
    assert len(list(store.reviews())) == 2
    assert [r.committed for r in mocks.report(session.id).ratings] == [2, 4]


def test_reports_need_a_finished_session(study) -> None:
    mocks = MockService(study)
    with pytest.raises(MockError, match="no mock interview has finished yet"):
        mocks.report()
    session = mocks.start(MockConfig(questions=1, minutes=1))
    with pytest.raises(MockError, match="has not finished"):
        mocks.report(session.id)
    with pytest.raises(MockError, match="no mock interview number 99"):
        mocks.resume(99)


CRASHING_SESSION = """
import os, random, signal, sys
from datetime import datetime, timedelta, timezone
from prepdeck.content import load_pack
from prepdeck.store import Store
from prepdeck.study.mock import MockConfig, MockService
from prepdeck.study.service import StudyService

now = [datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)]
study = StudyService(Store.open(), [load_pack(sys.argv[1]).pack], clock=lambda: now[0], rng=random.Random(3))
session = MockService(study).start(MockConfig(questions=3, minutes=10))
now[0] += timedelta(seconds=30)
session.submit("dockerd, containerd and runc")
now[0] += timedelta(seconds=15)
session.save_draft("the second answer, half typed")
print(session.current.key.item_id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_session_killed_mid_question_resumes_with_its_draft(study, prepdeck_home) -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION, str(SAMPLE)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == -9, run.stderr
    second = run.stdout.strip()
    mocks = MockService(study)
    [waiting] = mocks.unfinished()
    assert (waiting.asked, waiting.answered) == (3, 1)
    resumed = mocks.resume(waiting.id)
    assert resumed.current.key.item_id == second
    assert resumed.draft == "the second answer, half typed"
    assert resumed.remaining_seconds() == 600 - 45
