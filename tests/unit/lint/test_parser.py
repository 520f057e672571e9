"""The parser's model: spans, forms, flags, heredocs, stages, directives, and tolerance of bad input."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text, parse


def test_instructions_keep_exact_spans_across_continuations_comments_and_blank_lines() -> None:
    text = (
        "FROM debian:12-slim\n"
        "RUN apt-get update \\\n"
        "    # a comment inside\n"
        "\n"
        "    && apt-get install -y curl\n"
        'CMD ["bash"]\n'
    )
    df = parse(text)
    run = df.instructions[1]
    assert run.keyword == "RUN"
    assert str(run.span) == "2:1-5:31"
    # BuildKit joins the pieces as they are: no blank added, the comment and blank lines dropped.
    assert run.arguments == "apt-get update     && apt-get install -y curl"
    curl = run.script.commands[1].words[-1]
    assert (curl.value, str(curl.span)) == ("curl", "5:27-5:31")
    assert [c.text for c in df.comments] == ["a comment inside"]
    assert df.comments[0].inside_instruction


def test_words_flags_and_values_have_their_own_spans() -> None:
    df = parse("FROM alpine:3.20 AS base\nCOPY --from=base --chown=1:1 a.txt /app/\n")
    copy = df.instructions[1]
    assert [(f.name, f.value, str(f.span), str(f.value_span)) for f in copy.flags] == [
        ("from", "base", "2:6-2:17", "2:13-2:17"),
        ("chown", "1:1", "2:18-2:29", "2:26-2:29"),
    ]
    assert [(w.value, str(w.span)) for w in copy.sources] == [("a.txt", "2:30-2:35")]
    assert copy.destination is not None and copy.destination.value == "/app/"
    assert copy.flag("link") is None


def test_exec_form_items_are_decoded_and_located() -> None:
    df = parse('FROM alpine:3.20\nCMD ["echo", "a \\"quoted\\" word"]\n')
    cmd = df.instructions[1]
    assert cmd.is_json
    assert [w.value for w in cmd.exec_args] == ["echo", 'a "quoted" word']
    assert str(cmd.exec_args[1].span) == "2:14-2:33"
    assert cmd.command_text == ""


@pytest.mark.parametrize(
    ("line", "is_json"),
    [('CMD ["a", "b"]', True), ('CMD ["a", "b"', False), ("CMD [a, b]", False), ("CMD echo [x]", False)],
)
def test_invalid_json_falls_back_to_shell_form_like_buildkit(line: str, is_json: bool) -> None:
    ins = parse(f"FROM alpine:3.20\n{line}\n").instructions[1]
    assert ins.is_json is is_json


def test_json_array_of_non_strings_is_a_diagnostic() -> None:
    result = lint_text('FROM alpine:3.20\nCMD ["sleep", 10]\n')
    assert [(f.code, f.line) for f in result.findings if f.code == "DL1000"] == [("DL1000", 2)]


def test_env_label_and_arg_pairs_in_both_forms() -> None:
    df = parse(
        "FROM alpine:3.20\n"
        "ENV A=1 B=\"two words\" C='x y'\n"
        "ENV LEGACY value with spaces\n"
        'LABEL "my key"=v other=w\n'
        "ARG VERSION=1.2.3 NOVALUE\n"
    )
    env, legacy, label, arg = df.instructions[1:]
    assert [(p.name, p.value.value, p.legacy) for p in env.pairs] == [
        ("A", "1", False),
        ("B", "two words", False),
        ("C", "x y", False),
    ]
    assert str(env.pairs[1].value.span) == "2:11-2:22"
    assert [(p.name, p.value.value, p.legacy) for p in legacy.pairs] == [
        ("LEGACY", "value with spaces", True)
    ]
    assert [(p.name, p.value.value) for p in label.pairs] == [("my key", "v"), ("other", "w")]
    assert [(p.name, p.value.value if p.value else None) for p in arg.pairs] == [
        ("VERSION", "1.2.3"),
        ("NOVALUE", None),
    ]


def test_heredocs_several_per_instruction_quoted_and_chomped() -> None:
    text = (
        "FROM alpine:3.20\n"
        "COPY <<a.txt <<'b.sh' /dest/\n"
        "alpha\n"
        "a.txt\n"
        "echo $HOME\n"
        "b.sh\n"
        "RUN <<-EOF\n"
        "\techo tabbed\n"
        "\tEOF\n"
        "USER 1000\n"
    )
    df = parse(text)
    copy, run, user = df.instructions[1:]
    assert [(h.name, h.quoted, h.content) for h in copy.heredocs] == [
        ("a.txt", False, "alpha\n"),
        ("b.sh", True, "echo $HOME\n"),
    ]
    assert str(copy.span) == "2:1-6:5"
    assert run.heredocs[0].chomp and run.heredocs[0].content == "\techo tabbed\n"
    assert [str(c.words[1].span) for c in run.script.commands] == ["8:7-8:13"]
    assert user.span.line == 10
    assert not df.diagnostics


def test_unterminated_heredoc_is_reported_and_eats_the_rest() -> None:
    result = lint_text("FROM alpine:3.20\nRUN <<EOF\necho never closed\n")
    parse_errors = [f for f in result.findings if f.code == "DL1000"]
    assert len(parse_errors) == 1 and "never closed" in parse_errors[0].message
    assert str(parse_errors[0].span) == "2:5-2:10"


def test_escape_directive_backtick() -> None:
    df = parse(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    C:\\\nWORKDIR C:\\app\n"
    )
    assert df.escape == "`" and df.directives == {"escape": "`"}
    run = df.instructions[1]
    assert run.arguments == "dir     C:\\" and str(run.span) == "3:1-4:8"
    assert df.instructions[2].arguments == "C:\\app"


def test_unknown_escape_directive_is_a_diagnostic_and_backslash_stays() -> None:
    result = lint_text("# escape=x\nFROM alpine:3.20\nRUN echo a \\\n  b\n")
    assert [f.code for f in result.findings if f.code == "DL1000"] == ["DL1000"]
    assert result.dockerfile.escape == "\\"
    assert result.dockerfile.instructions[1].arguments == "echo a   b"


def test_directives_only_count_at_the_top() -> None:
    df = parse("# syntax=docker/dockerfile:1\n# check=skip=all\nFROM alpine:3.20\n# escape=`\n")
    assert df.directives == {"syntax": "docker/dockerfile:1", "check": "skip=all"}
    assert df.escape == "\\"


def test_stages_names_bases_and_users() -> None:
    text = (
        "ARG BASE=python:3.12-slim\n"
        "FROM $BASE AS build\n"
        "USER builder\n"
        "FROM build AS test\n"
        "FROM gcr.io/distroless/python3:nonroot@sha256:" + "c" * 64 + "\n"
        "USER 10001\n"
    )
    df = parse(text)
    build, test, final = df.stages
    assert [s.name for s in df.stages] == ["build", "test", None]
    assert build.base.resolved == "python:3.12-slim" and build.base.tag == "3.12-slim"
    assert test.base_stage is build and test.effective_user() == "builder"
    assert df.final_stage is final and final.user.arguments == "10001"
    assert final.base.registry == "gcr.io" and final.base.repository == "distroless/python3"
    assert final.base.tag == "nonroot" and final.base.digest.startswith("sha256:")
    assert [a.pairs[0].name for a in df.global_args] == ["BASE"]
    assert df.instruction_at(3).keyword == "USER"


def test_onbuild_and_healthcheck_are_parsed_inside() -> None:
    df = parse(
        'FROM alpine:3.20\nONBUILD RUN make install\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]\n'
    )
    onbuild, health = df.instructions[1:]
    assert onbuild.sub.keyword == "RUN" and onbuild.sub.parent is onbuild
    assert str(onbuild.sub.span) == "2:9-2:25"
    assert [c.program for c in onbuild.sub.script.commands] == ["make"]
    assert (
        health.words[0].value == "CMD"
        and health.is_json
        and [w.value for w in health.exec_args] == ["curl", "-f", "x"]
    )
    assert health.flag("interval").value == "5s"


def test_mounts_are_parsed() -> None:
    ins = parse(
        "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk,sharing=locked --mount=type=secret,id=tok apk add x\n"
    ).instructions[1]
    assert [(m.type, m.target) for m in ins.mounts] == [("cache", "/var/cache/apk"), ("secret", None)]
    assert ins.mounts[1].options["id"] == "tok"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FROM alpine:3.20\nRUNN make\n", "unknown instruction `RUNN` (did you mean RUN?)"),
        ("FROM\n", "FROM needs an argument"),
        ("FROM alpine:3.20\nCOPY onlyone\n", "COPY needs at least a source and a destination"),
        ("FROM alpine:3.20\nENV ONLYKEY\n", "ENV needs a value after `ONLYKEY`"),
        ("FROM alpine:3.20\nSHELL /bin/bash -c\n", "SHELL needs the exec (JSON array) form"),
        ("FROM alpine:3.20\nHEALTHCHECK PING x\n", "HEALTHCHECK takes CMD or NONE"),
        ("FROM alpine:3.20\nCOPY --frm=a b c\n", "unknown flag --frm for COPY"),
        ("FROM a b\n", "FROM takes an image and optionally `AS name`"),
    ],
)
def test_half_typed_text_becomes_diagnostics_and_parsing_goes_on(text: str, message: str) -> None:
    df = parse(text + "USER 1000\n")
    assert any(d.message.startswith(message) for d in df.diagnostics), [d.message for d in df.diagnostics]
    assert df.instructions[-1].keyword == "USER"


# -- bad input: a diagnostic or a clean result, never an exception ------------------------------
@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"# only\n# comments\n",
        b"\n\n\n",
        b"FROM a\x00b:1\n",
        b"FROM alpine\xff\xfe:3\n",
        b"\\",
        b"<<EOF",
        b"[",
        b"FROM --",
    ],
)
def test_odd_input_never_raises(data: bytes) -> None:
    result = lint_text(data)
    assert result.rule_errors == []


def test_invalid_utf8_and_nul_bytes_are_reported() -> None:
    messages = [
        f.message for f in lint_text(b"FROM alpine:3.20\nRUN echo \xff\x00\n").findings if f.code == "DL1000"
    ]
    assert any("not valid UTF-8" in m for m in messages) and any("NUL" in m for m in messages)


def test_crlf_and_bom_parse_like_lf() -> None:
    plain = parse("FROM alpine:3.20\nRUN echo a \\\n  b\n")
    crlf = parse(b"\xef\xbb\xbfFROM alpine:3.20\r\nRUN echo a \\\r\n  b\r\n")
    assert [(i.keyword, i.arguments, str(i.span)) for i in crlf.instructions] == [
        (i.keyword, i.arguments, str(i.span)) for i in plain.instructions
    ]
    assert not crlf.diagnostics


def test_ten_thousand_continuation_lines() -> None:
    text = "FROM alpine:3.20\nRUN true \\\n" + "  && echo x \\\n" * 10_000 + "  && true\n"
    df = parse(text)
    assert df.instructions[1].span.end_line == 10_003 and len(df.instructions[1].script.commands) == 10_002


def test_a_single_one_megabyte_run_line() -> None:
    result = lint_text("FROM alpine:3.20\nRUN echo " + "a" * 1_000_000 + "\n")
    assert len(result.dockerfile.instructions[1].script.commands[0].words[1].value) == 1_000_000
    assert result.rule_errors == []


def test_a_ten_megabyte_file() -> None:
    # Mostly comment lines (a generated file, a pasted log): the scan must stay linear.
    filler = ("# generated line " + "x" * 82 + "\n") * 100_000
    text = "FROM alpine:3.20\n" + filler + "RUN echo end\nUSER 10001\n"
    assert len(text) > 10_000_000
    result = lint_text(text)
    assert [i.keyword for i in result.dockerfile.instructions] == ["FROM", "RUN", "USER"]
    assert result.dockerfile.instructions[1].span.line == 100_002


def test_unterminated_json_array_is_shell_form_not_a_crash() -> None:
    result = lint_text('FROM alpine:3.20\nCMD ["app", "--port"\n')
    codes = [f.code for f in result.findings]
    assert "DL3025" in codes and "DL1000" not in codes


def test_variables_follow_buildkit_scoping() -> None:
    df = parse(
        "ARG VERSION=1.2\nARG UNUSED=x\n"
        "FROM alpine:3.20 AS base\nARG VERSION\nENV APP=/opt/app BIN=$APP/bin\nENV HOME_DIR=${APP}/home\n"
        "FROM base\nRUN echo $VERSION\nARG BUILD_ID\nWORKDIR $APP\n"
    )
    base_workdir_probe = df.instructions[5]  # ENV HOME_DIR=...
    # BIN reads APP from before its own ENV, where APP is not set yet (DL3044's point).
    assert df.variables_at(base_workdir_probe) == {"VERSION": "1.2", "APP": "/opt/app", "BIN": None}
    run, _arg, workdir = df.instructions[7:]
    assert df.variables_at(run) == {"APP": "/opt/app", "BIN": None, "HOME_DIR": "/opt/app/home"}
    assert df.expand("$APP/data", at=workdir) == "/opt/app/data"
    assert df.variables_at(workdir)["BUILD_ID"] is None and df.expand("$BUILD_ID", at=workdir) is None
    assert df.expand("$VERSION", at=run) is None  # not re-declared in this stage
