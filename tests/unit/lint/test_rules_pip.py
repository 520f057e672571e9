"""pip rules (DL3013, DL3042): must-fire cases with the exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

P = "FROM python:3.12.2-slim\n"

CASES = [
    # DL3013: each unpinned requirement
    ("DL3013", P + "RUN pip install --no-cache-dir flask gunicorn==21.2.0\n", ["2:32-2:37"]),
    ("DL3013", P + "RUN python3 -m pip install --no-cache-dir --upgrade pip\n", ["2:53-2:56"]),
    (
        "DL3013",
        P + "RUN pip3 install --no-cache-dir -i https://pypi.example/simple requests\n",
        ["2:64-2:72"],
    ),
    ("DL3013", P + "RUN pip install --no-cache-dir -r requirements.txt\n", []),
    (
        "DL3013",
        P + 'RUN pip install --no-cache-dir "uvicorn[standard]>=0.27,<0.28" black~=24.2 ./dist/app-1.0.whl\n',
        [],
    ),
    ("DL3013", P + "RUN pip install --no-cache-dir -e . git+https://github.com/example/lib.git@v1.2.0\n", []),
    ("DL3013", P + "RUN pip install --no-cache-dir -c constraints.txt httpx\n", []),
    ("DL3013", P + "RUN pipx install black\n", []),
    # DL3042: the `install` word, unless the cache is off or mounted
    ("DL3042", P + "RUN pip install -r requirements.txt\n", ["2:9-2:16"]),
    ("DL3042", P + "RUN python -m pip install flask==3.0.2\n", ["2:19-2:26"]),
    ("DL3042", P + "RUN pip install --no-cache-dir -r requirements.txt\n", []),
    ("DL3042", P + "ENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n", []),
    ("DL3042", P + "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n", []),
    (
        "DL3042",
        "FROM python:3.12.2-slim AS base\nENV PIP_NO_CACHE_DIR=true\nFROM base\nRUN pip install -r r.txt\n",
        [],
    ),
    ("DL3042", P + "RUN PIP_NO_CACHE_DIR=1 pip install -r requirements.txt\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected
