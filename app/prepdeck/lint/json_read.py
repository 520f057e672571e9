"""`json.loads` without importing `json`: the same C scanner, driven directly.

Exec-form instructions (`CMD ["app"]`, in nearly every Dockerfile) and the ShellCheck cache are
read as JSON, and `import json` (its decoder, encoder and their regexes) is 1.2 ms of a
`prepdeck lint FILE` process of about 30. `_json.make_scanner` is what `json.loads` calls; this
module gives it the decoder's default settings and checks the text's ends as `json.loads` does.
Without the C scanner (another Python), it is `json.loads` itself.
"""

from __future__ import annotations

from prepdeck.lint.registry import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

__all__ = ["loads"]

_SPACE = " \t\n\r"  # JSON's whitespace, as json.decoder.WHITESPACE


def _after_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in _SPACE:
        index += 1
    return index


def _constant(name: str) -> float:
    return {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}[name]


class _Settings:
    """What `json.JSONDecoder()` hands its scanner (all defaults)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_constant)


def _c_scanner() -> Callable[[str, int], tuple[object, int]] | None:
    try:
        import _json
    except ImportError:  # pragma: no cover - CPython always builds _json
        return None
    scanner: Callable[[str, int], tuple[object, int]] = _json.make_scanner(_Settings())  # type: ignore[arg-type]
    return scanner


_scan = _c_scanner()


def loads(text: str) -> object:
    """json.loads(text): the value, or a ValueError (json.JSONDecodeError) where json raises one."""
    if _scan is None or text.startswith("\ufeff"):
        import json

        return json.loads(text)
    start = _after_space(text, 0)
    try:
        value, end = _scan(text, start)
    except StopIteration as stop:
        raise ValueError(f"Expecting value: char {stop.value}") from None
    except SystemError:
        # The C scanner reports an error inside an array or object (`["a" "b"]`, `["sh", "-c"`)
        # with json.decoder.JSONDecodeError, which it looks up in sys.modules only: before `json`
        # is imported it fails without an exception, and Python calls that a SystemError.
        # json.loads imports it and raises the error json would.
        import json

        return json.loads(text)
    end = _after_space(text, end)
    if end != len(text):
        raise ValueError(f"Extra data: char {end}")
    return value
