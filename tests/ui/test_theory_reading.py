"""Theory reading pane (issue 12 bugs 8, 9 and 13): wide code blocks scroll instead of losing their
ends, search lands on the matched heading, and a section's card count agrees with its practice."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import make_app, wait_until

THEORY_PACK = Path(__file__).resolve().parent / "fixtures" / "theory-pack"
DIAGRAM_END = "backup ──► END-OF-DIAGRAM"


def screen_lines(app) -> list[str]:
    """What the terminal shows, row by row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def open_theory(pilot, section_id: str):
    await pilot.pause()
    pilot.app.open_section("theory-sample", section_id)
    await pilot.pause()
    return pilot.app.screen


async def test_a_diagram_wider_than_the_pane_scrolls_with_the_arrow_keys_and_nothing_is_lost():
    app = make_app(THEORY_PACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_theory(pilot, "wide")
        assert app.screen.focused.id == "section-scroll"  # at 80 columns the contents are folded away
        screen = "\n".join(screen_lines(app))
        assert "client ──► proxy" in screen
        assert "END-OF-DIAGRAM" not in screen
        for _ in range(12):
            await pilot.press("right")
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert DIAGRAM_END in screen
        assert "Text after the diagram." in screen  # prose is not moved sideways
        for _ in range(12):
            await pilot.press("left")
        await pilot.pause()
        assert "client ──► proxy" in "\n".join(screen_lines(app))


async def test_the_footer_offers_the_code_keys_only_where_a_code_block_is_too_wide():
    app = make_app(THEORY_PACK)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_theory(pilot, "wide")
        await pilot.press("tab")
        await pilot.pause()
        assert "←→ Code" in screen_lines(app)[-1]
        await pilot.press("n")  # the next section has no code block
        await pilot.pause()
        assert "←→ Code" not in screen_lines(app)[-1]


def reading_pane_lines(app) -> list[str]:
    """The rows of the screen that show the section text (right of the table of contents)."""
    pane = app.screen.query_one("#section-scroll").region
    return [line[pane.x : pane.right].strip() for line in screen_lines(app)[pane.y : pane.bottom]]


async def test_a_misspelt_search_opens_the_section_at_the_matched_heading():
    app = make_app(THEORY_PACK)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_theory(pilot, "wide")
        await pilot.press("slash", *"healthchek", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.section_id == "readiness"
        shown = [line for line in reading_pane_lines(app) if line]
        assert shown[0] == "Healthchecks"
        assert "A HEALTHCHECK probe tells the runtime" in shown[1]
        assert "Production readiness" not in shown  # not the section's top


async def test_a_search_on_a_body_line_lands_on_the_heading_above_it_and_a_title_at_the_top():
    app = make_app(THEORY_PACK)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_theory(pilot, "wide")
        await pilot.press("slash", *"unless-stopped brings", "enter")
        await pilot.pause()
        await pilot.pause()
        assert next(line for line in reading_pane_lines(app) if line) == "Restart policies"
        await pilot.press("slash", *"a wide diagram", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.section_id == "wide"
        assert next(line for line in reading_pane_lines(app) if line) == "A wide diagram"


async def test_a_sections_card_count_is_the_count_its_practice_goes_through():
    app = make_app(THEORY_PACK)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_theory(pilot, "readiness")
        screen = "\n".join(screen_lines(app))
        # 3 cards in the pack: a basic one, a reversed one (2 sides) and a cloze with 2 gaps.
        assert "Practise: 5 cards · 0 questions · 0 drills" in screen
        assert "Review this section's 5 cards" in screen
        await pilot.press("c")
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert "Practice (schedule unchanged): 'Production readiness'" in screen
        assert "practised 0 of 5" in screen
        assert "readiness" not in screen.replace("Production readiness", "")  # no raw id


async def test_after_reading_a_section_the_review_starts_with_its_cards():
    from study_screens import sample_app

    app = sample_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pilot.app.open_section("tui-sample", "runtime")
        await pilot.pause()
        await pilot.press("x", "escape")  # mark "runtime" read, back to Home
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        sections = []
        for _ in range(3):
            screen = app.screen
            sections.append(screen.card.item.section)
            assert "TUI sample pack · The runtime" in "\n".join(
                screen_lines(app)
            )  # the card says where it comes from
            await pilot.press("b")  # bury: the next new card
            await pilot.pause()
        assert sections == ["runtime"] * 3


async def test_at_80x24_the_section_keeps_60_columns_and_t_brings_the_contents_back():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_section("shell-sample", "layers")
        await pilot.pause()
        paragraph = app.screen.query_one("#section-text MarkdownParagraph")
        assert paragraph.size.width >= 60
        assert not app.screen.query_one("#theory-side").region  # folded away
        await wait_until(pilot, lambda: "t Contents" in screen_lines(app)[-1])  # the footer, once drawn
        await pilot.press("t")  # the contents over the whole width, each title on one line
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "   2. PID 1 and signals" in shown and "Each instruction" not in shown
        await pilot.press("down", "enter")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert app.screen.section_id == "signals"
        assert "A small init such as tini forwards signals" in shown and "2. PID 1 and signals" not in shown
        await pilot.press("slash", *"layer")  # search opens the contents too
        await pilot.pause()
        assert "Layers and caching" in "\n".join(screen_lines(app))
        await pilot.press("escape", "escape")  # clear the search, then fold the contents
        await pilot.pause()
        assert app.screen.query_one("#section-scroll").region.width >= 70
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_wider_terminals_keep_the_contents_beside_a_section_of_60_columns():
    for size in ((96, 24), (100, 32), (120, 36)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            app.open_section("shell-sample", "layers")
            await pilot.pause()
            assert app.screen.focused.id == "toc"
            assert app.screen.query_one("#toc").region.width > 20
            assert app.screen.query_one("#section-text MarkdownParagraph").size.width >= 60, size


async def test_every_count_of_a_sections_cards_agrees_and_leaves_suspended_sides_out():
    """Issue 12: the mark-read offer counted one side per card (3) where the section said 5, and
    the section counted a suspended side its practice does not show."""
    from prepdeck.store.cards import ItemKey

    app = make_app(THEORY_PACK)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        app.context.study.suspend(ItemKey("theory-sample", "logs-cloze", "c2"))
        await open_theory(pilot, "readiness")
        screen = "\n".join(screen_lines(app))
        assert "Practise: 4 cards · 0 questions · 0 drills" in screen  # 5 sides, one suspended
        assert "Review this section's 4 cards" in screen
        await pilot.press("x")
        await pilot.pause()
        said = [notification.message for notification in app._notifications]
        assert said[-1].endswith("Press r to review its 4 cards now, on your schedule.")
        await pilot.press("r")
        await pilot.pause()
        assert "left in this section 4" in screen_lines(app)[1]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "practised 0 of 4" in "\n".join(screen_lines(app))


async def test_in_the_docker_pack_a_misspelt_search_puts_the_heading_at_the_top_at_both_sizes():
    """Found in the tmux walk: in a long section, blocks above the heading grew after the scroll
    and the heading landed two lines down, under the end of the paragraph before it."""
    docker = Path(__file__).resolve().parents[2] / "content" / "docker"
    for size in ((120, 36), (80, 24)):
        app = make_app(docker)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            app.open_section("docker", app.context.catalog.packs[0].sections[0].id)
            await pilot.pause()
            await pilot.press("slash", *"healthchek", "enter")
            for _ in range(40):  # the section is laid out over a few frames (more on a loaded machine)
                await pilot.pause(0.05)
                shown = [line for line in reading_pane_lines(app) if line]
                if shown and shown[0] == "HEALTHCHECK in plain Docker":
                    break
            assert shown[0] == "HEALTHCHECK in plain Docker", (size, shown[:2])
