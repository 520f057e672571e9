"""Load the catalog for the app. (A parse cache keyed by file times comes next.)"""

from __future__ import annotations

from pathlib import Path

from prepdeck.content.catalog import Catalog, load_catalog


def load_catalog_cached(extra: list[str | Path]) -> Catalog:
    return load_catalog(extra)
