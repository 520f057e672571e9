"""Files named in the drills issue, written fresh: each broken one fails on the build fact a
learner must see (a first batch; the rest of the issue's list is still to come)."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.content.catalog import load_catalog
from prepdeck.drills import check_drill

PACK = Path(__file__).resolve().parents[3] / "content" / "docker"


@pytest.fixture(scope="module")
def drills():
    catalog = load_catalog([str(PACK)])
    return lambda drill_id: catalog.find_item(drill_id, "drills")[1]


def reasons(result) -> str:
    return " | ".join(r.reason for r in result.requirements if r.blocks_pass)


def test_tini_named_but_never_installed(drills):
    text = (
        "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\n"
        'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]\n'
    )
    result = check_drill(drills("d-exec-form-init"), text)
    assert not result.passed
    assert "runs /usr/bin/tini, but" in reasons(result)


def test_entrypoint_sh_c_ignores_cmd(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY . .\n"
        'ENTRYPOINT ["sh", "-c", "python -m inventory serve"]\nCMD ["serve", "--port", "8080"]\n'
    )
    result = check_drill(drills("d-entrypoint-subcommand"), text)
    assert not result.passed
    assert "PID 1 is sh, which does not pass SIGTERM on to python" in reasons(result)


def test_one_json_item_with_spaces_cannot_start(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY . .\n"
        'ENTRYPOINT ["python -m inventory"]\nCMD ["serve"]\n'
    )
    result = check_drill(drills("d-entrypoint-subcommand"), text)
    assert not result.passed
    assert "`python -m inventory` is one JSON item" in reasons(result)
