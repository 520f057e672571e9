"""Vocabulary v2, judged on the build model: valid idioms pass, look-alike broken files fail with a
reason that names the line and the build fact, and what the model cannot decide says so."""

from __future__ import annotations

import textwrap

from prepdeck.build import BuildContext, ContextFile, build_image
from prepdeck.build.cache import reruns
from prepdeck.build.ignore import DockerIgnore
from prepdeck.build.runtime import pid1
from prepdeck.lint import parse


def built(text: str, files=(), dockerignore=None):
    context = BuildContext.of([ContextFile(f) for f in files], dockerignore) if files else None
    return build_image(parse(textwrap.dedent(text).lstrip()), context)


# --- the model -------------------------------------------------------------------------------


def test_dockerignore_follows_buildkit_order_exceptions_and_double_star():
    ignore = DockerIgnore("# comment\n**/*.log\n!keep.log\n.env*\n!.env.example\nnode_modules\n")
    assert ignore.excludes("a/b/c.log") and not ignore.excludes("keep.log")
    assert ignore.excludes(".env") and ignore.excludes(".env.local") and not ignore.excludes(".env.example")
    assert ignore.excludes("node_modules/x/index.js") and not ignore.excludes("src/app.js")


def test_global_arg_is_empty_inside_a_stage_that_does_not_declare_it():
    build = built(
        """
        ARG TARGETARCH
        FROM --platform=$BUILDPLATFORM golang:1.24 AS build
        RUN GOARCH=$TARGETARCH go build -o /out/app .
        FROM scratch
        COPY --from=build /out/app /app
        ENTRYPOINT ["/app"]
        """
    )
    uses = [use for use in build.arg_uses if use.name == "TARGETARCH"]
    assert uses and not uses[0].declared
    assert build.final.fs.get("/app").binary.goarch == ""


def test_goarch_through_env_with_the_arg_declared_is_for_the_target():
    build = built(
        """
        FROM --platform=$BUILDPLATFORM golang:1.24 AS build
        ARG TARGETARCH
        ENV GOARCH=$TARGETARCH CGO_ENABLED=0
        RUN go build -o /out/app .
        FROM scratch
        COPY --from=build /out/app /app
        """
    )
    binary = build.final.fs.get("/app").binary
    assert (binary.goarch, binary.cgo) == ("{target arch}", False)


def test_shell_form_entrypoint_ignores_cmd_and_sh_is_pid1():
    build = built(
        'FROM python:3.12-slim\nENTRYPOINT ["sh", "-c", "python -m inventory serve"]\nCMD ["serve"]\n'
    )
    process = pid1(build.final)
    assert not process.signals and process.ignores_run_arguments
    one = built('FROM python:3.12-slim\nENTRYPOINT ["python -m inventory"]\n')
    assert "cannot start" in pid1(one.final).cannot_run


def test_a_deleted_file_stays_in_its_layer_and_cache_follows_the_first_copy():
    build = built(
        "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN rm .env && npm ci\n",
        files=["package.json", "package-lock.json", ".env", "src/server.js"],
    )
    assert build.final.fs.get("/app/.env") is None
    assert any(entry.path == "/app/.env" and entry.secret for entry in build.final.fs.history)
    lines = [rerun.instruction.line for rerun in reruns(build, "src/server.js")]
    assert lines == [3, 4]


def test_a_bind_mount_of_the_manifest_keeps_npm_ci_cached_on_a_source_edit():
    build = built(
        """
        FROM node:22-slim
        WORKDIR /app
        RUN --mount=type=bind,source=package.json,target=package.json \\
            --mount=type=bind,source=package-lock.json,target=package-lock.json npm ci
        COPY . .
        """,
        files=["package.json", "package-lock.json", "src/server.js"],
    )
    assert [r.instruction.line for r in reruns(build, "src/server.js")] == [5]
    assert 3 in [r.instruction.line for r in reruns(build, "package.json")]


# --- the requirements ------------------------------------------------------------------------


