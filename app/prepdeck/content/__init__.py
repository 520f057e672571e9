"""Content packs: the model, loading with source positions, and checking (no Textual here).

The names below are imported on first use: `prepdeck.content.check_cache` answers a repeated
`pack check` without the loader, and importing this package must not bring in pydantic for it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prepdeck.content.loader import LoadResult, Pack, PackFileError, load_pack
    from prepdeck.content.problems import Position, Problem

__all__ = ["LoadResult", "Pack", "PackFileError", "Position", "Problem", "load_pack"]
_HOMES = {"Position": "problems", "Problem": "problems"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"prepdeck.content.{_HOMES.get(name, 'loader')}"), name)
