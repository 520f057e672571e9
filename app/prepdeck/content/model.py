"""The pack format, version 1: pydantic models that are the one source of truth.

Validation, the JSON Schema (`prepdeck pack schema`) and editor autocompletion all come from these
classes, so a field's docstring here is what an instructor sees on hover.

Ids are the contract with the learner's progress: progress is stored under (pack id, item id).
Renaming an item loses its progress unless the new item lists the old id under `replaces`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
CLOZE_PATTERN = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)

ItemId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1)]
Difficulty = Literal["easy", "medium", "hard"]
Level = Literal["error", "warning", "info", "style"]


class Model(BaseModel):
    """Unknown keys are errors (with a "did you mean"); `x-*` keys are stripped by the loader."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )


# --- the pack's own description -------------------------------------------------------------


class Author(Model):
    name: Text
    email: str | None = None
    url: str | None = None


class PackMeta(Model):
    id: ItemId = Field(description="kebab-case and permanent: learners' progress is stored under it")
    title: Text
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] = Field(
        description='SemVer as a quoted string, e.g. "1.0.0"'
    )
    summary: str = ""
    language: str = "en"
    license: str | None = Field(default=None, description="an SPDX license id, e.g. CC-BY-4.0")
    authors: list[Author] = Field(default_factory=list)
    requires_app: str | None = Field(default=None, description='a version specifier, e.g. ">=0.1"')
    tags: list[str] = Field(default_factory=list)
    welcome: str = Field(default="", description="shown on the learner's first run (Markdown)")


# --- theory ---------------------------------------------------------------------------------


class Reference(Model):
    title: Text
    url: Text


class Section(Model):
    id: ItemId
    title: Text
    body: str | None = Field(default=None, description="Markdown text; or use body_file")
    body_file: str | None = Field(default=None, description="a Markdown file inside the pack folder")
    references: list[Reference] = Field(default_factory=list)
    prerequisites: list[ItemId] = Field(default_factory=list, description="ids of sections to read first")

    @model_validator(mode="after")
    def _one_body(self) -> Section:
        if (self.body is None) == (self.body_file is None):
            raise ValueError("a section needs exactly one of `body` and `body_file`")
        return self


# --- cards ----------------------------------------------------------------------------------


class CardBase(Model):
    id: ItemId
    section: ItemId | None = None
    hint: str | None = None
    extra: str | None = Field(default=None, description="shown after the answer")
    tags: list[str] = Field(default_factory=list)
    difficulty: Difficulty | None = None
    replaces: list[ItemId] = Field(
        default_factory=list, description="old ids whose progress carries over to this item"
    )

    def variants(self) -> list[str]:
        """The sides a learner reviews separately (each has its own schedule)."""
        return ["main"]


class BasicCard(CardBase):
    type: Literal["basic"]
    front: Text
    back: Text


class ReversedCard(CardBase):
    """Reviewed both ways: front to back and back to front."""

    type: Literal["reversed"]
    front: Text
    back: Text

    def variants(self) -> list[str]:
        return ["forward", "reverse"]


class ClozeCard(CardBase):
    """`{{c1::answer}}` or `{{c1::answer::hint}}`; each c-number is reviewed as its own card."""

    type: Literal["cloze"]
    text: Text

    def deletion_numbers(self) -> list[int]:
        return sorted({int(match.group(1)) for match in CLOZE_PATTERN.finditer(self.text)})

    def variants(self) -> list[str]:
        return [f"c{number}" for number in self.deletion_numbers()]


class AnswerMatch(Model):
    case: bool = Field(default=False, description="true: letter case must match")
    trim: bool = Field(default=True, description="ignore surrounding white space")
    fuzzy: int | None = Field(
        default=None, ge=0, le=100, description="accept answers this similar (0-100) to an accepted one"
    )


class TypeInCard(CardBase):
    type: Literal["type_in"]
    prompt: Text
    answers: list[Text] = Field(min_length=1, description="every accepted answer")
    match: AnswerMatch = AnswerMatch()


class ChoiceOption(Model):
    text: Text
    correct: bool = False
    why: str | None = Field(
        default=None, description="shown after answering: why this option is right or wrong"
    )


class ChoiceCard(CardBase):
    """Exactly one option is correct."""

    type: Literal["choice"]
    prompt: Text
    options: list[ChoiceOption] = Field(min_length=2)


class MultiChoiceCard(CardBase):
    """One or more options are correct; the learner picks all of them."""

    type: Literal["multi_choice"]
    prompt: Text
    options: list[ChoiceOption] = Field(min_length=2)


class OrderCard(CardBase):
    """`items` are listed in the correct order; the learner sees them shuffled."""

    type: Literal["order"]
    prompt: Text
    items: list[Text] = Field(min_length=2)


