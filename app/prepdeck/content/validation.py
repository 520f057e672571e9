"""Turn pydantic's validation errors into located problems an instructor can act on."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from prepdeck.content.problems import Problem
from prepdeck.content.yamlsource import DataPath, SourceMap

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def problems_from_error(
    error: ValidationError, prefix: DataPath, data: Any, source: SourceMap, root: type
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        data_path, model = _walk(loc, data, root)
        if detail["type"] == "extra_forbidden":
            model = _walk(loc[:-1], data, root)[1]  # the model that does not know the key
        problems.append(_describe(detail, prefix + data_path, model, source))
    return problems


def _describe(detail: ErrorDetails, path: DataPath, model: Any, source: SourceMap) -> Problem:
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = path[-1]
        message = f"unknown key '{key}'"
        allowed = _field_names(model)
        if allowed:
            from rapidfuzz import process  # only for a pack with an unknown key: off a clean check's path

            match = process.extractOne(str(key), allowed, score_cutoff=70)
            if match:
                message += f"; did you mean '{match[0]}'?"
            else:
                message += f" (allowed here: {', '.join(sorted(allowed))})"
        return Problem.at(source.key_position(path), "error", "unknown-key", message)
    if kind == "missing":
        field = path[-1]
        return Problem.at(
            source.position(path[:-1]), "error", "missing-field", f"missing required field '{field}'"
        )
    if kind == "union_tag_invalid":
        ctx = detail.get("ctx", {})
        tag = ctx.get("tag")
        choices = ctx.get("expected_tags", "")
        return Problem.at(
            source.position((*path, ctx.get("discriminator", "").strip("'"))),
            "error",
            "bad-type-tag",
            f"unknown kind '{tag}'; expected one of {choices}",
        )
    if kind == "union_tag_not_found":
        discriminator = detail.get("ctx", {}).get("discriminator", "").strip("'")
        return Problem.at(
            source.position(path), "error", "missing-field", f"missing required field '{discriminator}'"
        )
    if kind == "literal_error" and path and path[-1] == "format":
        found = detail.get("input")
        return Problem.at(
            source.position(path),
            "error",
            "format-version",
            f"this pack is format {found!r}, and this prepdeck reads format 1; upgrade prepdeck or fix `format:`",
        )
    if kind in _TYPE_WORDS:
        wrong = _silently_wrong(path, source, kind)
        if wrong:
            return Problem.at(source.position(path), "error", "yaml-type", wrong)
        found = _type_name(detail.get("input"))
        return Problem.at(
            source.position(path), "error", "wrong-type", f"expected {_TYPE_WORDS[kind]}, found {found}"
        )
    message = detail["msg"]
    message = message.removeprefix("Value error, ")
    return Problem.at(source.position(path), "error", "invalid-value", _lower_first(message))


def _silently_wrong(path: DataPath, source: SourceMap, kind: str) -> str | None:
    """YAML reads `1.0` as a number and `no` as false; say so, with the fix."""
    written = source.scalars.get(path)
    if written is None or not written.plain or kind != "string_type":
        return None
    loaded_as = {
        "tag:yaml.org,2002:float": "a number",
        "tag:yaml.org,2002:int": "a number",
        "tag:yaml.org,2002:bool": "a boolean",
        "tag:yaml.org,2002:null": "null (nothing)",
        "tag:yaml.org,2002:timestamp": "a date",
    }.get(written.tag, "another type")
    return f'`{written.text}` loads as {loaded_as}, not text; quote it: "{written.text}"'


def _walk(loc: tuple[int | str, ...], data: Any, root: type) -> tuple[DataPath, Any]:
    """Follow pydantic's error location through the data, skipping union tags it inserts,
    and return the real data path and the model class that applies there."""
    path: list[Any] = []
    model: Any = root
    current = data
    for step in loc:
        if isinstance(current, dict) and step in current:
            model = _field_type(model, step)
            current = current[step]
            path.append(step)
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            model = _element_type(model)
            current = current[step]
            path.append(step)
        elif isinstance(step, str) and _union_member(model, step) is not None:
            model = _union_member(model, step)
        else:
            # A key that is not there (missing or unknown): it ends the path.
            if isinstance(current, dict) and not (isinstance(step, str) and step.startswith("function-")):
                path.append(step)
            break
    return tuple(path), model


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return _unwrap(members[0])
    return annotation


def _field_type(model: Any, name: int | str) -> Any:
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        for field_name, info in model.model_fields.items():
            if name in (field_name, info.alias):
                return info.annotation
    return None


def _element_type(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


def _union_member(annotation: Any, tag: str) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    for member in typing.get_args(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            for discriminator in ("type", "check"):
                field = member.model_fields.get(discriminator)
                if field is not None and typing.get_args(field.annotation) == (tag,):
                    return member
    return None


def _field_names(model: Any) -> list[str]:
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [info.alias or name for name, info in model.model_fields.items()]
    return []


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
