"""`prepdeck pack check | new | schema | info`: the instructor's tools."""

from __future__ import annotations

import argparse  # already imported: the command line was parsed with it
import gc
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepdeck.content.check_cache import CheckAnswer, checked

if TYPE_CHECKING:
    from prepdeck.content.loader import Pack

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
# Problems that mean "there is no pack to check here" rather than "the pack has mistakes".
UNREADABLE_CODES = {
    "no-pack",
    "unreadable",
    "not-text",
    "not-utf8",
    "too-large",
    "not-regular",
    "outside-pack",
}


def check(args: argparse.Namespace) -> int:
    """Validate every pack named; exit 0 clean, 1 problems, 2 a path holds no readable pack."""
    all_problems = []
    unreadable = False
    for path in args.paths:
        problems, no_pack = checked(str(path), _load_and_check)
        if no_pack and any(problem.code in UNREADABLE_CODES for problem in problems):
            unreadable = True
        all_problems += problems
    failing = [problem for problem in all_problems if problem.level == "error" or args.strict]
    if args.format == "json":
        print(json.dumps([problem.as_json(Path.cwd()) for problem in all_problems], indent=2))
    else:
        for problem in all_problems:
            print(problem.render(Path.cwd()))
        errors = sum(problem.level == "error" for problem in all_problems)
        warnings = len(all_problems) - errors
        sys.stdout.flush()  # the summary (standard error) comes after the last message, on its own line
        if all_problems:
            print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        else:
            print(f"ok: {', '.join(args.paths)}", file=sys.stderr)
    from prepdeck.cli import end_at_once

    end_at_once()  # the loaded packs need no teardown: the answers are written, the cache file closed
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_PROBLEMS if failing else EXIT_OK


def _load_and_check(path: str) -> CheckAnswer:
    # Imported here: an unchanged pack is answered from the check cache without the pack model.
    from prepdeck.content.check import check_pack
    from prepdeck.content.loader import load_pack

    result = load_pack(path)
    # The loaded pack outlives the checks: set aside from the cycle collector meanwhile, it is not
    # walked again at each collection the checks trigger (a tenth of a first check of 10,000 cards).
    gc.freeze()
    try:
        return check_pack(result), result.pack is None
    finally:
        gc.unfreeze()


def new(args: argparse.Namespace) -> int:
    from prepdeck.content.loader import PACK_FILE
    from prepdeck.content.starter import write_starter_pack

    directory = Path(args.directory)
    if (directory / PACK_FILE).exists():
        print(f"prepdeck: {directory / PACK_FILE} already exists; choose an empty folder", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        written = write_starter_pack(directory, args.pack_id)
    except (OSError, ValueError) as error:
        print(f"prepdeck: cannot write the pack in {directory}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    for path in written:
        print(path)
    print(f"next: edit {directory / PACK_FILE}, then run `prepdeck pack check {directory}`", file=sys.stderr)
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    from prepdeck.content.model import json_schema

    print(json.dumps(json_schema(args.part), indent=2))
    return EXIT_OK


def pack_counts(pack: Pack) -> dict[str, Any]:
    from prepdeck.content.model import CARD_TYPES

    cards = Counter(card.type for card in pack.cards)
    return {
        "id": pack.id,
        "title": pack.meta.title,
        "version": pack.meta.version,
        "sections": len(pack.sections),
        "cards": len(pack.cards),
        "cards_by_type": {kind: cards.get(kind, 0) for kind in CARD_TYPES},
        "questions": len(pack.questions),
        "drills": len(pack.drills),
    }


def info(args: argparse.Namespace) -> int:
    from prepdeck.content.loader import load_pack

    result = load_pack(args.path)
    if result.pack is None:
        for problem in result.problems:
            print(problem.render(Path.cwd()), file=sys.stderr)
        return EXIT_UNREADABLE
    counts = pack_counts(result.pack)
    if args.format == "json":
        print(json.dumps(counts, indent=2))
    else:
        print(f"{counts['title']} ({counts['id']} {counts['version']})")
        print(f"  sections:  {counts['sections']}")
        by_type = ", ".join(f"{kind} {count}" for kind, count in counts["cards_by_type"].items() if count)
        print(f"  cards:     {counts['cards']}" + (f" ({by_type})" if by_type else ""))
        print(f"  questions: {counts['questions']}")
        print(f"  drills:    {counts['drills']}")
        if result.errors:
            print(f"  ({len(result.errors)} error(s): run `prepdeck pack check {args.path}`)")
    return EXIT_OK
