"""Checks across a loaded pack that the schema alone cannot express.

Each check appends located problems; none stops the others, so one run reports everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from prepdeck import __version__
from prepdeck.content import model as m
from prepdeck.content.loader import LoadResult, Pack, PackFileError
from prepdeck.content.packtree import OutsidePack, PackTree, kind_of
from prepdeck.content.problems import Problem
from prepdeck.content.yamlsource import DataPath

Check = Callable[[Pack], Iterable[Problem]]


def check_pack(result: LoadResult) -> list[Problem]:
    """Every problem of a loaded pack: the loader's, then the cross-item checks, sorted by place."""
    problems = list(result.problems)
    if result.pack is not None:
        for check in CHECKS:
            problems.extend(check(result.pack))
    return sorted(problems, key=lambda problem: problem.sort_key)


def _error(pack: Pack, item: Any, fields: DataPath, code: str, message: str, level: str = "error") -> Problem:
    return Problem.at(pack.position_of(item, *fields), level, code, message, file=pack.root)


def check_requires_app(pack: Pack) -> Iterable[Problem]:
    wanted = pack.meta.requires_app
    if not wanted:
        return
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import Version

    try:
        specifier = SpecifierSet(wanted)
    except InvalidSpecifier:
        yield Problem.at(
            None,
            "error",
            "requires-app",
            f"requires_app '{wanted}' is not a version specifier such as \">=0.1\"",
            file=pack.root / "pack.yaml",
        )
        return
    if Version(__version__) not in specifier:
        yield Problem.at(
            None,
            "error",
            "requires-app",
            f"this pack needs prepdeck {wanted}; this is prepdeck {__version__}",
            file=pack.root / "pack.yaml",
        )


def check_unique_ids(pack: Pack) -> Iterable[Problem]:
    """Section ids are one namespace; cards, questions and drills share another (progress keys)."""
    for group in (pack.sections, pack.items()):
        first: dict[str, Any] = {}
        for item in group:
            if item.id in first:
                where = pack.position_of(first[item.id], "id")
                line = f" (first defined on line {where.line} of {where.file.name})" if where else ""
                yield _error(pack, item, ("id",), "duplicate-id", f"duplicate id '{item.id}'{line}")
            else:
                first[item.id] = item
    live = {item.id for item in pack.items()}
    claimed: dict[str, str] = {}
    for item in pack.items():
        for index, old in enumerate(item.replaces):
            if old in live:
                yield _error(
                    pack,
                    item,
                    ("replaces", index),
                    "replaces-live-id",
                    f"'{old}' is still an item of this pack; `replaces` names ids that are gone",
                )
            elif old in claimed and claimed[old] != item.id:
                yield _error(
                    pack,
                    item,
                    ("replaces", index),
                    "replaces-twice",
                    f"'{old}' is already replaced by '{claimed[old]}'; progress can carry over to one item only",
                )
            claimed.setdefault(old, item.id)


def check_references(pack: Pack) -> Iterable[Problem]:
    sections = {section.id for section in pack.sections}
    for item in pack.items():
        if item.section and item.section not in sections:
            yield _error(
                pack,
                item,
                ("section",),
                "unknown-section",
                f"no section has the id '{item.section}'{_suggest(item.section, sections)}",
            )
    for section in pack.sections:
        for index, other in enumerate(section.prerequisites):
            if other not in sections:
                yield _error(
                    pack,
                    section,
                    ("prerequisites", index),
                    "unknown-section",
                    f"no section has the id '{other}'{_suggest(other, sections)}",
                )
            elif other == section.id:
                yield _error(
                    pack,
                    section,
                    ("prerequisites", index),
                    "self-prerequisite",
                    "a section cannot be its own prerequisite",
                )


def check_files(pack: Pack) -> Iterable[Problem]:
    """Files named by the pack exist, are readable text, and stay inside the pack folder."""
    for section in pack.sections:
        if section.body_file:
            yield from _check_file(pack, section, ("body_file",), section.body_file)
    for drill in pack.drills:
        if drill.instructions_file:
            yield from _check_file(pack, drill, ("instructions_file",), drill.instructions_file)
        for name in ("starter", "solution"):
            value = getattr(drill, name)
            if "\n" not in value:
                yield from _check_file(pack, drill, (name,), value)
        for index, example in enumerate(drill.counterexamples):
            yield from _check_file(pack, drill, ("counterexamples", index, "file"), example.file)