Card = Annotated[
    BasicCard | ReversedCard | ClozeCard | TypeInCard | ChoiceCard | MultiChoiceCard | OrderCard,
    Field(discriminator="type"),
]
CARD_TYPES = ("basic", "reversed", "cloze", "type_in", "choice", "multi_choice", "order")


# --- interview questions --------------------------------------------------------------------


class KeyPoint(Model):
    id: ItemId
    label: Text = Field(description="a short name for the point, shown as covered or missed")
    aliases: list[Text] = Field(
        min_length=1, description="phrases that count as covering the point when found in an answer"
    )
    weight: float = Field(default=1.0, gt=0)
    about: list[Text] = Field(
        default_factory=list,
        description="what the point is about, with its other names (e.g. [namespaces, namespace]): the "
        "point then counts only when its claim is bound to that subject, and a claim bound to another "
        "point's subject is a swapped role",
    )
    contradicted_by: list[Text] = Field(
        default_factory=list, description="claims that contradict the point (matched like aliases)"
    )


class Misconception(Model):
    claim: Text = Field(description="a wrong claim, matched like an alias (a negated claim does not count)")
    about: list[Text] = Field(default_factory=list, description="the subject the claim must be bound to")
    correction: str | None = Field(default=None, description="the correct claim, shown to the learner")


class Question(Model):
    id: ItemId
    section: ItemId | None = None
    level: Literal["junior", "mid", "senior"] = "mid"
    prompt: Text
    model_answer: Text
    key_points: list[KeyPoint] = Field(min_length=1)
    misconceptions: list[Text | Misconception] = Field(
        default_factory=list, description="wrong claims: a phrase, or a claim with `about` and `correction`"
    )
    follow_ups: list[Text] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    difficulty: Difficulty | None = None
    replaces: list[ItemId] = Field(default_factory=list)

    def variants(self) -> list[str]:
        return ["main"]


# --- drills and their requirement vocabulary -------------------------------------------------


class RequirementBase(Model):
    id: ItemId
    message: Text = Field(description="what the learner must do, shown in the checklist")
    hint: str | None = None
    severity: Literal["error", "warning"] = Field(
        default="error", description="warning requirements are shown but do not block a pass"
    )


class NoParams(Model):
    pass


class MinStagesParams(Model):
    count: int = Field(ge=1, description="at least this many FROM stages")


class MinStages(RequirementBase):
    """At least `count` stages (FROM lines): a multi-stage build."""

    check: Literal["min_stages"]
    params: MinStagesParams


class FinalUserNotRoot(RequirementBase):
    """The final stage (or a stage it builds on with FROM <stage>) sets USER to a user other than root or 0."""

    check: Literal["final_user_not_root"]
    params: NoParams = NoParams()


class InstructionParams(Model):
    instruction: Text = Field(description="e.g. HEALTHCHECK, USER, COPY")
    stage: Literal["final", "any"] = Field(
        default="final", description="final: the final stage; any: the whole file"
    )
    flag: str | None = Field(
        default=None,
        description="the instruction must carry this flag, e.g. chown; from=build for an exact value",
    )
    args_regex: str | None = Field(
        default=None, description="a regular expression searched in its arguments (the text after its flags)"
    )


class InstructionPresent(RequirementBase):
    """At least one instruction of that kind, with the flag and arguments given, in the stage."""

    check: Literal["instruction_present"]
    params: InstructionParams


class InstructionAbsent(RequirementBase):
    """No instruction of that kind (with the flag and arguments given, if any) in the stage."""

    check: Literal["instruction_absent"]
    params: InstructionParams


class ExecFormParams(Model):
    instructions: list[Literal["CMD", "ENTRYPOINT", "RUN", "SHELL", "HEALTHCHECK"]] = ["CMD", "ENTRYPOINT"]


class ExecForm(RequirementBase):
    """Every instruction of the named kinds, anywhere in the file, uses the JSON (exec) form."""

    check: Literal["exec_form"]
    params: ExecFormParams = ExecFormParams()


class BaseImageParams(Model):
    by: Literal["tag", "digest"] = Field(
        default="tag", description="tag: a version tag (not latest) or a digest"
    )
    stage: Literal["all", "final"] = Field(
        default="all", description="all: every stage's image; final: the image the final stage is built on"
    )
    match: list[str] = Field(
        default_factory=list, description="globs the image must match (any one), e.g. gcr.io/distroless/*"
    )


class BaseImagePinned(RequirementBase):
    """Base images pinned by a version tag (not latest) or a digest, and matching `match` when given."""

    check: Literal["base_image_pinned"]
    params: BaseImageParams = BaseImageParams()


class CopyBeforeRunParams(Model):
    copy_: str = Field(alias="copy", description="a glob of a COPY source, e.g. package*.json")
    run: Text = Field(description="a piece of the RUN command, e.g. npm ci")

    model_config = ConfigDict(populate_by_name=True)


