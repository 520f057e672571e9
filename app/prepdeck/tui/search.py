"""Fuzzy search across every section of every loaded pack (rapidfuzz; no Textual, unit-tested).

A section matches on its title or a heading inside it (weighted higher) or on a line of its body;
each hit carries the best-matching line as a snippet so the learner sees why it matched, and the
heading that line sits under, so the reader can open the section at that heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, utils

from prepdeck.content.loader import PackFileError

TITLE_WEIGHT = 1.0
BODY_WEIGHT = 0.9
MIN_SCORE = 70.0
SNIPPET_WIDTH = 70


@dataclass(frozen=True)
class SectionHit:
    pack_id: str
    section_id: str
    title: str
    score: float
    snippet: str
    heading: str = ""  # the heading the match is under ("" for the section's top)


@dataclass(frozen=True)
class _Line:
    text: str
    is_heading: bool
    heading: str  # the nearest heading at or above the line


@dataclass(frozen=True)
class _Entry:
    pack_id: str
    section_id: str
    title: str
    lines: tuple[_Line, ...]


class SectionSearch:
    """Built once per catalog; `find(query)` ranks sections by their best title or line match."""

    def __init__(self, packs: list[Any]) -> None:
        self._entries: list[_Entry] = []
        for pack in packs:
            for section in pack.sections:
                try:
                    body = pack.section_body(section)
                except PackFileError:
                    body = ""
                self._entries.append(_Entry(pack.id, section.id, section.title, _body_lines(body)))

    def find(self, query: str, limit: int = 20) -> list[SectionHit]:
        query = utils.default_process(query)
        if not query:
            return []
        hits = []
        for entry in self._entries:
            best_score = (
                fuzz.partial_ratio(query, entry.title, processor=utils.default_process) * TITLE_WEIGHT
            )
            snippet = heading = ""
            for line in entry.lines:
                # A query longer than the line cannot be found inside it; skip to keep scores honest.
                if len(line.text) < len(query):
                    continue
                weight = TITLE_WEIGHT if line.is_heading else BODY_WEIGHT
                score = fuzz.partial_ratio(query, line.text, processor=utils.default_process) * weight
                if score > best_score:
                    best_score, snippet, heading = score, line.text, line.heading
            if best_score >= MIN_SCORE:
                hits.append(
                    SectionHit(
                        entry.pack_id,
                        entry.section_id,
                        entry.title,
                        best_score,
                        _clip(snippet, query),
                        heading,
                    )
                )
        hits.sort(key=lambda hit: -hit.score)
        return hits[:limit]


_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _body_lines(body: str) -> tuple[_Line, ...]:
    """The body's non-blank lines as plain text, each knowing the heading it sits under. Lines in a
    fenced code block are searched too, but a `#` comment there is not a heading."""
    lines = []
    heading = ""
    fence = ""
    for raw in body.splitlines():
        if match := _FENCE.match(raw):
            fence = "" if fence and match.group(1) == fence else fence or match.group(1)
        is_heading = not fence and bool(_HEADING.match(raw))
        plain = _plain_line(raw)
        if not plain:
            continue
        if is_heading:
            heading = plain
        lines.append(_Line(plain, is_heading, heading))
    return tuple(lines)


_MARKUP = re.compile(r"[*`|>#]+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _plain_line(line: str) -> str:
    """A Markdown line as a reader sees it: emphasis, table bars, quote marks and link targets gone."""
    return " ".join(_MARKUP.sub(" ", _LINK.sub(r"\1", line)).split())


def _clip(line: str, query: str) -> str:
    """Around the match when the line is long, so the matched words are visible."""
    if len(line) <= SNIPPET_WIDTH:
        return line
    alignment = fuzz.partial_ratio_alignment(query, line, processor=utils.default_process)
    start = max(0, (alignment.dest_start if alignment else 0) - 20)
    clipped = line[start : start + SNIPPET_WIDTH]
    return ("…" if start else "") + clipped + ("…" if start + SNIPPET_WIDTH < len(line) else "")
