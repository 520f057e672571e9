"""The shape of a stored mock-interview session, for checking one that comes from a progress file.

`study.mock` reads a session's state and report back through the typed records of
`study.mock_records`; the same models check a session imported from a file, so one that would not
resume, list or report is refused at import with its path. The config is checked more strictly
here than the app reads it (at least one question and one minute). Extra keys are allowed (a newer
prepdeck may add some).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from prepdeck.study.mock_records import MockReport, MockState


class _Config(BaseModel):
    model_config = ConfigDict(extra="allow")

    packs: list[StrictStr] = []
    level: StrictStr | None = None
    questions: Annotated[StrictInt, Field(ge=1, le=1000)]
    minutes: Annotated[StrictInt, Field(ge=1, le=100_000)]


_SHAPES: dict[str, type[BaseModel]] = {"config": _Config, "state": MockState, "report": MockReport}


def session_problem(name: str, value: object) -> tuple[str, str] | None:
    """(path below the field, phrase) for the first part of `value` that `study.mock` could not
    read, or None; `name` is config, state or report."""
    try:
        _SHAPES[name].model_validate(value)
    except ValidationError as error:
        detail = error.errors()[0]
        return _where(value, detail["loc"]), detail["msg"][:1].lower() + detail["msg"][1:]
    return None


def _where(value: Any, loc: tuple[int | str, ...]) -> str:
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
