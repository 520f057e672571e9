"""The shape of a stored mock-interview session, for checking one that comes from a progress file.

`study.mock` writes a session's config, state and report as free JSON and reads them back with
plain indexing (`state["questions"]`, `report["answers"][i]["score"]`). A session imported from a
file must therefore have exactly the fields and types `study.mock` writes, or resuming it, listing
it or showing its report would crash later. Extra keys are allowed (a newer prepdeck may add some).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

Number = StrictInt | StrictFloat
Count = Annotated[StrictInt, Field(ge=0, le=100_000)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Point(_Shape):
    id: StrictStr
    label: StrictStr


class _QuestionRef(_Shape):
    pack: StrictStr
    id: StrictStr


class _Answer(_QuestionRef):
    answer: StrictStr
    answered: StrictBool
    seconds: Annotated[Number, Field(ge=0)]
    score: Annotated[Number, Field(ge=0, le=1)]
    covered: list[_Point]
    missed: list[_Point]
    misconceptions: list[StrictStr]
    suggested_rating: Annotated[StrictInt, Field(ge=1, le=4)] | None


class _Config(_Shape):
    packs: list[StrictStr] = []
    level: StrictStr | None = None
    questions: Annotated[StrictInt, Field(ge=1, le=1000)]
    minutes: Annotated[StrictInt, Field(ge=1, le=100_000)]


class _State(_Shape):
    questions: list[_QuestionRef]
    answers: list[_Answer] = []
    draft: StrictStr = ""
    draft_seconds: Annotated[Number, Field(ge=0)] = 0.0


class _ReportAnswer(_Answer):
    prompt: StrictStr
    section: StrictStr | None
    level: StrictStr | None


class _Weak(_Shape):
    pack: StrictStr
    section: StrictStr
    title: StrictStr
    score: Number
    questions: Count


class _Rating(_Shape):
    pack: StrictStr
    id: StrictStr
    suggested: Annotated[StrictInt, Field(ge=1, le=4)]
    committed: Annotated[StrictInt, Field(ge=1, le=4)] | None


class _Report(_Shape):
    session: StrictInt
    started_at: StrictStr
    finished_at: StrictStr
    ended_by: StrictStr
    asked: Count
    answered: Count
    score: Annotated[Number, Field(ge=0, le=1)] | None
    total_seconds: Annotated[Number, Field(ge=0)]
    answers: list[_ReportAnswer]
    weakest_sections: list[_Weak]
    ratings: list[_Rating]


_SHAPES = {"config": _Config, "state": _State, "report": _Report}


def session_problem(name: str, value: Any) -> tuple[str, str] | None:
    """(path below the field, phrase) for the first part of `value` that `study.mock` could not
    read, or None; `name` is config, state or report."""
    try:
        _SHAPES[name].model_validate(value)
    except ValidationError as error:
        detail = error.errors()[0]
        return _where(value, detail["loc"]), detail["msg"][:1].lower() + detail["msg"][1:]
    return None


def _where(value: Any, loc: tuple) -> str:
    """The JSON path of pydantic's location, without the union members it inserts (`.int`)."""
    where = ""
    for step in loc:
        if isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            where, value = f"{where}[{step}]", value[step]
        elif isinstance(value, dict) and step in value:
            where, value = f"{where}.{step}", value[step]
        elif isinstance(value, dict) and isinstance(step, str) and not where.endswith(f".{step}"):
            where += f".{step}"  # a missing field
            break
    return where
