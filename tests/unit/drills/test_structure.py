"""min_stages, final_user_not_root, instruction_present/absent, exec_form: must pass and must fail, with spans."""

from __future__ import annotations

import pytest

TWO_STAGES = """
FROM golang:1.22 AS build
RUN go build -o /app .
FROM gcr.io/distroless/static:nonroot
COPY --from=build /app /app
"""


# --- min_stages -----------------------------------------------------------------------------


def test_min_stages_met_by_enough_from_lines(judge, span):
    result = judge({"check": "min_stages", "params": {"count": 2}}, TWO_STAGES)
    assert result.met and span(result) is None and result.reason == ""


def test_min_stages_fails_at_the_final_from_line(judge, span):
    result = judge({"check": "min_stages", "params": {"count": 3}}, TWO_STAGES)
    assert not result.met
    assert span(result) == (3, 1, 3, 38)
    assert "2 stages" in result.reason and "at least 3" in result.reason


def test_min_stages_on_an_empty_file_points_at_the_start(judge, span):
    result = judge({"check": "min_stages", "params": {"count": 1}}, "")
    assert not result.met and span(result) == (1, 1, 1, 1)


# --- final_user_not_root ----------------------------------------------------------------------

USER_REQ = {"check": "final_user_not_root"}


@pytest.mark.parametrize("user", ["app", "1000", "app:app", "10001:10001", "${APP_USER}"])
def test_a_non_root_user_in_the_final_stage_passes(judge, user):
    assert judge(USER_REQ, f"FROM alpine:3.20\nUSER {user}\n").met


def test_no_user_in_the_final_stage_fails_at_its_from(judge, span):
    result = judge(USER_REQ, 'FROM node:22 AS build\nUSER node\nFROM node:22-slim\nCMD ["node"]\n')
    assert not result.met
    assert span(result) == (3, 1, 3, 18)
    assert "never sets USER" in result.reason


@pytest.mark.parametrize("user", ["root", "0", "root:root", "0:0", "ROOT"])
def test_an_explicit_root_user_fails_at_its_word(judge, span, user):
    result = judge(USER_REQ, f"FROM alpine:3.20\nUSER app\nUSER {user}\n")
    assert not result.met
    assert span(result) == (3, 6, 3, 6 + len(user))
    assert "root" in result.reason


def test_a_variable_that_expands_to_root_fails(judge, span):
    result = judge(USER_REQ, "FROM alpine:3.20\nARG RUNAS=root\nUSER $RUNAS\n")
    assert not result.met and span(result) == (3, 6, 3, 12)


def test_a_user_inherited_from_the_parent_stage_counts(judge):
    text = 'FROM node:22-slim AS base\nUSER node\nFROM base\nCMD ["node", "app.js"]\n'
    assert judge(USER_REQ, text).met


def test_a_user_set_only_in_a_builder_stage_does_not_count(judge):
    text = "FROM node:22 AS build\nUSER node\nFROM node:22-slim\nCOPY --from=build /a /a\n"
    assert not judge(USER_REQ, text).met


# --- instruction_present / instruction_absent -------------------------------------------------

WEB = """
FROM nginx:1.27 AS assets
COPY site/ /usr/share/nginx/html/
FROM node:22-slim
COPY --chown=node:node . /app
HEALTHCHECK --interval=30s CMD ["node", "healthcheck.js"]
USER node
"""


def test_present_in_the_final_stage(judge):
    assert judge({"check": "instruction_present", "params": {"instruction": "healthcheck"}}, WEB).met


def test_present_fails_at_the_final_from_when_missing(judge, span):
    text = "FROM node:22 AS build\nHEALTHCHECK CMD true\nFROM node:22-slim\nUSER node\n"
    result = judge({"check": "instruction_present", "params": {"instruction": "HEALTHCHECK"}}, text)
    assert not result.met
    assert span(result) == (3, 1, 3, 18)
    assert "final stage has no `HEALTHCHECK`" in result.reason


def test_present_anywhere_sees_earlier_stages(judge):
    text = "FROM node:22 AS build\nHEALTHCHECK CMD true\nFROM node:22-slim\n"
    assert judge(
        {"check": "instruction_present", "params": {"instruction": "HEALTHCHECK", "stage": "any"}}, text
    ).met


def test_present_with_a_flag(judge, span):
    requirement = {"check": "instruction_present", "params": {"instruction": "COPY", "flag": "chown"}}
    assert judge(requirement, WEB).met
    result = judge(requirement, "FROM node:22-slim\nCOPY . /app\nUSER node\n")
    assert not result.met
    assert span(result) == (2, 1, 2, 12)  # points at the COPY that lacks the flag
    assert result.reason == "the final stage has no `COPY --chown` (`COPY . /app` on line 2 does not qualify)"


def test_present_with_a_flag_value(judge):
    requirement = {"check": "instruction_present", "params": {"instruction": "COPY", "flag": "from=build"}}
    assert judge(requirement, "FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /x\n").met
    assert not judge(requirement, "FROM a:1 AS build\nFROM b:1\nCOPY --from=other /x /x\n").met


