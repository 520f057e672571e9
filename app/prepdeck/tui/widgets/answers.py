"""Checking what a learner answered on a card, and diffs to show them (plain Python, no Textual).

The widgets turn these results into styled text; keeping the logic here lets tests check it
without a screen and keeps the key path of the Review screen small.
"""

from __future__ import annotations

import difflib
import re

from prepdeck.content.model import CLOZE_PATTERN
from prepdeck.study.typein import TypedVerdict, check_typed

__all__ = ["TypedVerdict", "check_typed"]  # checking moved to study/typein.py; kept for callers

# Kinds of a diff piece: the same in both, typed but not expected, expected but not typed.
SAME, EXTRA, MISSING = "same", "extra", "missing"


def char_diff(typed: str, expected: str, *, case: bool = False) -> list[tuple[str, str]]:
    """Pieces (kind, text) that turn `typed` into `expected`, character by character."""
    left, right = (typed, expected) if case else (typed.casefold(), expected.casefold())
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append((SAME, typed[i1:i2]))
            continue
        if i2 > i1:
            pieces.append((EXTRA, typed[i1:i2]))
        if j2 > j1:
            pieces.append((MISSING, expected[j1:j2]))
    return pieces


def cloze_pieces(text: str, number: int, *, revealed: bool) -> list[tuple[str, str]]:
    """A cloze text split into ("text", ...), ("blank", "[hint]") or ("answer", ...) pieces.

    Only deletion `number` is hidden; the other deletions show their answers as plain text.
    """
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in CLOZE_PATTERN.finditer(text):
        pieces.append(("text", text[position : match.start()]))
        answer, hint = match.group(2), match.group(3)
        if int(match.group(1)) != number:
            pieces.append(("text", answer))
        elif revealed:
            pieces.append(("answer", answer))
        else:
            pieces.append(("blank", f"[{hint}]" if hint else "[...]"))
        position = match.end()
    pieces.append(("text", text[position:]))
    return [piece for piece in pieces if piece[1]]


def cloze_number(variant: str) -> int:
    found = re.fullmatch(r"c(\d+)", variant)
    return int(found.group(1)) if found else 1


def order_marks(correct: list[str], picked: list[int]) -> list[bool]:
    """For each position the learner filled, whether it holds the item that belongs there.

    `picked` lists indexes into `correct` in the order the learner chose them.
    """
    return [index == position for position, index in enumerate(picked)]


def line_diff(
    mine: str, reference: str, *, mine_name: str = "yours", reference_name: str = "solution"
) -> list[str]:
    """A unified diff from the learner's file to the reference, as lines without newlines."""
    return list(
        difflib.unified_diff(
            mine.splitlines(),
            reference.splitlines(),
            fromfile=mine_name,
            tofile=reference_name,
            lineterm="",
        )
    )