class CopyBeforeRun(RequirementBase):
    """The first RUN containing `run` comes after a COPY matching `copy`, and after no COPY of the whole context."""

    check: Literal["copy_before_run"]
    params: CopyBeforeRunParams


class RunMountParams(Model):
    type: Literal["cache", "secret", "bind", "ssh", "tmpfs"]
    target: str | None = Field(
        default=None, description="the mount target; a secret defaults to /run/secrets/<id>"
    )
    run: str | None = Field(default=None, description="only a RUN whose command contains this")


class RunMount(RequirementBase):
    """Some RUN (containing `run`, if given) has a --mount of that type (and target)."""

    check: Literal["run_mount"]
    params: RunMountParams


class NoSecrets(RequirementBase):
    """No ARG or ENV whose name or value looks like a credential (docs/drills.md lists what counts)."""

    check: Literal["no_secrets"]
    params: NoParams = NoParams()


class RuleAbsentParams(Model):
    codes: list[Text] = Field(min_length=1, description="lint rule codes, e.g. DL3008")


class RuleAbsent(RequirementBase):
    """No lint finding with one of these codes."""

    check: Literal["rule_absent"]
    params: RuleAbsentParams


class MaxLevelParams(Model):
    level: Level = Field(description="no lint finding at or above this level")


class MaxLevel(RequirementBase):
    """No lint finding at this level or a more severe one (error > warning > info > style)."""

    check: Literal["max_level"]
    params: MaxLevelParams


class RegexParams(Model):
    pattern: Text
    must_match: bool = True


class RegexRequirement(RequirementBase):
    """The last resort: a regular expression over the whole Dockerfile (multiline mode)."""

    check: Literal["regex"]
    params: RegexParams


Requirement = Annotated[
    MinStages
    | FinalUserNotRoot
    | InstructionPresent
    | InstructionAbsent
    | ExecForm
    | BaseImagePinned
    | CopyBeforeRun
    | RunMount
    | NoSecrets
    | RuleAbsent
    | MaxLevel
    | RegexRequirement,
    Field(discriminator="check"),
]
REQUIREMENT_CHECKS = (
    "min_stages",
    "final_user_not_root",
    "instruction_present",
    "instruction_absent",
    "exec_form",
    "base_image_pinned",
    "copy_before_run",
    "run_mount",
    "no_secrets",
    "rule_absent",
    "max_level",
    "regex",
)


class Counterexample(Model):
    file: Text = Field(description="a Dockerfile inside the pack folder")
    must_fail: list[ItemId] = Field(min_length=1, description="exactly the requirement ids it fails")


class Drill(Model):
    id: ItemId
    title: Text
    kind: Literal["dockerfile"] = "dockerfile"
    section: ItemId | None = None
    difficulty: Difficulty | None = None
    instructions: str | None = Field(default=None, description="Markdown; or use instructions_file")
    instructions_file: str | None = None
    starter: Text = Field(description="a file inside the pack folder, or the text itself when it spans lines")
    solution: Text = Field(
        description="a file inside the pack folder, or the text itself when it spans lines"
    )
    requirements: list[Requirement] = Field(min_length=1)
    hints: list[Text] = Field(default_factory=list)
    counterexamples: list[Counterexample] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    replaces: list[ItemId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_instructions(self) -> Drill:
        if (self.instructions is None) == (self.instructions_file is None):
            raise ValueError("a drill needs exactly one of `instructions` and `instructions_file`")
        return self

    def variants(self) -> list[str]:
        return ["main"]


# --- files ----------------------------------------------------------------------------------


class ContentFile(Model):
    """A file named by `include`: it adds items to the pack."""

    sections: list[Section] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    drills: list[Drill] = Field(default_factory=list)


class PackFile(ContentFile):
    """pack.yaml, the file that makes a folder a pack."""

    format: Literal[1] = Field(description="the pack format version; this prepdeck reads 1")
    pack: PackMeta
    include: list[str] = Field(
        default=[], description="more YAML files of the pack (globs relative to the pack folder), in order"
    )
    synonyms: list[Annotated[list[Text], Field(min_length=2)]] = Field(
        default=[],
        description="groups of words or phrases that mean the same in answers, for every question of "
        "the pack, e.g. [vm, virtual machine]; each is read as the first of its group",
    )


def json_schema(part: Literal["pack", "include"] = "pack") -> dict[str, Any]:
    """The draft-07 JSON Schema of pack.yaml (or of a file it includes), for editors and tools."""
    model = PackFile if part == "pack" else ContentFile
    schema = model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = (
        "prepdeck content pack (format 1)" if part == "pack" else "a file included by a prepdeck pack"
    )
    return schema
