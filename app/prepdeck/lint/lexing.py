"""Small tokenizers shared by the Dockerfile parser, each returning (text, value, start, end) tuples.

They follow BuildKit's own splitting functions (`extractBuilderFlags`, `parseWords`,
`parseStringsWhitespaceDelimited`) so our instructions hold the same arguments as BuildKit's, and
they add what BuildKit throws away: where each token starts and ends in the logical line.
"""

from __future__ import annotations

import re

# One token: raw text as written, its value (quotes and escapes removed), start and end offsets.
Token = tuple[str, str, int, int]

_WHITESPACE_RUN = re.compile(r"[^\t\v\f\r ]+")
_NON_SPACE = re.compile(r"\S+")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def unquote(text: str, escape: str = "\\") -> str:
    """Remove shell-style quotes and escapes the way BuildKit's word processing does (no expansion)."""
    if "'" not in text and '"' not in text and escape not in text:
        return text
    out: list[str] = []
    quote = ""
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if quote == "'":
            if char == "'":
                quote = ""
            else:
                out.append(char)
        elif quote == '"':
            if char == '"':
                quote = ""
            elif char == escape and index + 1 < length and text[index + 1] in ('"', escape, "$", "`"):
                index += 1
                out.append(text[index])
            else:
                out.append(char)
        elif char in ("'", '"'):
            quote = char
        elif char == escape and index + 1 < length:
            index += 1
            out.append(text[index])
        elif char == escape:
            pass
        else:
            out.append(char)
        index += 1
    return "".join(out)


def split_whitespace(text: str, base: int = 0, escape: str = "\\") -> list[Token]:
    """Split on blanks only, quotes included in words (BuildKit's FROM/COPY/ADD/EXPOSE/VOLUME split)."""
    return [
        (m.group(), unquote(m.group(), escape), base + m.start(), base + m.end())
        for m in _WHITESPACE_RUN.finditer(text)
    ]


def split_words(text: str, escape: str = "\\", base: int = 0) -> list[Token]:
    """Split on blanks outside quotes, keeping quotes and escapes in `text` (BuildKit's parseWords)."""
    if "'" not in text and '"' not in text and escape not in text:
        return [(m.group(), m.group(), base + m.start(), base + m.end()) for m in _NON_SPACE.finditer(text)]
    words = _WORDS.get(escape) or _WORDS.setdefault(escape, _word_pattern(escape))
    tokens: list[Token] = []
    for match in words.finditer(text):
        raw = match.group()
        tokens.append((raw, unquote(raw, escape), base + match.start(), base + match.end()))
    return tokens


def _word_pattern(escape: str) -> re.Pattern[str]:
    """One word of parseWords: a run of plain characters, escaped characters (an escape at the very
    end stands for itself) and quoted parts ('...' takes no escapes; an open quote runs to the end),
    up to a blank outside quotes. One C-level match a word instead of a Python step a character."""
    e = re.escape(escape)
    plain = f"[^\\s'\"{e}]"
    escaped = f"{e}(?s:.)|{e}\\Z"
    double = f'"(?:[^"{e}]|{escaped})*"?'
    return re.compile(f"(?:{plain}+|{escaped}|'[^']*'?|{double})+")


_WORDS: dict[str, re.Pattern[str]] = {}  # by escape character, compiled on first use (not at start-up)


def extract_flags(text: str, base: int = 0) -> tuple[list[Token], int]:
    """Leading `--name[=value]` words of an instruction's arguments, and where the rest starts.

    Follows BuildKit: flags stop at the first word not starting with `--`, and a bare `--` ends
    them and is dropped. Quotes inside a flag are removed from its value.
    """
    flags: list[Token] = []
    length = len(text)
    index = 0
    while True:
        while index < length and text[index].isspace():
            index += 1
        if index >= length or not text.startswith("--", index):
            return flags, base + index
        start = index
        quote = ""
        value: list[str] = []
        while index < length:
            char = text[index]
            if quote:
                if char == quote:
                    quote = ""
                elif char == "\\" and index + 1 < length:
                    index += 1
                    value.append(text[index])
                else:
                    value.append(char)
            elif char.isspace():
                break
            elif char in ("'", '"'):
                quote = char
            elif char == "\\" and index + 1 < length:
                index += 1
                value.append(text[index])
            elif char != "\\":
                value.append(char)
            index += 1
        raw = text[start:index]
        if raw == "--":
            while index < length and text[index].isspace():
                index += 1
            return flags, base + index
        flags.append((raw, "".join(value), base + start, base + index))


class NotStringArray(ValueError):
    """A JSON array whose items are not all strings (BuildKit refuses it)."""


def json_array(text: str, base: int = 0) -> list[Token] | None:
    """The items of a JSON string array with their offsets, or None when `text` is not JSON.

    Raises NotStringArray for a well-formed array holding something other than strings.
    """
    stripped = text.lstrip()
    if not stripped.startswith("["):
        return None
    from prepdeck.lint.json_read import loads

    try:
        items = loads(text)
    except ValueError:
        return None
    if not isinstance(items, list):
        return None
    if not all(isinstance(item, str) for item in items):
        raise NotStringArray("a JSON array here must hold only strings")
    tokens: list[Token] = []
    # With only strings in the array, the string literals are exactly its items, in order.
    for match, value in zip(_JSON_STRING.finditer(text), items, strict=False):
        tokens.append((match.group(), value, base + match.start(), base + match.end()))
    return tokens


_VARIABLE = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-+])(?P<word>[^}]*))?\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


def has_variables(text: str) -> bool:
    return "$" in text and _VARIABLE.search(text) is not None


def canonical_references(text: str, values: dict[str, str | None]) -> str:
    """`text` with the variables of known value substituted and the others written as `${NAME...}`,
    so `--platform=$BUILDPLATFORM` and `--platform=${BUILDPLATFORM}` compare equal."""
    if "$" not in text:
        return text

    def substitute(match: re.Match[str]) -> str:
        name = match.group("braced") or match.group("plain")
        op = match.group("op")
        value = values.get(name)
        if value is not None and not op:
            return value
        return "${" + name + (op or "") + (match.group("word") or "") + "}"

    return _VARIABLE.sub(substitute, text)


def expand(text: str, values: dict[str, str | None]) -> str | None:
    """Substitute `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` from `values`.

    Returns None when a variable has no known value (absent, or declared without a default and
    not given one by a modifier), because the result then depends on the build command line.
    """
    if "$" not in text:
        return text
    unknown = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group("braced") or match.group("plain")
        op = match.group("op")
        word = match.group("word") or ""
        value = values.get(name)
        known = name in values and value is not None
        if op in (":-", "-"):
            if known and (op == "-" or value):
                return value or ""
            return word
        if op in (":+", "+"):
            if known and (op == "+" or value):
                return word
            if not known and name not in values:
                unknown = True
            return ""
        if not known:
            unknown = True
            return ""
        return value or ""

    result = _VARIABLE.sub(substitute, text)
    return None if unknown else result
