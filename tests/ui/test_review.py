"""The Review screen through the Pilot: grading commits to the store, every card type answers."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, sample_app

from prepdeck.study.scheduler import RATING_NAMES, format_interval
from prepdeck.tui.screens.review import ReviewScreen
from prepdeck.tui.widgets.answers import EXTRA, MISSING, SAME, char_diff, check_typed, cloze_pieces
from prepdeck.tui.widgets.card_view import CardView


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_review(pilot, **filters) -> ReviewScreen:
    await pilot.pause()
    pilot.app.open_review(**filters)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewScreen)
    return pilot.app.screen


async def answer_and_grade(pilot, rating: str = "3") -> str:
    """Answer the card on screen the way a learner would, grade it, and return its type."""
    view = pilot.app.screen.query_one(CardView)
    kind = view.card_type
    if kind == "type_in":
        await pilot.press(*"stopsignal", "enter")
    else:
        await pilot.press("space")
    await pilot.pause()
    assert view.revealed
    await pilot.press(rating)
    await pilot.pause()
    return kind


def option_number(app, text: str) -> str:
    """The number key of the option showing `text` (options are shuffled)."""
    picker = app.screen.query_one("#card-picker")
    for row, index in enumerate(picker.display_order, start=1):
        if picker.options[index].text == text:
            return str(row)
    raise AssertionError(f"no option {text!r}")


async def go_to_type(pilot, kind: str) -> None:
    for _ in range(10):
        if pilot.app.screen.query_one(CardView).card_type == kind:
            return
        await answer_and_grade(pilot)
    raise AssertionError(f"no {kind} card came up")


async def test_five_grades_make_five_log_rows():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        kinds = [await answer_and_grade(pilot, rating) for rating in "34332"]
        store = app.context.study.store
        rows = store.reviews()
        assert len(rows) == 5
        assert [row.rating for row in rows] == [3, 4, 3, 3, 2]
        assert len(set(kinds)) == 5  # five different card types came up
        assert "done 5" in shown(app, "#review-progress")


async def test_grade_buttons_show_the_intervals_that_get_committed():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        view = screen.query_one(CardView)
        if view.card_type == "type_in":
            await pilot.press("enter")
        else:
            await pilot.press("space")
        await pilot.pause()
        labels = {rating: str(screen.query_one(f"#grade-{rating}").label) for rating in range(1, 5)}
        preview = app.context.study.preview_outcomes(screen.card)
        await pilot.press("4")
        await pilot.pause()
        stored = app.context.study.store.reviews()[-1]
        # The Easy button names the wait that was committed: from the grade to the stored due time.
        assert stored.rating == 4
        assert labels[4] == f"4 Easy · {format_interval(stored.after.due - stored.reviewed_at)}"
        # Every button names its own outcome's wait (Again is minutes, Easy days: they differ).
        for rating, name in RATING_NAMES.items():
            assert labels[rating] == f"{rating} {name} · {format_interval(preview[rating].interval)}"
        assert labels[1] != labels[4]


async def test_type_in_shows_a_character_diff_of_a_wrong_answer():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "type_in")
        await pilot.press(*"STOPSIGNL", "enter")
        await pilot.pause()
        back = shown(app, "#card-back")
        assert "Not quite." in back
        assert "you typed:  STOPSIGNAL" in back  # the typed letters with the missing "A" shown in place
        assert "answer:     STOPSIGNAL" in back
        assert "missed" in shown(app, "#review-prompt")


async def test_choice_shows_every_options_why_after_answering():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "choice")
        assert "It only documents a port." not in shown(app, "#card-picker")
        await pilot.press(option_number(app, "EXPOSE"))  # wrong
        await pilot.pause()
        picker = shown(app, "#card-picker")
        assert "✗ EXPOSE  (your choice)" in picker
        assert "✓ HEALTHCHECK" in picker
        for why in ("It runs a probe command", "It only documents a port.", "It only picks the stop signal."):
            assert why in picker
        assert "Not quite." in shown(app, "#card-back")


async def test_order_card_is_shuffled_and_checked_step_by_step():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "order")
        picker = app.screen.query_one("#card-picker")
        assert picker.display_order != sorted(picker.display_order)
        # Place the items in the right order by moving the cursor onto each in turn.
        for wanted in range(len(picker.options)):
            while picker.display_order[picker.cursor] != wanted:
                await pilot.press("down")
            await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(CardView).revealed
        assert "Correct." in shown(app, "#card-back")
        assert "✓ 1. COPY package.json package-lock.json ./" in shown(app, "#card-picker")


async def test_undo_takes_back_the_last_grade_and_shows_the_card_again():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        first = screen.card.key
        await answer_and_grade(pilot)
        assert len(app.context.study.store.reviews()) == 1
        await pilot.press("u")
        await pilot.pause()
        assert app.context.study.store.reviews() == []
        assert screen.card.key == first
        assert "done 0" in shown(app, "#review-progress")


async def test_bury_and_suspend_move_on_and_are_stored():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        buried = screen.card.key
        await pilot.press("b")
        await pilot.pause()
        suspended = screen.card.key
        await pilot.press("s")
        await pilot.pause()
        store = app.context.study.store
        assert store.get_state(buried).buried_until is not None
        assert store.get_state(suspended).suspended
        assert screen.card.key not in (buried, suspended)


async def test_a_whole_session_ends_with_a_summary():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        graded = 0
        while screen.card is not None and graded < 20:
            await answer_and_grade(pilot, "4")
            graded += 1
        summary = shown(app, "#review-summary")
        assert f"Session done: {graded} cards reviewed." in summary
        assert f"Easy {graded} · time " in summary
        assert "left today 0" in shown(app, "#review-progress")


async def test_pack_text_with_markup_shows_literally():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "basic")
        await pilot.press("space")
        await pilot.pause()
        assert "[bold]this[/bold] shows as typed" in shown(app, "#card-extra")


async def test_open_section_key_shows_the_cards_section():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        opened = []
        app.open_section = lambda pack_id, section_id=None: opened.append((pack_id, section_id))
        await pilot.press("o")
        assert opened == [("tui-sample", screen.card.item.section)]


async def test_practice_by_tag_leaves_the_schedule_alone():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, tag="layers")
        assert "Practice (schedule unchanged): cards tagged layers" in shown(app, "#review-title")
        seen = 0
        while screen.card is not None and seen < 10:
            assert "layers" in screen.card.item.tags
            await answer_and_grade(pilot)
            seen += 1
        assert seen >= 3
        assert app.context.study.store.reviews() == []


def test_snapshot_review_card_revealed(snap_compare):
    async def reveal_first_card(pilot):
        await open_review(pilot)
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=reveal_first_card)


async def test_multi_choice_needs_every_correct_option_ticked():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "multi_choice")
        await pilot.press(option_number(app, "pid"), option_number(app, "net"))  # tick both
        assert "[x] pid" in shown(app, "#card-picker")
        assert "[ ] cgroup-memory" in shown(app, "#card-picker")
        await pilot.press("space")
        await pilot.pause()
        assert "Correct." in shown(app, "#card-back")
        assert "Memory limits come from cgroups, not from a namespace." in shown(app, "#card-picker")


# --- the answer checks behind the card widgets (plain functions) -------------------------------


def test_typed_answers_follow_the_cards_match_options():
    assert check_typed("  stopsignal ", ["STOPSIGNAL"]).correct
    assert not check_typed("stopsignal", ["STOPSIGNAL"], case=True).correct
    assert not check_typed(" STOPSIGNAL", ["STOPSIGNAL"], trim=False).correct
    assert check_typed("STOPSIGNL", ["STOPSIGNAL"], fuzzy=90).correct
    assert not check_typed("STOP", ["STOPSIGNAL"], fuzzy=90).correct
    assert not check_typed("", ["STOPSIGNAL"], fuzzy=0).correct
    assert check_typed("overlay", ["aufs", "overlay2"]).closest == "overlay2"


def test_char_diff_marks_missing_and_extra_letters():
    assert char_diff("STOPSIGNL", "STOPSIGNAL") == [(SAME, "STOPSIGN"), (MISSING, "A"), (SAME, "L")]
    assert char_diff("copyy", "COPY") == [(SAME, "copy"), (EXTRA, "y")]


def test_cloze_hides_only_its_own_deletion():
    text = "The driver is {{c1::overlay2}}; writes are {{c2::copy-on-write::how writes work}}."
    assert cloze_pieces(text, 2, revealed=False) == [
        ("text", "The driver is "),
        ("text", "overlay2"),
        ("text", "; writes are "),
        ("blank", "[how writes work]"),
        ("text", "."),
    ]
    assert ("answer", "overlay2") in cloze_pieces(text, 1, revealed=True)
