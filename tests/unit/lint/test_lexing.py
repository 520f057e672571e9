"""lexing.split_words (one regex match a word) splits exactly as BuildKit's parseWords does, written
here the way BuildKit writes it: one step a character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.lint.lexing import split_words, unquote


def parse_words(text: str, escape: str, base: int) -> list[tuple[str, str, int, int]]:
    tokens = []
    length = len(text)
    index = 0
    while index < length:
        while index < length and text[index].isspace():
            index += 1
        if index >= length:
            break
        start = index
        quote = ""
        while index < length:
            char = text[index]
            if quote:
                if char == quote:
                    quote = ""
                elif char == escape and quote != "'" and index + 1 < length:
                    index += 1
            elif char.isspace():
                break
            elif char in ("'", '"'):
                quote = char
            elif char == escape and index + 1 < length:
                index += 1
            index += 1
        raw = text[start:index]
        tokens.append((raw, unquote(raw, escape), base + start, base + index))
    return tokens


WORDISH = st.text(
    alphabet=st.sampled_from(list("ab \t\n\r\x0b\x0c\u00a0\u2003\\`'\"$=-")) | st.characters(), max_size=60
)


@settings(max_examples=400, deadline=None)
@given(text=WORDISH, escape=st.sampled_from(["\\", "`"]), base=st.integers(0, 5))
def test_split_words_is_parse_words(text: str, escape: str, base: int) -> None:
    assert split_words(text, escape, base) == parse_words(text, escape, base)


def test_the_edges_of_quotes_and_escapes() -> None:
    for text in ['a "b c', "a 'b c", "x\\", "a\\ b c", '"a\\" b" c', "'a\\' b", "\u00a0a\u2003b"]:
        assert split_words(text, "\\", 0) == parse_words(text, "\\", 0), text
