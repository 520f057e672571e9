"""`.hadolint.yaml` reading and pragma collection."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.lint import parse
from prepdeck.lint.config import ConfigError, LintConfig, default_config_path, load_config, read_pragmas


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".hadolint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_hadolint_key_is_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "failure-threshold: warning\n"
            "ignored: [DL3008, dl3015]\n"
            "override:\n  error: [DL3007]\n  info: [DL3057]\n"
            "trustedRegistries:\n  - docker.io\n  - '*.gcr.io'\n"
            "label-schema:\n  author: text\n  version: semver\n"
            "strict-labels: true\n"
            "disable-ignore-pragma: true\n"
            "no-color: true\n",
        )
    )
    assert config == LintConfig(
        ignored=frozenset({"DL3008", "DL3015"}),
        overrides={"DL3007": "error", "DL3057": "info"},
        failure_threshold="warning",
        trusted_registries=("docker.io", "*.gcr.io"),
        label_schema={"author": "text", "version": "semver"},
        strict_labels=True,
        disable_ignore_pragma=True,
    )


def test_an_empty_file_is_the_default_config(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "")) == LintConfig()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ignored: [DL3008\n", ".hadolint.yaml:2:1: error [config] the config is not valid YAML"),
        ("- a\n- b\n", "the config must be a mapping"),
        ("override:\n  fatal: [DL3007]\n", "unknown level `fatal` under `override`"),
        ("failure-threshold: severe\n", "`failure-threshold` must be one of"),
        ("ignored: {a: 1}\n", "`ignored` must be a list of rule codes"),
        ("trustedRegistries: 5\n", "`trustedRegistries` must be a list"),
    ],
)
def test_bad_configs_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert message in str(error.value)


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config(tmp_path / "nope.yaml")


def test_default_config_is_found_in_the_folder(tmp_path: Path) -> None:
    assert default_config_path(tmp_path) is None
    (tmp_path / ".hadolint.yml").write_text("ignored: [DL3000]\n")
    assert default_config_path(tmp_path) == tmp_path / ".hadolint.yml"


def test_with_ignored_and_level_for() -> None:
    config = LintConfig(overrides={"DL3007": "error"}).with_ignored(["dl3000"])
    assert config.ignored == frozenset({"DL3000"})
    assert (
        config.level_for("DL3007", "warning") == "error"
        and config.level_for("DL3006", "warning") == "warning"
    )


def test_pragmas_map_to_the_next_instruction() -> None:
    df = parse(
        "# hadolint global ignore=DL3006\n"
        "FROM a\n"
        "# hadolint ignore=DL3008, DL3015\n"
        "\n"
        "RUN apt-get install x\n"
        "# prepdeck ignore=PD001\n"
        "COPY . .\n"
        "# hadolint ignore=DL9999\n"
    )
    pragmas = read_pragmas(df)
    assert pragmas.file_codes == {"DL3006"}
    assert pragmas.by_instruction == {1: {"DL3008", "DL3015"}, 2: {"PD001"}}
    assert len(pragmas.pragma_comments) == 4


def test_check_directive_is_read() -> None:
    pragmas = read_pragmas(parse("# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM a:1\n"))
    assert pragmas.skip_checks == {"jsonargsrecommended", "stagenamecasing"} and pragmas.checks_are_errors
