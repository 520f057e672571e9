"""Card text with its inline Markdown drawn, as the theory draws it: `code`, **bold**, *italic*,
~~strike~~ and [links](https://...). Block syntax (headings, lists) stays as typed.

The result is a `rich.text.Text` built from markdown-it tokens, never parsed as Rich markup, so
`[bold]` in a pack shows as typed; control characters are made visible first (`tui.text`).
Links are clickable only for http(s) URLs; any other scheme shows its text alone.

A cloze gap is marked with private-use sentinels before parsing (`cloze_markdown`), so a gap
inside a code span keeps the code style and takes the gap's style too.
"""

from __future__ import annotations

from functools import cache, lru_cache

from rich.style import Style
from rich.text import Text

from prepdeck.tui.text import strip_controls

CODE = Style(color="#f0c674", bgcolor="#2e2a22")  # as the theory's inline code: warm text on a dim chip
_OPENERS = {"strong_open": Style(bold=True), "em_open": Style(italic=True), "s_open": Style(strike=True)}
# Cloze sentinels (Unicode private use: never typed in a pack, inert to Markdown).
GAP_START = {"blank": "\ue000", "answer": "\ue002"}
GAP_END = "\ue001"


@cache
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def _safe_link(href: str) -> Style:
    if href.startswith(("https://", "http://")):
        return Style(underline=True, link=href)
    return Style(underline=True)


def inline_markdown(text: str, style: str | Style = "") -> Text:
    """`text` (pack text) with its inline Markdown drawn; line breaks are kept as typed.

    A copy of the text drawn once: the Review screen draws the same options and prompts again
    on every refresh of a card (the option picker twice a frame: measured, then drawn)."""
    return _drawn(text, style).copy()


@lru_cache(maxsize=1024)
def _drawn(text: str, style: str | Style) -> Text:
    source = strip_controls(text)
    result = Text(style=style)
    try:
        blocks = _parser().parseInline(source)
    except Exception:  # noqa: BLE001 - odd text must still show, as typed
        result.append(source)
        return result
    stack: list[Style] = []
    for child in blocks[0].children or [] if blocks else []:
        kind = child.type
        current = Style.combine(stack) if stack else None
        if kind == "code_inline":
            result.append(child.content, style=Style.combine([*stack, CODE]))
        elif kind in ("softbreak", "hardbreak"):
            result.append("\n")
        elif kind in _OPENERS:
            stack.append(_OPENERS[kind])
        elif kind == "link_open":
            stack.append(_safe_link(str(child.attrs.get("href", ""))))
        elif kind.endswith("_close"):
            if stack:
                stack.pop()
        elif kind == "image":
            result.append(child.content or "", style=current)
        else:  # text, and anything else shown as its text
            result.append(child.content, style=current)
    return result


def cloze_markdown(pieces: list[tuple[str, str]], styles: dict[str, str]) -> Text:
    """Cloze pieces (`widgets.answers.cloze_pieces`) as one Text: Markdown drawn across the whole
    sentence, each gap ("blank" or "answer") also in `styles[kind]`."""
    source = "".join(
        piece if kind == "text" else f"{GAP_START[kind]}{piece}{GAP_END}" for kind, piece in pieces
    )
    drawn = inline_markdown(source)
    plain = drawn.plain
    opened: tuple[int, str] | None = None
    cuts: list[int] = []
    for index, char in enumerate(plain):
        if char in (GAP_START["blank"], GAP_START["answer"]):
            opened = (index, "blank" if char == GAP_START["blank"] else "answer")
        elif char == GAP_END and opened is not None:
            drawn.stylize(styles[opened[1]], opened[0], index)
            opened = None
        else:
            continue
        cuts.extend((index, index + 1))
    if not cuts:
        return drawn
    parts = drawn.divide(cuts)
    sentinels = {*GAP_START.values(), GAP_END}
    return Text("").join(part for part in parts if part.plain not in sentinels)
