"""`prepdeck pack check`: each check fires where it should, stays quiet where it should not,
and points at the exact line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from prepdeck.content.check import check_pack
from prepdeck.content.loader import load_pack

HEADER = """\
format: 1
pack:
  id: sample
  title: Sample
  version: "1.0.0"
"""

SECTION = """\
sections:
  - id: basics
    title: Basics
    body: Some theory.
"""


def write_pack(folder: Path, pack_yaml: str, files: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(pack_yaml), encoding="utf-8")
    for name, text in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[tuple[int | None, int | None, str, str, str]]:
    return [(p.line, p.column, p.level, p.code, p.message) for p in check_pack(load_pack(folder))]


def codes_of(folder: Path) -> list[str]:
    return [code for _, _, _, code, _ in problems_of(folder)]


def test_a_minimal_pack_is_clean(tmp_path):
    assert problems_of(write_pack(tmp_path, HEADER + SECTION)) == []


def test_unknown_key_has_position_and_did_you_mean(tmp_path):
    pack = write_pack(
        tmp_path,
        HEADER + SECTION + "cards:\n  - id: c1\n    type: basic\n    fronnt: Q\n    back: A\n",
    )
    found = problems_of(pack)
    assert (13, 5, "error", "unknown-key", "unknown key 'fronnt'; did you mean 'front'?") in found
    assert any(code == "missing-field" and "'front'" in message for _, _, _, code, message in found)


def test_unknown_top_level_key_suggests_the_real_one(tmp_path):
    pack = write_pack(tmp_path, HEADER + "section:\n  - id: a\n")
    assert (6, 1, "error", "unknown-key", "unknown key 'section'; did you mean 'sections'?") in problems_of(
        pack
    )


def test_duplicate_key_is_caught(tmp_path):
    pack = write_pack(
        tmp_path,
        HEADER + SECTION + "cards:\n  - id: c1\n    type: basic\n    front: Q\n    front: Q2\n    back: A\n",
    )
    found = problems_of(pack)
    assert found[0][:4] == (14, 5, "error", "duplicate-key")
    assert "first written on line 13" in found[0][4]


def test_extension_keys_are_skipped_but_still_unique(tmp_path):
    cards = (
        "cards:\n  - id: c1\n    type: basic\n    x-note: one\n    front: Q\n    x-note: two\n    back: A\n"
    )
    found = problems_of(write_pack(tmp_path, HEADER + SECTION + cards))
    assert [problem[:4] for problem in found] == [(15, 5, "error", "duplicate-key")]
    assert "first written on line 13" in found[0][4]


def test_a_quoted_merge_key_is_an_ordinary_key(tmp_path):
    cards = 'cards:\n  - id: c1\n    type: basic\n    front: Q\n    back: A\n    "<<": x\n'
    found = problems_of(write_pack(tmp_path, HEADER + SECTION + cards))
    assert [problem[:4] for problem in found] == [(15, 5, "error", "unknown-key")]


def test_a_problem_far_into_a_long_file_is_placed_exactly(tmp_path):
    # Positions are recorded on a second read, only when a problem needs them.
    cards = "cards:\n" + "".join(
        f"  - id: c{n}\n    type: basic\n    front: Q\n    back: A\n" for n in range(500)
    )
    found = problems_of(
        write_pack(tmp_path, HEADER + SECTION + cards + "  - id: bad\n    type: basic\n    front: Q\n")
    )
    assert [problem[:4] for problem in found] == [(2011, 5, "error", "missing-field")]


def test_unquoted_version_explains_the_float(tmp_path):
    pack = write_pack(tmp_path, HEADER.replace('"1.0.0"', "1.0"))
    found = problems_of(pack)
    assert found == [(5, 12, "error", "yaml-type", '`1.0` loads as a number, not text; quote it: "1.0"')]


def test_no_as_a_boolean_is_explained(tmp_path):
    pack = write_pack(
        tmp_path,
        HEADER + SECTION + "cards:\n  - id: c1\n    type: type_in\n    prompt: Q\n    answers: [no]\n",
    )
    assert (14, 15, "error", "yaml-type", '`no` loads as a boolean, not text; quote it: "no"') in problems_of(
        pack
    )


def test_wrong_type_names_what_was_expected(tmp_path):
    pack = write_pack(
        tmp_path, HEADER + SECTION + "cards:\n  - id: c1\n    type: basic\n    front: [a, b]\n    back: A\n"
    )
    assert (13, 12, "error", "wrong-type", "expected text, found a list") in problems_of(pack)


def test_unknown_card_type(tmp_path):
    pack = write_pack(tmp_path, HEADER + "cards:\n  - id: c1\n    type: flip\n")
    ((line, column, _level, code, message),) = problems_of(pack)
    assert (line, column, code) == (8, 11, "bad-type-tag")
    assert "'flip'" in message and "basic" in message


def test_duplicate_ids_point_at_the_second(tmp_path):
    cards = "cards:\n" + "".join(
        f"  - id: same\n    type: basic\n    front: Q{n}\n    back: A\n" for n in range(2)
    )
    found = problems_of(write_pack(tmp_path, HEADER + SECTION + cards))
    assert found == [
        (15, 9, "error", "duplicate-id", "duplicate id 'same' (first defined on line 11 of pack.yaml)")
    ]


def test_a_card_and_a_section_may_share_an_id(tmp_path):
    cards = "cards:\n  - id: basics\n    type: basic\n    front: Q\n    back: A\n"
    assert problems_of(write_pack(tmp_path, HEADER + SECTION + cards)) == []


def test_unknown_section_reference_suggests(tmp_path):
    cards = "cards:\n  - id: c1\n    type: basic\n    section: basic\n    front: Q\n    back: A\n"
    found = problems_of(write_pack(tmp_path, HEADER + SECTION + cards))
    assert found == [
        (13, 14, "error", "unknown-section", "no section has the id 'basic'; did you mean 'basics'?")
    ]


def test_missing_body_file_and_escape_attempts(tmp_path):
    sections = (
        "sections:\n"
        "  - id: a\n    title: A\n    body_file: sections/missing.md\n"
        "  - id: b\n    title: B\n    body_file: ../../etc/passwd\n"
        "  - id: c\n    title: C\n    body_file: sections/link.md\n"
    )
    pack = write_pack(tmp_path / "pack", HEADER + sections)
    (pack / "sections").mkdir()
    (pack / "sections" / "link.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "outside.md").write_text("secret")
    found = problems_of(pack)
    assert [(line, code) for line, _, _, code, _ in found] == [
        (9, "missing-file"),
        (12, "outside-pack"),
        (15, "outside-pack"),
    ]


def test_section_needs_exactly_one_body(tmp_path):
    pack = write_pack(tmp_path, HEADER + "sections:\n  - id: a\n    title: A\n")
    assert codes_of(pack) == ["invalid-value"]


def test_cloze_without_deletion(tmp_path):
    cards = "cards:\n  - id: c1\n    type: cloze\n    text: No deletion here.\n"
    assert problems_of(write_pack(tmp_path, HEADER + cards))[0][2:4] == ("error", "cloze-empty")
    ok = "cards:\n  - id: c1\n    type: cloze\n    text: 'A {{c1::deletion::hint}} here.'\n"
    assert problems_of(write_pack(tmp_path / "ok", HEADER + ok)) == []


@pytest.mark.parametrize(
    ("correct_flags", "expected"),
    [((True, False), []), ((False, False), ["choice-correct"]), ((True, True), ["choice-correct"])],
)
def test_choice_needs_exactly_one_correct(tmp_path, correct_flags, expected):
    options = "".join(
        f"      - text: option {n}\n        correct: {str(flag).lower()}\n        why: because {n}\n"
        for n, flag in enumerate(correct_flags)
    )
    cards = "cards:\n  - id: c1\n    type: choice\n    prompt: Pick\n    options:\n" + options
    assert codes_of(write_pack(tmp_path, HEADER + cards)) == expected


def test_choice_option_without_why_is_a_warning(tmp_path):
    cards = "cards:\n  - id: c1\n    type: choice\n    prompt: Pick\n    options:\n      - {text: a, correct: true, why: right}\n      - {text: b}\n"
    assert problems_of(write_pack(tmp_path, HEADER + cards))[0][2:4] == ("warning", "missing-why")


def test_question_whose_model_answer_misses_a_key_point_warns(tmp_path):
    question = textwrap.dedent(
        """\
        questions:
          - id: q1
            prompt: Why multi-stage builds?
            model_answer: The final image is much smaller because only artifacts are copied.
            key_points:
              - id: smaller
                label: smaller image
                aliases: [much smaller, smaller image]
              - id: no-tools
                label: no compilers shipped
                aliases: [no compilers, toolchain stays behind]
            misconceptions: [stages build in parallel containers]
        """
    )
    found = problems_of(write_pack(tmp_path, HEADER + question))
    assert [(level, code) for _, _, level, code, _ in found] == [("warning", "answer-misses-point")]
    assert "'no-tools'" in found[0][4]


def test_grading_warnings_on_a_question(tmp_path):
    """A point the model answer contradicts, a point with no alias in other words, a question with
    no misconception: each is a warning at the right place."""
    question = textwrap.dedent(
        """\
        questions:
          - id: q1
            prompt: Do containers share the kernel?
            model_answer: Containers do not boot a kernel of their own; they share the host kernel.
            key_points:
              - id: shared
                label: containers share the host kernel
                aliases: [share the host kernel, runs on the host's kernel]
              - id: own
                label: containers boot their own kernel
                aliases: [boot their own kernel, start a kernel of their own]
              - id: label-only
                label: the host kernel is shared
                aliases: [host kernel shared]
        """
    )
    found = problems_of(write_pack(tmp_path, HEADER + question))
    assert [(line, level, code) for line, _, level, code, _ in found] == [
        (8, "warning", "no-misconception"),
        (14, "warning", "answer-contradicts-point"),
        (19, "warning", "alias-no-paraphrase"),
    ]
    assert "'own'" in found[1][4] and '"Containers do not boot a kernel of their own"' in found[1][4]
    assert "'label-only'" in found[2][4]


def test_future_format_is_refused_with_the_fix(tmp_path):
    pack = write_pack(tmp_path, HEADER.replace("format: 1", "format: 99"))
    ((line, _column, _level, code, message),) = problems_of(pack)
    assert (line, code) == (1, "format-version")
    assert "format 99" in message and "reads format 1" in message


def test_requires_app_is_checked(tmp_path):
    pack = write_pack(tmp_path, HEADER + '  requires_app: ">=99"\n')
    assert codes_of(pack) == ["requires-app"]
    pack = write_pack(tmp_path / "bad", HEADER + '  requires_app: "at least one"\n')
    assert codes_of(pack) == ["requires-app"]


def test_extension_keys_are_allowed_anywhere(tmp_path):
    pack = write_pack(
        tmp_path, HEADER + "  x-owner: team\nx-build: {a: 1}\n" + SECTION + "    x-note: free\n"
    )
    assert problems_of(pack) == []


def test_included_files_are_merged_and_located(tmp_path):
    pack_yaml = HEADER + "include: [cards/*.yaml]\n" + SECTION
    files = {
        "cards/a.yaml": "cards:\n  - id: a1\n    type: basic\n    front: Q\n    back: A\n",
        "cards/b.yaml": "cards:\n  - id: b1\n    type: basic\n    front: Q\n    bak: A\n",
    }
    folder = write_pack(tmp_path, pack_yaml, files)
    result = load_pack(folder)
    assert [card.id for card in result.pack.cards] == ["a1"]
    (problem,) = [p for p in check_pack(result) if p.code == "unknown-key"]
    assert (problem.file.name, problem.line, problem.column) == ("b.yaml", 5, 5)


def test_include_outside_the_pack_is_refused(tmp_path):
    folder = write_pack(tmp_path, HEADER + "include: [../other.yaml, missing/*.yaml]\n")
    assert codes_of(folder) == ["outside-pack", "missing-file"]


def test_drill_counterexample_names_unknown_requirement(tmp_path):
    drill = textwrap.dedent(
        """\
        drills:
          - id: d1
            title: D
            instructions: Do it.
            starter: "FROM a\\n"
            solution: "FROM a:1\\n"
            requirements:
              - id: pinned
                check: base_image_pinned
                message: Pin it.
            counterexamples:
              - file: bad.Dockerfile
                must_fail: [pined]
        """
    )
    folder = write_pack(tmp_path, HEADER + drill, {"bad.Dockerfile": "FROM a\n"})
    found = [(code, message) for _, _, _, code, message in problems_of(folder)]
    assert (
        "unknown-requirement",
        "'pined' is not a requirement of this drill; did you mean 'pinned'?",
    ) in found


def test_drill_requirement_with_unknown_check_lists_the_vocabulary(tmp_path):
    drill = "drills:\n  - id: d1\n    title: D\n    instructions: x\n    starter: a\n    solution: b\n    requirements:\n      - id: r\n        check: has_healthcheck\n        message: m\n"
    ((_, _, _, _code, message),) = [
        p for p in problems_of(write_pack(tmp_path, HEADER + drill)) if p[3] == "bad-type-tag"
    ]
    assert "'has_healthcheck'" in message and "instruction_present" in message


def test_an_option_that_depends_on_its_position_is_a_warning(tmp_path, capsys):
    from prepdeck.cli import main

    cards = (
        "cards:\n  - id: c1\n    type: choice\n    prompt: Pick\n    options:\n"
        "      - {text: a, why: wrong}\n      - {text: b, why: wrong}\n      - {text: All of the above, correct: true, why: right}\n"
    )
    folder = write_pack(tmp_path, HEADER + cards)
    found = problems_of(folder)
    assert [problem[:4] for problem in found] == [(13, 9, "warning", "positional-option")]
    assert "'All of the above' points at other options by position" in found[0][4]
    assert "use multi_choice" in found[0][4]
    assert main(["pack", "check", str(folder)]) == 0  # a warning
    assert main(["pack", "check", str(folder), "--strict"]) == 1
    assert "positional-option" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("None of the above", True),
        ("both of the previous", True),
        ("The first two options", True),
        ("A and C", True),
        ("All of the containers stop at once", False),
        ("None: the daemon keeps no state", False),
        ("Options passed to docker run", False),
        ("The first stage of the build", False),
    ],
)
def test_positional_wording_is_told_apart_from_ordinary_text(tmp_path, text, flagged):
    cards = (
        "cards:\n  - id: c1\n    type: multi_choice\n    prompt: Pick\n    options:\n"
        f"      - {{text: x, correct: true, why: right}}\n      - {{text: '{text}', why: wrong}}\n"
    )
    found = [
        problem
        for problem in problems_of(write_pack(tmp_path, HEADER + cards))
        if problem[3] == "positional-option"
    ]
    assert bool(found) == flagged
    if found:
        assert "mark each option that applies correct" in found[0][4]


@pytest.mark.parametrize(
    ("answers", "accept", "flagged"),
    [
        ('["--no-cache"]', "[]", True),
        ('["docker compose config"]', "[]", True),
        ('["HEALTHCHECK --timeout=3s"]', "[]", True),
        ('["--no-cache"]', '["docker build --no-cache"]', False),
        ('["-p 80:8080", "--publish 80:8080"]', "[]", False),
        ('["overlay2"]', "[]", False),
        ('["/run/secrets/npm_token"]', "[]", False),
        ('["json-file"]', "[]", False),
    ],
)
def test_a_command_answer_with_a_single_accepted_form_is_a_warning(tmp_path, answers, accept, flagged):
    cards = (
        "cards:\n  - id: c1\n    type: type_in\n    prompt: Which?\n"
        f"    answers: {answers}\n    accept: {accept}\n"
    )
    found = [
        problem
        for problem in problems_of(write_pack(tmp_path, HEADER + cards))
        if problem[3] == "single-command-form"
    ]
    assert bool(found) == flagged
    if found:
        assert found[0][2] == "warning" and found[0][0] == 10  # the answers line
        assert "is a command and the only form accepted" in found[0][4] and "`accept`" in found[0][4]
