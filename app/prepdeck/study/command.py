"""`prepdeck grade`, `prepdeck stats`, `prepdeck export`, `prepdeck import` and `prepdeck unsuspend`.

Exit codes: 0 done; 1 refused (an import file from a newer prepdeck, or one that is damaged);
2 usage or unreadable input (an unknown question id, an item with no suspended side, a missing answer file, a progress database
that cannot be used).
"""

from __future__ import annotations

import argparse  # already imported: the command line was parsed with it
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import process

from prepdeck.capped import KB, MB, InputRefused, read_capped_text

if TYPE_CHECKING:
    from prepdeck.content.catalog import Catalog
    from prepdeck.store import ItemKey, Store

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    print(f"prepdeck: {message}", file=sys.stderr)


def _catalog(args: argparse.Namespace) -> Catalog:
    from prepdeck.content.catalog import load_catalog

    catalog = load_catalog(list(getattr(args, "pack", None) or []))
    for folder, problems in catalog.broken:
        first = problems[0].message if problems else "it did not load"
        _say(f"skipped the pack in {folder}: {first} (run `prepdeck pack check {folder}`)")
    return catalog


ANSWER_LIMIT = 64 * KB  # a typed interview answer is a few paragraphs
PROGRESS_LIMIT = 200 * MB  # years of daily reviews export to a few tens of MB


def _open_store() -> Store | None:
    """The learner's store, or None after telling them why it cannot be used."""
    from prepdeck.store import Store, StoreError

    try:
        store = Store.open()
    except StoreError as error:
        _say(str(error))
        return None
    for notice in store.notices:
        _say(notice)
    return store


def grade(args: argparse.Namespace) -> int:
    """Grade the answer in --answer-file against a question's key points and model answer."""
    from prepdeck.study.grading import grade_question

    catalog = _catalog(args)
    found = catalog.find_item(args.question_id, "questions")
    if found is None:
        known = catalog.item_ids("questions")
        guess = process.extractOne(args.question_id, known, score_cutoff=70) if known else None
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        _say(f"no question '{args.question_id}' in the loaded packs{hint}")
        return EXIT_USAGE
    pack, question = found
    try:
        answer = read_capped_text(args.answer_file, ANSWER_LIMIT)
    except InputRefused as refused:
        _say(f"cannot read the answer file {refused}")
        return EXIT_USAGE
    result = grade_question(question, answer, pack.synonyms)
    if args.format == "json":
        print(json.dumps(result.to_json(), indent=2))
        return EXIT_OK
    labels = {point.id: point.label for point in question.key_points}
    print(f"{pack.id}/{question.id}: score {result.score:.2f}, suggested rating {result.suggested_rating}")
    states = {"covered": "covered", "named": "named  ", "passing": "partly ", "contradicted": "wrong  "}
    for point in result.points:
        print(f"  {states.get(point.state, 'missed ')}  {labels[point.id]}")
        if point.state == "named":
            print("           (named in a list, not stated: say what it does)")
        elif point.state == "passing":
            print(f'           (only "{point.matched}" in passing: say how it makes this point)')
    for contradiction in result.contradictions:
        print(f'  you wrote "{contradiction.evidence.text}"; in fact: {contradiction.correction}')
    for wrong in result.misconceptions_found:
        correction = f"; in fact: {wrong.correction}" if wrong.correction else ""
        print(f'  wrong    {wrong.claim} (you wrote "{wrong.evidence.text}"){correction}')
    if result.note:
        print(f"  note: {result.note}")
    return EXIT_OK


def stats(args: argparse.Namespace) -> int:
    """The learner's progress over the loaded packs."""
    from prepdeck.study.practice_stats import answers_line
    from prepdeck.study.service import StudyService

    catalog = _catalog(args)
    store = _open_store()
    if store is None:
        return EXIT_USAGE
    with store:
        result = StudyService(store, catalog.packs).stats()
    if args.format == "json":
        print(json.dumps(result.to_json(), indent=2))
        return EXIT_OK
    print(f"reviews: {result.total_reviews} in total, {result.reviews_per_day.get(result.today, 0)} today")
    print(f"streak: {result.streak_days} day(s); time spent: {result.time_spent_ms // 60000} min")
    for name, retention in (
        ("learning steps", result.learning),
        ("young", result.young),
        ("mature", result.mature),
    ):
        rate = "-" if retention.rate is None else f"{retention.rate:.0%}"
        print(f"retention ({name}): {rate} of {retention.reviews} review(s)")
    print(f"due in the next 7 days: {', '.join(str(n) for n in result.forecast[:7])}")
    print("sides: " + ", ".join(f"{count} {state}" for state, count in sorted(result.counts.items())))
    # Sections by their titles and leeches by their front text: ids never reach the learner.
    titles = _section_titles(catalog)  # in reading order
    for (pack_id, section), title in titles.items():
        if (pack_id, section) in result.mastery_by_section:
            print(f"  {title}: {result.mastery_by_section[(pack_id, section)]:.0%} mastered")
    practice = result.practice
    print(f"interview answers graded: {practice.answers}")
    for (pack_id, section), title in titles.items():
        if (pack_id, section) in practice.answers_by_section:
            print(f"  {title}: {answers_line(practice, pack_id, section)}")
    print(
        f"drills passed: {practice.drills_passed} of {practice.drills} ({practice.drill_attempts} attempts)"
    )
    if practice.common_findings:
        print("findings met most often: " + ", ".join(f"{c} ({n})" for c, n in practice.common_findings))
    if result.leeches:
        print("leeches (suspended after repeated lapses; `prepdeck unsuspend` lists them to bring back):")
        for pack_id, item_id, variant in result.leeches:
            print(f"  {_leech_label(catalog, pack_id, item_id, variant)}")
    return EXIT_OK


