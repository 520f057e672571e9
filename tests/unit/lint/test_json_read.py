"""prepdeck.lint.json_read.loads reads exactly what json.loads reads, and refuses what it refuses."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.lint.json_read import loads

TEXTS = [
    '["a"]',
    ' \t\n["a", "b"]\r\n',
    "[]",
    '["a",]',
    '["a" "b"]',
    '["\\u00e9\\n\\"x\\""]',
    '["tab\there"]',  # a raw control character: strict JSON refuses it
    '["a"] x',
    '["a"]]',
    "[1, 2.5, -3e2, true, false, null]",
    '[{"k": [1, {"n": NaN}]}, Infinity, -Infinity]',
    '{"a": 1, "a": 2}',
    '"just a string"',
    "\ufeff[]",
    "\u00a0[]",
    "[",
    "",
    " ",
    '["unterminated',
    "['single']",
    "[01]",
    '["\\ud800"]',
]


def same_as_json(text: str) -> None:
    try:
        expected = json.loads(text)
    except ValueError:
        with pytest.raises(ValueError):
            loads(text)
        return
    got = loads(text)
    # NaN != NaN: compare the JSON written back, which spells NaN the same both times
    assert json.dumps(got) == json.dumps(expected)
    assert type(got) is type(expected)


@pytest.mark.parametrize("text", TEXTS)
def test_reads_what_json_reads(text: str) -> None:
    same_as_json(text)


@given(st.text(alphabet='[]{}",:\\ \t\nabu0123456789.eE+-tfnlrsNIy\u00e9\x01', max_size=30))
def test_random_texts_read_as_json_reads_them(text: str) -> None:
    same_as_json(text)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=10,
    )
)
def test_any_json_document_round_trips(value: object) -> None:
    text = json.dumps(value)
    got = loads(text)
    assert json.dumps(got) == text
    if isinstance(value, float) and math.isnan(value):
        assert isinstance(got, float) and math.isnan(got)


def test_a_malformed_array_is_a_value_error_before_json_is_imported() -> None:
    """The C scanner needs json.decoder in sys.modules to report an error inside an array; a
    `prepdeck lint FILE` process has not imported json (it crashed with exit 70 on `CMD ["sh"`)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from prepdeck.lint.json_read import loads\n"
        "assert 'json.decoder' not in sys.modules\n"
        'for text in (\'["a" "b"]\', \'["sh", "-c", "echo hi"\', \'{"a" 1}\'):\n'
        "    try:\n"
        "        loads(text)\n"
        "    except ValueError as error:\n"
        "        print(type(error).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["JSONDecodeError"] * 3, done.stderr
