"""Does a health probe report the service's state? Its exit status must follow the HTTP answer,
and it must call the port the service listens on.

- exec form has no shell: `["wget", URL, "||", "exit", "1"]` passes `||`, `exit`, `1` to wget as more
  URLs, so the probe fails every time;
- `curl URL` exits 0 on a 503 unless it has `--fail` (`-f`, `-sf`...); busybox and GNU wget fail on it;
- Python's `urlopen` raises on a 4xx/5xx answer, `requests`/`httpx` do not unless the status is
  checked; an `except` that neither exits non-zero nor raises swallows every error;
- Node's `fetch` resolves on a 503 (only `res.ok`/`res.status` tell), and `.catch(() => {})`
  swallows a refused connection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SHELL_OPERATORS = frozenset({"||", "&&", "|", ";", "&", ">", ">>", "<", "2>&1", ">/dev/null", "2>/dev/null"})
_URL = re.compile(r"https?://(\[[^\]]+\]|[A-Za-z0-9_.-]+)(?::(\d+))?", re.IGNORECASE)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"})
_EXCEPT = re.compile(r"except\b[^:\n]*:(?P<body>[^\n]*(?:\n[ \t]+[^\n]*)*)")
_NODE_CATCH = re.compile(r"\.catch\s*\((?P<body>[^)]*\)?[^)]*)\)")


def operator_as_argument(argv: Sequence[str], shell_form: bool) -> str:
    """A shell operator passed as an argument by an exec-form command (its first one), or ''."""
    if shell_form:
        return ""
    return next((word for word in argv[1:] if word in SHELL_OPERATORS), "")


def local_ports(text: str) -> list[int]:
    """Ports of the URLs on this container (localhost, 127.0.0.1...) that a probe calls."""
    ports = []
    for match in _URL.finditer(text):
        host = match.group(1).lower()
        if host in LOCAL_HOSTS:
            scheme_https = match.group(0).lower().startswith("https")
            ports.append(int(match.group(2)) if match.group(2) else (443 if scheme_https else 80))
    return ports


def status_ignored(words: Sequence[str]) -> str:
    """Why the probe `words` (program and arguments) exits 0 whatever the service answers, or ''."""
    if not words:
        return ""
    name = words[0].rsplit("/", 1)[-1]
    if name == "curl":
        fails = any(
            word in ("--fail", "--fail-with-body")
            or (word.startswith("-") and not word.startswith("--") and "f" in word[1:])
            for word in words[1:]
        )
        return "" if fails else "curl exits 0 on an HTTP error answer (a 503 too) unless it has --fail (-f)"
    code = _inline_code(words)
    if code is None:
        return ""
    if name.startswith("python"):
        return _python_problem(code)
    if name in ("node", "nodejs", "bun", "deno"):
        return _node_problem(code)
    return ""


def _inline_code(words: Sequence[str]) -> str | None:
    for flag in ("-c", "-e", "--eval", "-p", "--print"):
        if flag in words[1:-1]:
            return words[words.index(flag, 1) + 1]
    return None


def _python_problem(code: str) -> str:
    for match in _EXCEPT.finditer(code):
        body = match.group("body")
        if not re.search(r"\b(raise|exit|_exit|abort)\b", body):
            return "its `except` neither exits non-zero nor raises, so python exits 0 when the call fails"
    if re.search(r"\b(requests|httpx)\.(get|head|request)\b", code) and not re.search(
        r"raise_for_status|status_code|\.ok\b|is_success", code
    ):
        return "requests/httpx return a 503 like any answer; nothing checks the status, so python exits 0"
    return ""


def _node_problem(code: str) -> str:
    for match in _NODE_CATCH.finditer(code):
        if "exit" not in match.group("body") and "throw" not in match.group("body"):
            return "its `.catch` swallows a failed call without `process.exit(1)`, so node exits 0"
    if "fetch(" in code and not re.search(r"\.ok\b|\.status\b", code):
        return "fetch resolves on a 503 too; nothing checks `res.ok`, so node exits 0 before the service is ready"
    if re.search(r"\bhttps?\.(get|request)\s*\(", code) and "statusCode" not in code:
        return "http.get succeeds on any answer; nothing checks `res.statusCode`, so node exits 0"
    return ""