LEECH_LABEL_LIMIT = 100


def _section_titles(catalog: Catalog) -> dict[tuple[str, str], str]:
    """(pack id, section id) -> the section's title (with its pack's title when several are loaded)."""
    several = len(catalog.packs) > 1
    return {
        (pack.id, section.id): _one_line(f"{pack.meta.title}: {section.title}" if several else section.title)
        for pack in catalog.packs
        for section in pack.sections
    }


def _leech_label(catalog: Catalog, pack_id: str, item_id: str, variant: str) -> str:
    """A leech as the learner saw it: its front on one line, and its pack's title."""
    from prepdeck.study.quiz import item_prompt

    pack = next((pack for pack in catalog.packs if pack.id == pack_id), None)
    item = pack.item(item_id) if pack is not None else None
    front = _one_line(item_prompt(item, variant), LEECH_LABEL_LIMIT) if item else "(no longer in its pack)"
    return f"{front} ({pack.meta.title if pack is not None else 'a pack not loaded'})"


def _one_line(text: str, limit: int = 0) -> str:
    """Pack text on one line for the terminal: control characters dropped, whitespace collapsed,
    cut with … past `limit` (0: no limit)."""
    line = " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())
    return line if not limit or len(line) <= limit else line[: limit - 1].rstrip() + "…"


def export_progress(args: argparse.Namespace) -> int:
    """Write the progress file (versioned JSON), or with --report a readable report
    (Markdown or JSON, by FILE's suffix; Markdown on standard output)."""
    from prepdeck.store.store import utc_now
    from prepdeck.study.progress_io import export_progress as progress_data

    session_id = None
    if args.session is not None:
        if not str(args.session).isdigit():
            _say(f"--session takes a session number, not '{args.session}'")
            return EXIT_USAGE
        session_id = int(args.session)
    store = _open_store()
    if store is None:
        return EXIT_USAGE
    with store:
        if args.report:
            from prepdeck.study.reports import ReportError, format_for, render_report
            from prepdeck.study.service import StudyService

            service = StudyService(store, _catalog(args).packs)
            try:
                fmt = "markdown" if args.output == "-" else format_for(args.output)
                text = render_report(args.report, fmt, service, session_id).rstrip("\n")
            except ReportError as error:
                _say(str(error))
                return EXIT_USAGE
        else:
            text = json.dumps(progress_data(store, utc_now()), indent=2)
    if args.output == "-":
        sys.stdout.write(text + "\n")
        return EXIT_OK
    try:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        _say(f"cannot write {args.output}: {error}")
        return EXIT_USAGE
    _say(f"wrote {args.output}")
    return EXIT_OK


def import_progress(args: argparse.Namespace) -> int:
    """Merge a file written by `prepdeck export` into the learner's progress."""
    from prepdeck.study.progress_io import ProgressFileError, parse_progress
    from prepdeck.study.progress_io import import_progress as merge

    try:
        text = read_capped_text(args.input, PROGRESS_LIMIT)
    except InputRefused as refused:
        _say(f"cannot read {refused}")
        return EXIT_USAGE
    try:
        data = parse_progress(text)
    except ProgressFileError as error:
        _say(f"{args.input}: {error}; nothing was imported")
        return EXIT_REFUSED
    store = _open_store()
    if store is None:
        return EXIT_USAGE
    with store:
        try:
            summary = merge(store, data)
        except ProgressFileError as error:
            _say(f"{args.input}: {error}; nothing was imported")
            return EXIT_REFUSED
    _say(summary.describe())
    return EXIT_OK


def unsuspend(args: argparse.Namespace) -> int:
    """List the suspended sides, or bring back those of the items named (ITEM or PACK/ITEM; --all: every one)."""
    from prepdeck.study.service import StudyService

    catalog = _catalog(args)
    store = _open_store()
    if store is None:
        return EXIT_USAGE
    with store:
        suspended = [state.key for state in store.iter_states() if state.suspended]
        if not args.items and not args.all:
            for key in suspended:
                print(f"{key.pack_id}/{key.item_id} ({key.variant})")
            if not suspended:
                _say("no side is suspended")
            return EXIT_OK
        chosen = suspended if args.all else [key for key in suspended if _names(key, args.items)]
        unknown = [name for name in args.items if not any(_names(key, [name]) for key in suspended)]
        service = StudyService(store, catalog.packs)
        for key in chosen:
            service.unsuspend(key)
            print(f"unsuspended {key.pack_id}/{key.item_id} ({key.variant})")
    for name in unknown:
        _say(f"no suspended side of '{name}' (`prepdeck unsuspend` lists them)")
    return EXIT_USAGE if unknown else EXIT_OK


def _names(key: ItemKey, names: list[str]) -> bool:
    return any(name in (key.item_id, f"{key.pack_id}/{key.item_id}") for name in names)
