"""How long a grade key takes on the Review screen, from the key to the next card on screen.

Driven through Textual's Pilot on the built-in packs with a fresh data folder. Three figures:
- the grade handler alone: commit the review to SQLite, take the next card, update the widgets;
- key to frame: from the moment the key is pressed until the screen's compositor has finished
  the first frame after the handler (the frame that shows the next card);
- the reference, measured in the same run the same way: a key whose handler only changes the
  progress line, i.e. the cheapest key-to-frame this screen can have.
The target is under one 60 Hz frame (16 ms) of work. The figures are wall-clock times, so a
machine busy with other work inflates all three alike; compare them with each other.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta

ROUNDS = 40


class SteppingClock:
    """Moves a few seconds on each call, like a learner who takes a moment per card."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=50)
        return self.now


async def measure() -> dict[str, list[float]]:
    from prepdeck.content.catalog import load_catalog
    from prepdeck.tui.app import PrepdeckApp
    from prepdeck.tui.context import AppContext
    from prepdeck.tui.screens.review import ReviewScreen
    from prepdeck.tui.widgets.card_view import CardView

    catalog = load_catalog()
    context = AppContext.build(catalog=catalog, clock=SteppingClock(), seed=1, zone=UTC)
    context.study.update_settings(new_per_day=ROUNDS * 2)
    app = PrepdeckApp(context)
    figures: dict[str, list[float]] = {"handler": [], "key_to_frame": [], "reference": []}
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.open_review()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen), type(screen)
        original = screen.action_grade

        def timed_grade(rating: int) -> None:
            started = time.perf_counter()
            original(rating)
            figures["handler"].append(time.perf_counter() - started)

        screen.action_grade = timed_grade
        frames: list[float] = []
        original_refresh = screen._compositor_refresh

        def timed_refresh() -> None:
            original_refresh()
            frames.append(time.perf_counter())

        screen._compositor_refresh = timed_refresh
        screen.action_bench_touch = lambda: screen.query_one("#review-progress").update(
            f"touched {time.perf_counter()}"
        )
        screen._bindings.bind("z", "bench_touch", show=False)

        async def key_to_frame(key: str) -> float:
            frames.clear()
            started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            return frames[0] - started if frames else float("nan")

        for _ in range(ROUNDS):
            if screen.card is None:
                break
            figures["reference"].append(await key_to_frame("z"))
            screen.query_one(CardView).reveal()
            screen._after_reveal()
            await pilot.pause()
            figures["key_to_frame"].append(await key_to_frame("3"))
    context.close()
    return figures


TARGET_MS = 16.0


def p90(samples: list[float]) -> float:
    ms = sorted(sample * 1000 for sample in samples)
    return ms[int(len(ms) * 0.9) - 1] if len(ms) >= 10 else ms[-1]


def describe(samples: list[float]) -> str:
    ms = [sample * 1000 for sample in samples]
    return f"median {statistics.median(ms):6.2f} ms   p90 {p90(samples):6.2f} ms   (n={len(ms)})"


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["PREPDECK_HOME"] = home
        figures = asyncio.run(measure())
    print("Review screen, grade key (built-in packs, fresh data folder, 100x32)")
    print(f"  grade handler (commit + next card + widget updates): {describe(figures['handler'])}")
    print(f"  grade key to the frame showing the next card:        {describe(figures['key_to_frame'])}")
    print(f"  reference: a key that only rewrites the progress line: {describe(figures['reference'])}")
    work = statistics.median(figures["key_to_frame"]) - statistics.median(figures["reference"])
    print(f"  work a grade key adds over the reference (medians): {work * 1000:.2f} ms")
    over = p90(figures["key_to_frame"]) - p90(figures["reference"])
    verdict = "met" if over < TARGET_MS else "NOT MET"
    print(
        f"  grade key over the reference at p90: {over:.2f} ms; target under {TARGET_MS:.0f} ms "
        f"(one 60 Hz frame): {verdict}"
    )


if __name__ == "__main__":
    main()
