"""Files the engine judged wrongly (issue 11, second round), written fresh as a learner would
write them: each broken one fails on the build fact at fault, each valid idiom passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.build.scripts import script_end, shebang_shell
from prepdeck.content.catalog import load_catalog
from prepdeck.drills import check_drill

PACK = Path(__file__).resolve().parents[3] / "content" / "docker"

API_HEAD = (
    "FROM python:3.12-slim-bookworm\nWORKDIR /srv\nCOPY requirements.txt .\n"
    "RUN pip install --no-cache-dir -r requirements.txt\n"
)


@pytest.fixture(scope="module")
def drills():
    catalog = load_catalog([str(PACK)])
    return lambda drill_id: catalog.find_item(drill_id, "drills")[1]


def failed(result) -> dict[str, str]:
    """requirement id -> reason, for the requirements that keep the file from passing."""
    return {r.id: r.reason for r in result.requirements if r.blocks_pass}


# -- PID 1 through a shell: `migrate && exec server` ------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        'CMD ["/bin/sh", "-c", "python -m api.migrate && exec python -m api"]\n',
        "CMD set -e; python -m api.migrate; exec python -m api\n",
        'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["sh", "-c", "python -m api.migrate && exec python -m api"]\n',
        'ENTRYPOINT ["sh", "-c", "python -m api.migrate && exec \\"$@\\"", "sh"]\nCMD ["python", "-m", "api"]\n',
    ],
    ids=["sh-c-json", "shell-form", "behind-tini", "entrypoint-exec-args"],
)
def test_migrate_then_exec_the_server_passes(drills, lines):
    tini = "RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*\n"
    text = API_HEAD + (tini if "tini" in lines else "") + "COPY api/ api/\nUSER 10001\n" + lines
    result = check_drill(drills("d-stop-timeout"), text)
    assert result.passed, failed(result)


def test_exec_on_the_first_command_of_a_chain_never_starts_the_server(drills):
    text = (
        API_HEAD
        + "COPY api/ api/\nUSER 10001\n"
        + 'CMD ["sh", "-c", "exec python -m api.migrate && python -m api"]\n'
    )
    reasons = failed(check_drill(drills("d-stop-timeout"), text))
    assert "runs-server" in reasons
    assert "`exec` replaces the shell, so `python -m api` after it never runs" in reasons["runs-server"]


def test_migration_in_the_background_is_not_waited_for(drills):
    text = (
        API_HEAD
        + "COPY api/ api/\nUSER 10001\n"
        + 'CMD ["sh", "-c", "python -m api.migrate & exec python -m api"]\n'
    )
    reasons = failed(check_drill(drills("d-stop-timeout"), text))
    assert "`python -m api.migrate &` runs in the background" in reasons["server-gets-sigterm"]


def test_entrypoint_script_is_read_from_the_context(drills):
    # start.sh in the drill's context runs "$@" without exec: the shell stays PID 1
    text = API_HEAD + "COPY . .\nUSER 10001\n" + 'ENTRYPOINT ["./start.sh"]\nCMD ["python", "-m", "api"]\n'
    reasons = failed(check_drill(drills("d-stop-timeout"), text))
    assert reasons["server-gets-sigterm"].startswith(
        "PID 1 is ./start.sh (a sh script), which does not pass SIGTERM"
    )


def test_entrypoint_script_copied_without_execute_bit_cannot_start(drills):
    text = (
        API_HEAD
        + "COPY --chmod=644 docker-entrypoint.sh /usr/local/bin/\nCOPY api/ api/\nUSER 10001\n"
        + 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["python", "-m", "api"]\n'
    )
    reasons = failed(check_drill(drills("d-stop-timeout"), text))
    assert "/usr/local/bin/docker-entrypoint.sh has mode 0644" in reasons["server-gets-sigterm"]
    assert "not executable" in reasons["runs-server"]


def test_entrypoint_script_made_executable_later_passes(drills):
    text = (
        API_HEAD
        + "COPY --chmod=644 docker-entrypoint.sh /usr/local/bin/\nRUN chmod 755 /usr/local/bin/docker-entrypoint.sh\n"
        + "COPY api/ api/\nUSER 10001\n"
        + 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["python", "-m", "api"]\n'
    )
    result = check_drill(drills("d-stop-timeout"), text)
    assert result.passed, failed(result)


def test_script_end_follows_exec_and_positional_arguments():
    end = script_end('set -e\npython -m api.migrate\nexec "$@"\n', ["python", "-m", "api"])
    assert end.execs == ("python", "-m", "api")
    assert not end.skipped and not end.background and not end.unclear


def test_script_end_cannot_tell_when_the_only_exec_is_conditional():
    end = script_end('if [ "$1" = serve ]; then exec gunicorn app; fi\npython -m api', ["serve"])
    assert end.execs is None
    assert "runs only on some paths" in end.unclear


def test_script_end_trusts_a_final_exec_after_a_branch():
    end = script_end(
        'if [ -n "$MIGRATE" ]; then python -m api.migrate; fi\nexec "$@"', ["python", "-m", "api"]
    )
    assert end.execs == ("python", "-m", "api")


def test_shebang_names_the_shell():
    assert shebang_shell("#!/usr/bin/env bash\nexec x") == "bash"
    assert shebang_shell("#!/bin/sh -e\n") == "/bin/sh"
    assert shebang_shell("#!/usr/bin/python3\n") is None
    assert shebang_shell("exec x") is None


# -- base images: a word tag is not a version ------------------------------------------------


@pytest.mark.parametrize("image", ["python:slim", "python:alpine"])
def test_word_tag_on_python_is_not_pinned(drills, image):
    text = f'FROM {image}\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "-m", "invoices"]\n'
    reasons = failed(check_drill(drills("d-pin-slim-base"), text))
    assert "names no version, so it moves with every release" in reasons["base-pinned"]


def test_lts_slim_runtime_stage_is_not_pinned(drills):
    text = (
        "FROM node:20.18-bookworm-slim AS deps\nWORKDIR /app\nCOPY package*.json ./\n"
        "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --omit=dev\n"
        "FROM node:lts-slim\nWORKDIR /app\nENV NODE_ENV=production\n"
        "COPY --from=deps /app/node_modules node_modules\nCOPY . .\nUSER node\nEXPOSE 3000\n"
        'CMD ["node", "server.js"]\n'
    )
    reasons = failed(check_drill(drills("d-fix-anti-patterns"), text))
    assert any("the tag `lts-slim` of `node:lts-slim` names no version" in r for r in reasons.values())


@pytest.mark.parametrize(
    "image", ["debian:bookworm-slim", "gcr.io/distroless/python3-debian12:nonroot", "node:22-alpine"]
)
def test_release_codename_or_versioned_image_name_counts_as_pinned(judge, image):
    result = judge({"check": "base_image_pinned", "params": {"by": "tag"}}, f'FROM {image}\nCMD ["x"]\n')
    assert result.met, result.reason


# -- python packages that reach the final image ----------------------------------------------


def test_pip_named_by_its_venv_path_is_a_pip_install(drills):
    text = (
        "# syntax=docker/dockerfile:1\nFROM python:3.12-slim-bookworm\nWORKDIR /app\n"
        "RUN python3 -m venv /opt/env\nCOPY requirements.txt .\n"
        "RUN --mount=type=cache,target=/root/.cache/pip /opt/env/bin/pip install -r requirements.txt\n"
        'COPY . .\nENV PATH="/opt/env/bin:$PATH"\nUSER 10001\nCMD ["python", "-m", "reports"]\n'
    )
    result = check_drill(drills("d-pip-cache-mount"), text)
    assert result.passed, failed(result)


def test_venv_on_path_in_the_final_stage_reaches_python(drills):
    text = (
        "FROM python:3.12-slim-bookworm AS deps\nRUN python -m venv /opt/env\nENV PATH=/opt/env/bin:$PATH\n"
        "COPY requirements.txt /tmp/requirements.txt\n"
        "RUN --mount=type=secret,id=netrc,target=/root/.netrc "
        "pip install --no-cache-dir --index-url https://pypi.example.com/simple -r /tmp/requirements.txt\n"
        "FROM python:3.12-slim-bookworm\nCOPY --from=deps /opt/env /opt/env\nENV PATH=/opt/env/bin:$PATH\n"
        'WORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "-m", "reports"]\n'
    )
    result = check_drill(drills("d-history-secret"), text)
    assert result.passed, failed(result)


def test_venv_from_python_slim_cannot_run_on_distroless(drills):
    text = (
        "FROM python:3.11-slim-bookworm AS build\nWORKDIR /app\nRUN python -m venv /opt/env\n"
        "COPY requirements.txt .\nRUN /opt/env/bin/pip install --no-cache-dir -r requirements.txt\n"
        "FROM gcr.io/distroless/python3-debian12:nonroot\nWORKDIR /app\n"
        "COPY --from=build /opt/env /opt/env\nCOPY ledger/ ./ledger/\n"
        'ENTRYPOINT ["/opt/env/bin/python", "-m", "ledger"]\n'
    )
    reasons = " | ".join(failed(check_drill(drills("d-distroless-python"), text)).values())
    assert "/opt/env/bin/python is a link to /usr/local/bin/python3.11, the builder's python" in reasons


def test_pythonuserbase_install_copied_and_named_reaches_distroless(drills):
    text = (
        "FROM python:3.11-slim-bookworm AS build\nENV PYTHONUSERBASE=/deps\nWORKDIR /src\n"
        "COPY requirements.txt .\nRUN pip install --user --no-cache-dir -r requirements.txt\n"
        "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --from=build /deps /deps\n"
        "ENV PYTHONUSERBASE=/deps\nWORKDIR /app\nCOPY ledger ledger\nUSER 65532:65532\n"
        'CMD ["-m", "ledger"]\n'
    )
    result = check_drill(drills("d-distroless-python"), text)
    assert result.passed, failed(result)


# -- apt package lists -----------------------------------------------------------------------

APT_TAIL = 'COPY fetch-rates.sh /usr/local/bin/fetch-rates\nUSER 10001:10001\nENTRYPOINT ["/usr/local/bin/fetch-rates"]\n'


def test_apt_install_without_update_finds_no_package(drills):
    text = (
        "FROM debian:bookworm-slim\n"
        "RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 ca-certificates=20230311 \\\n"
        "    && rm -rf /var/lib/apt/lists/*\n" + APT_TAIL
    )
    reasons = failed(check_drill(drills("d-apt-one-run"), text))
    assert "apt-get install on line 2 runs with no package lists" in reasons["packages"]


def test_lists_deleted_before_the_install_leave_none(drills):
    text = (
        "FROM debian:bookworm-slim\n"
        "RUN apt-get update && rm -rf /var/lib/apt/lists/* \\\n"
        "    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 ca-certificates=20230311\n"
        + APT_TAIL
    )
    reasons = failed(check_drill(drills("d-apt-one-run"), text))
    assert "runs with no package lists" in reasons["packages"]


# -- node: production modules from a stage of their own --------------------------------------


def test_separate_production_install_stage_counts_as_pruned(drills):
    text = (
        "FROM node:22.12-bookworm-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci\nCOPY . .\nRUN npm run build\n"
        "FROM node:22.12-bookworm-slim AS runtime-deps\nWORKDIR /app\n"
        "COPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n"
        "FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /app\n"
        "COPY --from=runtime-deps /app/node_modules node_modules\nCOPY --from=build /app/dist dist\n"
        'CMD ["dist/server.js"]\n'
    )
    result = check_drill(drills("d-node-ts-three-stage"), text)
    assert result.passed, failed(result)


def test_dev_dependencies_pruned_before_the_build_fail(drills):
    text = (
        "FROM node:22.12-bookworm-slim AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci\nFROM deps AS build\nCOPY . .\nRUN npm prune --omit=dev && npm run build\n"
        "FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /app\n"
        "COPY --from=build /app/node_modules node_modules\nCOPY --from=build /app/dist dist\n"
        'CMD ["dist/server.js"]\n'
    )
    reasons = failed(check_drill(drills("d-node-ts-three-stage"), text))
    assert "`npm prune` (line 7) runs before `npm run build` (line 7)" in reasons["prune-dev"]


# -- build arguments read by LABEL -----------------------------------------------------------


def test_label_reading_a_global_arg_gets_an_empty_value(drills):
    text = (
        "ARG GIT_SHA\nFROM golang:1.24-bookworm AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\n"
        "RUN go mod download\nCOPY . .\nARG GIT_SHA\n"
        'RUN CGO_ENABLED=0 go build -ldflags="-X main.version=$GIT_SHA" -o /out/ingest ./cmd/ingest\n'
        "FROM gcr.io/distroless/static-debian12:nonroot\n"
        'LABEL org.opencontainers.image.source="https://git.example.com/data/ingest" \\\n'
        "      org.opencontainers.image.revision=$GIT_SHA\n"
        'COPY --from=build /out/ingest /ingest\nENTRYPOINT ["/ingest"]\n'
    )
    reasons = failed(check_drill(drills("d-ci-oci-labels"), text))
    assert reasons["args-in-scope"].startswith(
        "line 11 uses $GIT_SHA, but stage 1 never declares `ARG GIT_SHA`"
    )


# -- messages --------------------------------------------------------------------------------


def test_one_item_cmd_is_shown_as_the_json_it_is(drills):
    text = (
        'FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["python", "-m", "inventory"]\n'
        'CMD ["serve --port 8080"]\n'
    )
    reasons = " | ".join(failed(check_drill(drills("d-entrypoint-subcommand"), text)).values())
    assert 'CMD on line 5 is `["serve --port 8080"]`, not `serve --port 8080`' in reasons


def test_goarch_from_targetplatform_names_the_variable_not_a_placeholder(drills):
    text = (
        "FROM --platform=$BUILDPLATFORM golang:1.24-bookworm AS build\nARG TARGETPLATFORM\nWORKDIR /src\n"
        "COPY . .\nRUN CGO_ENABLED=0 GOARCH=$TARGETPLATFORM go build -o /out/api ./cmd/api\n"
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n'
    )
    reasons = " | ".join(failed(check_drill(drills("d-multiarch-go-cross"), text)).values())
    assert "sets GOARCH to $TARGETPLATFORM, which is not an architecture name" in reasons
    assert "{target" not in reasons


def test_missing_build_platform_quotes_the_builder_from_line(drills):
    text = (
        "FROM golang:1.24-bookworm AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\n"
        "RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/api ./cmd/api\n"
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n'
    )
    reasons = " | ".join(failed(check_drill(drills("d-multiarch-go-cross"), text)).values())
    assert "(`FROM golang:1.24-bookworm AS build` on line 1 does not qualify)" in reasons


# -- idioms and look-alikes the issue names --------------------------------------------------


def test_tini_downloaded_with_add_checksum_and_made_executable(drills):
    url = "https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-amd64"
    text = (
        "# syntax=docker/dockerfile:1\nFROM node:22.12-bookworm-slim\n"
        f"ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee --chmod=755 {url} /sbin/tini\n"
        "WORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\n"
        'ENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]\n'
    )
    result = check_drill(drills("d-exec-form-init"), text)
    assert result.passed, failed(result)


def test_tini_downloaded_by_add_without_a_mode_cannot_start(drills):
    url = "https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-amd64"
    text = (
        f"FROM node:22.12-bookworm-slim\nADD {url} /sbin/tini\nWORKDIR /app\nCOPY . .\nUSER node\n"
        'ENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]\n'
    )
    reasons = failed(check_drill(drills("d-exec-form-init"), text))
    assert "/sbin/tini has mode 0600" in reasons["init-entrypoint"]


def test_pip_target_folder_copied_and_on_pythonpath(drills):
    text = (
        "FROM python:3.11-slim-bookworm AS build\nWORKDIR /src\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir --target=/wheels -r requirements.txt\n"
        "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --from=build /wheels /wheels\n"
        "ENV PYTHONPATH=/wheels\nWORKDIR /app\nCOPY ledger/ ledger/\n"
        'CMD ["-m", "ledger"]\n'
    )
    result = check_drill(drills("d-distroless-python"), text)
    assert result.passed, failed(result)


NON_ROOT_HEAD = (
    "FROM python:3.12-slim-bookworm\nRUN groupadd --gid 10001 shop && useradd --uid 10001 --gid shop shop\n"
    "WORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"
)
NON_ROOT_TAIL = 'USER 10001:10001\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]\n'


def test_root_owned_read_only_code_is_accepted(drills):
    text = NON_ROOT_HEAD + "COPY --chmod=644 manage.py ./\nCOPY shop/ shop/\n" + NON_ROOT_TAIL
    result = check_drill(drills("d-non-root-chown"), text)
    assert result.passed, failed(result)


def test_chmod_777_on_the_code_fails(drills):
    text = NON_ROOT_HEAD + "COPY . .\nRUN chmod -R 777 /app\n" + NON_ROOT_TAIL
    reasons = failed(check_drill(drills("d-non-root-chown"), text))
    assert "not-world-writable" in reasons


def test_secret_build_argument_with_an_unlisted_name_fails(drills):
    text = (
        "FROM node:22.12-bookworm-slim\nWORKDIR /app\nARG REGISTRY_CRED\nCOPY package.json package-lock.json ./\n"
        'RUN echo "//npm.pkg.example.com/:_authToken=${REGISTRY_CRED}" > .npmrc && npm ci && rm .npmrc\n'
        'COPY . .\nUSER node\nCMD ["node", "server.js"]\n'
    )
    reasons = failed(check_drill(drills("d-build-secret-npm"), text))
    assert "no-secret-args" in reasons


def test_dotenv_added_by_name_fails(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY billing/ billing/\nADD .env ./\n"
        "ENV DB_PASSWORD_FILE=/run/secrets/db_password STRIPE_KEY_FILE=/run/secrets/stripe_key\n"
        'USER 10001\nCMD ["python", "-m", "billing"]\n'
    )
    result = check_drill(drills("d-secrets-out-of-env"), text, dockerignore=".git\n")
    assert "no-dotenv" in failed(result)


def test_copy_everything_without_a_dockerignore_takes_the_dotenv(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
        "ENV DB_PASSWORD_FILE=/run/secrets/db_password STRIPE_KEY_FILE=/run/secrets/stripe_key\n"
        'USER 10001\nCMD ["python", "-m", "billing"]\n'
    )
    reasons = failed(check_drill(drills("d-secrets-out-of-env"), text))
    assert "no-dotenv" in reasons and "dotenv-ignored" in reasons


LAYER_IGNORE = ".git\nnode_modules\ncoverage\ndist\n.env\n.env.*\nnpm-debug.log*\n"


def test_no_source_copy_means_no_code_in_the_image(drills):
    text = (
        "FROM node:22.12-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
        'RUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]\n'
    )
    reasons = " | ".join(
        failed(check_drill(drills("d-layer-order-node"), text, dockerignore=LAYER_IGNORE)).values()
    )
    assert (
        "node cannot find /app/server.js: nothing in the Dockerfile puts that file in the final image"
        in reasons
    )


def test_first_stage_ordered_but_final_stage_copies_first(drills):
    text = (
        "FROM node:22.12-bookworm-slim AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci --omit=dev\n"
        "FROM node:22.12-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n"
        'USER node\nCMD ["node", "server.js"]\n'
    )
    reasons = failed(check_drill(drills("d-layer-order-node"), text, dockerignore=LAYER_IGNORE))
    assert "deps-cached" in reasons


# -- the reviewer's misjudged files, written again in other words ------------------------------


def test_go_env_w_with_target_arch_builds_for_the_target(drills):
    text = (
        "FROM --platform=$BUILDPLATFORM golang:1.24-bookworm AS build\nWORKDIR /src\n"
        "COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nARG TARGETOS TARGETARCH\n"
        "RUN go env -w CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH} && go build -o /out/gw ./cmd/gateway\n"
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/gw /gw\nENTRYPOINT ["/gw"]\n'
    )
    reasons = failed(check_drill(drills("d-multiarch-go-cross"), text))
    assert not any("always builds for" in reason for reason in reasons.values()), reasons


def test_pip3_install_is_a_pip_install(drills):
    text = (
        "# syntax=docker/dockerfile:1\nFROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN --mount=type=cache,target=/root/.cache/pip pip3 install -r requirements.txt\n"
        'COPY . .\nUSER 10001\nCMD ["python", "-m", "reports"]\n'
    )
    result = check_drill(drills("d-pip-cache-mount"), text)
    assert result.passed, failed(result)


def test_sh_reading_the_entrypoint_script_follows_its_exec(drills):
    text = (
        API_HEAD + "COPY api/ api/\nCOPY docker-entrypoint.sh /srv/\nUSER 10001\n"
        'ENTRYPOINT ["sh", "/srv/docker-entrypoint.sh"]\nCMD ["python", "-m", "api"]\n'
    )
    result = check_drill(drills("d-stop-timeout"), text)
    assert result.passed, failed(result)


@pytest.mark.parametrize("mount", ["type=cache,target=/var/cache/dl", "type=tmpfs,target=/var/cache/dl"])
def test_download_into_a_cache_or_tmpfs_mount_is_in_no_layer(drills, mount):
    from prepdeck.build import build_image
    from prepdeck.build.context import BuildContext
    from prepdeck.lint.parser import parse

    text = (
        "# syntax=docker/dockerfile:1\nFROM debian:bookworm-slim\n"
        f"RUN --mount={mount} curl -fsSLo /var/cache/dl/tool.tar.gz https://example.com/tool.tar.gz "
        "&& mkdir -p /opt/tool && tar -xzf /var/cache/dl/tool.tar.gz -C /opt/tool\n"
    )
    built = build_image(parse(text), BuildContext.unknown())
    layers = [entry.path for entry in built.final.fs.history]
    assert "/var/cache/dl/tool.tar.gz" not in layers
    assert "/opt/tool" in layers


def test_cmd_that_repeats_the_distroless_interpreter_cannot_run(drills):
    # distroless python's ENTRYPOINT is python3 already: this runs `python3 python3 -m ledger`
    text = (
        "FROM python:3.11-slim-bookworm AS build\nWORKDIR /src\nCOPY requirements.txt .\n"
        "RUN pip install --no-cache-dir --target=/deps -r requirements.txt\n"
        "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --from=build /deps /deps\nENV PYTHONPATH=/deps\n"
        'WORKDIR /app\nCOPY ledger/ ledger/\nCMD ["python3", "-m", "ledger"]\n'
    )
    reasons = " | ".join(failed(check_drill(drills("d-distroless-python"), text)).values())
    assert "python cannot find /app/python3" in reasons


@pytest.mark.parametrize("tail", ["|| true", "|| :", "; exit 0"])
def test_probe_whose_status_is_swallowed_never_fails(drills, tail):
    text = (
        "FROM node:22.12.0-alpine3.20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n"
        "COPY . .\nUSER node\nEXPOSE 3000\n"
        f"HEALTHCHECK --start-period=30s CMD wget -q -O /dev/null http://127.0.0.1:3000/ready {tail}\n"
        'CMD ["node", "server.js"]\n'
    )
    reasons = " | ".join(failed(check_drill(drills("d-compose-healthy"), text)).values())
    assert "so it exits 0 even when the probe fails" in reasons


@pytest.mark.parametrize(
    ("run", "stays"),
    [
        ("RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*", False),
        ("RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl", True),
        ("RUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*", True),
        ("RUN apt-get update && apt-get install -y curl && apt-get clean", True),
    ],
    ids=["removed-in-the-run", "removed-before-update", "removed-in-a-later-run", "clean-only"],
)
def test_apt_lists_stay_in_the_layer_unless_removed_after_the_update(judge, run, stays):
    requirement = {
        "check": "image_lacks",
        "params": {"paths": ["/var/lib/apt/lists/*"], "what": "the apt lists"},
    }
    result = judge(requirement, f'FROM debian:bookworm-slim\n{run}\nCMD ["curl", "--version"]\n')
    assert result.met is not stays, result.reason
    if stays:
        assert result.reason.startswith("the apt lists is in the layer of line 2")


def test_a_truncated_digest_is_not_a_pin(judge):
    requirement = {"check": "base_image_pinned", "params": {"by": "digest"}}
    result = judge(requirement, 'FROM python:3.12-slim-bookworm@sha256:7d3c5a0e9b1f\nCMD ["python"]\n')
    assert not result.met
    assert "is not a whole digest (sha256: and 64 hex digits)" in result.reason
    whole = "sha256:" + "ab" * 32
    assert judge(requirement, f'FROM python:3.12-slim-bookworm@{whole}\nCMD ["python"]\n').met


def test_mkdir_as_the_service_user_in_a_root_folder_stops_the_build(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt ./\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001:10001\n"
        'RUN mkdir -p /var/lib/notes\nENV NOTES_DB=/var/lib/notes/notes.db\nCMD ["python", "-m", "notes"]\n'
    )
    reasons = " | ".join(failed(check_drill(drills("d-volume-data-dir"), text)).values())
    assert "mkdir on line 7 runs as uid 10001 (USER), but /var/lib belongs to root" in reasons


def test_mkdir_as_the_service_user_in_its_own_folder_builds(judge):
    text = (
        "FROM python:3.12-slim-bookworm\nRUN install -d -o 10001 -g 10001 /srv/data\nUSER 10001:10001\n"
        'RUN mkdir -p /srv/data/cache /tmp/work\nCMD ["python"]\n'
    )
    result = judge({"check": "runs_as_non_root"}, text)
    assert result.met, result.reason


@pytest.mark.parametrize("image", ["node:lts-bookworm-slim", "python:slim-bookworm", "node:current-alpine"])
def test_a_code_name_does_not_pin_a_language_image(judge, image):
    result = judge({"check": "base_image_pinned", "params": {"by": "tag"}}, f'FROM {image}\nCMD ["x"]\n')
    assert not result.met
    assert "names no version" in result.reason


# -- argv compared by meaning (issue 11, third round) ------------------------------------------

NOTES_HEAD = (
    "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt ./\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001:10001\nEXPOSE 8080\n"
)


@pytest.mark.parametrize(
    "lines",
    [
        'CMD ["gunicorn", "--bind=0.0.0.0:8080", "--access-logfile", "-", "notes.wsgi:app"]\n',
        'CMD ["python3", "-m", "gunicorn", "-b", "0.0.0.0:8080", "-w", "3", "notes.wsgi:app"]\n',
        'CMD ["gunicorn", "-b0.0.0.0:8080", "notes.wsgi:app", "--threads", "4"]\n',
        'CMD ["gunicorn", "--bind", "tcp://0.0.0.0:8080", "notes.wsgi:app"]\n',
        'ENV GUNICORN_CMD_ARGS="-b 0.0.0.0:8080 --workers 2"\nCMD ["gunicorn", "notes.wsgi:app"]\n',
        'ENV PORT=8080\nCMD exec gunicorn --bind "0.0.0.0:${PORT}" notes.wsgi:app\n',
    ],
    ids=[
        "equals-and-extra",
        "python-m-short",
        "attached-short-value",
        "tcp-scheme",
        "cmd-args-env",
        "shell-expands",
    ],
)
def test_gunicorn_argv_by_meaning_passes(drills, lines):
    result = check_drill(drills("d-bind-all-interfaces"), NOTES_HEAD + lines)
    assert result.passed, failed(result)


@pytest.mark.parametrize(
    ("lines", "why"),
    [
        ('CMD ["gunicorn", "-b", "127.0.0.1:8080", "notes.wsgi:app"]\n', "127.0.0.1:8080"),
        ('CMD ["gunicorn", "--bind", "0.0.0.0:8080", "--daemon", "notes.wsgi:app"]\n', "--daemon"),
        ('CMD ["gunicorn", "--listen", "0.0.0.0:8080", "notes.wsgi:app"]\n', "no option --listen"),
        ('CMD ["gunicorn", "notes.wsgi:app"]\n', "127.0.0.1:8000"),
        (
            'ENV GUNICORN_CMD_ARGS="--bind 0.0.0.0:8080"\nCMD ["gunicorn", "-b", "localhost:8080", "notes.wsgi:app"]\n',
            "localhost:8080",
        ),
        ('ENV PORT=8080\nCMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "notes.wsgi:app"]\n', "only a shell"),
        (
            'CMD ["python", "-m", "gunicorn", "--bind", "0.0.0.0:8080", "notes.wsgi:other"]\n',
            "notes.wsgi:other",
        ),
    ],
    ids=[
        "loopback",
        "daemon",
        "unknown-option",
        "default-loopback",
        "command-line-wins",
        "literal-var",
        "other-app",
    ],
)
def test_gunicorn_argv_that_means_something_else_fails(drills, lines, why):
    reasons = failed(check_drill(drills("d-bind-all-interfaces"), NOTES_HEAD + lines))
    assert "all-interfaces" in reasons
    assert why in reasons["all-interfaces"]


@pytest.mark.parametrize(
    "cmd",
    [
        '["node", "/app/server.js"]',
        '["node", "./server.js"]',
        '["node", "--enable-source-maps", "server.js"]',
    ],
)
def test_node_script_by_path_or_with_options_is_the_same_program(drills, cmd):
    text = (
        "FROM node:22.12.0-bookworm-slim\n"
        "RUN apt-get update \\\n && apt-get install -y --no-install-recommends tini=0.19.0-1 \\\n"
        " && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci --omit=dev\nCOPY . .\nUSER 1000:1000\n"
        f'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD {cmd}\n'
    )
    result = check_drill(drills("d-exec-form-init"), text)
    assert result.passed, failed(result)


def test_node_running_another_script_fails(drills):
    text = (
        "FROM node:22.12.0-bookworm-slim\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1 "
        "&& rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nUSER 1000:1000\n"
        'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "/srv/server.js"]\n'
    )
    assert "node-directly" in failed(check_drill(drills("d-exec-form-init"), text))


@pytest.mark.parametrize(("arg", "passes"), [("8080", True), ("3000", False)])
def test_expose_reads_the_build_argument(drills, arg, passes):
    text = NOTES_HEAD.replace("EXPOSE 8080\n", f"ARG PORT={arg}\nEXPOSE ${{PORT}}\n")
    text += 'CMD ["gunicorn", "--bind", "0.0.0.0:8080", "notes.wsgi:app"]\n'
    result = check_drill(drills("d-bind-all-interfaces"), text)
    assert result.passed is passes, failed(result)


# -- what /bin/sh is: dash has no pipefail ----------------------------------------------------

AGENT = (
    "ARG AGENT_VERSION=2.4.1\nRUN apt-get update \\\n"
    " && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u* \\\n"
    " && rm -rf /var/lib/apt/lists/*\nCOPY config/ /etc/agent/\nWORKDIR /opt\n"
)
AGENT_TAIL = 'USER 10001:10001\nCMD ["/opt/agent/bin/agent", "--config", "/etc/agent/config.yaml"]\n'
PIPE = 'curl -fsSL "https://downloads.example.com/agent-${AGENT_VERSION}-linux.tar.gz" | tar -xz'


@pytest.mark.parametrize(
    ("run", "stops"),
    [
        (f"RUN set -o pipefail && {PIPE}\n", True),
        (f'SHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN {PIPE}\n', True),
        (f"RUN sh -o pipefail -c '{PIPE}'\n", True),
        (f'SHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN {PIPE}\n', True),
        (f"RUN bash -o pipefail -c '{PIPE}'\n", False),
        (f'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN {PIPE}\n', False),
        (f"RUN <<EOF bash\nset -euo pipefail\n{PIPE}\nEOF\n", False),
        (f"RUN <<EOF\n#!/usr/bin/env bash\nset -euo pipefail\n{PIPE}\nEOF\n", False),
    ],
    ids=[
        "set-in-run",
        "shell-sh",
        "sh-option",
        "no-ash-on-debian",
        "bash-option",
        "shell-bash",
        "heredoc-to-bash",
        "heredoc-shebang",
    ],
)
def test_pipefail_stops_the_build_only_under_dash(drills, run, stops):
    text = "FROM debian:bookworm-slim\n" + AGENT + run + AGENT_TAIL
    reasons = failed(check_drill(drills("d-dockerfile-basics"), text))
    if stops:
        assert "the build stops" in reasons.get("pipefail", "")
    else:
        assert reasons == {}


# -- secrets written by a tool's own config command, or mounted and never read ----------------

REPORTS_HEAD = (
    "# syntax=docker/dockerfile:1\nFROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt ./\n"
)
REPORTS_TAIL = 'COPY . .\nUSER 10001:10001\nCMD ["python", "-m", "reports"]\n'


@pytest.mark.parametrize(
    ("run", "failing", "why"),
    [
        (
            "RUN --mount=type=secret,id=pip_index_url \\\n"
            '    pip config --global set global.index-url "$(cat /run/secrets/pip_index_url)" \\\n'
            " && pip install --no-cache-dir -r requirements.txt\n",
            "no-secret",
            "/etc/pip.conf",
        ),
        (
            "RUN --mount=type=secret,id=pip_index_url,env=PIP_INDEX_URL \\\n"
            '    git config --global url."$PIP_INDEX_URL".insteadOf https://pypi.org/ \\\n'
            " && pip install --no-cache-dir -r requirements.txt\n",
            "no-secret",
            "/root/.gitconfig",
        ),
        (
            "RUN --mount=type=secret,id=pip_index_url,target=/tmp/index pip install --no-cache-dir -r requirements.txt\n",
            "secret-mount",
            "nothing in that RUN reads it",
        ),
        (
            "RUN --mount=type=secret,id=pip_index_url,env=INDEX pip install --no-cache-dir -r requirements.txt\n",
            "secret-mount",
            "the variable INDEX",
        ),
    ],
    ids=["pip-config-global", "git-config-global", "mounted-elsewhere", "env-never-read"],
)
def test_secret_kept_or_never_read_fails(drills, run, failing, why):
    reasons = failed(check_drill(drills("d-history-secret"), REPORTS_HEAD + run + REPORTS_TAIL))
    assert why in reasons.get(failing, ""), reasons


@pytest.mark.parametrize(
    "run",
    [
        "RUN --mount=type=secret,id=pip_index_url,env=PIP_INDEX_URL pip install --no-cache-dir -r requirements.txt\n",
        'RUN --mount=type=secret,id=pip_index_url PIP_INDEX_URL="$(cat /run/secrets/pip_index_url)" '
        "pip install --no-cache-dir -r requirements.txt\n",
        "RUN --mount=type=secret,id=pipconf,target=/etc/pip.conf pip install --no-cache-dir -r requirements.txt\n",
    ],
    ids=["env-pip-reads", "cat-the-file", "at-pip-conf"],
)
def test_secret_read_by_the_run_passes(drills, run):
    result = check_drill(drills("d-history-secret"), REPORTS_HEAD + run + REPORTS_TAIL)
    assert result.passed, failed(result)


def test_secret_mount_read_by_a_script_the_model_cannot_follow_cannot_tell(drills):
    run = (
        "COPY install.sh ./\n"
        "RUN --mount=type=secret,id=pip_index_url ./install.sh && pip install --no-cache-dir -r requirements.txt\n"
    )
    result = check_drill(drills("d-history-secret"), REPORTS_HEAD + run + REPORTS_TAIL)
    secret = next(r for r in result.requirements if r.id == "secret-mount")
    assert not secret.met and secret.undecided and "cannot follow" in secret.reason


def test_npm_config_set_and_userconfig(drills):
    head = (
        "# syntax=docker/dockerfile:1\nFROM node:22.12.0-bookworm-slim\nWORKDIR /app\n"
        "COPY package.json package-lock.json ./\n"
    )
    tail = 'COPY . .\nUSER 1000:1000\nCMD ["node", "server.js"]\n'
    kept = (
        "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n"
        '    npm config set --location=project //npm.pkg.example.com/:_authToken "$NPM_TOKEN" && npm ci --omit=dev\n'
    )
    assert "/app/.npmrc" in failed(check_drill(drills("d-build-secret-npm"), head + kept + tail)).get(
        "no-secret-args", ""
    )
    userconfig = (
        "RUN --mount=type=bind,source=.npmrc,target=/run/npmrc --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n"
        "    npm ci --omit=dev --userconfig=/run/npmrc\n"
    )
    result = check_drill(drills("d-build-secret-npm"), head + userconfig + tail)
    assert result.passed, failed(result)


def test_build_argument_written_to_a_netrc_is_a_secret(drills):
    text = (
        "FROM golang:1.24-bookworm AS build\nARG GIT_CREDS\nWORKDIR /src\nCOPY go.mod go.sum ./\n"
        'RUN echo "$GIT_CREDS" | tee /root/.netrc >/dev/null && go mod download\nCOPY . .\nARG GIT_SHA\n'
        'RUN CGO_ENABLED=0 go build -ldflags="-X main.version=${GIT_SHA}" -o /out/ingest ./cmd/ingest\n\n'
        "FROM gcr.io/distroless/static-debian12:nonroot\nARG GIT_SHA\nARG BUILD_DATE\n"
        'LABEL org.opencontainers.image.source="https://git.example.com/data/ingest" \\\n'
        "      org.opencontainers.image.revision=$GIT_SHA\nENV APP_REVISION=$GIT_SHA\n"
        'COPY --from=build /out/ingest /ingest\nENTRYPOINT ["/ingest"]\n'
    )
    assert "ARG GIT_CREDS" in failed(check_drill(drills("d-ci-oci-labels"), text)).get("no-secret", "")


# -- health probes whose exit status ignores the answer, or that call another port -------------

CATALOG_HEAD = (
    "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt ./\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001:10001\n"
)
UVICORN = 'CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8000"]\n'


@pytest.mark.parametrize(
    ("probe", "why"),
    [
        ('["python", "-c", "import requests; requests.get(\'http://127.0.0.1:8000/healthz\')"]', "status"),
        (
            '["python", "-c", "import urllib.request\\ntry:\\n    urllib.request.urlopen(\'http://localhost:8000/healthz\')\\nexcept Exception:\\n    print(\'down\')"]',
            "except",
        ),
        (
            '["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1/healthz\')"]',
            "port 80",
        ),
        (
            '["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/healthz\')", "||", "exit", "1"]',
            "`||`",
        ),
    ],
    ids=["requests-no-status", "except-prints", "default-port-80", "operator-in-exec-form"],
)
def test_probe_that_cannot_report_the_service_fails(drills, probe, why):
    text = CATALOG_HEAD + f"HEALTHCHECK --start-period=15s CMD {probe}\n" + UVICORN
    reasons = failed(check_drill(drills("d-healthcheck-web"), text))
    assert why in reasons.get("healthcheck-probes", ""), reasons


@pytest.mark.parametrize(
    ("probe", "cmd"),
    [
        (
            '["python", "-c", "import requests; requests.get(\'http://127.0.0.1:8000/healthz\').raise_for_status()"]',
            UVICORN,
        ),
        (
            '["python", "-c", "import sys, urllib.request\\ntry:\\n    urllib.request.urlopen(\'http://127.0.0.1:8080/healthz\')\\nexcept Exception:\\n    sys.exit(1)"]',
            'CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8080"]\n',
        ),
    ],
    ids=["raise-for-status", "port-from-the-command"],
)
def test_probe_that_follows_the_answer_passes(drills, probe, cmd):
    text = CATALOG_HEAD + f"HEALTHCHECK --start-period=15s CMD {probe}\n" + cmd
    result = check_drill(drills("d-healthcheck-web"), text)
    assert result.passed, failed(result)


API_HEAD = (
    "FROM node:22.12.0-alpine3.20\nENV NODE_ENV=production\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
    "RUN npm ci --omit=dev\nCOPY . .\nUSER node\n"
)


@pytest.mark.parametrize(
    ("probe", "passes"),
    [
        (
            '["node", "-e", "fetch(\'http://127.0.0.1:3000/ready\').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]',
            True,
        ),
        (
            '["node", "-e", "fetch(\'http://127.0.0.1:3000/ready\').then(r => { if (!r.ok) process.exit(1) }).catch(() => {})"]',
            False,
        ),
        ('["wget", "-q", "--spider", "http://localhost:3000/ready"]', True),
        ('["wget", "-q", "--spider", "http://localhost:8080/ready"]', False),
    ],
    ids=["fetch-checks-ok", "catch-swallows", "wget", "wget-other-port"],
)
def test_compose_probe_without_expose_uses_the_drill_port(drills, probe, passes):
    text = API_HEAD + f"HEALTHCHECK --start-period=20s CMD {probe}\n" + 'CMD ["node", "server.js"]\n'
    result = check_drill(drills("d-compose-healthy"), text)
    assert result.passed is passes, failed(result)


def test_curl_without_fail_exits_0_on_503():
    from prepdeck.build.probes import status_ignored

    assert "--fail" in status_ignored(["curl", "-s", "http://127.0.0.1:8000/healthz"])
    assert status_ignored(["curl", "-fsS", "http://127.0.0.1:8000/healthz"]) == ""
    assert status_ignored(["/usr/bin/curl", "--fail", "http://127.0.0.1:8000/healthz"]) == ""


# -- where a package puts a program; what /bin/sh does with the last command -------------------

INIT_HEAD = (
    "WORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER 1000:1000\n"
)
APK_TINI = "FROM node:22.12.0-alpine3.20\nRUN apk add --no-cache tini=0.19.0-r3\n"


@pytest.mark.parametrize(
    ("entrypoint", "passes"),
    [("/sbin/tini", True), ("tini", True), ("/usr/bin/tini", False)],
)
def test_alpine_tini_lives_in_sbin(drills, entrypoint, passes):
    text = APK_TINI + INIT_HEAD + f'ENTRYPOINT ["{entrypoint}", "--"]\nCMD ["node", "server.js"]\n'
    reasons = failed(check_drill(drills("d-exec-form-init"), text))
    assert ("init-entrypoint" not in reasons) is passes, reasons


@pytest.mark.parametrize(
    ("base", "cmd", "signals"),
    [
        ("python:3.12-alpine3.20", "CMD gunicorn --bind 0.0.0.0:8080 notes.wsgi:app", True),
        ("python:3.12-alpine3.20", "CMD cd /app && gunicorn --bind 0.0.0.0:8080 notes.wsgi:app", True),
        ("python:3.12-alpine3.20", "CMD gunicorn --bind 0.0.0.0:8080 notes.wsgi:app | tee /tmp/log", False),
        ("python:3.12-slim-bookworm", "CMD gunicorn --bind 0.0.0.0:8080 notes.wsgi:app", False),
        (
            "python:3.12-slim-bookworm",
            'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD gunicorn --bind 0.0.0.0:8080 notes.wsgi:app',
            True,
        ),
    ],
    ids=["busybox-execs", "busybox-execs-after-and", "pipeline-forks", "dash-forks", "bash-execs"],
)
def test_a_shell_that_execs_its_last_command_hands_pid1_over(drills, base, cmd, signals):
    text = NOTES_HEAD.replace("python:3.12-slim-bookworm", base) + cmd + "\n"
    reasons = failed(check_drill(drills("d-bind-all-interfaces"), text))
    assert ("signals" not in reasons) is signals, reasons
    if not signals and "dash" in base + cmd:
        assert "dash" in reasons["signals"]


def test_archive_moved_out_of_an_unlisted_folder_is_not_called_a_file(drills):
    text = (
        "FROM debian:bookworm-slim\nRUN apt-get update \\\n"
        " && apt-get install -y --no-install-recommends ca-certificates=20230311* curl=7.88.1-10+deb12u* \\\n"
        " && rm -rf /var/lib/apt/lists/*\n"
        "RUN curl -fsSL -o /tmp/t.tar.gz https://downloads.example.com/tilemaker-4.2-linux-amd64.tar.gz \\\n"
        " && tar -xzf /tmp/t.tar.gz -C /opt && mv /opt/tilemaker-4.2 /opt/tilemaker && rm /tmp/t.tar.gz\n"
        'COPY render.sh /usr/local/bin/render\nUSER 10001:10001\nENTRYPOINT ["/usr/local/bin/render"]\n'
    )
    result = check_drill(drills("d-history-bloat"), text)
    assert result.passed, failed(result)


def test_apt_lists_removed_before_update_stay_in_the_layer(drills):
    run = (
        "RUN rm -rf /var/lib/apt/lists/* && apt-get update "
        "&& apt-get install -y --no-install-recommends tini=0.19.0-1\n"
    )
    text = (
        "FROM node:22.12.0-bookworm-slim\n"
        + run
        + INIT_HEAD
        + 'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]\n'
    )
    reasons = failed(check_drill(drills("d-exec-form-init"), text))
    assert set(reasons) == {"lists-removed"}, reasons


@pytest.mark.parametrize(("tag", "slim"), [("slim", True), ("slim-bookworm", True), ("3.12-bookworm", False)])
def test_slim_base_reads_the_variant_in_any_tag(drills, tag, slim):
    text = f'FROM python:{tag}\nWORKDIR /app\nCOPY . .\nUSER 10001:10001\nCMD ["python", "-m", "invoices"]\n'
    reasons = failed(check_drill(drills("d-pin-slim-base"), text))
    assert ("slim-base" not in reasons) is slim, reasons


def test_secret_found_through_an_env_variable_of_the_stage_is_read(drills):
    run = (
        "ENV PIP_CONFIG_FILE=/run/secrets/pipconf\n"
        "RUN --mount=type=secret,id=pipconf pip install --no-cache-dir -r requirements.txt\n"
    )
    result = check_drill(drills("d-history-secret"), REPORTS_HEAD + run + REPORTS_TAIL)
    assert "secret-mount" not in failed(result), failed(result)


@pytest.mark.parametrize("cmd", ['["python", "-Bu", "-m", "invoices"]', '["python3", "-um", "invoices"]'])
def test_python_flags_written_together_are_the_same_program(drills, cmd):
    text = f"FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY . .\nUSER 10001:10001\nCMD {cmd}\n"
    assert "runs-invoices" not in failed(check_drill(drills("d-pin-slim-base"), text))
