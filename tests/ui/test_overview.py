"""What Home shows, computed without Textual: progress per pack, due counts, the next step."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, make_context, study_history

from prepdeck.tui.overview import build_overview


def test_a_new_learner_is_told_to_read_the_first_section():
    overview = build_overview(make_context())
    (pack,) = overview.packs
    assert (pack.title, pack.sections, pack.sections_read, pack.drills) == ("Shell sample pack", 3, 0, 1)
    assert pack.sides == 5  # four one-sided cards and one question
    assert overview.cards_due.new == 4 and overview.cards_due.review == 0
    assert overview.streak_days == 0 and overview.retention is None
    step = overview.suggestion
    assert (step.text, step.key, step.action) == (
        "Read 'Layers and caching' (Shell sample pack)",
        "t",
        "open_section",
    )
    assert step.arguments == {"pack_id": "shell-sample", "section_id": "layers"}


def test_after_reading_every_section_new_cards_come_next():
    context = make_context()
    for section in ("layers", "signals", "hostile"):
        context.study.mark_section_read("shell-sample", section)
    overview = build_overview(context)
    assert overview.packs[0].sections_read == 3
    assert (overview.suggestion.text, overview.suggestion.action) == ("Learn 4 new cards", "open_review")


def test_due_reviews_come_before_everything_and_history_gives_streak_and_retention():
    clock = FixedClock()
    context = make_context(clock=clock)
    reviews = study_history(context, clock, days=6)
    overview = build_overview(context)
    assert overview.total_reviews == reviews
    assert overview.streak_days == 6  # yesterday back to six days ago; none yet today
    assert overview.retention is not None and 0 < overview.retention < 1
    assert overview.packs[0].sides_seen == 4  # every card; the question was never answered
    # Six days of Good and Again leave reviews due today (tini-cloze at 09:00, hostile-card at 09:22):
    # they are the next step, before reading or new cards.
    due_today = sorted(
        state.key.item_id
        for state in context.study.store.iter_states()
        if state.due.date() == clock.now.date()
    )
    assert due_today == ["hostile-card", "tini-cloze"]
    assert (overview.cards_due.learning, overview.cards_due.review) == (0, 2)
    assert (overview.suggestion.text, overview.suggestion.action) == ("Review 2 due cards", "open_review")


def test_after_the_cards_the_new_question_then_the_drill_then_a_quiz():
    context = make_context()
    for section in ("layers", "signals", "hostile"):
        context.study.mark_section_read("shell-sample", section)
    while (card := context.study.next_card()) is not None:
        context.study.grade(card, 4)  # Easy: not due again today
    overview = build_overview(context)
    assert (overview.suggestion.text, overview.suggestion.action) == (
        "Answer 1 interview question",
        "open_interview",
    )

    context.study.grade(context.study.next_card("question"), 4)
    step = build_overview(context).suggestion
    assert (step.text, step.action) == ("Try the drill 'Use the exec form'", "open_drill")
    assert step.arguments == {"pack_id": "shell-sample", "drill_id": "exec-form"}

    context.study.record_drill_attempt("shell-sample", "exec-form", True, "FROM alpine:3.20\n")
    overview = build_overview(context)
    assert overview.packs[0].drills_passed == 1
    assert overview.packs[0].fraction == 1.0
    assert (overview.suggestion.action, overview.suggestion.arguments) == ("open_quiz", {"weakest": True})