def test_runs_as_non_root_trusts_a_nonroot_base_and_rejects_an_unknown_name(judge):
    requirement = {"check": "runs_as_non_root", "params": {"numeric": True}}
    assert judge(requirement, "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY a /a\n").met
    result = judge(requirement, "FROM python:3.12-slim\nUSER app\n")
    assert not result.met and "no line creates that user" in result.reason
    assert not judge(requirement, "FROM node:22-slim\nUSER node\n").met  # a name, not a uid
    assert judge({"check": "runs_as_non_root"}, "FROM node:22-slim\nUSER node\n").met
    unknown = judge(requirement, "FROM example.com/base:1\n")
    assert unknown.status == "cannot tell"


def test_pid1_tini_named_but_never_installed_fails(judge):
    requirement = {"check": "pid1_handles_signals", "params": {"init": True}}
    result = judge(
        requirement, 'FROM node:22-slim\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]\n'
    )
    assert not result.met and "tini" in result.reason and "installs" in result.reason
    installed = """\
        FROM node:22-slim
        RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*
        ENTRYPOINT ["/usr/bin/tini", "--"]
        CMD ["node", "server.js"]
        """
    assert judge(requirement, installed).met
    shell = judge({"check": "pid1_handles_signals"}, "FROM node:22-slim\nCMD node server.js\n")
    assert (
        not shell.met
        and "PID 1 is /bin/sh (dash in node:22-slim), which does not pass SIGTERM on to node" in shell.reason
    )


def test_argv_and_overridable_cmd(judge):
    requirement = {
        "check": "argv_is",
        "params": {"entrypoint": ["python", "-m", "inventory"], "cmd": ["serve", "--port", "8080"]},
    }
    good = 'FROM python:3.12-slim\nENTRYPOINT ["python3", "-m", "inventory"]\nCMD ["serve", "--port=8080"]\n'
    assert judge(requirement, good).met and judge({"check": "cmd_is_overridable"}, good).met
    shell = 'FROM python:3.12-slim\nENTRYPOINT ["sh","-c","python -m inventory serve"]\nCMD ["serve"]\n'
    assert not judge({"check": "cmd_is_overridable"}, shell).met
    one = judge(requirement, 'FROM python:3.12-slim\nENTRYPOINT ["python -m inventory"]\nCMD ["serve"]\n')
    assert not one.met and "cannot start" in one.reason


def test_healthcheck_must_exist_in_the_image_and_probe(judge):
    requirement = {"check": "healthcheck_probes", "params": {"path": "/healthz", "start_period": True}}
    noop = judge(requirement, 'FROM python:3.12-slim\nHEALTHCHECK --start-period=5s CMD ["true"]\n')
    assert not noop.met and "always succeeds" in noop.reason
    curl = judge(
        requirement, "FROM python:3.12-slim\nHEALTHCHECK --start-period=5s CMD curl -f http://x/healthz\n"
    )
    assert not curl.met and "curl" in curl.reason
    python = (
        'FROM python:3.12-slim\nHEALTHCHECK --start-period=5s CMD ["python", "-c", '
        "\"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')\"]\n"
    )
    assert judge(requirement, python).met


def test_log_links_accept_proc_self_fd(judge):
    requirement = {
        "check": "image_has_file",
        "params": {"path": "/var/log/legacy/access.log", "link_to": ["/dev/stdout", "/proc/self/fd/1"]},
    }
    text = "FROM python:3.12-slim\nRUN mkdir -p /var/log/legacy && ln -sf /proc/self/fd/1 /var/log/legacy/access.log\n"
    assert judge(requirement, text).met
    assert not judge(requirement, text.replace("/proc/self/fd/1", "/tmp/x")).met


def test_chmod_777_makes_files_world_writable(judge):
    requirement = {"check": "image_has_file", "params": {"path": "/app", "not_writable_by_others": True}}
    text = "FROM node:22-slim\nWORKDIR /app\nRUN mkdir -p /app/uploads && chmod -R 777 /app\n"
    result = judge(requirement, text)
    assert not result.met and "writable by every user" in result.reason


