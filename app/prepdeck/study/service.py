"""The study engine's one entry point for screens: `StudyService`.

Typical review loop (what the Review screen does)::

    service = StudyService(Store.open(), packs)          # clock, rng, zone injectable
    counts = service.today_counts()                      # {pack_id: DueCounts(learning, review, new)}
    card = service.next_card()                           # StudyCard or None (then service.next_due_at())
    labels = service.preview(card)                       # {1: "1m", 2: "6m", 3: "10m", 4: "5d"}
    result = service.grade(card, 3)                      # committed to SQLite before it returns
    service.undo()                                       # the last grade of this session, if any

The API, grouped:
- today: `today()`, `today_counts(kind)`, `next_card(kind)`, `next_due_at(kind)`;
- one side: `preview(card)` (labels) / `preview_outcomes(card)`, `grade(card, rating, duration_ms=None)`,
  `undo()`, `bury(card)`, `suspend(card_or_key)`, `unsuspend(card_or_key)`;
- extra practice that never touches the schedule: `cram(tag=, section=, weakest=, again_today=,
  pack_id=, kind=, limit=)`;
- interview answers: `grade_answer(card_or_(pack_id, question_id), text)` -> AnswerGrade, then
  `grade(card, rating)` with the learner's (possibly overridden) rating;
- packs and learner records: `reset_pack(pack_id)`, `mark_section_read(pack, section, read=True)`,
  `sections_read(pack)`, `save_draft` / `load_draft` / `delete_draft(pack, item[, text])`,
  `record_drill_attempt(pack, drill, passed, text, result=None)`, `drill_passed(pack, drill)`;
- `stats()` -> study.stats.Stats; `update_settings(**changes)` -> StudySettings (stored);
- `store` (mock-interview sessions and everything else persisted), `index` (the loaded sides),
  `scheduler`, `notices` (sentences for the learner: a damaged database moved aside, a leech,
  an unusable setting).

`kind` is CARD ("card", flashcards) or QUESTION ("question", interview questions); each has its
own queue and its own daily limits. Every method that changes progress commits before returning.
Nothing here imports Textual. Times come from `clock()` (aware UTC datetimes); the study day
boundary uses `zone` and the `day_start_hour` setting.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from prepdeck.store.cards import NEW, REVIEW, CardState, ItemKey, side_token
from prepdeck.store.store import Store, utc_now
from prepdeck.study import cram as cram_queues
from prepdeck.study.counts import DueCounts
from prepdeck.study.grading import AnswerGrade, grade_question
from prepdeck.study.items import CARD, QUESTION, ItemIndex, StudyItem
from prepdeck.study.newsides import BURIED, STARTED, NewSideFinder
from prepdeck.study.queue import (
    DoneToday,
    Limits,
    QueueEntry,
    StudyDay,
    TodayQueue,
    build_queue,
    study_day,
)
from prepdeck.study.reading import reading_first
from prepdeck.study.scheduler import Outcome, Preview, StudyScheduler, format_interval
from prepdeck.study.settings import StudySettings
from prepdeck.study.shuffle import shown_order

if TYPE_CHECKING:  # imported when called: stats pulls in modules start-up does not need
    from prepdeck.content.model import Question
    from prepdeck.study.items import ItemContent
    from prepdeck.study.stats import Stats

__all__ = ["CARD", "QUESTION", "DueCounts", "GradeResult", "StudyCard", "StudyService", "StudySettings"]


@dataclass(frozen=True)
class StudyCard:
    """A side to show. `content` is the pack's card or question object; `variant` says which side
    ("main", "forward"/"reverse", "c1"...); `bucket` is "learning", "review", "new" or "cram"."""

    item: StudyItem
    state: CardState
    bucket: str
    shown_at: datetime

    @property
    def key(self) -> ItemKey:
        return self.item.key

    @property
    def content(self) -> ItemContent:
        return self.item.content

    @property
    def question(self) -> Question:
        """The interview question shown (a TypeError for a card's side)."""
        return self.item.question

    @property
    def variant(self) -> str:
        return self.item.key.variant


@dataclass(frozen=True)
class GradeResult:
    log_id: int
    rating: int
    outcome: Outcome
    notice: str | None  # e.g. the side became a leech and was suspended


class StudyService:
    def __init__(
        self,
        store: Store,
        packs: Iterable[Any],
        clock: Callable[[], datetime] = utc_now,
        rng: random.Random | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.rng = rng or random.Random()
        # astimezone() always gives an aware time, so the last fallback is never reached.
        self.zone: tzinfo = zone or datetime.now().astimezone().tzinfo or UTC
        self.index = ItemIndex(packs)
        self.notices: list[str] = list(store.notices)
        self.settings = StudySettings.load(store, self.notices)
        self.scheduler = StudyScheduler(self.settings.scheduler_settings(), self.rng)
        self._queues: dict[str, TodayQueue] = {}
        self._new_sides = NewSideFinder(store, self.index)
        self._previews: dict[ItemKey, Preview] = {}
        self._session: list[_Graded] = []  # this session's grades, for undo and the summary
        self._dropped: set[tuple[str, str, str]] = set()  # sides buried or suspended this session
        for pack_id, old_id, new_id in self.index.replacements():
            store.rename_item(pack_id, old_id, new_id)

    # --- settings ------------------------------------------------------------------------

    def update_settings(self, **changes: Any) -> StudySettings:
        """Change and store settings (e.g. new_per_day=10); queues are rebuilt."""
        self.settings = StudySettings(**{**self.settings.__dict__, **changes})
        self.settings.save(self.store)
        self.scheduler = StudyScheduler(self.settings.scheduler_settings(), self.rng)
        self._refresh_queues()
        return self.settings

    # --- today ---------------------------------------------------------------------------

    def today(self) -> StudyDay:
        return study_day(self.clock(), self.zone, self.settings.day_start_hour)

    def today_counts(self, kind: str = CARD) -> dict[str, DueCounts]:
        """Sides left today per loaded pack (every pack is listed, zero counts included)."""
        counts = self._queue(kind).counts()
        return {pack_id: counts.get(pack_id, DueCounts()) for pack_id in self.index.packs}

    def next_card(self, kind: str = CARD) -> StudyCard | None:
        """The next side to show, or None when nothing is due (see `next_due_at`)."""
        entry = self._queue(kind).next(self.clock())
        if entry is None:
            return None
        state = self.store.get_state(entry.item.key)  # fresh: another process may have studied it
        return StudyCard(entry.item, state, entry.bucket, self.clock())

    def next_due_at(self, kind: str = CARD) -> datetime | None:
        """When the next learning side of today becomes due, if any (for "come back at ...")."""
        learning = self._queue(kind).learning
        return learning[0].state.due if learning else None

    def due_now(self, kind: str = CARD) -> int:
        """Sides to review right now: reviews due today and learning sides whose step is over
        (a learning side still in its step is counted in `today_counts` but cannot be shown yet)."""
        queue, now = self._queue(kind), self.clock()
        waiting = sum(entry.state.due_at > now for entry in queue.learning)
        counts = queue.counts().values()
        return sum(count.learning + count.review for count in counts) - waiting

    def learning_entries(self, kind: str = CARD) -> list[QueueEntry]:
        """Today's sides in their learning steps, earliest due first (due now or later today)."""
        return list(self._queue(kind).learning)

    def new_held_back(self, kind: str = CARD) -> bool:
        """Today's limit of new sides is used up while new sides are left for the next days."""
        queue = self._queue(kind)
        if any(entry.bucket == "new" for entry in queue.main):
            return False
        if self._done_today(queue.day, kind).new < self.settings.new_per_day:
            return False
        return any(next(self._new_sides.new_sides(pack_id, kind), None) for pack_id in self.index.packs)

    def preview(self, card: StudyCard) -> dict[int, str]:
        """Interval labels for the four grade buttons; `grade` then commits exactly these."""
        preview = self._preview(card)
        return {rating: format_interval(outcome.interval) for rating, outcome in preview.outcomes.items()}

    def option_order(self, card: StudyCard) -> list[int]:
        """The order to show a choice card's options or an order card's steps: shuffled, the
        same all day for this side (an undo shows it as before), different the next day."""
        from prepdeck.content.model import ChoiceCard, MultiChoiceCard, OrderCard

        content, day = card.content, self.today().start.isoformat()
        if isinstance(content, OrderCard):
            return shown_order(card.key, day, len(content.items), content.type)
        if isinstance(content, ChoiceCard | MultiChoiceCard):
            right = next((n for n, option in enumerate(content.options) if option.correct), None)
            return shown_order(card.key, day, len(content.options), content.type, right)
        return []  # nothing to order on the other sides

    def preview_outcomes(self, card: StudyCard) -> dict[int, Outcome]:
        return dict(self._preview(card).outcomes)

    def grade(
        self,
        card: StudyCard,
        rating: int,
        duration_ms: int | None = None,
        answer_score: float | None = None,
    ) -> GradeResult:
        """Commit the previewed outcome of `rating` (1 Again .. 4 Easy) and log it; returns once stored.

        `duration_ms` defaults to the time since the card was shown (capped at 10 minutes).
        `answer_score` is the grader's score of a typed interview answer, stored beside the rating.
        A side from `cram()` is graded only when the learner chooses to commit extra practice.
        """
        preview = self._preview(card)
        outcome = preview.outcome(rating)
        now = self.clock()
        if duration_ms is None:
            duration_ms = min(int((now - card.shown_at).total_seconds() * 1000), 600_000)
        log_id = self.store.record_review(
            preview.before, outcome.after, rating, now, max(0, duration_ms), answer_score
        )
        token = side_token(*_tuple(card.key))
        queue = self._queues.get(card.item.kind)
        self._session.append(
            _Graded(
                log_id,
                rating,
                card.item.kind,
                None if queue is None else queue.copy(),
                self._new_sides.status.get(token, STARTED),
            )
        )
        self._previews.pop(card.key, None)
        self._after_change(card.item, outcome.after)
        notice = None
        if outcome.becomes_leech:
            from prepdeck.study.quiz import side_prompt  # quiz imports this module

            # The card as the learner saw it, never its id.
            front = " ".join(side_prompt(card).split())
            front = front if len(front) <= 60 else front[:59].rstrip() + "…"
            notice = (
                f"'{front}' has lapsed {outcome.after.lapses} times: it is flagged as a leech and "
                "suspended. Reread its section or rewrite it, then bring it back with `prepdeck unsuspend`."
            )
            self.notices.append(notice)
        return GradeResult(log_id, rating, outcome, notice)

    def undo(self) -> StudyCard | None:
        """Undo this session's last grade: the side's state is restored and its log row removed.

        Today's queue goes back to what it was just before that grade (less the sides buried or
        suspended since), so an undo never brings in a side that was not queued then.
        Returns the side to show again, or None when there is nothing to undo, or when the side
        was changed since (buried, suspended, or studied in another prepdeck process): then the
        grade stays, and so does every grade before it (undo never skips back past one).
        """
        if self._session:
            graded = self._session[-1]
            record = self.store.undo_review(graded.log_id)
            if record is None:
                return None
            self._session.pop()
            item = self.index.get(record.key)
            if item is None:
                self._may_be_new_again(record.before)
                return None
            if record.before.is_new and not record.before.suspended:
                self._new_sides.became_new(side_token(*_tuple(record.key)))
            else:
                self._new_sides.mark(side_token(*_tuple(record.key)), graded.side_status)
            bucket = _bucket(record.before)
            if not self._restore_queue(item.kind, graded):
                self._refresh_queues()
                self._queue(item.kind)  # rebuilt with the restored state, then the side put first
                self._queues[item.kind].remove(_tuple(record.key))
                self._queues[item.kind].add_front(QueueEntry(item, record.before, bucket))
            return StudyCard(item, record.before, bucket, self.clock())
        return None

    def session_ratings(self, since: int = 0) -> Counter[int]:
        """This session's grades (from the `since`-th on) by rating 1..4; undone ones are not counted.
        `session_grades` read before a sitting gives its `since`."""
        return Counter(graded.rating for graded in self._session[since:])

    @property
    def session_grades(self) -> int:
        """How many grades of this session are in the log (undone ones are gone)."""
        return len(self._session)

    def bury(self, card: StudyCard) -> None:
        """Hide the side until the study day ends."""
        state = self.store.get_state(card.key).with_changes(buried_until=self.today().end)
        self.store.put_states([state])
        self._drop(card.item, state)

    def suspend(self, card: StudyCard | ItemKey, suspended: bool = True) -> None:
        """Suspend (or with suspended=False unsuspend) a side until the learner says otherwise."""
        key = card.key if isinstance(card, StudyCard) else card
        state = self.store.get_state(key).with_changes(suspended=suspended)
        self.store.put_states([state])
        item = self.index.get(key)
        if suspended and item is not None:
            self._drop(item, state)
        else:
            self._dropped.discard(_tuple(key))
            self._may_be_new_again(state)

    def unsuspend(self, card: StudyCard | ItemKey) -> None:
        self.suspend(card, suspended=False)

    def reset_pack(self, pack_id: str) -> int:
        """Forget a pack's schedule (every side becomes new); the review history stays. Returns sides reset."""
        count = self.store.reset_pack(pack_id)
        self._invalidate()
        return count

    # --- extra practice (never changes the schedule) -------------------------------------

    def cram(
        self,
        *,
        tag: str | None = None,
        section: str | None = None,
        weakest: bool = False,
        again_today: bool = False,
        pack_id: str | None = None,
        kind: str = CARD,
        limit: int = 20,
    ) -> list[StudyCard]:
        """Sides for extra practice, filtered by tag, section and pack; `weakest` takes the sections with the
        lowest mastery first, within each the lowest chance of recall (study/cram.weakest_first); `again_today` keeps sides rated Again today.
        Answering them changes nothing: do not call `grade` on them."""
        now = self.clock()
        chosen = cram_queues.select(
            self.index,
            self.store,
            self.scheduler,
            now=now,
            day=self.today(),
            tag=tag,
            section=section,
            weakest=weakest,
            again_today=again_today,
            pack_id=pack_id,
            kind=kind,
            limit=limit,
            rng=self.rng,
        )
        return [StudyCard(item, state, "cram", now) for item, state in chosen]

    # --- interview answers ---------------------------------------------------------------

    def grade_answer(self, card: StudyCard | tuple[str, str], answer: str) -> AnswerGrade:
        """Grade a typed answer to a question (a StudyCard of kind QUESTION, or (pack_id, question_id))."""
        pack_id, item_id = (card.key.pack_id, card.key.item_id) if isinstance(card, StudyCard) else card
        question = self.index.by_item.get((pack_id, item_id))
        if question is None or not hasattr(question, "model_answer"):
            raise KeyError(f"no question '{item_id}' in pack '{pack_id}'")
        pack = self.index.packs.get(pack_id)
        return grade_question(question, answer, getattr(pack, "synonyms", None))

    # --- sections, drafts, drills --------------------------------------------------------

    def mark_section_read(self, pack_id: str, section_id: str, read: bool = True) -> None:
        """Store it; today's new sides are chosen again, as they follow reading (study/reading.py)."""
        self.store.mark_section_read(pack_id, section_id, self.clock(), read)
        self._refresh_queues()

    def sections_read(self, pack_id: str) -> set[str]:
        return {section for (_, section) in self.store.sections_read(pack_id)}

    def save_draft(self, pack_id: str, item_id: str, text: str) -> None:
        self.store.save_draft(pack_id, item_id, text, self.clock())

    def load_draft(self, pack_id: str, item_id: str) -> str | None:
        draft = self.store.load_draft(pack_id, item_id)
        return draft.text if draft else None

    def delete_draft(self, pack_id: str, item_id: str) -> None:
        self.store.delete_draft(pack_id, item_id)

    def record_drill_attempt(
        self, pack_id: str, drill_id: str, passed: bool, text: str, result: dict[str, Any] | None = None
    ) -> int:
        return self.store.record_drill_attempt(pack_id, drill_id, passed, text, self.clock(), result)

    def drill_passed(self, pack_id: str, drill_id: str) -> bool:
        return any(attempt.passed for attempt in self.store.drill_attempts(pack_id, drill_id))

    # --- statistics ----------------------------------------------------------------------

    def stats(self) -> Stats:
        """Everything the Stats screen and `prepdeck stats` show (see study.stats.Stats)."""
        from prepdeck.study.stats import compute_stats

        return compute_stats(
            self.store, self.index, self.scheduler, self.clock(), self.zone, self.settings.day_start_hour
        )

    # --- internals -----------------------------------------------------------------------

    def _preview(self, card: StudyCard) -> Preview:
        preview = self._previews.get(card.key)
        if preview is None or preview.at < card.shown_at:  # a preview belongs to one showing of the side
            state = self.store.get_state(card.key)
            # The fuzz is seeded by the side, its stored state and the day: the same side shown
            # again (after an undo, or on coming back) offers the same intervals.
            seed = f"{side_token(*_tuple(card.key))}\x1f{state.to_json()}\x1f{self.today().start.isoformat()}"
            preview = self.scheduler.preview(state, self.clock(), seed=seed)
            self._previews[card.key] = preview
        return preview

    def _restore_queue(self, kind: str, graded: _Graded) -> bool:
        """Put back the queue saved when `graded` was committed, if it is still today's."""
        saved, current = graded.queue, self._queues.get(kind)
        if saved is None or current is None or saved.day != current.day:
            return False
        for key in self._dropped:
            saved.remove(key)
        self._queues[kind] = saved
        return True

    def _queue(self, kind: str) -> TodayQueue:
        now = self.clock()
        if self.store.changed_elsewhere():
            self._invalidate()  # another process studied: its grades change today's queue
        queue = self._queues.get(kind)
        if queue is not None and queue.day.start <= now < queue.day.end:
            return queue
        day = study_day(now, self.zone, self.settings.day_start_hour)
        self._new_sides.begin(day, now)
        queue = build_queue(
            self.index,
            kind,
            self.store.due_learning(day.end),
            self.store.iter_due_reviews(day.end),
            reading_first(self.index, self.store, self.sections_read, self._new_sides.new_sides, now),
            self._done_today(day, kind),
            Limits(self.settings.new_per_day, self.settings.reviews_per_day),
            day,
            now,
        )
        self._queues[kind] = queue
        return queue

    def _done_today(self, day: StudyDay, kind: str) -> DoneToday:
        """Today's log for one kind: the limits of cards and of questions are counted apart."""
        new = reviews = 0
        items = set()
        for record in self.store.reviews(since=day.start, until=day.end):
            item = self.index.get(record.key)
            if item is None or item.kind != kind:
                continue
            items.add((record.key.pack_id, record.key.item_id))
            if record.before.state == NEW:
                new += 1
            elif record.before.state == REVIEW:
                reviews += 1
        return DoneToday(new, reviews, frozenset(items))

    def _after_change(self, item: StudyItem, after: CardState) -> None:
        """Keep the cached queue and key summary in step with one committed review."""
        key = item.key
        self._new_sides.mark(side_token(*_tuple(key)), STARTED)
        queue = self._queues.get(item.kind)
        if queue is None:
            return
        if not any(entry.item.key == key for entry in queue.entries()):
            # Graded from outside today's queue (a mock interview's ratings, say): today's limits
            # and siblings now count it, so the queue is rebuilt rather than patched.
            self._queues.pop(item.kind, None)
            return
        queue.remove_item(key.pack_id, key.item_id)
        if not after.suspended and after.state != REVIEW and after.due_at < queue.day.end:
            queue.add_learning(QueueEntry(item, after, "learning"))

    def _drop(self, item: StudyItem, state: CardState) -> None:
        """Take one side out of today's cached queue (bury, suspend) without reshuffling the rest."""
        self._new_sides.mark(
            side_token(*_tuple(item.key)), STARTED if state.suspended or not state.is_new else BURIED
        )
        queue = self._queues.get(item.kind)
        if queue is not None:
            queue.remove(_tuple(item.key))
        self._dropped.add(_tuple(item.key))
        self._previews.pop(item.key, None)

    def _may_be_new_again(self, state: CardState) -> None:
        """A side restored to new (undo) or unsuspended: let the next build consider it again."""
        if state.is_new and not state.suspended and state.buried_until is None:
            self._new_sides.became_new(side_token(*_tuple(state.key)))
        self._refresh_queues()

    def _refresh_queues(self) -> None:
        """Rebuild queues on next use; the not-new set stays (it is kept in step)."""
        self._queues.clear()
        self._previews.clear()

    def _invalidate(self) -> None:
        """Forget everything cached, e.g. after a whole pack was reset."""
        self._refresh_queues()
        self._new_sides.generation = None


def _tuple(key: ItemKey) -> tuple[str, str, str]:
    return (key.pack_id, key.item_id, key.variant)


def _bucket(state: CardState) -> str:
    if state.state == NEW:
        return "new"
    return "review" if state.state == REVIEW else "learning"


@dataclass
class _Graded:
    """One grade of this session: its log row, and what undo puts back."""

    log_id: int
    rating: int
    kind: str
    queue: TodayQueue | None  # the kind's queue just before the grade
    side_status: int  # the new-side finder's status of the side before the grade
