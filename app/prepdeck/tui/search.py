"""Fuzzy search across every section of every loaded pack (rapidfuzz; no Textual, unit-tested).

A section matches on its title (weighted higher) or on a line of its body; each hit carries the
best-matching line as a snippet so the learner sees why it matched.
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


@dataclass(frozen=True)
class _Entry:
    pack_id: str
    section_id: str
    title: str
    lines: tuple[str, ...]


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
                lines = tuple(plain for line in body.splitlines() if (plain := _plain_line(line)))
                self._entries.append(_Entry(pack.id, section.id, section.title, lines))

    def find(self, query: str, limit: int = 20) -> list[SectionHit]:
        query = utils.default_process(query)
        if not query:
            return []
        hits = []
        for entry in self._entries:
            best_score = (
                fuzz.partial_ratio(query, entry.title, processor=utils.default_process) * TITLE_WEIGHT
            )
            snippet = ""
            for line in entry.lines:
                # A query longer than the line cannot be found inside it; skip to keep scores honest.
                if len(line) < len(query):
                    continue
                score = fuzz.partial_ratio(query, line, processor=utils.default_process) * BODY_WEIGHT
                if score > best_score:
                    best_score, snippet = score, line
            if best_score >= MIN_SCORE:
                hits.append(
                    SectionHit(
                        entry.pack_id, entry.section_id, entry.title, best_score, _clip(snippet, query)
                    )
                )
        hits.sort(key=lambda hit: -hit.score)
        return hits[:limit]


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
