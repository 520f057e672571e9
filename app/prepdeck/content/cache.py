"""The app's catalog, loaded through a cache of parsed packs so the app starts fast.

Parsing and validating YAML costs more than the rest of start-up, and packs rarely change. The
catalog is pickled in `locations.pack_cache_dir()` under a key made of every file's path, size and
modification time in every pack folder (plus the versions of prepdeck and Python); any edit, added
or removed file or pack changes the key and the packs are parsed again. A cache that cannot be
read for any reason is ignored and rewritten.

Cached packs carry no source positions (`Pack.position_of` returns None): the app never shows
them, and `prepdeck pack check` always parses afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from dataclasses import replace
from pathlib import Path

from prepdeck import __version__, locations
from prepdeck.content.catalog import Catalog, load_catalog, pack_folders
from prepdeck.content.packtree import PackTree

CACHE_FORMAT = 1


def folder_fingerprint(folders: list[Path]) -> str:
    """A digest of every file's path, size and modification time under the folders.

    Links are followed only inside a pack folder and each real folder is seen once, so a link
    loop (`ln -s . l1`) or a link to `/` costs nothing (`PackTree.walk`)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{sys.version}".encode())
    for folder in folders:
        tree = PackTree(Path(folder))
        digest.update(f"\0folder:{tree.real_root}".encode())
        for name, info in tree.walk():
            digest.update(f"\0{name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def cache_file_for(folders: list[Path]) -> Path:
    """One cache file per set of pack folders (`--pack` adds folders), rewritten when they change."""
    name = hashlib.sha256(
        "\0".join(str(PackTree(Path(folder)).real_root) for folder in folders).encode()
    ).hexdigest()
    return locations.pack_cache_dir() / f"catalog-{name[:24]}.pickle"


def load_catalog_cached(extra: list[str | Path]) -> Catalog:
    """The same catalog as `load_catalog(extra)`, from the cache when no pack file changed."""
    folders = pack_folders(extra)
    fingerprint = folder_fingerprint(folders)
    cache_file = cache_file_for(folders)
    try:
        with cache_file.open("rb") as stream:
            stored_fingerprint, cached = pickle.load(stream)
        if stored_fingerprint == fingerprint and isinstance(cached, Catalog):
            return cached
    except Exception:  # noqa: BLE001 - a missing, partial or stale cache only means parsing again
        pass
    catalog = load_catalog(extra)
    _write(cache_file, fingerprint, catalog)
    return catalog


def _write(cache_file: Path, fingerprint: str, catalog: Catalog) -> None:
    """Write atomically: another prepdeck may be reading the cache right now."""
    slim = Catalog(packs=[replace(pack, locations={}) for pack in catalog.packs], broken=list(catalog.broken))
    partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as stream:
            pickle.dump((fingerprint, slim), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache_file)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        # No cache this time (a full disk, say): the next start parses again. Leave no partial file.
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
