"""Timed mock interviews: choose questions, take answers against the clock, grade, report.

A session is one row of the store's `mock_session` table; this module owns its JSON:
- config: {"packs": [...], "level": str|None, "questions": N, "minutes": M}
- state:  {"questions": [{"pack", "id"}], "answers": [answer dicts, in order],
           "draft": text of the current answer, "draft_seconds": time already spent on it}
- report: written once the session ends (see `build_report`), then never changed except for
          the ratings the learner commits.
Every change is committed at once, so a quit or a crash loses at most the last few keystrokes,
and `resume` picks the session up at the question it stopped on.

Questions are drawn without repeats, weighted toward what the learner knows least: sections with a
low mastery (mean chance of recall of their cards and questions), questions never seen, and
questions whose recall has dropped. The draw uses the study service's seeded RNG.

Time: the countdown covers the whole session (`minutes`) and runs only while a question is on
screen: the time of each answer is stored with it, and the time spent on the current draft is
saved with the draft, so a session closed overnight does not come back with no time left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from prepdeck.store.cards import NEW, ItemKey
from prepdeck.store.records import MockSession
from prepdeck.study.items import QUESTION, StudyItem
from prepdeck.study.quiz import fresh_card
from prepdeck.study.service import GradeResult, StudyService

LEVELS = ("junior", "mid", "senior")
# Weights of a question in the draw: every question has BASE_WEIGHT; then these are added.
BASE_WEIGHT = 1.0
WEAK_SECTION_WEIGHT = 3.0  # times (1 - section mastery)
UNSEEN_WEIGHT = 2.0  # a question the learner never answered
FORGOTTEN_WEIGHT = 2.0  # times (1 - the question's own chance of recall)
WEAKEST_SECTIONS_SHOWN = 3

ENDED_COMPLETE, ENDED_TIME, ENDED_CLOSED = "completed", "time", "closed"


class MockError(Exception):
    """A request the learner can fix (no questions match, no such session): one clear sentence."""


@dataclass(frozen=True)
class MockConfig:
    packs: tuple[str, ...] = ()  # empty: every loaded pack
    level: str | None = None
    questions: int = 5
    minutes: int = 30

    def to_json(self) -> dict:
        return {
            "packs": list(self.packs),
            "level": self.level,
            "questions": self.questions,
            "minutes": self.minutes,
        }

    @classmethod
    def from_json(cls, data: dict) -> MockConfig:
        return cls(
            tuple(data.get("packs", ())), data.get("level"), int(data["questions"]), int(data["minutes"])
        )


@dataclass(frozen=True)
class SessionSummary:
    """A line of the session list."""

    id: int
    started_at: datetime
    finished: bool
    asked: int
    answered: int
    score: float | None  # mean score of the answers, once finished
    config: MockConfig


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
        and (config.level is None or item.content.level == config.level)
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


# --- one running session -----------------------------------------------------------------------


@dataclass(frozen=True)
class MockQuestion:
    number: int  # 1-based
    of: int
    item: StudyItem

    @property
    def question(self) -> Any:
        return self.item.content

    @property
    def key(self) -> ItemKey:
        return self.item.key


class MockInterview:
    """A session in progress. The screen shows `current`, saves the draft as the learner types,
    calls `submit` for each answer and `finish` at the end (or when `remaining_seconds` hits 0)."""

    def __init__(self, study: StudyService, record: MockSession) -> None:
        self.study = study
        self.id = record.id
        self.started_at = record.started_at
        self.config = MockConfig.from_json(record.config)
        self.state = record.state
        self.report = record.report
        self.items = [study.index.get(ItemKey(ref["pack"], ref["id"])) for ref in self.state["questions"]]
        self._shown_at = study.clock()  # the current question's timer restarts here on resume

    # --- where we are ----------------------------------------------------------------------

    @property
    def answers(self) -> list[dict]:
        return self.state["answers"]

    @property
    def finished(self) -> bool:
        return self.report is not None

    @property
    def current(self) -> MockQuestion | None:
        number = len(self.answers)
        if self.finished or number >= len(self.items):
            return None
        item = self.items[number]
        if item is None:  # the question left its pack since the session was saved
            return None
        return MockQuestion(number + 1, len(self.items), item)

    @property
    def draft(self) -> str:
        return self.state.get("draft", "")

    def seconds_on_current(self) -> float:
        return self.state.get("draft_seconds", 0.0) + max(
            0.0, (self.study.clock() - self._shown_at).total_seconds()
        )

    def elapsed_seconds(self) -> float:
        done = sum(answer["seconds"] for answer in self.answers)
        return done + (self.seconds_on_current() if self.current else 0.0)

    def remaining_seconds(self) -> float:
        return max(0.0, self.config.minutes * 60 - self.elapsed_seconds())

    @property
    def out_of_time(self) -> bool:
        return self.remaining_seconds() <= 0

    # --- changes (each committed) ----------------------------------------------------------

    def save_draft(self, text: str) -> None:
        """Keep what the learner has typed and the time spent so far on this question."""
        if self.current is None:
            return
        self.state["draft_seconds"] = self.seconds_on_current()
        self.state["draft"] = text
        self._shown_at = self.study.clock()
        self._save()

    def submit(self, text: str) -> dict:
        """Grade the answer to the current question, store it, move on; returns the answer dict."""
        current = self.current
        if current is None:
            raise MockError("this mock interview has no question left to answer")
        grade = self.study.grade_answer((current.key.pack_id, current.key.item_id), text)
        points = {point.id: point.label for point in current.question.key_points}
        answer = {
            "pack": current.key.pack_id,
            "id": current.key.item_id,
            "answer": text,
            "answered": bool(text.strip()),
            "seconds": round(self.seconds_on_current(), 3),
            "submitted_at": self.study.clock().isoformat(),
            "score": round(grade.score, 4),
            "covered": [{"id": pid, "label": points[pid]} for pid in grade.covered],
            "missed": [{"id": pid, "label": points[pid]} for pid in grade.missed],
            "misconceptions": list(grade.misconceptions),
            "contradicted": [
                {**contradiction.to_json(), "label": contradiction.label}
                for contradiction in grade.contradictions
            ],
            "suggested_rating": grade.suggested_rating if text.strip() else 1,
        }
        self.answers.append(answer)
        self.state["draft"], self.state["draft_seconds"] = "", 0.0
        self._shown_at = self.study.clock()
        self._save()
        return answer

    def finish(self, ended_by: str | None = None) -> dict:
        """End the session: the report covers the answers given (unanswered questions are listed)."""
        if self.report is not None:
            return self.report
        if ended_by is None:
            # Time first: the last answer may have been submitted by the clock, not by the learner.
            ended_by = (
                ENDED_TIME if self.out_of_time else (ENDED_COMPLETE if self.current is None else ENDED_CLOSED)
            )
        finished_at = self.study.clock()
        self.report = build_report(self, ended_by, finished_at)
        self.study.store.update_mock_session(
            self.id, state=self.state, report=self.report, finished_at=finished_at
        )
        return self.report

    def _save(self) -> None:
        self.study.store.update_mock_session(self.id, state=self.state)


# --- the report ----------------------------------------------------------------------------------


def build_report(session: MockInterview, ended_by: str, finished_at: datetime) -> dict:
    index = session.study.index
    answers = []
    for ref, item in zip(session.state["questions"], session.items, strict=False):
        question = item.content if item else None
        given = next((a for a in session.answers if (a["pack"], a["id"]) == (ref["pack"], ref["id"])), None)
        all_points = (
            [{"id": point.id, "label": point.label} for point in question.key_points] if question else []
        )
        entry = {
            "pack": ref["pack"],
            "id": ref["id"],
            "prompt": question.prompt if question else "(no longer in its pack)",
            "section": question.section if question else None,
            "level": question.level if question else None,
            "answered": bool(given and given["answered"]),
            "answer": given["answer"] if given else "",
            "score": given["score"] if given else 0.0,
            "seconds": given["seconds"] if given else 0.0,
            "covered": given["covered"] if given else [],
            "missed": given["missed"] if given else all_points,
            "misconceptions": given["misconceptions"] if given else [],
            "contradicted": given.get("contradicted", []) if given else [],
            "suggested_rating": given["suggested_rating"] if given else None,
        }
        answers.append(entry)
    given_scores = [entry["score"] for entry in answers if entry["suggested_rating"] is not None]
    return {
        "session": session.id,
        "started_at": session.started_at.isoformat(),
        "finished_at": finished_at.isoformat(),
        "ended_by": ended_by,
        "config": session.config.to_json(),
        "asked": len(answers),
        "answered": sum(entry["answered"] for entry in answers),
        "score": round(sum(given_scores) / len(given_scores), 4) if given_scores else None,
        "total_seconds": round(sum(entry["seconds"] for entry in answers), 3),
        "answers": answers,
        "weakest_sections": weakest_sections(answers, index.packs),
        "ratings": [
            {"pack": e["pack"], "id": e["id"], "suggested": e["suggested_rating"], "committed": None}
            for e in answers
            if e["suggested_rating"] is not None
        ],
    }


def weakest_sections(answers: Iterable[dict], packs: dict[str, Any]) -> list[dict]:
    """Sections of the questions asked, lowest mean score first (for links into the theory)."""
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for entry in answers:
        if entry["section"]:
            scores[(entry["pack"], entry["section"])].append(entry["score"])
    ranked = sorted(scores.items(), key=lambda pair: (sum(pair[1]) / len(pair[1]), pair[0]))
    result = []
    for (pack_id, section_id), values in ranked[:WEAKEST_SECTIONS_SHOWN]:
        pack = packs.get(pack_id)
        section = pack.section(section_id) if pack is not None and hasattr(pack, "section") else None
        result.append(
            {
                "pack": pack_id,
                "section": section_id,
                "title": section.title if section else section_id,
                "score": round(sum(values) / len(values), 4),
                "questions": len(values),
            }
        )
    return result


# --- the service ---------------------------------------------------------------------------------


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
                counts[item.key.pack_id][item.content.level] += 1
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
        state = {
            "questions": [{"pack": i.key.pack_id, "id": i.key.item_id} for i in chosen],
            "answers": [],
            "draft": "",
            "draft_seconds": 0.0,
        }
        session_id = self.study.store.create_mock_session(self.study.clock(), config.to_json(), state)
        return self.resume(session_id)

    def resume(self, session_id: int) -> MockInterview:
        record = self.study.store.get_mock_session(session_id)
        if record is None or "questions" not in record.state:
            raise MockError(f"there is no mock interview number {session_id}")
        return MockInterview(self.study, record)

    def sessions(self) -> list[SessionSummary]:
        """Every session, newest first."""
        summaries = []
        for record in self.study.store.mock_sessions():
            if "questions" not in record.state:
                continue
            report = record.report or {}
            summaries.append(
                SessionSummary(
                    id=record.id,
                    started_at=record.started_at,
                    finished=record.report is not None,
                    asked=len(record.state["questions"]),
                    answered=sum(bool(a.get("answered")) for a in record.state.get("answers", [])),
                    score=report.get("score"),
                    config=MockConfig.from_json(record.config),
                )
            )
        return summaries

    def unfinished(self) -> list[SessionSummary]:
        return [summary for summary in self.sessions() if not summary.finished]

    def close(self, session_id: int) -> dict:
        """End an interrupted session with the answers it has (a partial report)."""
        return self.resume(session_id).finish(ENDED_CLOSED)

    def report(self, session_id: int | None = None) -> dict:
        """The report of a session (default: the latest finished one)."""
        if session_id is None:
            finished = [summary for summary in self.sessions() if summary.finished]
            if not finished:
                raise MockError("no mock interview has finished yet; run `prepdeck mock` first")
            session_id = finished[0].id
        record = self.study.store.get_mock_session(session_id)
        if record is None or "questions" not in record.state:
            raise MockError(f"there is no mock interview number {session_id}")
        if record.report is None:
            raise MockError(
                f"mock interview {session_id} has not finished; resume or close it in the app first"
            )
        return record.report

    def commit_ratings(self, session_id: int, ratings: dict[tuple[str, str], int]) -> list[GradeResult]:
        """Commit the learner's confirmed rating of each question to the schedule, once each.

        `ratings` maps (pack id, question id) to 1-4; questions no longer loaded are skipped.
        The report records what was committed, so a second call cannot grade a question twice.
        """
        report = self.report(session_id)
        results = []
        for entry in report["ratings"]:
            rating = ratings.get((entry["pack"], entry["id"]))
            if rating is None or entry["committed"] is not None:
                continue
            if rating not in (1, 2, 3, 4):
                raise MockError(f"a rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy); got {rating!r}")
            item = self.study.index.get(ItemKey(entry["pack"], entry["id"]))
            if item is None:
                continue
            card = fresh_card(self.study, item, self.study.clock())
            answer = next(
                (a for a in report["answers"] if (a["pack"], a["id"]) == (entry["pack"], entry["id"])), {}
            )
            results.append(self.study.grade(card, rating, duration_ms=int(answer.get("seconds", 0) * 1000)))
            entry["committed"] = rating
        self.study.store.update_mock_session(session_id, report=report)
        return results
