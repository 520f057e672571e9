"""Property tests: no input makes the parser or the engine raise, and generated valid
Dockerfiles parse exactly as BuildKit parses them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepdeck.lint import lint_text, parse

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text made of the characters that matter to a Dockerfile, so the fuzzer reaches deep paths.
dockerish = st.text(
    alphabet=st.sampled_from(list("FROMRUNCOPYADDENVARG ONBUILD\\`\"'$={}[]<<-EOF#:@/\t\r\n ,.&|;()-x1"))
    | st.characters(),
    max_size=400,
)
keywordish = st.lists(
    st.sampled_from(
        [
            "FROM ",
            "RUN ",
            "COPY ",
            "ADD ",
            "ENV ",
            "ARG ",
            "LABEL ",
            "CMD ",
            "ONBUILD ",
            "HEALTHCHECK ",
            "SHELL ",
            "--mount=",
            "--from=",
            "<<EOF",
            "<<-EOF",
            "EOF",
            "\\\n",
            "\n",
            "# escape=`\n",
            '["a", ',
            '"',
            "'",
            "a=b ",
            "$X ",
            "${Y:-z}",
            "&& ",
            "| ",
            "( ",
            ") ",
            "#",
            "\t",
            "\r\n",
            "AS ",
            "x ",
        ]
    ),
    max_size=60,
).map("".join)


@FAST
@given(dockerish)
def test_any_text_parses_and_lints_without_raising(text: str) -> None:
    result = lint_text(text)
    assert result.rule_errors == []
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)


@FAST
@given(keywordish)
def test_dockerfile_shaped_noise_lints_without_raising(text: str) -> None:
    assert lint_text(text).rule_errors == []


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_parse_without_raising(data: bytes) -> None:
    parse(data)
    assert lint_text(data).rule_errors == []


# -- generated valid Dockerfiles against BuildKit ------------------------------------------------
dockerfile_package = pytest.importorskip(
    "dockerfile", reason="the `dockerfile` package (BuildKit's parser) has no wheel here"
)


def _oracle_views():
    """The instruction views of the corpus oracle test, loaded from the file beside this one."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).with_name("test_parser_buildkit_oracle.py")
    spec = importlib.util.spec_from_file_location("_buildkit_oracle_views", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.describe_buildkit, module.describe_ours


describe_buildkit, describe_ours = _oracle_views()

name = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
word = st.from_regex(r"[A-Za-z0-9_./:=-]{1,10}", fullmatch=True).filter(lambda w: not w.startswith("-"))
quoted = st.builds(lambda w: f'"{w} {w}"', word)
image = st.builds(
    lambda n, t: f"{n}:{t}" if t else n,
    name,
    st.one_of(st.none(), st.from_regex(r"[0-9][0-9.]{0,4}", fullmatch=True)),
)
script = st.lists(st.one_of(word, quoted), min_size=1, max_size=6).map(" ".join)
json_array = st.lists(word, min_size=1, max_size=4).map(
    lambda ws: "[" + ", ".join(f'"{w}"' for w in ws) + "]"
)

instruction = st.one_of(
    st.builds(lambda i, n: f"FROM {i} AS {n}", image, name),
    st.builds(lambda s: f"RUN {s}", script),
    st.builds(lambda f, s: f"RUN --mount=type=cache,target=/{f} {s}", name, script),
    st.builds(lambda a, b: f"COPY {a} /{b}/", word, name),
    st.builds(lambda a, b: f"ENV {a.upper()}={b}", name, word),
    st.builds(lambda a, b: f"ENV {a.upper()} {b} {b}", name, word),
    st.builds(lambda a, b: f"LABEL {a}={b}", name, quoted),
    st.builds(lambda a: f"ARG {a.upper()}", name),
    st.builds(lambda j: f"CMD {j}", json_array),
    st.builds(lambda s: f"ENTRYPOINT {s}", script),
    st.builds(lambda p: f"EXPOSE {p}", st.integers(1, 65535).map(str)),
    st.builds(lambda n: f"WORKDIR /{n}", name),
    st.builds(lambda n: f"USER {n}", name),
    st.builds(lambda s: f"RUN <<EOF\n{s}\nEOF", script),
    st.builds(lambda s: f"ONBUILD RUN {s}", script),
)


def spread(line: str, breaks: list[int], filler: list[str]) -> str:
    """Splits a one-line instruction over continuation lines, with comment/blank lines between."""
    if "\n" in line:
        return line
    words = line.split(" ")
    out = words[0]
    for index, piece in enumerate(words[1:], 1):
        if index in breaks:
            out += " \\\n" + filler[index % len(filler)] + "  " + piece
        else:
            out += " " + piece
    return out


layout = st.tuples(
    st.lists(st.integers(1, 8), max_size=3),
    st.lists(st.sampled_from(["", "# note\n", "\n"]), min_size=1, max_size=3),
)


@FAST
@given(image, st.lists(st.tuples(instruction, layout), min_size=1, max_size=8))
def test_generated_dockerfiles_parse_like_buildkit(base: str, body: list) -> None:
    lines = [f"FROM {base}"] + [spread(line, breaks, filler) for line, (breaks, filler) in body]
    text = "\n".join(lines) + "\n"
    ours = parse(text)
    theirs = dockerfile_package.parse_string(text)
    assert not ours.diagnostics, [d.message for d in ours.diagnostics]
    expected = [describe_buildkit(command) for command in theirs]
    got = [describe_ours(ins) for ins in ours.instructions]
    for reference, mine in zip(expected, got, strict=False):
        if reference["sub_cmd"] is not None:
            reference["heredocs"] = mine["heredocs"]
    assert got == expected
