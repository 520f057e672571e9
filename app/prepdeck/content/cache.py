"""A cache of loaded packs, so the app starts without re-reading YAML that has not changed.

Only packs that loaded without problems are cached, without their source positions (the app
never shows positions; `pack check` never reads the cache). An entry is used only when the
prepdeck version, pack.yaml and every file it includes have the same size and modification time.
Anything wrong with the cache (unreadable, stale, from another version) means a normal load.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from prepdeck import __version__, locations
from prepdeck.content.loader import LoadResult, Pack, find_pack_file, load_pack

_CACHE_FORMAT = 1


def _fingerprint(pack_file: Path, include: list[str]) -> tuple:
    root = pack_file.parent
    files = [pack_file]
    for pattern in include:
        files += sorted(path for path in root.glob(pattern) if path.is_file())
    stamps = []
    for path in files:
        status = path.stat()
        stamps.append((str(path), status.st_mtime_ns, status.st_size))
    return (_CACHE_FORMAT, __version__, tuple(stamps))


def _entry_path(pack_file: Path) -> Path:
    digest = hashlib.sha1(str(pack_file.resolve()).encode()).hexdigest()[:20]
    return locations.pack_cache_dir() / f"pack-{digest}.pickle"


def load_pack_cached(path: Path | str) -> LoadResult:
    pack_file = find_pack_file(Path(path))
    try:
        entry = _entry_path(pack_file)
        with entry.open("rb") as handle:
            fingerprint, include, pack = pickle.load(handle)
        if isinstance(pack, Pack) and fingerprint == _fingerprint(pack_file, include):
            return LoadResult(pack, [])
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache only means a normal load
        pass
    result = load_pack(path)
    if result.pack is not None and not result.problems:
        _store(pack_file, result.pack)
    return result


def _store(pack_file: Path, pack: Pack) -> None:
    try:
        include = pack.include
        light = Pack(
            root=pack.root,
            meta=pack.meta,
            sections=pack.sections,
            cards=pack.cards,
            questions=pack.questions,
            drills=pack.drills,
            include=pack.include,
        )
        entry = _entry_path(pack_file)
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump((_fingerprint(pack_file, include), include, light), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(entry)  # atomic: a reader never sees half an entry
    except OSError:
        pass  # a read-only data folder just means no cache

