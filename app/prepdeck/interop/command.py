"""`prepdeck pack export-anki` and `prepdeck pack import-csv`.

Exit codes: 0 done; 1 the input has problems (a pack with errors, bad CSV rows); 2 the input
cannot be used at all or the output cannot be written.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from prepdeck.content.check import check_pack
from prepdeck.content.loader import load_pack
from prepdeck.content.problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def export_anki(args) -> int:
    from prepdeck.interop.anki import export_pack

    output = Path(args.output)
    if output.suffix.lower() != ".apkg":
        _say(f"prepdeck: {output}: the output must end in .apkg (Anki opens that through File > Import)")
        return EXIT_UNUSABLE
    result = load_pack(args.path)
    if result.pack is None:
        for problem in result.problems:
            _say(problem.render(Path.cwd()))
        return EXIT_UNUSABLE
    errors = [problem for problem in check_pack(result) if problem.level == "error"]
    if errors:
        for problem in errors:
            _say(problem.render(Path.cwd()))
        _say(
            f"prepdeck: {len(errors)} error(s) in {args.path}; fix them (see `prepdeck pack check`), then export"
        )
        return EXIT_PROBLEMS
    try:
        exported = export_pack(result.pack, output)
    except OSError as error:
        _say(f"prepdeck: {output}: cannot write the deck ({error.strerror or error})")
        return EXIT_UNUSABLE
    except sqlite3.Error as error:  # the deck's database is built in the temp folder first
        _say(f"prepdeck: {output}: cannot write the deck ({error}; is the temp folder full?)")
        return EXIT_UNUSABLE
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(exported.notes_by_kind.items()))
    print(f"{output}: {exported.notes} notes ({kinds or 'none'}) in {', '.join(exported.decks)}")
    _say("import it in Anki with File > Import; exporting again later updates the same notes")
    return EXIT_OK


def render_row_problem(problem: Problem) -> str:
    """`FILE:LINE: error [code] message`: a CSV row has a line, not a column."""
    place = f"{problem.file}:{problem.line}" if problem.line is not None else str(problem.file)
    return f"{place}: {problem.level} [{problem.code}] {problem.message}"


def import_csv(args) -> int:
    from prepdeck.interop.csv_import import CsvImportError
    from prepdeck.interop.csv_import import import_csv as run_import

    source, directory = Path(args.file), Path(args.directory)
    try:
        reading, written = run_import(source, directory, args.pack_id, args.title)
    except CsvImportError as error:
        _say(f"prepdeck: {error}")
        return EXIT_UNUSABLE
    if reading.problems:
        for problem in reading.problems:
            print(render_row_problem(problem))
        _say(f"{len(reading.problems)} bad row(s); nothing was written. Fix them and run the import again.")
        return EXIT_PROBLEMS
    for path in written:
        print(path)
    header = " (the first row was a header)" if reading.had_header else ""
    _say(f"{len(reading.cards)} cards imported{header}; next: `prepdeck pack check {directory}`")
    return EXIT_OK
