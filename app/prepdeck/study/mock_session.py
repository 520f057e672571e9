"""One mock interview in progress: the current question, drafts, answers, and the report at the end.

`MockService` (study/mock.py) makes these from stored rows; `MockFlow` (study/mock_flow.py) drives
one for the screen. Every change is committed at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from prepdeck.store.cards import ItemKey
from prepdeck.store.records import MockSession
from prepdeck.study.items import StudyItem
from prepdeck.study.mock_records import (
    Contradicted,
    EndedBy,
    MockAnswer,
    MockConfig,
    MockError,
    MockReport,
    MockState,
    PointRef,
    RatingEntry,
    ReportAnswer,
    WeakSection,
)
from prepdeck.study.service import StudyService

ENDED_COMPLETE: EndedBy = "completed"
ENDED_TIME: EndedBy = "time"
ENDED_CLOSED: EndedBy = "closed"
WEAKEST_SECTIONS_SHOWN = 3
GONE_PROMPT = "(no longer in its pack)"


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

    def __init__(
        self,
        study: StudyService,
        record: MockSession,
        config: MockConfig,
        state: MockState,
        report: MockReport | None,
    ) -> None:
        self.study = study
        self.id = record.id
        self.started_at = record.started_at
        self.config = config
        self.state = state
        self.report = report
        self.items = [study.index.get(ItemKey(ref.pack, ref.id)) for ref in state.questions]
        self._shown_at = study.clock()  # the current question's timer restarts here on resume

    # --- where we are ----------------------------------------------------------------------

    @property
    def answers(self) -> list[MockAnswer]:
        return self.state.answers

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

    def missing_questions(self) -> list[str]:
        """Questions still to be asked that no loaded pack has now (pack/id)."""
        waiting = zip(self.state.questions, self.items, strict=True)
        return [f"{ref.pack}/{ref.id}" for ref, item in list(waiting)[len(self.answers) :] if item is None]

    @property
    def draft(self) -> str:
        return self.state.draft

    def seconds_on_current(self) -> float:
        return self.state.draft_seconds + max(0.0, (self.study.clock() - self._shown_at).total_seconds())

    def elapsed_seconds(self) -> float:
        done = sum(answer.seconds for answer in self.answers)
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
        self.state.draft_seconds = self.seconds_on_current()
        self.state.draft = text
        self._shown_at = self.study.clock()
        self._save()

    def submit(self, text: str) -> MockAnswer:
        """Grade the answer to the current question, store it, move on; returns the answer."""
        current = self.current
        if current is None:
            raise MockError("this mock interview has no question left to answer")
        grade = self.study.grade_answer((current.key.pack_id, current.key.item_id), text)
        points = {point.id: point.label for point in current.question.key_points}
        answered = bool(text.strip())
        answer = MockAnswer(
            pack=current.key.pack_id,
            id=current.key.item_id,
            answer=text,
            answered=answered,
            seconds=round(self.seconds_on_current(), 3),
            submitted_at=self.study.clock().isoformat(),
            score=round(grade.score, 4),
            covered=[PointRef(id=pid, label=points[pid]) for pid in grade.covered],
            missed=[PointRef(id=pid, label=points[pid]) for pid in grade.missed],
            misconceptions=list(grade.misconceptions),
            contradicted=[
                Contradicted.model_validate({**contradiction.to_json(), "label": contradiction.label})
                for contradiction in grade.contradictions
            ],
            suggested_rating=grade.suggested_rating if answered else 1,
        )
        self.answers.append(answer)
        self.state.draft, self.state.draft_seconds = "", 0.0
        self._shown_at = self.study.clock()
        self._save()
        return answer

    def finish(self, ended_by: EndedBy | None = None) -> MockReport:
        """End the session: the report covers the answers given (unanswered questions are listed)."""
        if self.report is not None:
            return self.report
        if ended_by is None:
            # Time first: the last answer may have been submitted by the clock, not by the learner.
            ended_by = (
                ENDED_TIME if self.out_of_time else (ENDED_COMPLETE if self.current is None else ENDED_CLOSED)
            )
        finished_at = self.study.clock()
        report = build_report(self, ended_by, finished_at)
        self.study.store.update_mock_session(
            self.id, state=self.state.to_json(), report=report.to_json(), finished_at=finished_at
        )
        self.report = report
        return report

    def _save(self) -> None:
        self.study.store.update_mock_session(self.id, state=self.state.to_json())


# --- the report ----------------------------------------------------------------------------------


def build_report(session: MockInterview, ended_by: EndedBy, finished_at: datetime) -> MockReport:
    given = {(answer.pack, answer.id): answer for answer in session.answers}
    answers = []
    for ref, item in zip(session.state.questions, session.items, strict=True):
        question = item.question if item else None
        answer = given.get((ref.pack, ref.id))
        every_point = [PointRef(id=p.id, label=p.label) for p in question.key_points] if question else []
        answers.append(
            ReportAnswer(
                pack=ref.pack,
                id=ref.id,
                prompt=question.prompt if question else GONE_PROMPT,
                section=question.section if question else None,
                level=question.level if question else None,
                answered=answer.answered if answer else False,
                answer=answer.answer if answer else "",
                score=answer.score if answer else 0.0,
                seconds=answer.seconds if answer else 0.0,
                covered=answer.covered if answer else [],
                missed=answer.missed if answer else every_point,
                misconceptions=answer.misconceptions if answer else [],
                contradicted=answer.contradicted if answer else [],
                suggested_rating=answer.suggested_rating if answer else None,
                submitted_at=answer.submitted_at if answer else None,
            )
        )
    given_scores = [entry.score for entry in answers if entry.suggested_rating is not None]
    return MockReport(
        session=session.id,
        started_at=session.started_at.isoformat(),
        finished_at=finished_at.isoformat(),
        ended_by=ended_by,
        config=session.config,
        asked=len(answers),
        answered=sum(entry.answered for entry in answers),
        score=round(sum(given_scores) / len(given_scores), 4) if given_scores else None,
        total_seconds=round(sum(entry.seconds for entry in answers), 3),
        answers=answers,
        weakest_sections=weakest_sections(answers, session.study.index.packs),
        ratings=[
            RatingEntry(pack=e.pack, id=e.id, suggested=e.suggested_rating, committed=None)
            for e in answers
            if e.suggested_rating is not None
        ],
    )


def weakest_sections(answers: Iterable[ReportAnswer], packs: dict[str, Any]) -> list[WeakSection]:
    """Sections of the questions asked, lowest mean score first (for links into the theory)."""
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for entry in answers:
        if entry.section:
            scores[(entry.pack, entry.section)].append(entry.score)
    ranked = sorted(scores.items(), key=lambda pair: (sum(pair[1]) / len(pair[1]), pair[0]))
    result = []
    for (pack_id, section_id), values in ranked[:WEAKEST_SECTIONS_SHOWN]:
        pack = packs.get(pack_id)
        section = pack.section(section_id) if pack is not None and hasattr(pack, "section") else None
        result.append(
            WeakSection(
                pack=pack_id,
                section=section_id,
                title=section.title if section else section_id,
                score=round(sum(values) / len(values), 4),
                questions=len(values),
            )
        )
    return result
