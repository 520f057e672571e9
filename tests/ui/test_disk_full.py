"""A disk that fills up mid-review (SQLite's own "database or disk is full", made real with
`PRAGMA max_page_count`): the app says so, keeps the card and the grade on screen, retries, and
saves it once there is space again; nothing saved before is lost."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, sample_app
from test_review import answer_and_grade, open_review, shown

from prepdeck.tui.widgets.card_view import CardView


def fill_the_disk(db: sqlite3.Connection) -> None:
    """Cap the database at its current size, then fill the review log's last page with small
    rows of a pack that is not loaded, so the next review row needs a page there is no room for."""
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    number = 0
    while True:
        try:
            db.execute(
                "INSERT INTO review_log (pack_id, item_id, variant, rating, reviewed_us, before_json, after_json) "
                "VALUES ('filler', ?, 'main', 3, 0, '{}', '{}')",
                (f"f{number}",),
            )
        except sqlite3.OperationalError as error:
            assert "full" in str(error)
            return
        number += 1


async def test_a_full_disk_keeps_the_grade_on_screen_and_saves_it_when_space_is_back():
    app = sample_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await answer_and_grade(pilot, "3")  # saved before the disk fills
        store = app.context.study.store
        saved_before = [row for row in store.reviews() if row.key.pack_id != "filler"]
        assert len(saved_before) == 1

        fill_the_disk(store.db)
        card = app.screen.card
        await answer_and_grade(pilot, "4")
        # Still the same card, answer shown, and the screen says what happened and what is kept.
        assert app.screen.card is card and app.screen.query_one(CardView).revealed
        prompt = shown(app, "#review-prompt")
        assert "NOT SAVED YET: Easy (4)" in prompt and "the disk is full" in prompt
        toasts = [toast.message for toast in app._notifications]
        assert any("The disk is full" in message and "was not saved" in message for message in toasts)
        assert [row for row in store.reviews() if row.key.pack_id != "filler"] == saved_before

        store.db.execute("PRAGMA max_page_count = 1073741823")  # space is back
        app.screen._unsaved._again()  # what the retry timer does every few seconds
        await pilot.pause()
        rows = [row for row in store.reviews() if row.key.pack_id != "filler"]
        assert [row.rating for row in rows] == [3, 4]
        assert rows[0] == saved_before[0]
        assert app.screen.card is not card  # moved on to the next card
        assert any("Saved: your grade (Easy)" in toast.message for toast in app._notifications)
