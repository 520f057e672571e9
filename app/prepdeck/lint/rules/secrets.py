"""Secrets in images: DL3064 (secret-looking ARG/ENV names) and our PD003-PD005.

What an ARG or ENV holds is stored in the image: ENV values in the image config, ARG values in
the build history of every RUN that used them (`docker history --no-trunc` shows them). The fix
is a BuildKit secret mount, which exposes the secret to one RUN as a file or variable that never
reaches a layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prepdeck.lint.model import Instruction, KeyValue, Stage
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import is_variable

_KNOWN_SECRET_NAMES = frozenset(
    {
        "ACCESS_TOKEN",
        "APPLICATION_KEY",
        "APP_SECRET",
        "AUTH_TOKEN",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AZURE_CLIENT_SECRET",
        "CF_PASSWORD",
        "CI_DEPLOY_PASSWORD",
        "DOCKERHUB_PASSWORD",
        "DOCKER_PASSWORD",
        "GH_TOKEN",
        "GITHUB_TOKEN",
        "GITLAB_TOKEN",
        "HEROKU_API_KEY",
        "NPM_AUTH_TOKEN",
        "NPM_TOKEN",
        "OPENAI_API_KEY",
        "POSTGRES_PASSWORD",
        "SLACK_TOKEN",
        "STRIPE_API_KEY",
        "VAULT_TOKEN",
        "MYSQL_ROOT_PASSWORD",
    }
)
_SECRET_PARTS = (
    "api_key",
    "apikey",
    "client_key",
    "password",
    "passwd",
    "private",
    "secret",
    "token",
    "credential",
)
# Kept as pattern strings: `re` compiles each on first use (and caches it), not on every start
# of `prepdeck lint FILE` (3.5 ms of regex compiling for files that mostly never need them).
# A name that only *points at* a secret (a path, a URL, a length rule) holds none itself.
_POINTER_SUFFIX = r"(?i)_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|PORT|LENGTH|MIN_LENGTH|ALGORITHM|TYPE|NAME)$"


def secret_looking(name: str) -> bool:
    """True for names such as NPM_TOKEN or DB_PASSWORD; False for pointers like SECRET_PATH."""
    upper = name.upper()
    if upper in _KNOWN_SECRET_NAMES:
        return True
    if re.search(_POINTER_SUFFIX, name):
        return False
    lower = name.lower()
    return any(part in lower for part in _SECRET_PARTS)


@rule(
    "DL3064",
    severity="warning",
    title="Do not pass secrets through ARG or ENV",
    on=("ARG", "ENV"),
    section="security-model",
    buildkit_name="SecretsUsedInArgOrEnv",
    rationale="""
        An ENV value is written into the image configuration: anyone who can pull the image
        reads it with `docker inspect`. An ARG is no better: its value is recorded in the
        history of every RUN that uses it. Registries, caches and CI logs all keep copies.
        Build-time secrets belong in `RUN --mount=type=secret,id=...` (BuildKit), run-time
        secrets in the orchestrator's secret store, mounted as files.
    """,
    bad='ARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci',
    good="RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
    fix="Remove the ARG/ENV; pass the secret with `docker build --secret id=...` and `RUN --mount=type=secret`.",
)
def check_secret_names(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for pair in instruction.pairs:
        if secret_looking(pair.name):
            yield Hit(
                pair.key.span,
                f"`{pair.name}` looks like a secret: {instruction.keyword} values are kept in the image",
            )


def _literal_secret(pair: KeyValue) -> bool:
    if pair.value is None or not secret_looking(pair.name):
        return False
    value = pair.value.value
    return bool(value.strip()) and not is_variable(pair.value.text)


@rule(
    "PD004",
    severity="error",
    title="A secret is written into the Dockerfile",
    on=("ARG", "ENV"),
    origin="prepdeck",
    section="security-model",
    rationale="""
        A password or token typed into an ENV or an ARG default is in the Dockerfile, in git
        history, and in every image built from it (`docker inspect` prints ENV values,
        `docker history` shows ARG defaults used by RUN). Rotating it means rebuilding and
        re-pushing everything. Secrets are injected at run time (orchestrator secrets, mounted
        files, `*_FILE` variables that point to them) or at build time by a secret mount.
    """,
    bad="ENV MYSQL_ROOT_PASSWORD=root",
    good="ENV MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root_password",
    fix="Delete the value from the Dockerfile; read it at run time from a mounted secret file.",
)
def check_literal_secret(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    for pair in instruction.pairs:
        if _literal_secret(pair):
            assert pair.value is not None
            yield Hit(
                pair.value.span,
                f"the value of `{pair.name}` ships inside the image; inject it at run time instead",
            )


_NAME_CHAR = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def _references(instruction: Instruction, name: str) -> list[tuple[int, int]]:
    """Offsets of `$NAME` / `${NAME...}` in a RUN's arguments; (-1, -1) for a use in a heredoc body."""
    text = instruction.arguments
    found = []
    for marker in ("${" + name, "$" + name):
        start = text.find(marker)
        while start >= 0:
            end = start + len(marker)
            if end >= len(text) or text[end] not in _NAME_CHAR:
                if marker.startswith("${"):
                    close = text.find("}", end)
                    end = close + 1 if close >= 0 else end
                found.append((start, end))
            start = text.find(marker, start + 1)
    for heredoc in instruction.heredocs:
        if heredoc.expands_variables and ("$" + name in heredoc.content):
            found.append((-1, -1))
    return sorted(set(found))


