"""Type-in answers (study/typein.py): accepted forms, spacing, quoting and --flag=value."""

from __future__ import annotations

from prepdeck.study.typein import check_typed, command_words


def test_accept_forms_count_as_right_and_the_diff_is_against_the_matched_form() -> None:
    verdict = check_typed("docker build --no-cache", ["--no-cache"], accept=["docker build --no-cache"])
    assert verdict.correct and verdict.closest == "docker build --no-cache"
    assert not check_typed("docker build --no-cache", ["--no-cache"]).correct


def test_spacing_quoting_and_flag_equals_value_do_not_matter_in_commands() -> None:
    answers = ["docker run -p 80:8080 nginx"]
    assert check_typed("docker   run -p 80:8080 nginx ", answers).correct
    assert check_typed("docker run -p '80:8080' \"nginx\"", answers).correct
    assert check_typed("--publish=80:8080", ["--publish 80:8080"]).correct
    assert not check_typed("docker run -p 8080:80 nginx", answers).correct
    # trim: false asks for the exact text: no spacing or quoting is forgiven
    assert not check_typed("docker run -p '80:8080' nginx", answers, trim=False).correct


def test_a_wrong_answer_is_diffed_against_a_shown_answer_not_an_accept_form() -> None:
    verdict = check_typed("--no-cach", ["--no-cache"], accept=["docker build --no-cache"])
    assert not verdict.correct and verdict.closest == "--no-cache"


def test_command_words() -> None:
    assert command_words("--from=build") == ("--from", "build")
    assert command_words("COPY --from build") == ("COPY", "--from", "build")
    assert command_words("overlay2") is None  # one word, no flag: not a command
    assert command_words("docker run 'unclosed") is None