def test_secret_mount_written_to_npmrc_stays_in_a_layer(judge):
    requirement = {"check": "no_secret_in_image"}
    leak = """\
        FROM node:22-slim
        WORKDIR /app
        RUN --mount=type=secret,id=npm_token echo "//r/:_authToken=$(cat /run/secrets/npm_token)" > /app/.npmrc && npm ci
        """
    result = judge(requirement, leak)
    assert not result.met and "/app/.npmrc" in result.reason and "layer of line 3" in result.reason
    cleaned = leak.replace("&& npm ci", "&& npm ci && rm /app/.npmrc")
    assert judge(requirement, cleaned).met


def test_secret_arg_with_an_innocent_name_is_caught_by_its_use(judge):
    text = 'FROM node:22-slim\nARG REGISTRY\nRUN echo "//r/:_authToken=${REGISTRY}" > .npmrc && npm ci && rm .npmrc\n'
    result = judge({"check": "no_secret_in_image"}, text)
    assert not result.met and "ARG REGISTRY" in result.reason


def test_cgo_only_in_a_comment_is_not_static(judge):
    text = """\
        FROM golang:1.24 AS build
        # CGO_ENABLED=0
        RUN go build -o /out/api ./cmd/api
        FROM scratch
        COPY --from=build /out/api /api
        ENTRYPOINT ["/api"]
        """
    result = judge({"check": "binary_built", "params": {"static": True}}, text)
    assert not result.met and "cgo on" in result.reason


def test_pip_target_reaches_distroless_through_pythonpath(judge):
    requirement = {
        "check": "packages_installed",
        "params": {"manager": "pip", "requirements": "requirements.txt"},
    }
    text = """\
        FROM python:3.11-slim-bookworm AS build
        COPY requirements.txt .
        RUN pip install --no-cache-dir --target /deps -r requirements.txt
        FROM gcr.io/distroless/python3-debian12:nonroot
        COPY --from=build /deps /deps
        ENV PYTHONPATH=/deps
        """
    assert judge(requirement, text).met
    result = judge(requirement, text.replace("ENV PYTHONPATH=/deps\n", ""))
    assert not result.met and "PYTHONPATH" in result.reason


def test_pip_cache_dir_with_a_matching_mount(judge):
    requirement = {"check": "cache_mount_for", "params": {"tool": "pip"}}
    text = (
        "FROM python:3.12-slim\nENV PIP_CACHE_DIR=/cache/pip\nCOPY requirements.txt .\n"
        "RUN --mount=type=cache,target=/cache/pip pip install -r requirements.txt\n"
    )
    assert judge(requirement, text).met
    assert not judge(requirement, text.replace("target=/cache/pip", "target=/root/.cache/pip")).met


def test_prune_before_build_fails_run_order(judge):
    requirement = {"check": "run_order", "params": {"first": "npm run build", "then": "npm prune"}}
    assert not judge(
        requirement, "FROM node:22-slim\nRUN npm ci && npm prune --omit=dev && npm run build\n"
    ).met
    assert judge(requirement, "FROM node:22-slim\nRUN npm ci && npm run build && npm prune --omit=dev\n").met


def test_an_unknown_command_makes_a_file_check_say_cannot_tell(judge):
    result = judge(
        {"check": "image_has_file", "params": {"path": "/opt/tool/bin/tool"}},
        "FROM debian:bookworm-slim\nRUN make-tool /opt/tool/bin/tool\n",
    )
    assert result.status == "cannot tell" and "line 2" in result.reason


def test_hostile_sizes_end_in_a_verdict(judge):
    text = "FROM debian:bookworm-slim\n" + "RUN touch /x\n" * 2500
    result = judge({"check": "image_has_file", "params": {"path": "/x"}}, text)
    assert result.status == "cannot tell" and "too large" in result.reason
