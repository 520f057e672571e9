"""Content packs: the model, loading with source positions, and checking (no Textual here)."""

from prepdeck.content.loader import LoadResult, Pack, PackFileError, load_pack
from prepdeck.content.problems import Position, Problem

__all__ = ["LoadResult", "Pack", "PackFileError", "Position", "Problem", "load_pack"]
