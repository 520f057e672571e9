"""The teaching text of the RUN-family, PD and BuildKit rules: complete, pointing at real pack
sections, and with examples that behave as they claim (the bad one fires, the good one does not)."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.config import config_from_mapping
from prepdeck.lint.registry import Rule, all_rules

FAMILIES = frozenset(
    {
        "apt",
        "apk",
        "pip",
        "npm",
        "gem",
        "golang",
        "rpm",
        "shell_tools",
        "layers",
        "labels",
        "secrets",
        "pd_cache_order",
        "pd_runtime",
        "pd_images",
        "pd_downloads",
        "pd_context",
        "buildkit",
    }
)
PACK_SECTIONS = frozenset(
    {
        "linux-primitives",
        "runtime-stack",
        "image-internals",
        "build-cache",
        "entrypoint-cmd",
        "pid1-signals",
        "logging",
        "storage-drivers",
        "security-model",
        "production-readiness",
        "multi-stage",
        "base-images",
        "runtime-hardening",
        "build-optimisation",
        "production-checklist",
        "anti-patterns",
        "interview-questions",
    }
)
# Label rules need a schema naming the label their examples use.
OCI = "org.opencontainers.image."
LABEL_SCHEMAS = {
    "DL3049": {OCI + "source": "url"},
    "DL3050": {OCI + "vendor": "text"},
    "DL3051": {OCI + "title": "text"},
    "DL3052": {OCI + "source": "url"},
    "DL3053": {OCI + "created": "rfc3339"},
    "DL3054": {OCI + "licenses": "spdx"},
    "DL3055": {OCI + "revision": "hash"},
    "DL3056": {OCI + "version": "semver"},
    "DL3058": {OCI + "authors": "email"},
}
NEEDS_A_CONTEXT = frozenset({"PD015", "CopyIgnoredFile"})  # examples exercised in test_rules_context.py


def family_rules() -> list[Rule]:
    return [rule for rule in all_rules() if rule.check.__module__.rsplit(".", 1)[-1] in FAMILIES]


def test_the_families_cover_the_expected_codes() -> None:
    codes = {rule.code for rule in family_rules()}
    expected = {
        "DL3008",
        "DL3009",
        "DL3014",
        "DL3015",
        "DL3027",
        "DL3018",
        "DL3019",
        "DL3013",
        "DL3042",
        "DL3016",
        "DL3060",
        "DL3028",
        "DL3062",
        "DL3030",
        "DL3032",
        "DL3033",
        "DL3034",
        "DL3035",
        "DL3036",
        "DL3037",
        "DL3038",
        "DL3040",
        "DL3041",
        "DL3001",
        "DL3003",
        "DL3004",
        "DL3046",
        "DL3047",
        "DL4001",
        "DL4005",
        "DL4006",
        "DL3059",
        "DL3064",
        *(f"DL30{n}" for n in (49, 50, 51, 52, 53, 54, 55, 56, 58)),
        *(f"PD{n:03d}" for n in range(1, 16)),
        "StageNameCasing",
        "FromAsCasing",
        "NoEmptyContinuation",
        "ConsistentInstructionCasing",
        "JSONArgsRecommended",
        "UndefinedArgInFrom",
        "UndefinedVar",
        "MultipleInstructionsDisallowed",
        "LegacyKeyValueFormat",
        "InvalidDefaultArgInFrom",
        "ExposeProtoCasing",
        "ExposeInvalidFormat",
        "CopyIgnoredFile",
        "InvalidDefinitionDescription",
    }
    assert codes == expected


@pytest.mark.parametrize("rule", family_rules(), ids=lambda rule: rule.code)
def test_teaching_text_is_complete(rule: Rule) -> None:
    assert rule.title and rule.fix and rule.bad and rule.good
    assert len(rule.rationale) >= 120, "a rationale a candidate could repeat in an interview"
    assert rule.bad != rule.good
    assert rule.section is None or rule.section in PACK_SECTIONS
    if rule.code.startswith("PD"):
        assert rule.origin == "prepdeck"
    elif rule.code.startswith("DL"):
        assert rule.origin == "hadolint"
    else:
        assert rule.origin == "buildkit" and rule.buildkit_name == rule.code


@pytest.mark.parametrize(
    "rule", [rule for rule in family_rules() if rule.code not in NEEDS_A_CONTEXT], ids=lambda rule: rule.code
)
def test_bad_example_fires_and_good_example_does_not(rule: Rule) -> None:
    schema = LABEL_SCHEMAS.get(rule.code)
    settings = {"label-schema": schema, "strict-labels": True} if schema else {}
    if rule.same_as:  # silent where the rule it repeats fires
        settings["ignored"] = list(rule.same_as)
    config = (
        config_from_mapping({**settings, "override": {"info": [rule.code]}})
        if rule.severity == "ignore" or schema or rule.same_as
        else None
    )
    assert rule.code in [finding.code for finding in lint_text(rule.bad, config=config).findings]
    assert rule.code not in [finding.code for finding in lint_text(rule.good, config=config).findings]


def test_every_rule_section_is_a_section_of_the_docker_pack() -> None:
    from prepdeck.content import load_pack

    loaded = load_pack("content/docker")
    assert loaded.pack is not None, loaded.problems
    section_ids = {section.id for section in loaded.pack.sections}
    unknown = {
        rule.code: rule.section
        for rule in all_rules()
        if rule.section is not None and rule.section not in section_ids
    }
    assert unknown == {}
