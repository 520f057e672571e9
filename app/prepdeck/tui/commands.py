"""Command-palette entries built from what is loaded: go to a section, start a drill, review a tag.

The fixed entries (Home, Stats, Help...) are the app's system commands (see `PrepdeckApp`);
this provider adds one entry per section, drill, tag and interview question of the loaded packs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from prepdeck.tui.text import strip_controls


def palette_entries(app) -> Iterator[tuple[str, str, Callable[[], None]]]:
    """(title, help, callback) for every context command, in pack order."""
    tags: dict[str, int] = {}
    for pack in app.context.catalog.packs:
        for section in pack.sections:
            yield (
                f"Go to section: {strip_controls(section.title)}",
                f"{strip_controls(pack.meta.title)} · theory",
                partial(app.open_section, pack.id, section.id),
            )
        for drill in pack.drills:
            yield (
                f"Start drill: {strip_controls(drill.title)}",
                f"{strip_controls(pack.meta.title)} · {drill.difficulty or 'drill'}",
                partial(app.open_drill, pack.id, drill.id),
            )
        for item in [*pack.cards, *pack.questions]:
            for tag in item.tags:
                tags[tag] = tags.get(tag, 0) + 1
    for tag, count in sorted(tags.items()):
        label = strip_controls(tag)
        yield (
            f"Review tag: {label}",
            f"extra practice on {count} items tagged '{label}'",
            partial(app.open_review, tag=tag),
        )
        yield (
            f"Quiz tag: {label}",
            f"a quick quiz on items tagged '{label}'",
            partial(app.open_quiz, tag=tag),
        )


class PackCommands(Provider):
    """Sections, drills and tags of the loaded packs, searched fuzzily by the palette."""

    async def discover(self) -> Hits:
        for title, help_text, callback in palette_entries(self.app):
            if title.startswith(("Start drill", "Go to section")):
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in palette_entries(self.app):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
