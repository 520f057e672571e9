"""Causes behind the blind sets' misjudged files (issue 11, session 5), each written afresh in an
idiom other than the fixture's: a broken image fails on the build fact at fault, a valid idiom passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.content.catalog import load_catalog
from prepdeck.drills import check_drill

PACK = Path(__file__).resolve().parents[3] / "content" / "docker"


@pytest.fixture(scope="module")
def drills():
    catalog = load_catalog([str(PACK)])
    return lambda drill_id: catalog.find_item(drill_id, "drills")[1]


def failed(result) -> dict[str, str]:
    """requirement id -> reason, for the requirements that keep the file from passing."""
    return {r.id: r.reason for r in result.requirements if r.blocks_pass}


NODE_APP = "WORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\n"
TINI_APT = (
    "FROM node:22.12.0-bookworm-slim\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1 "
    "&& rm -rf /var/lib/apt/lists/*\n"
)


# -- an init in CMD is lost when the command is replaced -------------------------------------


def test_init_named_in_cmd_only_is_replaced_by_run_arguments(drills):
    text = TINI_APT + NODE_APP + 'CMD ["/usr/bin/tini", "-g", "--", "node", "server.js"]\n'
    reasons = failed(check_drill(drills("d-exec-form-init"), text))
    assert "started by CMD" in reasons["init-entrypoint"]
    assert "put tini in ENTRYPOINT" in reasons["init-entrypoint"]


def test_debian_tini_package_ships_tini_static(drills):
    text = TINI_APT + NODE_APP + 'ENTRYPOINT ["tini-static", "--"]\nCMD ["node", "server.js"]\n'
    result = check_drill(drills("d-exec-form-init"), text)
    assert result.passed, failed(result)


def test_alpine_tini_package_has_no_tini_static(drills):
    text = (
        "FROM node:22.12.0-alpine3.21\nRUN apk add --no-cache tini=0.19.0-r3\n"
        + NODE_APP
        + 'ENTRYPOINT ["/sbin/tini-static", "--"]\nCMD ["node", "server.js"]\n'
    )
    reasons = failed(check_drill(drills("d-exec-form-init"), text))
    assert "tini-static" in reasons["init-entrypoint"]


# -- pip run by a virtual environment's python ------------------------------------------------


def test_venv_python_dash_m_pip_installs_into_the_venv(drills):
    text = (
        "FROM python:3.11-slim-bookworm AS deps\nRUN python3 -m venv /venv\nCOPY requirements.txt /tmp/\n"
        "RUN /venv/bin/python3 -m pip install --no-cache-dir -r /tmp/requirements.txt\n"
        "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --from=deps /venv/lib/python3.11/site-packages /deps\n"
        "ENV PYTHONPATH=/deps\nWORKDIR /app\nCOPY ledger ./ledger\n"
        'ENTRYPOINT ["python3", "-m", "ledger"]\n'
    )
    result = check_drill(drills("d-distroless-python"), text)
    assert result.passed, failed(result)


def test_system_python_dash_m_pip_is_not_taken_for_a_venv(drills):
    text = (
        "FROM python:3.11-slim-bookworm AS deps\nRUN python3 -m venv /venv\nCOPY requirements.txt /tmp/\n"
        "RUN /usr/local/bin/python3 -m pip install --no-cache-dir -r /tmp/requirements.txt\n"
        "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY --from=deps /venv /venv\n"
        "ENV PYTHONPATH=/venv/lib/python3.11/site-packages\nWORKDIR /app\nCOPY ledger ./ledger\n"
        'ENTRYPOINT ["python3", "-m", "ledger"]\n'
    )
    assert "deps-reach-final" in failed(check_drill(drills("d-distroless-python"), text))


# -- the npm token: the secret by its id, and the variable the .npmrc really expands ----------

NPM_HEAD = "FROM node:22.12.0-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
NPM_TAIL = 'COPY . .\nUSER 1000:1000\nCMD ["node", "server.js"]\n'


def test_secret_mounted_at_its_own_path_and_read_there_passes(drills):
    text = (
        NPM_HEAD
        + "RUN --mount=type=secret,id=npm_token,target=/secrets/npm,required \\\n"
        + "    --mount=type=bind,source=.npmrc,target=/root/.npmrc \\\n"
        + '    NPM_TOKEN="$(cat /secrets/npm)" npm ci --omit=dev\n'
        + NPM_TAIL
    )
    result = check_drill(drills("d-build-secret-npm"), text)
    assert result.passed, failed(result)


def test_secret_with_another_id_is_not_the_npm_token(drills):
    text = (
        NPM_HEAD
        + "RUN --mount=type=secret,id=registry,env=NPM_TOKEN \\\n"
        + "    --mount=type=bind,source=.npmrc,target=/root/.npmrc npm ci --omit=dev\n"
        + NPM_TAIL
    )
    assert "id=npm_token" in failed(check_drill(drills("d-build-secret-npm"), text))["secret-mount"]


@pytest.mark.parametrize("variable", ["NODE_AUTH_TOKEN", "GH_TOKEN", "YARN_NPM_AUTH_TOKEN"])
def test_token_under_a_name_the_npmrc_does_not_expand_reaches_nothing(drills, variable):
    text = (
        NPM_HEAD
        + f"RUN --mount=type=secret,id=npm_token,env={variable} \\\n"
        + "    --mount=type=bind,source=.npmrc,target=/root/.npmrc npm ci --omit=dev\n"
        + NPM_TAIL
    )
    reason = failed(check_drill(drills("d-build-secret-npm"), text))["secret-mount"]
    assert "nothing in that RUN reads it" in reason
    assert "${NPM_TOKEN}" in reason


def test_variable_in_an_npmrc_the_drill_does_not_show_cannot_be_told(make_drill):
    drill = make_drill(
        {"check": "run_mount", "params": {"type": "secret", "id": "tok"}},
        context={"files": ["package.json", ".npmrc"]},
    )
    text = "FROM node:22-slim\nCOPY package.json .npmrc ./\nRUN --mount=type=secret,id=tok,env=NODE_AUTH_TOKEN npm ci\n"
    result = check_drill(drill, text).requirements[0]
    assert not result.met and result.undecided
    assert ".npmrc" in result.reason


# -- copies into the root folder -------------------------------------------------------------


@pytest.mark.parametrize(
    "copy",
    [
        "COPY package.json ./\n",
        "WORKDIR /\nCOPY package.json server.js /\n",
        "COPY --from=build /out/api /\n",
        "COPY <<EOF /\nhello\nEOF\n",
        "RUN cp /etc/hostname / && mv /hostname /srv\n",
    ],
)
def test_copying_into_the_root_folder_is_modelled(make_drill, copy):
    drill = make_drill(
        {"check": "image_lacks", "params": {"paths": ["**/.env"]}},
        context={"files": ["package.json", "server.js"]},
    )
    text = "FROM golang:1.24 AS build\nRUN go build -o /out/api .\nFROM debian:bookworm-slim\n" + copy
    assert check_drill(drill, text).passed


# -- archives the drill says the build downloads ----------------------------------------------

RELEASE = {
    "files": ["etc/settings.ini"],
    "downloads": [
        {
            "url": "https://get.example.org/tool/v*/tool-linux.tgz",
            "files": [{"path": "tool-1/bin/tool", "mode": "0755"}, "tool-1/share/doc.txt"],
        },
        {"url": "https://get.example.org/plugins.zip", "files": ["plugins/a.so", "plugins/b.so"]},
    ],
}
TOOL_BASE = "FROM ubuntu:24.04\nARG V=3.1\nRUN apt-get update && apt-get install -y curl wget unzip\n"


@pytest.mark.parametrize(
    "unpack",
    [
        # old-style flags, the file named after a download into /tmp
        "RUN wget -q -O /tmp/t.tgz https://get.example.org/tool/v$V/tool-linux.tgz "
        "&& tar xzf /tmp/t.tgz -C /usr/local --strip-components 1 && rm /tmp/t.tgz\n"
        'CMD ["/usr/local/bin/tool"]\n',
        # ADD of the URL, then the file unpacked under a WORKDIR
        "ADD https://get.example.org/tool/v${V}/tool-linux.tgz /tmp/\nWORKDIR /srv\n"
        'RUN tar --extract --file=/tmp/tool-linux.tgz\nCMD ["/srv/tool-1/bin/tool"]\n',
        # piped into tar inside `bash -c`, one member asked for
        "RUN bash -euo pipefail -c 'curl -sSL https://get.example.org/tool/v$V/tool-linux.tgz "
        "| tar -xzf - -C /opt tool-1/bin'\n"
        'CMD ["/opt/tool-1/bin/tool"]\n',
    ],
)
def test_a_declared_archive_unpacks_its_files(make_drill, unpack):
    program = unpack.rsplit('CMD ["', 1)[1].split('"')[0]
    drill = make_drill({"check": "program_available", "params": {"name": program}}, context=RELEASE)
    result = check_drill(drill, TOOL_BASE + unpack).requirements[0]
    assert result.met, result.reason


def test_members_left_out_or_stripped_away_are_not_there(make_drill):
    drill = make_drill(
        {"check": "image_has_file", "params": {"path": "/opt/tool-1/share/doc.txt"}},
        {"check": "program_available", "params": {"name": "/opt/bin/tool"}},
        context=RELEASE,
    )
    text = (
        TOOL_BASE
        + "RUN curl -fsSL https://get.example.org/tool/v$V/tool-linux.tgz | tar -xz -C /opt --exclude='*.txt'\n"
    )
    doc, tool = check_drill(drill, text).requirements
    assert not doc.met and not doc.undecided
    assert not tool.met and "/opt/tool-1/bin/tool" in tool.reason


def test_zip_download_unpacked_with_unzip(make_drill):
    drill = make_drill({"check": "image_has_file", "params": {"path": "/app/plugins/b.so"}}, context=RELEASE)
    text = TOOL_BASE + (
        "RUN curl -fsSLo /tmp/p.zip https://get.example.org/plugins.zip && unzip -q /tmp/p.zip -d /app\n"
    )
    assert check_drill(drill, text).requirements[0].met


def test_an_archive_the_drill_does_not_describe_cannot_be_told(make_drill):
    drill = make_drill({"check": "program_available", "params": {"name": "/opt/x/bin/x"}}, context=RELEASE)
    text = TOOL_BASE + "RUN curl -fsSL https://elsewhere.example/x.tgz | tar -xz -C /opt\n"
    result = check_drill(drill, text).requirements[0]
    assert not result.met and result.undecided


# -- `sh -c '...'` in a RUN is modelled like the RUN's own commands ---------------------------


def test_commands_inside_sh_c_change_the_image(make_drill):
    drill = make_drill(
        {"check": "image_has_file", "params": {"path": "/data", "kind": "dir", "owner": "10001"}},
        {"check": "image_lacks", "params": {"paths": ["/var/lib/apt/lists/*"]}},
    )
    text = "FROM debian:bookworm-slim\nRUN sh -c 'mkdir -p /data && chown 10001 /data' && apt-get update\n"
    made, lists = check_drill(drill, text).requirements
    assert made.met, made.reason
    assert not lists.met


def test_pipefail_set_inside_bash_c_does_not_stop_a_debian_build(make_drill):
    drill = make_drill({"check": "image_has_file", "params": {"path": "/srv/out.txt"}})
    text = "FROM debian:bookworm-slim\nRUN bash -c 'set -o pipefail; echo hi | tee /srv/out.txt'\n"
    result = check_drill(drill, text).requirements[0]
    assert result.met, result.reason


def test_a_cd_inside_sh_c_does_not_move_the_rest_of_the_run(make_drill):
    drill = make_drill({"check": "image_has_file", "params": {"path": "/work/b"}})
    text = "FROM debian:bookworm-slim\nWORKDIR /work\nRUN sh -c 'cd /tmp && touch a' && touch b\n"
    result = check_drill(drill, text).requirements[0]
    assert result.met, result.reason


def test_the_bare_token_mounted_where_npm_reads_its_config_is_no_npmrc(drills):
    text = NPM_HEAD + "RUN --mount=type=secret,id=npm_token,dst=/root/.npmrc npm ci --omit=dev\n" + NPM_TAIL
    reason = failed(check_drill(drills("d-build-secret-npm"), text))["secret-mount"]
    assert "holds the token itself" in reason and "/root/.npmrc" in reason


def test_a_secret_holding_a_whole_config_file_may_be_mounted_as_one(make_drill):
    drill = make_drill({"check": "run_mount", "params": {"type": "secret", "id": "pipconf"}})
    text = (
        "FROM python:3.12-slim\nRUN --mount=type=secret,id=pipconf,target=/etc/pip.conf pip install flask\n"
    )
    assert check_drill(drill, text).passed
