"""One sitting of the Review screen: which card comes next, grades, undo, and the summary.

Three modes:
- a section on the schedule (`section` with `scheduled=True`, offered once a section is read): its
  due and new sides (study/section_review.py), graded and committed like today's queue;
- today's queue: every grade is committed by the study service before the next card is drawn,
  and the summary counts what the log holds for this session (an undone grade is not counted);
- extra practice (a tag, a section, the weakest cards, or today's Again cards): a fixed list from
  `StudyService.cram` (never a suspended side, nor one buried today); grades only move on and the
  schedule is left alone.

Bury and suspend are the learner's word about a card, not a grade: in both modes they are stored
(a buried card stays away from today's queue too; a suspended one until it is unsuspended).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from prepdeck.study.counts import DueCounts, sum_counts
from prepdeck.study.section_review import learning_back, next_learning_due, section_sides
from prepdeck.study.service import GradeResult, StudyCard, StudyService

PRACTICE_SIZE = 20

# What a sitting is, from the Review screen's arguments (see the module's docstring).
TODAY, SECTION_ON_SCHEDULE, PRACTICE = "today", "section on schedule", "practice"


@dataclass(frozen=True)
class ReviewFilters:
    """What the Review screen was opened for; no filter at all is today's review."""

    pack_id: str | None = None
    tag: str | None = None
    section: str | None = None
    weakest: bool = False
    again_today: bool = False
    scheduled: bool = False  # with `pack_id` and `section`: that section on the schedule

    @property
    def kind(self) -> str:
        """A section on the schedule needs its pack and `scheduled`; any filter without that is
        practice (a pack alone does not make practice)."""
        if self.scheduled and self.pack_id and self.section:
            return SECTION_ON_SCHEDULE
        if self.tag or self.section or self.weakest or self.again_today:
            return PRACTICE
        return TODAY


@dataclass(frozen=True)
class Practised:
    position: int  # index in the practice list
    rating: int


TODAYS_REVIEW = ReviewFilters()


class ReviewSession:
    def __init__(
        self,
        study: StudyService,
        filters: ReviewFilters = TODAYS_REVIEW,
        *,
        size: int = PRACTICE_SIZE,
    ) -> None:
        self.study = study
        self.filters = filters
        pack_id, section = filters.pack_id, filters.section
        # A section reviewed on the schedule: its due and new sides, graded for real.
        self.scheduled_section = (
            (pack_id, section) if filters.kind == SECTION_ON_SCHEDULE and pack_id and section else None
        )
        self.practice = filters.kind == PRACTICE
        self.cards: list[StudyCard] = []  # the practice list
        self._position = 0  # the next practice card to show
        self._practised: list[Practised] = []
        self._suspended: list[StudyCard] = []
        self._first_grade = study.session_grades
        self.started_at = study.clock()
        if self.scheduled_section is not None:
            self.cards = section_sides(study, *self.scheduled_section)
        elif self.practice:
            # A section's practice holds all of its sides (less those suspended or buried today).
            limit = len(study.index.items) if section else size
            self.cards = study.cram(
                limit=limit,
                pack_id=pack_id,
                tag=filters.tag,
                section=section,
                weakest=filters.weakest,
                again_today=filters.again_today,
            )

    # --- the cards -----------------------------------------------------------------------

    def next_card(self) -> StudyCard | None:
        if self.scheduled_section is not None:
            return self._next_in_section(*self.scheduled_section)
        if not self.practice:
            return self.study.next_card()
        if self._position < len(self.cards):
            card = self.cards[self._position]
            self._position += 1
            return card
        return None

    def _next_in_section(self, pack_id: str, section_id: str) -> StudyCard | None:
        """A side of the section back from its learning step, else the next listed side still as
        it was listed (one graded, buried or suspended since is passed over)."""
        now = self.study.clock()
        for card in learning_back(self.study, pack_id, section_id):
            if card.state.due_at <= now:
                return card
        while self._position < len(self.cards):
            listed = self.cards[self._position]
            self._position += 1
            state = self.study.store.get_state(listed.key)
            if state == listed.state:
                return StudyCard(listed.item, state, listed.bucket, now)
        return None

    def next_due_at(self) -> datetime | None:
        """When a side of this sitting in its learning step comes back (None in practice)."""
        if self.practice:
            return None
        if self.scheduled_section is not None:
            return next_learning_due(self.study, *self.scheduled_section)
        return self.study.next_due_at()

    @property
    def left(self) -> int:
        """Listed sides of a section review left: the one on screen and those not shown yet (none
        graded, buried or suspended since)."""
        if self.scheduled_section is None:
            return 0
        store = self.study.store
        listed = self.cards[max(0, self._position - 1) :]
        return sum(store.get_state(card.key) == card.state for card in listed)

    @property
    def learning(self) -> int:
        """Sides of a section review in their learning steps: each comes back once its step is over."""
        return (
            0 if self.scheduled_section is None else len(learning_back(self.study, *self.scheduled_section))
        )

    def preview(self, card: StudyCard) -> dict[int, str]:
        """Interval labels for the grade buttons; none in practice (the schedule is not touched)."""
        return {} if self.practice else self.study.preview(card)

    def grade(self, card: StudyCard, rating: int) -> GradeResult | None:
        if self.practice:
            self._practised.append(Practised(self._position - 1, rating))
            return None
        return self.study.grade(card, rating)

    def undo(self) -> StudyCard | None:
        """Take back the last grade of this sitting; returns the card to show again, or None."""
        if self.practice:
            if not self._practised:
                return None
            last = self._practised.pop()
            self._position = last.position + 1
            return self.cards[last.position]
        if self.done == 0:
            return None
        return self.study.undo()

    def bury(self, card: StudyCard) -> None:
        self.study.bury(card)

    def suspend(self, card: StudyCard) -> None:
        self.study.suspend(card)
        self._suspended.append(card)

    def unsuspend_last(self) -> StudyCard | None:
        """Unsuspend the card suspended last in this sitting (it comes back when it is due)."""
        if not self._suspended:
            return None
        card = self._suspended.pop()
        self.study.unsuspend(card)
        return card

    # --- counts ----------------------------------------------------------------------------

    def ratings(self) -> Counter[int]:
        """Grades of this sitting by rating (1..4); an undone grade is not counted."""
        if self.practice:
            return Counter(practised.rating for practised in self._practised)
        return self.study.session_ratings(since=self._first_grade)

    @property
    def done(self) -> int:
        return sum(self.ratings().values())

    def elapsed(self) -> timedelta:
        """Time since the sitting began."""
        return self.study.clock() - self.started_at

    @property
    def practice_total(self) -> int:
        return len(self.cards)

    def today_left(self) -> DueCounts:
        """Sides left in today's review, all packs together, by state."""
        return sum_counts(self.study.today_counts().values())

    def others_waiting_today(self) -> int:
        """Sides of today's review outside a section review: today's count holds the section's
        learning sides too, and they are not "other" cards."""
        return self.today_left().total - self.learning
