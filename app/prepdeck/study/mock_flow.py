"""The mock interview as the learner goes through it: setup, asking, report (no Textual).

`MockFlow(mocks)` is what the mock screen drives; the screen renders `phase`, `session` and
`report`, and passes on what the learner does:
- setup: `start(config)`, `open(session_id)` (resume, or show a finished one's report),
  `close(session_id)` (end an unfinished one with partial results);
- asking: `typed(text)` on each keystroke, `tick(text)` once a second (saves the draft at most
  every DRAFT_SAVE_SECONDS, and ends the interview when time runs out), `submit(text)`,
  `pause(text)` when the learner leaves;
- report: `rate(index, rating)`, `commit()`, `weak_section(index)`.
Whatever the learner can get wrong (a saved session this prepdeck cannot read, no question to
ask) raises MockError with one sentence, and the phase stays where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from prepdeck.study.mock import MockService
from prepdeck.study.mock_records import MockConfig, MockError, MockReport, RatingEntry, WeakSection
from prepdeck.study.mock_session import ENDED_TIME, MockInterview

DRAFT_SAVE_SECONDS = 2  # typing is saved at most this often (and always on submit and leave)


class Phase(StrEnum):
    SETUP = "setup"
    ASKING = "asking"
    REPORT = "report"


@dataclass(frozen=True)
class RatingRow:
    """A line of the report's rating list: the rating that `commit` would put on the schedule."""

    entry: RatingEntry
    rating: int  # the committed one, else the learner's choice, else the suggested one

    @property
    def committed(self) -> bool:
        return self.entry.committed is not None


class MockFlow:
    def __init__(self, mocks: MockService) -> None:
        self.mocks = mocks
        self.phase = Phase.SETUP
        self.session: MockInterview | None = None
        self.report: MockReport | None = None
        self._chosen: dict[tuple[str, str], int] = {}
        self._dirty_since: float | None = None  # seconds on the question when unsaved typing began

    # --- setup -------------------------------------------------------------------------------

    def start(self, config: MockConfig) -> None:
        self._begin(self.mocks.start(config))

    def open(self, session_id: int) -> None:
        session = self.mocks.resume(session_id)
        if session.report is not None:
            self._show_report(session.report)
        else:
            self._begin(session)

    def close(self, session_id: int) -> None:
        self._show_report(self.mocks.close(session_id))

    def _begin(self, session: MockInterview) -> None:
        self.session = session
        self._dirty_since = None
        if session.current is None:  # every question answered before the app was closed
            self._show_report(session.finish())
        else:
            self.phase = Phase.ASKING

    # --- asking ------------------------------------------------------------------------------

    def _asking(self) -> MockInterview | None:
        return self.session if self.phase == Phase.ASKING else None

    def typed(self, text: str) -> None:
        session = self._asking()
        if session is not None and self._dirty_since is None and text != session.draft:
            self._dirty_since = session.seconds_on_current()

    def tick(self, text: str) -> bool:
        """A second passed with `text` in the editor. True when time ran out: the text was
        submitted as it stood and the report is ready."""
        session = self._asking()
        if session is None:
            return False
        if session.out_of_time:
            session.submit(text)
            self._show_report(session.finish(ENDED_TIME))
            return True
        if (
            self._dirty_since is not None
            and session.seconds_on_current() - self._dirty_since >= DRAFT_SAVE_SECONDS
        ):
            self._save_draft(session, text)
        return False

    def submit(self, text: str) -> None:
        """Store the answer; the next question, or the report after the last."""
        session = self._asking()
        if session is None:
            raise MockError("there is no question to answer")
        session.submit(text)
        self._dirty_since = None
        if session.current is None:
            self._show_report(session.finish())

    def pause(self, text: str) -> bool:
        """The learner leaves: keep the draft. True when an interview was paused (not ended)."""
        session = self._asking()
        if session is None:
            return False
        self._save_draft(session, text)
        return True

    def keep_unsaved(self, text: str) -> None:
        """The app quits mid-question: keep the words typed since the last save."""
        session = self._asking()
        if session is not None and self._dirty_since is not None:
            self._save_draft(session, text)

    def _save_draft(self, session: MockInterview, text: str) -> None:
        session.save_draft(text)
        self._dirty_since = None

    # --- report ------------------------------------------------------------------------------

    def _show_report(self, report: MockReport) -> None:
        self.report = report
        self._chosen = {}
        self.phase = Phase.REPORT

    def rating_rows(self) -> list[RatingRow]:
        if self.report is None:
            return []
        return [
            RatingRow(entry, entry.committed or self._chosen.get((entry.pack, entry.id), entry.suggested))
            for entry in self.report.ratings
        ]

    def rate(self, index: int, rating: int) -> None:
        """Change the rating of the `index`th question before committing."""
        rows = self.rating_rows()
        if not 0 <= index < len(rows):
            return
        entry = rows[index].entry
        if entry.committed is not None:
            raise MockError("that rating is already on your schedule")
        self._chosen[(entry.pack, entry.id)] = rating

    def commit(self) -> int:
        """Put the ratings on the schedule; how many were committed now (0: nothing left)."""
        if self.report is None:
            return 0
        ratings = {(row.entry.pack, row.entry.id): row.rating for row in self.rating_rows()}
        results = self.mocks.commit_ratings(self.report.session, ratings)
        self.report = self.mocks.report(self.report.session)
        return len(results)

    def weak_section(self, index: int) -> WeakSection | None:
        sections = self.report.weakest_sections if self.report is not None else []
        return sections[index] if 0 <= index < len(sections) else None
