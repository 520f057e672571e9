"""Card text renders its inline Markdown as the theory does (code spans, bold, links), and a pack's
Rich markup or escape sequences still show as typed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quiz_screens import SIZE, FixedClock, quiz_app
from shell_helpers import make_app

from prepdeck.tui.inline_markdown import CODE, cloze_markdown, inline_markdown
from prepdeck.tui.widgets.answers import cloze_pieces


def styled(text, style) -> list[str]:
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


async def test_a_code_span_in_a_card_is_drawn_as_code_without_backticks() -> None:
    app = quiz_app(FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_quiz(section="runtime")
        await pilot.pause()
        while "docker ps" not in app.screen.quiz.current.prompt:
            await pilot.press("space", "enter")
            await pilot.pause()
        prompt = app.screen.query_one("#quiz-prompt").content
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Which instruction makes docker ps report a container as unhealthy?" in shown
        assert "`" not in shown
        assert styled(prompt, CODE) == ["docker ps"]
        # the quiz names the section and pack by title, not by id
        assert "Quick quiz · The runtime stack" in shown and "section runtime" not in shown
        assert "quiz-sample" not in shown


async def test_review_cards_draw_markdown_and_keep_hostile_text_literal() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_review(pack_id="shell-sample", section="hostile")
        await pilot.pause()
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "[bold]front[/bold]" in shown  # Rich markup in a pack is never interpreted


def test_inline_markdown_bold_links_and_cloze_gaps_inside_code() -> None:
    text = inline_markdown("**Pin** it: see [the docs](https://docs.docker.com) or [x](javascript:alert(1))")
    assert text.plain == "Pin it: see the docs or [x](javascript:alert(1))"  # not a link: shown as typed
    assert [text.plain[s.start : s.end] for s in text.spans if getattr(s.style, "bold", False)] == ["Pin"]
    links = {text.plain[s.start : s.end]: s.style.link for s in text.spans if getattr(s.style, "link", None)}
    assert links == {"the docs": "https://docs.docker.com"}  # no link for another scheme
    pieces = cloze_pieces("`docker build {{c1::--secret}} id=npm` and {{c2::env}}", 1, revealed=False)
    cloze = cloze_markdown(pieces, {"blank": "reverse", "answer": "green"})
    assert cloze.plain == "docker build [...] id=npm and env"
    assert styled(cloze, "reverse") == ["[...]"]
    assert "".join(styled(cloze, CODE)) == "docker build [...] id=npm"
    assert inline_markdown("[bold]x[/bold] \x1b[2J").plain == "[bold]x[/bold] ␛[2J"


def test_text_drawn_again_is_unchanged_by_what_was_done_to_an_earlier_copy() -> None:
    """Drawn text is kept for the next draw (the option picker draws each option twice a frame);
    the caller gets its own copy, so a cloze gap styled in one draw never leaks into the next."""
    pieces = cloze_pieces("Layers are {{c1::`cached`}} by the builder", 1, revealed=True)
    first = cloze_markdown(pieces, {"text": "", "blank": "reverse", "answer": "bold green"})
    first.stylize("red", 0, 6)
    first.append(" and more")
    again = cloze_markdown(pieces, {"text": "", "blank": "reverse", "answer": "bold green"})
    assert again.plain == "Layers are cached by the builder"
    assert styled(again, "red") == []
    assert styled(again, "bold green") == ["cached"]
    plain = inline_markdown("use **--no-cache**", style="dim")
    plain.stylize("blue")
    drawn_again = inline_markdown("use **--no-cache**", style="dim")
    assert styled(drawn_again, "blue") == []
    assert drawn_again.plain == "use --no-cache"
