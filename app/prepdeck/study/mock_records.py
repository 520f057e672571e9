"""The typed records of a mock interview: its answers while it runs, and its report at the end.

The store keeps them as JSON (`mock_session.state_json` and `report_json`); `study.mock` reads them
back through these models, so a session saved in a shape this prepdeck cannot read is refused with
one sentence instead of failing later on a missing key. The same models check a session imported
from a progress file (`session_shape`). Types are strict (a score stored as "high" is refused, not
coerced); extra fields are kept, since a newer prepdeck may add some.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

Number = StrictInt | StrictFloat
Count = Annotated[StrictInt, Field(ge=0, le=100_000)]
Seconds = Annotated[Number, Field(ge=0)]
Score = Annotated[Number, Field(ge=0, le=1)]
Rating = Annotated[StrictInt, Field(ge=1, le=4)]
EndedBy = Literal["completed", "time", "closed"]


class MockError(Exception):
    """A request the learner can fix (no questions match, no such session, a session this prepdeck
    cannot read): one clear sentence."""


@dataclass(frozen=True)
class MockConfig:
    """What the learner asked for; the service refuses what it cannot run (no questions, 0 minutes)."""

    packs: tuple[str, ...] = ()  # empty: every loaded pack
    level: str | None = None
    questions: int = 5
    minutes: int = 30

    def to_json(self) -> dict[str, Any]:
        return {
            "packs": list(self.packs),
            "level": self.level,
            "questions": self.questions,
            "minutes": self.minutes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MockConfig:
        return cls(
            tuple(data.get("packs", ())), data.get("level"), int(data["questions"]), int(data["minutes"])
        )


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")

    def to_json(self) -> dict[str, object]:
        """The JSON the store keeps (extra fields of a newer prepdeck included)."""
        return self.model_dump(mode="json")


class PointRef(Record):
    """A key point of the question, by id, with the label the learner reads."""

    id: StrictStr
    label: StrictStr


class QuestionRef(Record):
    pack: StrictStr
    id: StrictStr


class Evidence(Record):
    """The learner's words (character offsets into the answer, and the text)."""

    start: StrictInt
    end: StrictInt
    text: StrictStr


class Contradicted(Record):
    """A key point the answer states the opposite of, and the correct claim."""

    key_point: StrictStr
    evidence: Evidence
    correction: StrictStr
    label: StrictStr = ""


class MockAnswer(QuestionRef):
    """One submitted answer, graded when it was submitted (feedback waits for the report)."""

    answer: StrictStr
    answered: StrictBool  # False: submitted empty (the clock ran out, or the learner skipped)
    seconds: Seconds
    score: Score
    covered: list[PointRef]
    missed: list[PointRef]
    misconceptions: list[StrictStr]
    contradicted: list[Contradicted] = []
    suggested_rating: Rating | None
    submitted_at: StrictStr | None = None  # ISO 8601


class MockState(Record):
    """A session while it runs: the questions drawn, the answers so far and the current draft."""

    questions: list[QuestionRef]
    answers: list[MockAnswer] = []
    draft: StrictStr = ""
    draft_seconds: Seconds = 0.0  # time already spent on the current draft


class ReportAnswer(MockAnswer):
    """An answer as the report lists it; a question not answered has score 0 and every point missed."""

    prompt: StrictStr
    section: StrictStr | None
    level: StrictStr | None


class WeakSection(Record):
    pack: StrictStr
    section: StrictStr
    title: StrictStr
    score: Number  # mean score of the section's answers
    questions: Count


class RatingEntry(QuestionRef):
    """The rating suggested for a question's schedule, and the one committed (None until then)."""

    suggested: Rating
    committed: Rating | None


class MockReport(Record):
    session: StrictInt
    started_at: StrictStr  # ISO 8601
    finished_at: StrictStr
    ended_by: EndedBy
    config: MockConfig
    asked: Count
    answered: Count
    score: Score | None  # mean over the answers given a rating; None when nothing was answered
    total_seconds: Seconds
    answers: list[ReportAnswer]
    weakest_sections: list[WeakSection]
    ratings: list[RatingEntry]

    def answer_to(self, pack_id: str, question_id: str) -> ReportAnswer | None:
        return next((a for a in self.answers if (a.pack, a.id) == (pack_id, question_id)), None)