def _check_file(pack: Pack, item: Any, fields: DataPath, relative: str) -> Iterable[Problem]:
    try:
        target = pack.resolve_file(relative)
    except OutsidePack as error:
        yield _error(pack, item, fields, "outside-pack", f"{error}; packs ship as one folder")
        return
    kind = kind_of(target)
    if kind == "missing":
        yield _error(pack, item, fields, "missing-file", f"'{relative}' does not exist in the pack folder")
        return
    if kind != "file":
        what = "a folder" if kind == "folder" else kind
        yield _error(pack, item, fields, "not-regular", f"'{relative}' is {what}, not a regular file")
        return
    try:
        pack.read_file(relative)
    except PackFileError as error:
        yield _error(pack, item, fields, error.problem.code, f"'{relative}' {error.problem.message}")


def check_links(pack: Pack) -> Iterable[Problem]:
    """Links that loop (`ln -s . l1`): harmless to prepdeck, which never follows them, but a trap
    for every other tool that walks the folder."""
    for link in PackTree(pack.root).link_loops():
        yield Problem.at(
            None,
            "error",
            "symlink-loop",
            "is a link back to a folder that contains it (a loop); remove it",
            file=link,
        )


def check_cards(pack: Pack) -> Iterable[Problem]:
    for card in pack.cards:
        if isinstance(card, m.ClozeCard) and not card.deletion_numbers():
            yield _error(
                pack,
                card,
                ("text",),
                "cloze-empty",
                "a cloze card needs at least one deletion, e.g. {{c1::overlay2}}",
            )
        elif isinstance(card, m.ChoiceCard):
            correct = sum(option.correct for option in card.options)
            if correct != 1:
                yield _error(
                    pack,
                    card,
                    ("options",),
                    "choice-correct",
                    f"a choice card needs exactly one correct option; it has {correct} (use multi_choice for several)",
                )
            yield from _positional_options(pack, card)
            yield from _missing_whys(pack, card)
        elif isinstance(card, m.MultiChoiceCard):
            if not any(option.correct for option in card.options):
                yield _error(
                    pack,
                    card,
                    ("options",),
                    "choice-correct",
                    "a multi_choice card needs at least one correct option",
                )
            yield from _positional_options(pack, card)
            yield from _missing_whys(pack, card)
        elif isinstance(card, m.OrderCard):
            yield from _duplicates(
                pack,
                card,
                "items",
                card.items,
                "order-duplicate",
                "appears twice; the order would be ambiguous",
            )
        elif isinstance(card, m.TypeInCard):
            yield from _duplicates(
                pack, card, "answers", card.answers, "duplicate-answer", "is listed twice", level="warning"
            )
            yield from _single_command_form(pack, card)


# A command or flag answer: a word that starts with '-', or a CLI or Dockerfile instruction with
# arguments. Learners type such answers in more than one right way.
_COMMAND_ANSWER = re.compile(
    r"(?:^|\s)--?[A-Za-z]"
    r"|^(?:docker|docker-compose|podman|kubectl|buildctl|crane|skopeo|helm)\s"
    r"|^(?:FROM|RUN|CMD|ENTRYPOINT|COPY|ADD|ENV|ARG|USER|WORKDIR|EXPOSE|HEALTHCHECK|LABEL|VOLUME|SHELL|STOPSIGNAL|ONBUILD)\s"
)


def _single_command_form(pack: Pack, card: m.TypeInCard) -> Iterable[Problem]:
    """A command answer with one accepted form refuses right answers typed another way (issue 12:
    'docker build --no-cache' was refused where the card wanted '--no-cache')."""
    forms = [*card.answers, *card.accept]
    if len(forms) == 1 and _COMMAND_ANSWER.search(forms[0].strip()):
        yield _error(
            pack,
            card,
            ("answers",),
            "single-command-form",
            f"'{forms[0]}' is a command and the only form accepted: list other right ways to type "
            "it under `accept` (the whole command, the short flag)",
            level="warning",
        )


# Options that point at other options by where they stand ("all of the above", "the first two"):
# shown shuffled they point at the wrong ones, and written last they give the answer away.
_POSITIONAL_OPTION = re.compile(
    r"\b(?:all|none|both|neither|any|each|either) of (?:the )?(?:above|below|previous|preceding|following)\b"
    r"|\b(?:the )?(?:first|second|third|last|previous|next|other) (?:two |three )?(?:options?|answers?|choices?)\b"
    r"|^\s*(?:[A-H]|\d)\s*(?:and|&|or|\+)\s*(?:[A-H]|\d)\s*$",
    re.IGNORECASE,
)


def _positional_options(pack: Pack, card: Any) -> Iterable[Problem]:
    instead = "mark each option that applies correct" if card.type == "multi_choice" else "use multi_choice"
    for index, option in enumerate(card.options):
        if _POSITIONAL_OPTION.search(option.text):
            yield _error(
                pack,
                card,
                ("options", index),
                "positional-option",
                f"'{option.text}' points at other options by position, but options are shown shuffled; "
                f"say what it means in words, or {instead}",
                level="warning",
            )


