"""Timed mock interviews: choose questions, take answers against the clock, grade, report.

A session is one row of the store's `mock_session` table; its config, state and report are the
typed records of `mock_records` (MockConfig, MockState, MockReport), kept as JSON. The report is
written once the session ends (`mock_session.build_report`), then never changed except for the ratings the
learner commits. A row this prepdeck cannot read (damaged, or written by another version) is
refused with a MockError that says so, and left in the store as it is.
Every change is committed at once, so a quit or a crash loses at most the last few keystrokes,
and `resume` picks the session up at the question it stopped on. `mock_flow.MockFlow` takes the
learner through one session (setup, asking, report) for the screen.

Questions are drawn without repeats, weighted toward what the learner knows least: sections with a
low mastery (mean chance of recall of their cards and questions), questions never seen, and
questions whose recall has dropped. The draw uses the study service's seeded RNG.

Time: the countdown covers the whole session (`minutes`) and runs only while a question is on
screen: the time of each answer is stored with it, and the time spent on the current draft is
saved with the draft, so a session closed overnight does not come back with no time left.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from prepdeck.store.cards import NEW, ItemKey
from prepdeck.store.records import MockSession
from prepdeck.study.items import QUESTION, StudyItem
from prepdeck.study.mock_records import MockConfig, MockError, MockReport, MockState, QuestionRef
from prepdeck.study.mock_session import ENDED_CLOSED, ENDED_COMPLETE, ENDED_TIME, MockInterview, MockQuestion
from prepdeck.study.quiz import fresh_card
from prepdeck.study.service import GradeResult, StudyService

__all__ = [
    "ENDED_CLOSED",
    "ENDED_COMPLETE",
    "ENDED_TIME",
    "LEVELS",
    "MockConfig",
    "MockError",
    "MockInterview",
    "MockQuestion",
    "MockReport",
    "MockService",
    "SessionSummary",
    "draw_questions",
]

LEVELS = ("junior", "mid", "senior")
# Weights of a question in the draw: every question has BASE_WEIGHT; then these are added.
BASE_WEIGHT = 1.0
WEAK_SECTION_WEIGHT = 3.0  # times (1 - section mastery)
UNSEEN_WEIGHT = 2.0  # a question the learner never answered
FORGOTTEN_WEIGHT = 2.0  # times (1 - the question's own chance of recall)


@dataclass(frozen=True)
class SessionSummary:
    """A line of the session list."""

    id: int
    started_at: datetime
    finished: bool
    asked: int
    answered: int
    score: float | None  # mean score of the answers, once finished
    config: MockConfig | None  # None when the session cannot be read
    problem: str | None = None  # why the session cannot be resumed or reported (it is kept)

    @property
    def readable(self) -> bool:
        return self.problem is None


def _recall_now(study: StudyService, now: datetime) -> dict[tuple[str, str, str], float]:
    """Chance of recall of every side the learner has seen, read in one pass over the store."""
    return {
        (state.key.pack_id, state.key.item_id, state.key.variant): study.scheduler.retrievability(state, now)
        for state in study.store.iter_states()
        if state.state != NEW
    }


def _section_mastery(
    study: StudyService, recall: dict[tuple[str, str, str], float]
) -> dict[tuple[str, str], float]:
    """Mean chance of recall of each section's sides (never-seen sides count 0)."""
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for key, item in study.index.items.items():
        if item.section:
            values[(key[0], item.section)].append(recall.get(key, 0.0))
    return {section: sum(found) / len(found) for section, found in values.items()}


def question_weight(
    item: StudyItem, mastery: dict[tuple[str, str], float], recall: dict[tuple[str, str, str], float]
) -> float:
    key = (item.key.pack_id, item.key.item_id, item.key.variant)
    weight = BASE_WEIGHT
    if item.section:
        weight += WEAK_SECTION_WEIGHT * (1.0 - mastery.get((item.key.pack_id, item.section), 0.0))
    if key not in recall:
        weight += UNSEEN_WEIGHT
    else:
        weight += FORGOTTEN_WEIGHT * (1.0 - recall[key])
    return weight


