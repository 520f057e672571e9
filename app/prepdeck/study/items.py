"""What can be studied in the loaded packs: one StudyItem per reviewable side, in pack order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prepdeck.store.cards import ItemKey, side_token

if TYPE_CHECKING:  # the pack models come with the packs; naming them costs no import here
    from prepdeck.content.model import Card, Question

    ItemContent = Card | Question  # Card: the union of the seven card types

CARD, QUESTION = "card", "question"


@dataclass(frozen=True)
class StudyItem:
    """One reviewable side: a flashcard side or an interview question, and the content it comes from."""

    key: ItemKey
    kind: str  # CARD or QUESTION
    section: str | None
    tags: tuple[str, ...]
    content: ItemContent  # the pack's card or question, for the screen to render
    position: int  # order within its pack

    @property
    def question(self) -> Question:
        """The interview question of a QUESTION item (a TypeError for a card's side)."""
        from prepdeck.content.model import Question

        if not isinstance(self.content, Question):
            raise TypeError(f"{self.key.pack_id}/{self.key.item_id} is a card, not an interview question")
        return self.content


class ItemIndex:
    """Every StudyItem of the loaded packs, by key and in pack order."""

    def __init__(self, packs: Iterable[Any]) -> None:
        self.packs = {pack.meta.id: pack for pack in packs}
        self.items: dict[tuple[str, str, str], StudyItem] = {}
        self.by_pack: dict[str, list[StudyItem]] = {}
        self.by_item: dict[tuple[str, str], Any] = {}
        # Per (pack id, kind): the sides in pack order and their side tokens, for the new-side scan.
        self.sequence: dict[tuple[str, str], tuple[list[StudyItem], list[str]]] = {}
        self.fingerprints: dict[tuple[str, str], str] = {}  # changes whenever that list changes
        for pack_id, pack in self.packs.items():
            ordered: list[StudyItem] = []
            for kind, contents in ((CARD, pack.cards), (QUESTION, pack.questions)):
                for content in contents:
                    self.by_item[(pack_id, content.id)] = content
                    for variant in content.variants():
                        item = StudyItem(
                            key=ItemKey(pack_id, content.id, variant),
                            kind=kind,
                            section=content.section,
                            tags=tuple(content.tags),
                            content=content,
                            position=len(ordered),
                        )
                        ordered.append(item)
                        self.items[(pack_id, content.id, variant)] = item
            self.by_pack[pack_id] = ordered
            for kind in (CARD, QUESTION):
                sides = [item for item in ordered if item.kind == kind]
                tokens = [side_token(item.key.pack_id, item.key.item_id, item.key.variant) for item in sides]
                self.sequence[(pack_id, kind)] = (sides, tokens)
                self.fingerprints[(pack_id, kind)] = hashlib.blake2b(
                    "\x1e".join(tokens).encode(), digest_size=12
                ).hexdigest()

    def get(self, key: ItemKey) -> StudyItem | None:
        return self.items.get((key.pack_id, key.item_id, key.variant))

    def replacements(self) -> list[tuple[str, str, str]]:
        """(pack id, old id, new id) for every `replaces` entry, in pack order."""
        found = []
        for pack_id, pack in self.packs.items():
            for content in [*pack.cards, *pack.questions, *getattr(pack, "drills", [])]:
                for old_id in getattr(content, "replaces", []) or []:
                    found.append((pack_id, old_id, content.id))
        return found
