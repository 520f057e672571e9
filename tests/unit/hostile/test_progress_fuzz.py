"""Fuzzing `prepdeck import`: any JSON either imports and leaves the app working (`stats` exits
0, the review queue opens), or is refused (exit 1 or 2) with nothing changed.

Most examples start from a real export with one value replaced, so they reach deep into the
importer instead of failing at the envelope; the rest are arbitrary JSON."""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from progress_docs import STUDY_PACK, database_dump, valid_document

from prepdeck import locations
from prepdeck.cli import main
from prepdeck.content.loader import load_pack
from prepdeck.store import Store
from prepdeck.study.service import StudyService

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([0, -1, 2**62, 10**29, 1.5, -0.0, 1e308])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["banana", "review", "new", "", "\x1f", "main"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _alike(value):
    """A value of the same kind as `value`: mostly accepted, so the app afterwards is exercised."""
    if isinstance(value, bool) or value is None:
        return st.booleans() | st.none()
    if isinstance(value, int):
        return st.integers(min_value=-2, max_value=max(4, value * 2))
    if isinstance(value, float):
        return st.floats(min_value=-1, max_value=value * 3 + 20, allow_nan=False)
    if isinstance(value, str):
        return st.sampled_from([value, value + "-x", "tiny", "c-one", "main", "q-one"])
    return json_values


@st.composite
def mutated_exports(draw):
    document = valid_document()
    paths = [path for path in _paths(document) if path]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        parent = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = draw(_alike(parent[path[-1]]) | json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed this place
    return json.dumps(document)


documents = mutated_exports() | json_values.map(json.dumps)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents)
def test_any_json_imports_cleanly_or_changes_nothing(tmp_path, capsys, text):
    home = Path(tempfile.mkdtemp(dir=tmp_path))  # a fresh data folder for every example
    os.environ["PREPDECK_HOME"] = str(home)  # restored by the autouse fixture's monkeypatch
    path = home / "fuzz.json"
    path.write_text(text)
    with Store.open():
        pass  # the database exists before the first import, so "unchanged" is comparable
    before = database_dump(locations.database_path())
    code = main(["import", str(path)])
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert code in (0, 1, 2), err
    if code != 0:
        assert database_dump(locations.database_path()) == before
        return
    assert main(["stats", "--pack", str(STUDY_PACK)]) == 0
    assert main(["stats", "--pack", str(STUDY_PACK), "--format", "json"]) == 0
    capsys.readouterr()
    with Store.open() as store:
        service = StudyService(store, [load_pack(STUDY_PACK).pack], rng=random.Random(0))
        card = service.next_card()
        if card is not None:
            service.preview(card)
        service.stats()
