"""Progress out and in as versioned JSON (`prepdeck export` / `prepdeck import`).

The file holds everything the store keeps for a learner: side states, the review log, drill
attempts, drafts, mock-interview sessions, sections read and settings. Importing merges: a side
takes the imported state when it was reviewed more recently there; log rows, attempts and sessions
already present are not duplicated; drafts keep the newer text; local settings win. A file written
by a newer prepdeck (a higher `version`) is refused with a message.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from prepdeck import __version__
from prepdeck.store.cards import STATE_NAMES, CardState, ItemKey, ReviewRecord
from prepdeck.store.database import StoreWriteError, write_transaction
from prepdeck.store.store import Store
from prepdeck.store.timeconv import at_us, from_us, to_us
from prepdeck.store.validity import (
    ANSWER_SCORE,
    DURATION,
    LOCAL_SETTING_PREFIXES,
    MAX_TEXT_ID,
    RATING,
    TEXT_ID,
    TIME,
    Rule,
    card_state_problems,
    setting_problem,
    shown,
)
from prepdeck.study.session_shape import session_problem

FORMAT_NAME = "prepdeck-progress"
FORMAT_VERSION = 1
JSON = dict[str, Any]  # an object as json.loads gives it
_MISSING: Any = object()


class ProgressFileError(Exception):
    """The file cannot be imported; the message says why, for the learner."""


@dataclass(frozen=True)
class ImportSummary:
    states: int
    reviews: int
    attempts: int
    drafts: int
    sessions: int
    sections: int

    def describe(self) -> str:
        return (
            f"imported {self.states} card state(s), {self.reviews} review(s), {self.attempts} drill attempt(s), "
            f"{self.drafts} draft(s), {self.sessions} mock session(s), {self.sections} section mark(s)"
        )


def _key_json(key: ItemKey) -> JSON:
    return {"pack": key.pack_id, "item": key.item_id, "variant": key.variant}


def export_progress(store: Store, now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(),
        "card_states": [{**_key_json(s.key), "state": json.loads(s.to_json())} for s in store.iter_states()],
        "reviews": [
            {
                **_key_json(r.key),
                "rating": r.rating,
                "reviewed_us": to_us(r.reviewed_at),
                "duration_ms": r.duration_ms,
                "answer_score": r.answer_score,
                "before": json.loads(r.before.to_json()),
                "after": json.loads(r.after.to_json()),
            }
            for r in store.reviews()
        ],
        "drill_attempts": [
            {
                "pack": a.pack_id,
                "drill": a.drill_id,
                "finished_us": to_us(a.finished_at),
                "passed": a.passed,
                "text": a.text,
                "result": a.result,
            }
            for a in store.drill_attempts()
        ],
        "drafts": [
            {"pack": d.pack_id, "item": d.item_id, "text": d.text, "saved_us": to_us(d.saved_at)}
            for d in store.all_drafts()
        ],
        "mock_sessions": [
            {
                "started_us": to_us(m.started_at),
                "finished_us": to_us(m.finished_at) if m.finished_at else None,
                "config": m.config,
                "state": m.state,
                "report": m.report,
            }
            for m in reversed(store.mock_sessions())
        ],
        "sections_read": [
            {"pack": pack, "section": section, "read_us": to_us(at)}
            for (pack, section), at in sorted(store.sections_read().items())
        ],
        "settings": store.all_settings(),
    }


def parse_progress(text: str) -> dict[str, Any]:
    """Check the envelope; raise ProgressFileError with a sentence for anything unusable."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProgressFileError(
            f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise ProgressFileError("the JSON is nested too deeply to be a progress file") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise ProgressFileError(f"a number cannot be read ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProgressFileError(f'not a prepdeck progress file (it needs "format": "{FORMAT_NAME}")')
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise ProgressFileError('the progress file has no valid "version" number')
    if version > FORMAT_VERSION:
        raise ProgressFileError(
            f"this progress file is version {version}, written by a newer prepdeck "
            f"({shown(data.get('app_version', 'unknown'))}); this prepdeck reads up to version {FORMAT_VERSION}. "
            "Update prepdeck to import it."
        )
    return data


def import_progress(store: Store, data: dict[str, Any]) -> ImportSummary:
    """Merge `data` (from parse_progress) into the store, all or nothing.

    Every field is checked against the store's rules (`prepdeck.store.validity`) before anything
    is written, and a bad one is refused with its JSON path; the merge then runs as one
    transaction, so a failure midway (a full disk) leaves the store as it was."""
    entries = _parse_entries(data)
    try:
        with write_transaction(store.db):
            return _merge(store, entries)
    except StoreWriteError as error:
        raise ProgressFileError(str(error)) from None


@dataclass
class _Entries:
    states: list[CardState]
    reviews: list[ReviewRecord]
    attempts: list[tuple[str, str, bool, str, datetime, JSON]]
    drafts: list[tuple[str, str, str, datetime]]
    sessions: list[tuple[datetime, JSON, JSON, JSON | None, datetime | None]]
    sections: list[tuple[str, str, datetime]]
    settings: dict[str, Any]


MAX_TEXT = 1024 * 1024  # a draft's or an attempt's text
MAX_FREE_DEPTH = 32  # nesting inside the free JSON of sessions, results and settings
_PASSED = Rule("bool")
_OPTIONAL_TIME = Rule("time", nullable=True)


def _refuse(path: str, value: Any, phrase: str) -> NoReturn:
    raise ProgressFileError(f"{path}: {shown(value)} {phrase}")


def _entries(data: JSON, name: str) -> list[tuple[str, JSON]]:
    """The objects of list `name`, each with its JSON path."""
    values = data.get(name)
    if values is None:
        return []
    if not isinstance(values, list):
        _refuse(f"$.{name}", values, "is not a list")
    found = []
    for index, entry in enumerate(values):
        path = f"$.{name}[{index}]"
        if not isinstance(entry, dict):
            _refuse(path, entry, "is not an object")
        found.append((path, entry))
    return found


def _field(entry: JSON, path: str, name: str, rule: Rule, default: Any = _MISSING) -> Any:
    if name not in entry:
        if default is _MISSING:
            raise ProgressFileError(f'{path}: the field "{name}" is missing')
        return default
    value = entry[name]
    problem = rule.problem(value)
    if problem:
        _refuse(f"{path}.{name}", value, problem)
    return value


def _time(entry: JSON, path: str, name: str) -> datetime:
    return at_us(_field(entry, path, name, TIME))  # TIME refuses null and anything but an integer


def _optional_time(entry: JSON, path: str, name: str) -> datetime | None:
    return from_us(_field(entry, path, name, _OPTIONAL_TIME, None))


def _text(entry: JSON, path: str, name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str):
        _refuse(f"{path}.{name}", value, "is not a text")
    if len(value) > MAX_TEXT or not _encodable(value):
        _refuse(f"{path}.{name}", value, f"is not usable text (UTF-8, at most {MAX_TEXT // 1024} KB)")
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _free(entry: JSON, path: str, name: str, *, nullable: bool = True) -> JSON | None:
    """A free JSON object (a session's config, an attempt's result): an object, finite, not too deep."""
    value = entry.get(name)
    if value is None and nullable:
        return None
    if not isinstance(value, dict):
        _refuse(f"{path}.{name}", value, "is not an object")
    _check_free(value, f"{path}.{name}")
    return value


def _check_free(value: Any, path: str) -> None:
    stack = [(value, path, 0)]
    while stack:
        current, where, depth = stack.pop()
        if depth > MAX_FREE_DEPTH:
            _refuse(where, current, f"is nested more than {MAX_FREE_DEPTH} levels deep")
        if isinstance(current, float) and not math.isfinite(current):
            _refuse(where, current, "is not a finite number")
        elif isinstance(current, dict):
            stack.extend((item, f"{where}.{key}", depth + 1) for key, item in current.items())
        elif isinstance(current, list):
            stack.extend((item, f"{where}[{index}]", depth + 1) for index, item in enumerate(current))


def _session(entry: JSON, path: str) -> tuple[datetime, JSON, JSON, JSON | None, datetime | None]:
    state = _free(entry, path, "state") or {}
    # `study.mock` lists, resumes and reports only sessions whose state names its questions; the
    # others are inert history, kept as they are. A live one must have the shape mock reads.
    live = "questions" in state
    return (
        _time(entry, path, "started_us"),
        _session_part(entry, path, "config", live) or {},
        _session_part(entry, path, "state", live) or {},
        _session_part(entry, path, "report", live, nullable=True),
        _optional_time(entry, path, "finished_us"),
    )


def _session_part(entry: JSON, path: str, name: str, live: bool, *, nullable: bool = False) -> JSON | None:
    """A mock session's config, state or report, in the shape `study.mock` reads back."""
    value = _free(entry, path, name, nullable=nullable)
    if value is None:
        return {} if not nullable else None
    problem = session_problem(name, value) if live else None
    if problem:
        where, phrase = problem
        raise ProgressFileError(f"{path}.{name}{where}: {phrase} (a mock session as prepdeck writes it)")
    return value


def _key(entry: JSON, path: str, item_field: str = "item") -> ItemKey:
    return ItemKey(
        _field(entry, path, "pack", TEXT_ID),
        _field(entry, path, item_field, TEXT_ID),
        _field(entry, path, "variant", TEXT_ID, "main"),
    )


def _state(key: ItemKey, entry: JSON, path: str, name: str, *, scheduled: bool = False) -> CardState:
    data = entry.get(name)
    where = f"{path}.{name}"
    if not isinstance(data, dict):
        _refuse(where, data, "is not an object (a card state)")
    data = dict(data)
    if isinstance(data.get("state"), str) and data["state"] in _STATE_NUMBERS:
        data["state"] = _STATE_NUMBERS[data["state"]]  # "review" is as clear as 2
    for field_name, phrase in card_state_problems(data, scheduled=scheduled):
        if field_name in data:
            _refuse(f"{where}.{field_name}", data[field_name], phrase)
        raise ProgressFileError(f'{where}: the field "{field_name}" {phrase}')
    return CardState.from_json(key, json.dumps(data))


_STATE_NUMBERS = {name: number for number, name in STATE_NAMES.items()}


def _parse_entries(data: dict[str, Any]) -> _Entries:
    """Every entry checked and converted; ProgressFileError at the first bad field."""
    reviews = []
    for path, entry in _entries(data, "reviews"):
        key = _key(entry, path)
        reviews.append(
            ReviewRecord(
                id=0,
                key=key,
                rating=_field(entry, path, "rating", RATING),
                reviewed_at=_time(entry, path, "reviewed_us"),
                duration_ms=_field(entry, path, "duration_ms", DURATION, None),
                before=_state(key, entry, path, "before"),
                after=_state(key, entry, path, "after"),
                # absent from files written before scores were stored
                answer_score=_field(entry, path, "answer_score", ANSWER_SCORE, None),
            )
        )
    states = []
    for path, entry in _entries(data, "card_states"):
        states.append(_state(_key(entry, path), entry, path, "state", scheduled=True))
    return _Entries(
        states=states,
        reviews=reviews,
        attempts=[
            (
                _field(entry, path, "pack", TEXT_ID),
                _field(entry, path, "drill", TEXT_ID),
                _field(entry, path, "passed", _PASSED),
                _text(entry, path, "text"),
                _time(entry, path, "finished_us"),
                _free(entry, path, "result") or {},
            )
            for path, entry in _entries(data, "drill_attempts")
        ],
        drafts=[
            (
                _field(entry, path, "pack", TEXT_ID),
                _field(entry, path, "item", TEXT_ID),
                _text(entry, path, "text"),
                _time(entry, path, "saved_us"),
            )
            for path, entry in _entries(data, "drafts")
        ],
        sessions=[_session(entry, path) for path, entry in _entries(data, "mock_sessions")],
        sections=[
            (
                _field(entry, path, "pack", TEXT_ID),
                _field(entry, path, "section", TEXT_ID),
                _time(entry, path, "read_us"),
            )
            for path, entry in _entries(data, "sections_read")
        ],
        settings=_settings(data),
    )


def _settings(data: dict[str, Any]) -> dict[str, Any]:
    """Settings to import: each checked by its rule; this machine's caches are left out."""
    settings = data.get("settings")
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        _refuse("$.settings", settings, "is not an object")
    kept = {}
    for name, value in settings.items():
        path = f"$.settings[{json.dumps(name)}]"
        if not name.isprintable() or len(name) > MAX_TEXT_ID:
            raise ProgressFileError(f"{path}: is not a usable setting name")
        if name.startswith(LOCAL_SETTING_PREFIXES):
            continue
        problem = setting_problem(name, value)
        if problem:
            _refuse(path, value, problem)
        _check_free(value, path)
        kept[name] = value
    return kept


def _merge(store: Store, entries: _Entries) -> ImportSummary:
    states = [state for state in entries.states if _newer(state, store.get_state(state.key))]
    store.put_states(states)

    present = {(r.key, r.reviewed_at, r.rating) for r in store.reviews()}
    reviews = []
    for record in entries.reviews:
        marker = (record.key, record.reviewed_at, record.rating)
        if marker not in present:
            present.add(marker)
            reviews.append(record)
    store.append_reviews(reviews)

    known_attempts = {(a.pack_id, a.drill_id, a.finished_at) for a in store.drill_attempts()}
    attempts = 0
    for pack_id, drill_id, passed, text, finished_at, result in entries.attempts:
        if (pack_id, drill_id, finished_at) not in known_attempts:
            known_attempts.add((pack_id, drill_id, finished_at))
            store.record_drill_attempt(pack_id, drill_id, passed, text, finished_at, result)
            attempts += 1

    drafts = 0
    for pack_id, item_id, text, saved_at in entries.drafts:
        current = store.load_draft(pack_id, item_id)
        if current is None or current.saved_at < saved_at:
            store.save_draft(pack_id, item_id, text, saved_at)
            drafts += 1

    known_sessions = {(m.started_at, json.dumps(m.config, sort_keys=True)) for m in store.mock_sessions()}
    sessions = 0
    for started_at, config, state, report, ended_at in entries.sessions:
        session_marker = (started_at, json.dumps(config, sort_keys=True))
        if session_marker in known_sessions:
            continue
        known_sessions.add(session_marker)
        session_id = store.create_mock_session(started_at, config, state)
        store.update_mock_session(session_id, report=report, finished_at=ended_at)
        sessions += 1

    read = store.sections_read()
    sections = 0
    for pack_id, section_id, read_at in entries.sections:
        if (pack_id, section_id) not in read:
            store.mark_section_read(pack_id, section_id, read_at)
            sections += 1

    local_settings = store.all_settings()
    for name, value in entries.settings.items():
        if name not in local_settings:
            store.set_setting(name, value)

    return ImportSummary(len(states), len(reviews), attempts, drafts, sessions, sections)


def _newer(incoming: CardState, current: CardState) -> bool:
    if incoming.last_review is None:
        return current.last_review is None and incoming != current
    return current.last_review is None or incoming.last_review > current.last_review
