"""Checking a typed answer of a type-in card (the Review screen and the quick quiz share it).

A card lists its answers (the first is the one shown) and, under `accept`, other forms it takes
without showing them: the whole command for a flag ("docker build --no-cache" for "--no-cache"),
a long flag for a short one. White space never matters when `trim` is on (the default), and an
answer that is a command is compared word by word as a shell reads it: quoting, and `--flag=value`
against `--flag value`, make no difference.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz


@dataclass(frozen=True)
class TypedVerdict:
    correct: bool
    closest: str  # the accepted form nearest to what was typed (the one the diff is against)


def _normalise(text: str, *, case: bool, trim: bool) -> str:
    if trim:
        text = " ".join(text.split())
    return text if case else text.casefold()


def command_words(text: str) -> tuple[str, ...] | None:
    """The words a shell would pass, `--flag=value` split in two; None for text that is not a
    command (no flag and a single word, or quoting a shell would refuse)."""
    try:
        words = shlex.split(text)
    except ValueError:
        return None
    if len(words) < 2 and not any(word.startswith("-") for word in words):
        return None
    split: list[str] = []
    for word in words:
        if word.startswith("-") and "=" in word:
            split.extend(word.split("=", 1))
        else:
            split.append(word)
    return tuple(split)


def check_typed(
    typed: str,
    answers: Sequence[str],
    *,
    accept: Sequence[str] = (),
    case: bool = False,
    trim: bool = True,
    fuzzy: int | None = None,
) -> TypedVerdict:
    """Whether `typed` is one of `answers` or `accept` under a type-in card's match options."""
    forms = [*answers, *accept]
    wanted = [(_normalise(form, case=case, trim=trim), form) for form in forms]
    given = _normalise(typed, case=case, trim=trim)
    for normalised, form in wanted:
        if given == normalised:
            return TypedVerdict(True, form)
    given_words = command_words(given) if trim else None
    if given_words is not None:
        for normalised, form in wanted:
            if command_words(normalised) == given_words:
                return TypedVerdict(True, form)
    # Not accepted: the diff is shown against the nearest of the answers the card shows.
    shown = wanted[: len(answers)] or wanted
    best = max(shown, key=lambda pair: fuzz.ratio(given, pair[0]))[1]
    if fuzzy is not None and given != "":
        near = max(wanted, key=lambda pair: fuzz.ratio(given, pair[0]))
        if fuzz.ratio(given, near[0]) >= fuzzy:
            return TypedVerdict(True, near[1])
    return TypedVerdict(False, best)


def check_card(card: Any, typed: str) -> TypedVerdict:
    """`check_typed` with a TypeInCard's answers, accepted forms and match options."""
    match = card.match
    return check_typed(
        typed,
        list(card.answers),
        accept=list(card.accept),
        case=match.case,
        trim=match.trim,
        fuzzy=match.fuzzy,
    )