def _missing_whys(pack: Pack, card: Any) -> Iterable[Problem]:
    for index, option in enumerate(card.options):
        if not option.why:
            yield _error(
                pack,
                card,
                ("options", index),
                "missing-why",
                "this option has no `why`; learners learn most from why an option is wrong",
                level="warning",
            )


def _duplicates(
    pack: Pack, item: Any, field: str, values: list[str], code: str, what: str, level: str = "error"
) -> Iterable[Problem]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield _error(pack, item, (field, index), code, f"'{value}' {what}", level=level)
        seen.add(value)


def check_questions(pack: Pack) -> Iterable[Problem]:
    if not pack.questions:
        return
    from prepdeck.study.grading import grade_question, restates_label

    for question in pack.questions:
        yield from _duplicates(
            pack,
            question,
            "key_points",
            [point.id for point in question.key_points],
            "duplicate-id",
            "is the id of two key points",
        )
        grade = grade_question(question, question.model_answer, pack.synonyms)
        states = {point.id: point for point in grade.points}
        for index, point in enumerate(question.key_points):
            result = states[point.id]
            if result.state == "contradicted":
                message = (
                    f"the model answer contradicts key point '{point.id}' "
                    f'("{result.matched}"): reword an alias, or name what the point is `about`'
                )
                yield _error(
                    pack, question, ("key_points", index), "answer-contradicts-point", message, "warning"
                )
            elif not result.covered:
                yield _error(
                    pack,
                    question,
                    ("key_points", index),
                    "answer-misses-point",
                    f"the model answer does not cover key point '{point.id}': none of its aliases is stated in it",
                    level="warning",
                )
            if restates_label(point, pack.synonyms):
                yield _error(
                    pack,
                    question,
                    ("key_points", index, "aliases"),
                    "alias-no-paraphrase",
                    f"key point '{point.id}' has no alias in other words than its label: "
                    "answers in a candidate's own words will miss it",
                    level="warning",
                )
        for found in grade.misconceptions:
            yield _error(
                pack,
                question,
                ("misconceptions",),
                "answer-has-misconception",
                f"the model answer states its own misconception '{found}'",
                level="warning",
            )
        if not question.misconceptions:
            yield _error(
                pack,
                question,
                ("prompt",),
                "no-misconception",
                "the question lists no misconception: a confidently wrong answer is not caught",
                level="warning",
            )


def _regex_of(params: object) -> str | None:
    """The regular expression a requirement carries: a regex requirement's pattern, or an
    instruction requirement's args_regex."""
    if isinstance(params, m.RegexParams):
        return params.pattern
    if isinstance(params, m.InstructionParams):
        return params.args_regex
    return None


def check_drills(pack: Pack) -> Iterable[Problem]:
    for drill in pack.drills:
        ids = [requirement.id for requirement in drill.requirements]
        yield from _duplicates(
            pack, drill, "requirements", ids, "duplicate-id", "is the id of two requirements"
        )
        for index, requirement in enumerate(drill.requirements):
            pattern = _regex_of(requirement.params)
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as error:
                    yield _error(
                        pack,
                        drill,
                        ("requirements", index, "params"),
                        "bad-regex",
                        f"'{pattern}' is not a valid regular expression: {error}",
                    )
        for index, example in enumerate(drill.counterexamples):
            for inner, requirement_id in enumerate(example.must_fail):
                if requirement_id not in ids:
                    yield _error(
                        pack,
                        drill,
                        ("counterexamples", index, "must_fail", inner),
                        "unknown-requirement",
                        f"'{requirement_id}' is not a requirement of this drill{_suggest(requirement_id, ids)}",
                    )


def _suggest(wrong: str, known: Iterable[str]) -> str:
    from rapidfuzz import process

    match = process.extractOne(wrong, list(known), score_cutoff=75)
    return f"; did you mean '{match[0]}'?" if match else ""


def check_drill_proofs(pack: Pack) -> Iterable[Problem]:
    """Every drill's solution passes and every wrong example fails (`drills.verify`). The build
    model and the rules are imported only for a pack that has drills."""
    if not pack.drills:
        return []
    from prepdeck.drills.verify import verify_pack_drills

    return verify_pack_drills(pack)


CHECKS: list[Check] = [
    check_requires_app,
    check_unique_ids,
    check_references,
    check_files,
    check_links,
    check_cards,
    check_questions,
    check_drills,
    check_drill_proofs,
]
