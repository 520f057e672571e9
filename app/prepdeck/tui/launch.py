"""Entry points the CLI calls: `prepdeck` (no command) opens the app, `prepdeck mock` starts a mock interview.

Each returns the process exit code: 0 after a normal quit, 1 when the progress database cannot be
used (the reason is printed), 2 when there is no terminal to draw on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_STORE = 1
EXIT_NO_TERMINAL = 2


def app(args: Any) -> int:
    return _run(list(getattr(args, "pack", None) or []), start={})


def mock(args: Any) -> int:
    start = {
        "screen": "mock",
        "questions": args.questions,
        "minutes": args.minutes,
        "level": args.level,
        "pack_ids": None,
    }
    return _run(list(getattr(args, "pack", None) or []), start=start)


def in_browser() -> bool:
    """True in an app process that `prepdeck serve` started for a browser tab (textual-serve's driver)."""
    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")


def _has_terminal() -> bool:
    # Under `prepdeck serve` the terminal is the browser's, reached through textual-serve's pipes.
    return in_browser() or (sys.stdin.isatty() and sys.stdout.isatty())


def _run(extra_packs: list[str], start: dict[str, Any]) -> int:
    if not _has_terminal():
        print(
            "prepdeck: the app needs a terminal (standard input and output are not one); "
            "see `prepdeck --help` for the commands that work without it.",
            file=sys.stderr,
        )
        return EXIT_NO_TERMINAL
    try:
        application = build_app(extra_packs, start)
    except Exception as error:
        # Imported only here: the store's modules are no part of Home's first frame.
        from prepdeck.store.database import StoreError

        if not isinstance(error, StoreError):
            raise
        print(f"prepdeck: {error}", file=sys.stderr)
        return EXIT_STORE
    try:
        application.run()
    finally:
        application.context.close()
    if application.load_error is not None:  # found by the worker that loads after the first frame
        print(f"prepdeck: {application.load_error}", file=sys.stderr)
        return EXIT_STORE
    return application.return_code or EXIT_OK


def build_app(extra_packs: list[str], start: dict[str, Any]):
    """The app over the data folder and the packs (also what bench/startup.py times)."""
    from prepdeck.tui.context import AppContext

    if not start.get("screen"):
        # Home draws its first frame from a summary; the app loads packs and progress after it.
        context = AppContext(extra_packs, start=start)
    else:
        context = AppContext.build(extra_packs, start=start)
    if start.get("screen") == "mock" and extra_packs:
        # `--pack` given to `prepdeck mock`: interview on those packs only.
        named = {Path(path).resolve() for path in extra_packs}
        start["pack_ids"] = [
            pack.id for pack in context.catalog.packs if pack.root.resolve() in named
        ] or None
        context.start = start
    from prepdeck.tui.app import PrepdeckApp

    return PrepdeckApp(context)