def test_present_with_an_argument_pattern(judge):
    requirement = {
        "check": "instruction_present",
        "params": {"instruction": "EXPOSE", "args_regex": r"\b8080\b"},
    }
    assert judge(requirement, "FROM a:1\nEXPOSE 8080/tcp\n").met
    assert not judge(requirement, "FROM a:1\nEXPOSE 80\n").met


def test_absent_passes_when_nothing_matches(judge):
    assert judge({"check": "instruction_absent", "params": {"instruction": "ADD"}}, WEB).met


def test_absent_fails_at_the_first_offender(judge, span):
    text = "FROM alpine:3.20\nADD app.tar.gz /srv/\nADD https://x/y /y\n"
    result = judge({"check": "instruction_absent", "params": {"instruction": "ADD"}}, text)
    assert not result.met
    assert span(result) == (2, 1, 2, 21)
    assert "line 2" in result.reason and "1 more" in result.reason


def test_absent_in_the_final_stage_ignores_builder_stages(judge):
    text = "FROM golang:1.22 AS build\nRUN go build\nFROM scratch\nCOPY --from=build /a /a\n"
    requirement = {"check": "instruction_absent", "params": {"instruction": "RUN"}}
    assert judge(requirement, text).met
    assert not judge({**requirement, "params": {"instruction": "RUN", "stage": "any"}}, text).met


def test_absent_with_an_argument_pattern(judge, span):
    requirement = {
        "check": "instruction_absent",
        "params": {"instruction": "RUN", "args_regex": "apt-get upgrade"},
    }
    assert judge(requirement, "FROM debian:12\nRUN apt-get update\n").met
    result = judge(requirement, "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n")
    assert span(result) == (2, 1, 2, 41)


def test_onbuild_contents_do_not_count_as_present(judge):
    text = "FROM node:22-slim\nONBUILD HEALTHCHECK CMD true\n"
    assert not judge({"check": "instruction_present", "params": {"instruction": "HEALTHCHECK"}}, text).met


# --- exec_form ------------------------------------------------------------------------------


def test_exec_form_cmd_and_entrypoint_pass(judge):
    text = 'FROM node:22-slim\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\nRUN npm ci\n'
    assert judge({"check": "exec_form"}, text).met


def test_a_shell_form_cmd_fails_at_its_command(judge, span):
    result = judge({"check": "exec_form"}, "FROM node:22-slim\nCMD node server.js\n")
    assert not result.met
    assert span(result) == (2, 5, 2, 19)
    assert '`CMD ["node", "server.js"]`' in result.reason


def test_a_shell_form_entrypoint_over_continuation_lines(judge, span):
    result = judge({"check": "exec_form"}, "FROM python:3.12-slim\nENTRYPOINT python \\\n  -m app\n")
    assert not result.met
    assert span(result) == (2, 12, 3, 9)


def test_only_the_named_instructions_are_checked(judge, span):
    text = 'FROM debian:12\nRUN apt-get update\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["app"]\n'
    assert judge({"check": "exec_form"}, text).met
    result = judge({"check": "exec_form", "params": {"instructions": ["HEALTHCHECK"]}}, text)
    assert not result.met
    assert span(result) == (3, 13, 3, 52)


def test_healthcheck_none_has_no_form_to_get_wrong(judge):
    assert judge(
        {"check": "exec_form", "params": {"instructions": ["HEALTHCHECK"]}}, "FROM a:1\nHEALTHCHECK NONE\n"
    ).met


def test_exec_form_is_met_when_there_is_no_such_instruction(judge):
    assert judge({"check": "exec_form"}, "FROM a:1\nRUN true\n").met


def test_healthcheck_none_is_refused_by_the_documented_pattern(judge):
    requirement = {
        "check": "instruction_present",
        "params": {"instruction": "HEALTHCHECK", "args_regex": "^CMD"},
    }
    assert judge(requirement, 'FROM a:1\nHEALTHCHECK --interval=10s CMD ["true"]\n').met
    assert not judge(requirement, "FROM a:1\nHEALTHCHECK NONE\n").met


def test_a_half_typed_user_names_no_one(judge, span):
    result = judge(USER_REQ, "FROM alpine:3.20\nUSER\n")
    assert not result.met and span(result) == (2, 1, 2, 5)
    assert "names no user" in result.reason


def test_a_flag_value_is_compared_after_variable_expansion(judge):
    requirement = {
        "check": "instruction_present",
        "params": {"instruction": "FROM", "flag": "platform=$BUILDPLATFORM", "stage": "any"},
    }
    assert judge(requirement, "FROM --platform=${BUILDPLATFORM} golang:1.22 AS build\nFROM alpine:3.19\n").met
    assert judge(requirement, "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM alpine:3.19\n").met
    assert not judge(
        requirement, "FROM --platform=$TARGETPLATFORM golang:1.22 AS build\nFROM alpine:3.19\n"
    ).met


def test_a_flag_value_uses_the_known_value_of_a_variable(judge):
    requirement = {"check": "instruction_present", "params": {"instruction": "COPY", "flag": "from=build"}}
    assert judge(
        requirement, "FROM a:1 AS build\nFROM b:1\nARG SOURCE=build\nCOPY --from=${SOURCE} /x /x\n"
    ).met
    assert not judge(
        requirement, "FROM a:1 AS build\nFROM b:1\nARG SOURCE=other\nCOPY --from=$SOURCE /x /x\n"
    ).met
