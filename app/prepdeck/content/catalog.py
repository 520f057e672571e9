"""All the packs a learner can study: built-in, installed in the data folder, and named with --pack.

A pack that fails to load is reported and skipped; it never takes the others down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prepdeck import locations
from prepdeck.content.loader import PACK_FILE, Pack, load_pack
from prepdeck.content.problems import Problem


@dataclass
class Catalog:
    packs: list[Pack] = field(default_factory=list)
    # Packs that did not load: their folder and the problems that stopped them.
    broken: list[tuple[Path, list[Problem]]] = field(default_factory=list)

    def pack(self, pack_id: str) -> Pack | None:
        return next((pack for pack in self.packs if pack.id == pack_id), None)

    def find_item(self, item_id: str, kind: str | None = None) -> tuple[Pack, Any] | None:
        """(pack, item) for an item id, searching the packs in order; kind: cards, questions or drills."""
        for pack in self.packs:
            pool = getattr(pack, kind) if kind else pack.items()
            for item in pool:
                if item.id == item_id:
                    return pack, item
        return None

    def item_ids(self, kind: str) -> list[str]:
        return [item.id for pack in self.packs for item in getattr(pack, kind)]


def pack_folders(extra: Sequence[str | Path] = ()) -> list[Path]:
    """Where packs are looked for: built-in first, then installed, then those named on the command line."""
    folders: list[Path] = []
    for parent in (locations.builtin_packs_dir(), locations.user_packs_dir()):
        if parent.is_dir():
            folders += sorted(child for child in parent.iterdir() if (child / PACK_FILE).is_file())
    folders += [Path(path) for path in extra]
    return folders


def load_catalog(extra: Sequence[str | Path] = (), *, include_installed: bool = True) -> Catalog:
    """Load every pack (the app's start-up goes through `prepdeck.content.cache` instead)."""
    catalog = Catalog()
    folders = pack_folders(extra) if include_installed else [Path(path) for path in extra]
    for folder in folders:
        result = load_pack(folder)
        errors = result.errors
        if result.pack is None or errors:
            catalog.broken.append((folder, errors or result.problems))
            continue
        existing = catalog.pack(result.pack.id)
        if existing is not None:
            # A pack named on the command line (loaded last) wins over an installed copy.
            catalog.packs.remove(existing)
        catalog.packs.append(result.pack)
    return catalog
