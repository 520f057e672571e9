"""The editor lints on every keystroke: no rule may fail on half-typed text.

Every corpus file is cut at several points (mid-line, mid-word, mid-heredoc, mid-continuation) and
linted with every rule switched on; a rule that raises would show up in `rule_errors`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.config import config_from_mapping

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "dockerfiles"
EVERYTHING_ON = config_from_mapping(
    {
        "override": {"info": ["DL1001", "DL3057", "InvalidDefinitionDescription"]},
        "label-schema": {
            "org.opencontainers.image.source": "url",
            "org.opencontainers.image.version": "semver",
        },
        "strict-labels": True,
    }
)


def cuts(text: str) -> list[str]:
    """Prefixes of `text` at a third, a half and two thirds of its length, and just before its end."""
    length = len(text)
    return [text[: length * share // 6] for share in (2, 3, 4)] + [text[: max(0, length - 2)]]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.Dockerfile")), ids=lambda path: path.name)
def test_no_rule_fails_on_a_cut_file(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for prefix in cuts(text):
        result = lint_text(
            prefix, path=str(tmp_path / "Dockerfile"), config=EVERYTHING_ON, context_dir=str(tmp_path)
        )
        assert result.rule_errors == [], (prefix[-60:], result.rule_errors)
