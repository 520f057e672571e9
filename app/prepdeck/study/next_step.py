"""What to do when a queue runs dry: when the next card comes, and the steps that can be taken now.

An empty review, an empty quiz or a pack with every drill passed should never end on a bare
"nothing to do": the learner is told when the next card is due and offered what works now
(interview questions due, the next unread section in reading order, a drill not passed yet, a
quick quiz). Each step carries the key that starts it on the study screens and the app method
it calls; the screens draw them and bind only those keys. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from prepdeck.store.timeconv import EPOCH
from prepdeck.study.items import CARD, QUESTION

if TYPE_CHECKING:
    from prepdeck.study.service import StudyService

# The keys of the steps, the same on every screen that offers them (Home uses them too).
QUESTIONS_KEY, READ_KEY, DRILL_KEY, QUIZ_KEY = "i", "t", "d", "q"


@dataclass(frozen=True)
class Step:
    """One thing to do now: a sentence, the key that starts it, and the app method plus arguments."""

    text: str
    key: str
    action: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WhenEmpty:
    """What an empty card queue tells the learner."""

    next_card_at: datetime | None  # the next card of the schedule (a learning step, or a later day)
    learning: bool  # that card is one being learned today (the review brings it back by itself)
    new_limit_reached: bool  # new cards are left, but today's limit of new cards is used up
    steps: tuple[Step, ...]

    def step(self, key: object) -> Step | None:
        return next((step for step in self.steps if step.key == key), None)


def when_empty(
    study: StudyService,
    *,
    pack_id: str | None = None,
    skip: frozenset[str] = frozenset(),
    passed_drills: set[tuple[str, str]] | None = None,
    learning_due: datetime | Literal["today"] | None = "today",
) -> WhenEmpty:
    """The card queue is empty: when the next card comes, and what can be done meanwhile.

    `pack_id` narrows the sections and drills offered to one pack; `skip` leaves out the steps of
    these keys (a screen does not offer itself); `passed_drills` can be given when already known;
    `learning_due` is when a learning card of the sitting comes back (default: of today's queue).
    """
    if learning_due == "today":
        learning_due = study.next_due_at(CARD)
    next_at = learning_due if learning_due is not None else _next_day_card(study)
    return WhenEmpty(
        next_card_at=next_at,
        learning=learning_due is not None,
        new_limit_reached=study.new_held_back(CARD),
        steps=tuple(step for step in next_steps(study, pack_id, passed_drills) if step.key not in skip),
    )


def next_steps(
    study: StudyService, pack_id: str | None = None, passed_drills: set[tuple[str, str]] | None = None
) -> list[Step]:
    """What works now besides cards: due questions, the next unread section, a drill, a quiz."""
    steps = []
    questions = sum(
        counts.total
        for counts_pack, counts in study.today_counts(QUESTION).items()
        if pack_id is None or counts_pack == pack_id
    )
    if questions:
        steps.append(
            Step(
                f"answer {questions} interview question{_s(questions)} due today",
                QUESTIONS_KEY,
                "open_interview",
                {"pack_id": pack_id},
            )
        )
    packs = [pack for pack in study.index.packs.values() if pack_id is None or pack.meta.id == pack_id]
    for pack in packs:
        read = study.sections_read(pack.meta.id)
        section = next((section for section in pack.sections if section.id not in read), None)
        if section is not None:
            steps.append(
                Step(
                    f"read '{section.title}', the next section",
                    READ_KEY,
                    "open_section",
                    {"pack_id": pack.meta.id, "section_id": section.id},
                )
            )
            break
    drill = next_drill(study, pack_id, passed_drills)
    if drill is not None:
        pack, chosen = drill
        steps.append(
            Step(
                f"try the drill '{chosen.title}'",
                DRILL_KEY,
                "open_drill",
                {"pack_id": pack.meta.id, "drill_id": chosen.id},
            )
        )
    if any(item.kind == CARD for item in study.index.items.values()):
        steps.append(Step("a quick quiz on your weakest sections", QUIZ_KEY, "open_quiz", {"weakest": True}))
    return steps


def next_drill(
    study: StudyService, pack_id: str | None = None, passed: set[tuple[str, str]] | None = None
) -> tuple[Any, Any] | None:
    """(pack, drill): the first drill not passed yet, from a section already read if there is one;
    None when every drill (of `pack_id`, or of every pack) is passed."""
    packs = [pack for pack in study.index.packs.values() if pack_id is None or pack.meta.id == pack_id]
    if passed is None:
        passed = {(a.pack_id, a.drill_id) for a in study.store.drill_attempts() if a.passed}
    open_drills = [
        (pack, drill)
        for pack in packs
        for drill in getattr(pack, "drills", [])
        if (pack.meta.id, drill.id) not in passed
    ]
    if not open_drills:
        return None
    read = {pack.meta.id: study.sections_read(pack.meta.id) for pack in packs}
    return next(
        ((pack, drill) for pack, drill in open_drills if drill.section in read[pack.meta.id]),
        open_drills[0],
    )


def _next_day_card(study: StudyService) -> datetime | None:
    """When a card comes on a later study day: the earliest due started card (one due today but
    held back, by the daily limit or a bury, comes when the next study day starts), or the next
    day's start when new cards are held back by today's limit."""
    day = study.today()
    for due, key in study.store.iter_due_from(EPOCH):
        item = study.index.get(key)
        if item is None or item.kind != CARD:
            continue
        return max(due, day.end)
    return day.end if study.new_held_back(CARD) else None


def when_text(due: datetime, now: datetime, zone: tzinfo) -> str:
    """`at 09:01 (in 1 min)` today, `tomorrow at 04:00`, or `on Wed 4 Mar at 09:00`, local time."""
    local, today = due.astimezone(zone), now.astimezone(zone)
    minutes = max(1, round((due - now).total_seconds() / 60))
    if local.date() == today.date():
        wait = f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60:02d} min"
        return f"at {local:%H:%M} (in {wait})"
    if local.date() == today.date() + timedelta(days=1):
        return f"tomorrow at {local:%H:%M}"
    return f"on {local:%a} {local.day} {local:%b} at {local:%H:%M}"


def _s(count: int) -> str:
    return "" if count == 1 else "s"
