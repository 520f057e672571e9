"""Review bugs a learner met (issue 12, bugs 1-6), each replayed with the same keys through the Pilot."""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, FixedClock, sample_app
from test_review import answer_and_grade, go_to_type, open_review, option_number, shown

from prepdeck.study.scheduler import format_interval
from prepdeck.tui.screens.review import ReviewScreen
from prepdeck.tui.widgets.card_view import CardView


def labels(screen) -> dict[int, str]:
    return {rating: str(screen.query_one(f"#grade-{rating}").label) for rating in range(1, 5)}


def right_answer_row(app) -> int:
    picker = app.screen.query_one("#card-picker")
    return next(row for row, index in enumerate(picker.display_order) if picker.options[index].correct)


async def test_choice_options_are_shuffled_per_day_and_undo_shows_the_same_order():
    clock = FixedClock()
    rows = []
    for _day in range(4):
        app = sample_app(clock)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_review(pilot, tag="runtime")
            while screen.query_one(CardView).card_type != "choice":
                await answer_and_grade(pilot)
            rows.append(right_answer_row(app))
        clock.advance(days=1)
    # never in the same place two days running (a plain shuffle kept it there 1 day in 4)
    assert all(today != yesterday for yesterday, today in pairwise(rows)), rows

    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await go_to_type(pilot, "choice")
        before = list(screen.query_one("#card-picker").display_order)
        await pilot.press(option_number(app, "HEALTHCHECK"), "3")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert screen.query_one(CardView).card_type == "choice"
        assert screen.query_one("#card-picker").display_order == before


async def test_number_keys_pick_options_then_grade():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await go_to_type(pilot, "choice")
        graded = len(app.context.study.store.reviews())
        row = right_answer_row(app) + 1
        assert f"{row}. ( ) HEALTHCHECK" in shown(app, "#card-picker")
        await pilot.press(str(row))
        await pilot.pause()
        assert screen.query_one(CardView).revealed
        assert "Correct." in shown(app, "#card-back")
        await pilot.press("4")  # after the reveal a digit grades
        await pilot.pause()
        rows = app.context.study.store.reviews()
        assert len(rows) == graded + 1 and rows[-1].rating == 4


async def test_summary_does_not_count_undone_grades():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await answer_and_grade(pilot, "1")
        await answer_and_grade(pilot, "2")
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        graded = 0
        while screen.card is not None and graded < 20:
            await answer_and_grade(pilot, "4")
            graded += 1
        summary = shown(app, "#review-summary")
        stored = app.context.study.store.reviews()
        assert f"Session done: {len(stored)} cards reviewed." in summary
        assert "Again 0 · Hard 0 · Good 0 · " in summary
        assert f"Easy {len(stored)} · time " in summary


async def test_undo_on_the_summary_brings_back_only_the_undone_card():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        app.context.study.update_settings(new_per_day=4)  # more new cards wait than today allows
        screen = await open_review(pilot)
        await pilot.press("b")  # bury one of today's four
        await pilot.pause()
        while screen.card is not None:
            await answer_and_grade(pilot, "4")
        assert "left today 0" in shown(app, "#review-progress")
        last = app.context.study.store.reviews()[-1].key
        await pilot.press("u")
        await pilot.pause()
        assert screen.card.key == last
        assert "left today 1 " in shown(app, "#review-progress")
        await answer_and_grade(pilot, "4")
        assert screen.card is None  # nothing else came in


async def test_undo_works_on_a_type_in_card_and_escape_leaves_the_box_first():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        view = screen.query_one(CardView)
        while True:  # grade until the next card is the type-in one
            graded = screen.card.key
            await answer_and_grade(pilot)
            if view.card_type == "type_in":
                break
        await pilot.press("ctrl+z")  # works while the answer box has focus
        await pilot.pause()
        assert screen.card.key == graded
        await answer_and_grade(pilot)
        assert view.card_type == "type_in"
        await pilot.press("u")  # in the box, u is a letter
        assert screen.query_one("#card-input").value == "u"
        await pilot.press("escape")  # leaves the box, not the review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("u")
        await pilot.pause()
        assert screen.card.key == graded
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)


async def test_interval_previews_stay_put_and_are_what_grading_commits():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        first = labels(screen)
        key = screen.card.key
        stored_before = app.context.study.store.get_state(key)
        await pilot.press("escape")  # leave and come back: the same card, the same intervals
        await pilot.pause()
        screen = await open_review(pilot)
        assert screen.card.key == key and labels(screen) == first
        await answer_and_grade(pilot, "4")
        committed = app.context.study.store.reviews()[-1]
        assert first[4] == f"4 Easy · {format_interval(committed.after.due - committed.reviewed_at)}"
        await pilot.press("u")
        await pilot.pause()
        assert screen.card.key == key and labels(screen) == first
        assert app.context.study.store.get_state(key) == stored_before


async def test_a_card_suspended_by_mistake_is_unsuspended_with_shift_s():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        suspended = screen.card.key
        await pilot.press("s")
        await pilot.pause()
        store = app.context.study.store
        assert store.get_state(suspended).suspended
        await pilot.press("S")
        await pilot.pause()
        assert not store.get_state(suspended).suspended
        assert suspended in [entry.item.key for entry in app.context.study._queue("card").entries()]