def draw_questions(study: StudyService, config: MockConfig) -> list[StudyItem]:
    """Up to `config.questions` distinct questions, drawn one by one in proportion to their weight."""
    pool = [
        item
        for item in study.index.items.values()
        if item.kind == QUESTION
        and (not config.packs or item.key.pack_id in config.packs)
        and (config.level is None or item.question.level == config.level)
    ]
    recall = _recall_now(study, study.clock())
    mastery = _section_mastery(study, recall)
    weights = [question_weight(item, mastery, recall) for item in pool]
    chosen: list[StudyItem] = []
    while pool and len(chosen) < config.questions:
        pick = study.rng.random() * sum(weights)
        index = 0
        while index < len(pool) - 1 and pick >= weights[index]:
            pick -= weights[index]
            index += 1
        chosen.append(pool.pop(index))
        weights.pop(index)
    return chosen


# --- the service ---------------------------------------------------------------------------------


def _why(error: ValidationError) -> str:
    """pydantic's first complaint, as `answers.0.score: input should be ...`."""
    detail = error.errors()[0]
    where = ".".join(str(step) for step in detail["loc"])
    message = detail["msg"][:1].lower() + detail["msg"][1:]
    return f"{where}: {message}" if where else message


def _unreadable(session_id: int, part: str, why: str) -> MockError:
    return MockError(
        f"mock interview {session_id} was saved in a shape this prepdeck cannot read "
        f"({part}: {why}); it is kept as it is"
    )


def _is_mock(record: MockSession) -> bool:
    """Rows whose state names no questions were not written by the mock feature: inert history."""
    return isinstance(record.state, dict) and "questions" in record.state


def _read(record: MockSession) -> tuple[MockConfig, MockState, MockReport | None]:
    """The typed config, state and report of a stored session, or MockError saying what is wrong."""
    try:
        config = MockConfig.from_json(record.config)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise _unreadable(record.id, "settings", f"{error.__class__.__name__} {error}") from None
    try:
        state = MockState.model_validate(record.state)
    except ValidationError as error:
        raise _unreadable(record.id, "answers", _why(error)) from None
    try:
        report = None if record.report is None else MockReport.model_validate(record.report)
    except ValidationError as error:
        raise _unreadable(record.id, "report", _why(error)) from None
    return config, state, report


