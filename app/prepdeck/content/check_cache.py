"""`prepdeck pack check` keeps its last answer for each pack folder, so checking an unchanged pack
again costs a walk and a hash of its files instead of a parse (a 10,000-card pack: seconds).

The answer is stored under a digest of the pack's files (names and contents), prepdeck's version
and the source of the code that loads and checks packs (`content.fingerprint`), plus the path as
given and the working folder (problems name files as the user named them). Any edit, upgrade or
other path checks afresh. Nothing here imports the pack model: a hit must stay cheap.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from prepdeck import locations
from prepdeck.content.fingerprint import folders_digest, read_pickle, write_pickle
from prepdeck.content.problems import Problem

# (every problem found, True when the path held no pack at all)
CheckAnswer = tuple[list[Problem], bool]


def check_file_for(path: str) -> Path:
    name = hashlib.sha256(f"{os.getcwd()}\0{path}".encode()).hexdigest()
    return locations.pack_cache_dir() / f"check-{name[:24]}.pickle"


def checked(path: str, check: Callable[[str], CheckAnswer]) -> CheckAnswer:
    """`check(path)`, or its stored answer when neither the pack's files nor the code changed."""
    folder = Path(path)
    if not folder.is_dir():
        folder = folder.parent  # the pack.yaml itself was named
    if not folder.is_dir():
        return check(path)  # nothing to key on: "no pack here" is cheap to say again
    fingerprint = folders_digest([folder])
    cache_file = check_file_for(path)
    try:
        stored = read_pickle(cache_file, fingerprint)
        if isinstance(stored, tuple) and len(stored) == 2:
            problems, no_pack = stored
            if isinstance(problems, list) and all(isinstance(p, Problem) for p in problems):
                return problems, bool(no_pack)
    except Exception:  # noqa: BLE001 - a missing, damaged or stale answer only means checking again
        pass
    answer = check(path)
    write_pickle(cache_file, fingerprint, answer)
    return answer
