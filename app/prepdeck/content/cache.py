"""The app's catalog, loaded through a cache of parsed packs so the app starts fast.

Parsing and validating YAML costs more than the rest of start-up, and packs rarely change. The
catalog is pickled in `locations.pack_cache_dir()` under a key made of every file's path and
content in every pack folder, prepdeck's and Python's versions and the source of the code that
reads packs, the model included (`content.fingerprint`): any edit, added or removed file or pack,
and any upgrade of prepdeck, changes the key and the packs are parsed again. A cache that cannot
be read for any reason is ignored and rewritten.

Cached packs carry no source positions (`Pack.position_of` returns None): the app never shows
them, and `prepdeck pack check` keeps its own answers (`content.check_cache`), not these packs.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from prepdeck import locations
from prepdeck.content.catalog import Catalog, load_catalog, pack_folders
from prepdeck.content.fingerprint import folders_digest, read_pickle, write_pickle
from prepdeck.content.packtree import PackTree


def cache_file_for(folders: list[Path]) -> Path:
    """One cache file per set of pack folders (`--pack` adds folders), rewritten when they change."""
    name = hashlib.sha256(
        "\0".join(str(PackTree(Path(folder)).real_root) for folder in folders).encode()
    ).hexdigest()
    return locations.pack_cache_dir() / f"catalog-{name[:24]}.pickle"


def load_catalog_cached(extra: list[str | Path]) -> Catalog:
    """The same catalog as `load_catalog(extra)`, from the cache when no pack file changed."""
    folders = pack_folders(extra)
    fingerprint = folders_digest(folders)
    cache_file = cache_file_for(folders)
    try:
        cached = read_pickle(cache_file, fingerprint)
        if isinstance(cached, Catalog):
            return cached
    except Exception:  # noqa: BLE001 - a missing, partial or stale cache only means parsing again
        pass
    catalog = load_catalog(extra)
    _write(cache_file, fingerprint, catalog)
    return catalog


def _write(cache_file: Path, fingerprint: str, catalog: Catalog) -> None:
    slim = Catalog(packs=[replace(pack, locations={}) for pack in catalog.packs], broken=list(catalog.broken))
    write_pickle(cache_file, fingerprint, slim)