def _secret_args(ctx: RuleContext, stage: Stage) -> list[tuple[int, str]]:
    """(instruction index, name) of the secret-looking ARGs a stage can see, computed once per stage."""
    return [
        (earlier.index, pair.name)
        for earlier in (*ctx.dockerfile.global_args, *stage.instructions_of("ARG"))
        for pair in earlier.pairs
        if secret_looking(pair.name)
    ]


@rule(
    "PD003",
    severity="warning",
    title="A build secret is passed by ARG; use a secret mount",
    on=("RUN",),
    origin="prepdeck",
    section="multi-stage",
    rationale="""
        `ARG NPM_TOKEN` then `RUN ... $NPM_TOKEN ...` works, and leaks: BuildKit records the
        value of every build argument a RUN used in the image history, and the command line may
        end up in the layer (a written .npmrc deleted in a later step is still in the earlier
        layer). A secret mount gives the RUN the secret as a file (or, with `env=`, a variable)
        for that step only; it never reaches a layer or the history, and it does not bust the
        cache when it changes.
    """,
    bad='FROM node:20.11.1-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
    good="FROM node:20.11.1-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
    fix="Drop the ARG; build with `--secret id=npmrc,src=$HOME/.npmrc` and `RUN --mount=type=secret,id=npmrc,...`.",
)
def check_secret_arg_used(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    stage = instruction.stage
    if stage is None:
        return
    declared = ctx.once(f"secret-args:{stage.index}", lambda: _secret_args(ctx, stage))
    names = [name for index, name in declared if index < instruction.index]
    for name in dict.fromkeys(names):
        for start, end in _references(instruction, name):
            base = instruction.arguments_offset
            span = instruction.head_span if start < 0 else instruction.span_of(base + start, base + end)
            yield Hit(
                span,
                f"build argument `{name}` used here is recorded in the image history: use `RUN --mount=type=secret`",
            )
            break


_SECRET_FILES = (
    r"(?i)^(\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg|\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?"
    r"|id_(rsa|dsa|ecdsa|ed25519)|credentials(\.json)?|.*\.(pem|key|p12|pfx|jks|keystore))$"
)


@rule(
    "PD005",
    severity="warning",
    title="A secret file is copied into the image",
    on=("COPY", "ADD"),
    origin="prepdeck",
    section="security-model",
    rationale="""
        Files such as `.npmrc`, `.env`, `id_rsa`, `*.pem` or `credentials.json` usually hold
        tokens, passwords or private keys. Once COPY puts them in a layer they are in the image
        for good - deleting them in a later RUN only hides them - and anyone who pulls the image
        can extract them with `docker save`. Keep them out of the build context with
        .dockerignore, and hand them to the one RUN that needs them with a secret mount.
    """,
    bad="COPY .npmrc package.json package-lock.json ./",
    good="COPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
    fix="Stop copying the file: add it to .dockerignore and use `RUN --mount=type=secret` where it is needed.",
)
def check_secret_files(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if instruction.flag("from") is not None or instruction.heredocs:
        return
    for source in instruction.sources:
        name = source.value.rstrip("/").rsplit("/", 1)[-1]
        if re.match(_SECRET_FILES, name):
            yield Hit(
                source.span, f"`{source.value}` probably holds a secret and stays in the image once copied"
            )