class MockService:
    """Start, list, resume and close mock interviews; commit the ratings the learner confirms."""

    def __init__(self, study: StudyService) -> None:
        self.study = study

    def question_counts(self) -> dict[str, dict[str, int]]:
        """Questions per pack and level, for the setup form."""
        counts: dict[str, dict[str, int]] = {
            pack_id: dict.fromkeys(LEVELS, 0) for pack_id in self.study.index.packs
        }
        for item in self.study.index.items.values():
            if item.kind == QUESTION:
                counts[item.key.pack_id][item.question.level] += 1
        return counts

    def start(self, config: MockConfig) -> MockInterview:
        if config.questions < 1 or config.minutes < 1:
            raise MockError("a mock interview needs at least one question and one minute")
        unknown = [pack_id for pack_id in config.packs if pack_id not in self.study.index.packs]
        if unknown:
            raise MockError(f"no loaded pack has the id {', '.join(repr(p) for p in unknown)}")
        if config.level is not None and config.level not in LEVELS:
            raise MockError(f"the level must be one of {', '.join(LEVELS)}")
        chosen = draw_questions(self.study, config)
        if not chosen:
            level = f" at level {config.level}" if config.level else ""
            raise MockError(f"no interview question{level} in the chosen packs; pick another level or pack")
        state = MockState(questions=[QuestionRef(pack=i.key.pack_id, id=i.key.item_id) for i in chosen])
        session_id = self.study.store.create_mock_session(
            self.study.clock(), config.to_json(), state.to_json()
        )
        return self.resume(session_id)

    def load(self, session_id: int) -> MockInterview:
        """A stored session as it is (finished or not); MockError if there is none or it cannot be read."""
        record = self.study.store.get_mock_session(session_id)
        if record is None or not _is_mock(record):
            raise MockError(f"there is no mock interview number {session_id}")
        return MockInterview(self.study, record, *_read(record))

    def resume(self, session_id: int) -> MockInterview:
        """A session to go on with; an unfinished one whose next questions are no longer loaded is
        refused (closing it still gives a report of the answers it has)."""
        session = self.load(session_id)
        missing = [] if session.finished else session.missing_questions()
        if missing:
            raise MockError(
                f"mock interview {session_id} asks {', '.join(missing)}, which no loaded pack has now; "
                "load that pack to resume it, or close it (x) to see the answers it has"
            )
        return session

    def sessions(self) -> list[SessionSummary]:
        """Every session, newest first; one that cannot be read is listed with its problem."""
        summaries = []
        for record in self.study.store.mock_sessions():
            if not _is_mock(record):
                continue
            try:
                config, state, report = _read(record)
            except MockError as error:
                summaries.append(
                    SessionSummary(record.id, record.started_at, False, 0, 0, None, None, problem=str(error))
                )
                continue
            summaries.append(
                SessionSummary(
                    id=record.id,
                    started_at=record.started_at,
                    finished=report is not None,
                    asked=len(state.questions),
                    answered=sum(answer.answered for answer in state.answers),
                    score=report.score if report else None,
                    config=config,
                )
            )
        return summaries

    def unfinished(self) -> list[SessionSummary]:
        """Sessions that can be resumed (one that cannot be read is not among them)."""
        return [summary for summary in self.sessions() if not summary.finished and summary.readable]

    def close(self, session_id: int) -> MockReport:
        """End an interrupted session with the answers it has (a partial report)."""
        session = self.load(session_id)
        if session.finished:
            raise MockError(f"mock interview {session_id} has already finished")
        return session.finish(ENDED_CLOSED)

    def report(self, session_id: int | None = None) -> MockReport:
        """The report of a session (default: the latest finished one)."""
        if session_id is None:
            finished = [summary for summary in self.sessions() if summary.finished]
            if not finished:
                raise MockError("no mock interview has finished yet; run `prepdeck mock` first")
            session_id = finished[0].id
        report = self.load(session_id).report
        if report is None:
            raise MockError(
                f"mock interview {session_id} has not finished; resume or close it in the app first"
            )
        return report

    def commit_ratings(self, session_id: int, ratings: dict[tuple[str, str], int]) -> list[GradeResult]:
        """Commit the learner's confirmed rating of each question to the schedule, once each.

        `ratings` maps (pack id, question id) to 1-4; questions no longer loaded are skipped.
        The report records what was committed, so a second call cannot grade a question twice.
        """
        report = self.report(session_id)
        results = []
        for entry in report.ratings:
            rating = ratings.get((entry.pack, entry.id))
            if rating is None or entry.committed is not None:
                continue
            if rating not in (1, 2, 3, 4):
                raise MockError(f"a rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy); got {rating!r}")
            item = self.study.index.get(ItemKey(entry.pack, entry.id))
            if item is None:
                continue
            card = fresh_card(self.study, item, self.study.clock())
            answer = report.answer_to(entry.pack, entry.id)
            seconds = answer.seconds if answer else 0
            results.append(
                self.study.grade(
                    card,
                    rating,
                    duration_ms=int(seconds * 1000),
                    answer_score=answer.score if answer and answer.answered else None,
                )
            )
            entry.committed = rating
        self.study.store.update_mock_session(session_id, report=report.to_json())
        return results
