"""The mock interview's flow without a screen: phases, drafts, the clock, ratings, and saved
sessions that cannot be resumed (damaged, or asking questions no loaded pack has)."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import UTC
from pathlib import Path

import pytest

from prepdeck.content import load_pack
from prepdeck.store import Store
from prepdeck.study.mock import MockConfig, MockError, MockService
from prepdeck.study.mock_flow import DRAFT_SAVE_SECONDS, MockFlow, Phase
from prepdeck.study.mock_records import MockReport
from prepdeck.study.service import StudyService

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "quiz-sample"
RIGHT = "dockerd hands it to containerd and runc starts the process; SIGTERM then SIGKILL, exec form"


@pytest.fixture
def pack():
    return load_pack(SAMPLE).pack


def service(store: Store, clock, pack) -> StudyService:
    return StudyService(store, [pack], clock=clock, rng=random.Random(5), zone=UTC)


@pytest.fixture
def flow(store: Store, clock, pack) -> MockFlow:
    return MockFlow(MockService(service(store, clock, pack)))


def stored(store: Store, session_id: int) -> tuple[dict, dict | None]:
    record = store.get_mock_session(session_id)
    assert record is not None
    return record.state, record.report


def test_setup_asking_report(flow: MockFlow, clock) -> None:
    assert flow.phase == Phase.SETUP
    flow.start(MockConfig(questions=2, minutes=10))
    assert flow.phase == Phase.ASKING and flow.session is not None
    assert flow.session.current is not None and flow.session.current.number == 1
    clock.advance(seconds=40)
    flow.submit(RIGHT)
    assert flow.phase == Phase.ASKING and flow.session.current.number == 2
    clock.advance(seconds=5)
    flow.submit("")
    assert flow.phase == Phase.REPORT
    report = flow.report
    assert isinstance(report, MockReport)
    assert (report.ended_by, report.asked, report.answered) == ("completed", 2, 1)
    assert [answer.seconds for answer in report.answers] == [40, 5]
    assert report.answers[1].suggested_rating == 1 and not report.answers[1].answered


def test_a_refused_start_stays_in_setup(flow: MockFlow) -> None:
    with pytest.raises(MockError, match="at least one question and one minute"):
        flow.start(MockConfig(questions=0, minutes=10))
    assert flow.phase == Phase.SETUP and flow.session is None


def test_typing_is_saved_after_the_pause_not_on_every_key(flow: MockFlow, store: Store, clock) -> None:
    flow.start(MockConfig(questions=2, minutes=10))
    session_id = flow.session.id
    flow.typed("half")
    clock.advance(seconds=DRAFT_SAVE_SECONDS - 1)
    assert flow.tick("half an") is False
    assert stored(store, session_id)[0]["draft"] == ""  # not yet
    clock.advance(seconds=1)
    flow.tick("half an answer")
    state = stored(store, session_id)[0]
    assert state["draft"] == "half an answer" and state["draft_seconds"] == DRAFT_SAVE_SECONDS


def test_leaving_keeps_the_draft_and_only_an_interview_is_paused(flow: MockFlow, store: Store, clock) -> None:
    assert flow.pause("nothing") is False  # setup: nothing to pause
    flow.start(MockConfig(questions=2, minutes=10))
    clock.advance(seconds=7)
    assert flow.pause("typed before leaving") is True
    state = stored(store, flow.session.id)[0]
    assert (state["draft"], state["draft_seconds"]) == ("typed before leaving", 7)


def test_time_running_out_submits_the_text_as_it_stands(flow: MockFlow, store: Store, clock) -> None:
    flow.start(MockConfig(questions=3, minutes=1))
    clock.advance(seconds=61)
    assert flow.tick("runc starts the process") is True
    assert flow.phase == Phase.REPORT and flow.report.ended_by == "time"
    assert flow.report.answers[0].answer == "runc starts the process"
    _, report = stored(store, flow.report.session)
    assert report is not None and report["ended_by"] == "time" and report["answered"] == 1


def test_open_resumes_an_unfinished_session_and_shows_a_finished_ones_report(store, clock, pack) -> None:
    first = MockFlow(MockService(service(store, clock, pack)))
    first.start(MockConfig(questions=2, minutes=10))
    session_id = first.session.id
    first.submit(RIGHT)
    second_question = first.session.current.key.item_id

    later = MockFlow(MockService(service(store, clock, pack)))
    later.open(session_id)
    assert later.phase == Phase.ASKING and later.session.current.key.item_id == second_question
    later.submit("")
    again = MockFlow(MockService(service(store, clock, pack)))
    again.open(session_id)
    assert again.phase == Phase.REPORT and again.report.session == session_id


def test_ratings_change_before_commit_and_commit_once(flow: MockFlow, store: Store) -> None:
    flow.start(MockConfig(questions=2, minutes=10))
    flow.submit(RIGHT)
    flow.submit(RIGHT)
    suggested = [row.rating for row in flow.rating_rows()]
    flow.rate(0, 1)
    assert [row.rating for row in flow.rating_rows()] == [1, suggested[1]]
    assert flow.commit() == 2
    assert [(row.rating, row.committed) for row in flow.rating_rows()] == [(1, True), (suggested[1], True)]
    assert [review.rating for review in store.reviews()] == [1, suggested[1]]
    with pytest.raises(MockError, match="already on your schedule"):
        flow.rate(0, 4)
    assert flow.commit() == 0
    assert len(list(store.reviews())) == 2
    _, report = stored(store, flow.report.session)
    assert [entry["committed"] for entry in report["ratings"]] == [1, suggested[1]]


def test_weak_section_by_index(flow: MockFlow) -> None:
    flow.start(MockConfig(questions=1, minutes=10))
    flow.submit("")
    weak = flow.weak_section(0)
    assert weak is not None and weak.pack == "quiz-sample" and weak.score == 0
    assert flow.weak_section(5) is None


# --- saved sessions that cannot be resumed --------------------------------------------------------


def test_a_damaged_session_is_refused_with_a_sentence_and_kept(flow: MockFlow, store: Store, clock) -> None:
    flow.start(MockConfig(questions=2, minutes=10))
    good_id = flow.session.id
    damaged = {"questions": [{"pack": "quiz-sample", "id": "runtime-stack"}], "answers": [{"score": "high"}]}
    bad_id = store.create_mock_session(clock(), {"questions": 1, "minutes": 5}, damaged)

    fresh = MockFlow(flow.mocks)
    with pytest.raises(MockError) as refused:
        fresh.open(bad_id)
    message = str(refused.value)
    assert f"mock interview {bad_id} was saved in a shape this prepdeck cannot read" in message
    assert "answers.0" in message and "it is kept as it is" in message
    assert fresh.phase == Phase.SETUP and fresh.session is None
    assert stored(store, bad_id) == (damaged, None)  # nothing rewritten, nothing lost

    listed = {summary.id: summary for summary in flow.mocks.sessions()}
    assert listed[bad_id].problem == message and listed[good_id].problem is None
    assert [summary.id for summary in flow.mocks.unfinished()] == [good_id]
    with pytest.raises(MockError, match="cannot read"):
        fresh.close(bad_id)
    assert stored(store, bad_id) == (damaged, None)


def test_a_damaged_report_is_refused_by_report_and_export(flow: MockFlow, store: Store, clock) -> None:
    flow.start(MockConfig(questions=1, minutes=10))
    flow.submit(RIGHT)
    session_id = flow.report.session
    report = flow.report.to_json()
    report["ratings"] = "none"
    store.update_mock_session(session_id, report=report)
    with pytest.raises(MockError, match=f"mock interview {session_id} .*report: ratings"):
        flow.mocks.report(session_id)
    with pytest.raises(MockError, match="cannot read"):
        MockFlow(flow.mocks).open(session_id)
    assert json.dumps(stored(store, session_id)[1]) == json.dumps(report)


def test_a_session_asking_a_question_no_pack_has_now_can_be_closed_not_resumed(store, clock, pack) -> None:
    first = MockFlow(MockService(service(store, clock, pack)))
    first.start(MockConfig(questions=2, minutes=10))
    session_id = first.session.id
    clock.advance(seconds=30)
    first.submit(RIGHT)
    gone = first.session.current.key.item_id

    trimmed = dataclasses.replace(pack, questions=[q for q in pack.questions if q.id != gone])
    later = MockFlow(MockService(service(store, clock, trimmed)))
    with pytest.raises(MockError, match=f"asks quiz-sample/{gone}, which no loaded pack has now"):
        later.open(session_id)
    assert later.phase == Phase.SETUP
    later.close(session_id)
    assert later.phase == Phase.REPORT
    assert [answer.prompt for answer in later.report.answers][1] == "(no longer in its pack)"
    assert (later.report.ended_by, later.report.answered) == ("closed", 1)
    with pytest.raises(MockError, match="has already finished"):
        later.close(session_id)
