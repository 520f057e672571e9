"""Lint successive versions of one text, as the drill editor does on every keystroke.

    relinter = Relinter(path="Dockerfile", config=config)
    result = relinter.lint(text)        # the same LintResult lint_text(text, ...) gives
    result = relinter.lint(edited)      # re-reads only the instructions whose lines changed

A one-character edit changes one instruction; the others keep their lines and line numbers, so
their parse (and the shell script of a RUN, parsed when a rule first asks for it) is taken from
the previous version (parser.parse(previous=)). FROM and ONBUILD are parsed again, and the stages
are rebuilt, so what depends on other instructions is computed afresh; every rule runs, on the
whole file, so the findings are exactly those of a full lint (tests/unit/lint/test_incremental.py
checks that on random edits).

A result's model belongs to the Relinter until the next `lint()`: that call lends its unchanged
instructions to the new model (with new index and stage), so keep findings, not the old model.
"""

from __future__ import annotations

from prepdeck.collector import collector_paused
from prepdeck.lint.engine import LintResult, _refused, _too_large, lint_dockerfile
from prepdeck.lint.parser import parse
from prepdeck.lint.registry import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from prepdeck.lint.config import LintConfig
    from prepdeck.lint.model import Dockerfile

__all__ = ["Relinter"]


class Relinter:
    """Lints one text again and again, re-parsing only what changed since the last call."""

    __slots__ = ("_previous", "config", "context_dir", "path")

    def __init__(
        self, *, path: str = "Dockerfile", config: LintConfig | None = None, context_dir: str | None = None
    ) -> None:
        self.path = path
        self.config = config
        self.context_dir = context_dir
        self._previous: Dockerfile | None = None

    def lint(self, text: str | bytes) -> LintResult:
        """What `lint_text(text, path=, config=, context_dir=)` returns (never raises)."""
        refusal = _too_large(text)
        if refusal is not None:
            self._previous = None
            return _refused(refusal, self.path)
        with collector_paused():
            dockerfile = parse(text, previous=self._previous)
            self._previous = dockerfile
            return lint_dockerfile(
                dockerfile, path=self.path, config=self.config, context_dir=self.context_dir
            )

    def forget(self) -> None:
        """Parse everything afresh next time (another file, say)."""
        self._previous = None
