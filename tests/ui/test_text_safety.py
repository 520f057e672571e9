"""Pack text is shown literally: markup escaped, terminal control sequences made visible."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from prepdeck.tui.text import escape_markup, safe_markdown, safe_markup, safe_text, strip_controls


def rendered(markup: str) -> str:
    console = Console(width=200, color_system=None, force_terminal=False)
    with console.capture() as capture:
        console.print(Text.from_markup(markup), end="")
    return capture.get()


def test_escape_sequences_become_visible_symbols():
    hostile = "clip \x1b]52;c;aGk=\x07 clear \x1b[2J csi \x9b2J"
    cleaned = strip_controls(hostile)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\x9b" not in cleaned
    assert cleaned == "clip ␛]52;c;aGk=␇ clear ␛[2J csi \ufffd2J"


def test_tabs_newlines_and_crlf_line_ends_stay_readable():
    assert strip_controls("a\tb\r\nc\rd") == "a\tb\nc␍d"


def test_rich_markup_in_pack_text_is_shown_as_typed():
    title = "[bold]x[/bold] [link=https://example.com]y[/link]"
    assert rendered(f"[i]{safe_markup(title)}[/i]") == title
    assert rendered(escape_markup("[red]")) == "[red]"


def test_safe_text_is_never_parsed_and_has_no_controls():
    text = safe_text("[b]x[/b]\x1b[2J")
    assert text.plain == "[b]x[/b]␛[2J"
    assert not text.spans


def test_markdown_keeps_its_syntax_but_loses_controls():
    assert safe_markdown("# Title\n\n[a link](https://example.com) \x1b[2J") == (
        "# Title\n\n[a link](https://example.com) ␛[2J"
    )
