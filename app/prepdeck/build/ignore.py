"""`.dockerignore` with BuildKit's semantics (moby/patternmatcher).

- one pattern a line; `#` starts a comment line; blank lines are skipped;
- each pattern is cleaned like a path (`./a/../b` is `b`, a leading `/` dropped);
- `*` matches within one path segment, `?` one character, `**` any number of segments;
- a pattern that matches a folder excludes everything under it;
- `!pattern` re-includes what earlier lines excluded; the LAST matching line decides.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from prepdeck.build.patterns import CompiledPattern, PatternError, compile_pattern

_REGEX_SPECIALS = frozenset(".^$+(){}|")


@dataclass(frozen=True)
class IgnoreRule:
    line: int
    text: str
    exclusion: bool
    pattern: str


def clean_path(path: str) -> str:
    """A context-relative path as BuildKit compares it: `./src//a.js` -> `src/a.js`, `.` for the root."""
    cleaned = posixpath.normpath(path.strip() or ".")
    cleaned = cleaned.lstrip("/") or "."
    return "." if cleaned in ("", ".") else cleaned


def glob_regex(pattern: str) -> str:
    """A .dockerignore-style glob (`*`, `?`, `**`, `[...]`) as an anchored RE2 pattern."""
    out = ["^"]
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*":
            if index + 1 < len(pattern) and pattern[index + 1] == "*":
                index += 1
                if index + 1 < len(pattern) and pattern[index + 1] == "/":
                    index += 1
                out.append(".*" if index + 1 >= len(pattern) else "(.*/)?")
            else:
                out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            out.append("\\" + pattern[index] if not pattern[index].isalnum() else pattern[index])
        elif char in "[]":
            out.append(char)
        elif char in _REGEX_SPECIALS:
            out.append("\\" + char)
        else:
            out.append(char)
        index += 1
    out.append("$")
    return "".join(out)


class DockerIgnore:
    """Parsed `.dockerignore`; `excludes(path)` says whether BuildKit leaves the file out of the context."""

    def __init__(self, text: str | None) -> None:
        self.rules: list[IgnoreRule] = []
        self._compiled: list[tuple[IgnoreRule, CompiledPattern]] = []
        for number, raw in enumerate((text or "").splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            exclusion = line.startswith("!")
            body = line[1:].strip() if exclusion else line
            if not body:
                continue
            rule = IgnoreRule(number, line, exclusion, clean_path(body))
            try:
                compiled = compile_pattern(glob_regex(rule.pattern))
            except PatternError:
                continue  # BuildKit rejects the whole build on a bad pattern; we skip that line
            self.rules.append(rule)
            self._compiled.append((rule, compiled))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def deciding_rule(self, path: str) -> IgnoreRule | None:
        """The last rule that matches `path` or one of its parent folders (None: no rule matches)."""
        file = clean_path(path)
        parts = file.split("/")
        parents = ["/".join(parts[: index + 1]) for index in range(len(parts) - 1)]
        decided: IgnoreRule | None = None
        matched = False
        for rule, compiled in self._compiled:
            if rule.exclusion != matched:
                continue  # as moby: only an exclusion can undo a match, only an inclusion can make one
            hit = compiled.search(file) is not None or any(compiled.search(p) is not None for p in parents)
            if hit:
                matched = not rule.exclusion
                decided = rule
        return decided if matched or (decided is not None and decided.exclusion) else None

    def excludes(self, path: str) -> bool:
        rule = self.deciding_rule(path)
        return rule is not None and not rule.exclusion
