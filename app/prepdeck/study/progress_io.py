"""Progress out and in as versioned JSON (`prepdeck export` / `prepdeck import`).

The file holds everything the store keeps for a learner: side states, the review log, drill
attempts, drafts, mock-interview sessions, sections read and settings. Importing merges: a side
takes the imported state when it was reviewed more recently there; log rows, attempts and sessions
already present are not duplicated; drafts keep the newer text; local settings win. A file written
by a newer prepdeck (a higher `version`) is refused with a message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from prepdeck import __version__
from prepdeck.store.cards import CardState, ItemKey, ReviewRecord
from prepdeck.store.store import Store
from prepdeck.store.timeconv import from_us, to_us

FORMAT_NAME = "prepdeck-progress"
FORMAT_VERSION = 1


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


def _key_json(key: ItemKey) -> dict:
    return {"pack": key.pack_id, "item": key.item_id, "variant": key.variant}


def _key(data: dict) -> ItemKey:
    return ItemKey(str(data["pack"]), str(data["item"]), str(data.get("variant", "main")))


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
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProgressFileError(f'not a prepdeck progress file (it needs "format": "{FORMAT_NAME}")')
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ProgressFileError('the progress file has no valid "version" number')
    if version > FORMAT_VERSION:
        raise ProgressFileError(
            f"this progress file is version {version}, written by a newer prepdeck "
            f"({data.get('app_version', 'unknown')}); this prepdeck reads up to version {FORMAT_VERSION}. "
            "Update prepdeck to import it."
        )
    return data


def import_progress(store: Store, data: dict[str, Any]) -> ImportSummary:
    """Merge `data` (from parse_progress) into the store.

    The whole file is read and checked before anything is written, so a damaged file changes nothing.
    """
    try:
        parsed = _parse_entries(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ProgressFileError(f"the progress file is damaged: {type(error).__name__}: {error}") from None
    return _merge(store, parsed)


@dataclass
class _Entries:
    states: list[CardState]
    reviews: list[ReviewRecord]
    attempts: list[tuple[str, str, bool, str, datetime, dict]]
    drafts: list[tuple[str, str, str, datetime]]
    sessions: list[tuple[datetime, dict, dict, dict | None, datetime | None]]
    sections: list[tuple[str, str, datetime]]
    settings: dict[str, Any]


def _parse_entries(data: dict[str, Any]) -> _Entries:
    reviews = []
    for entry in data.get("reviews", []):
        key = _key(entry)
        reviews.append(
            ReviewRecord(
                id=0,
                key=key,
                rating=int(entry["rating"]),
                reviewed_at=from_us(int(entry["reviewed_us"])),
                duration_ms=entry.get("duration_ms"),
                before=CardState.from_json(key, json.dumps(entry["before"])),
                after=CardState.from_json(key, json.dumps(entry["after"])),
            )
        )
    return _Entries(
        states=[CardState.from_json(_key(e), json.dumps(e["state"])) for e in data.get("card_states", [])],
        reviews=reviews,
        attempts=[
            (
                str(e["pack"]),
                str(e["drill"]),
                bool(e["passed"]),
                str(e["text"]),
                from_us(int(e["finished_us"])),
                dict(e.get("result") or {}),
            )
            for e in data.get("drill_attempts", [])
        ],
        drafts=[
            (str(e["pack"]), str(e["item"]), str(e["text"]), from_us(int(e["saved_us"])))
            for e in data.get("drafts", [])
        ],
        sessions=[
            (
                from_us(int(e["started_us"])),
                dict(e.get("config") or {}),
                dict(e.get("state") or {}),
                e.get("report"),
                from_us(int(e["finished_us"])) if e.get("finished_us") is not None else None,
            )
            for e in data.get("mock_sessions", [])
        ],
        sections=[
            (str(e["pack"]), str(e["section"]), from_us(int(e["read_us"])))
            for e in data.get("sections_read", [])
        ],
        settings=dict(data.get("settings") or {}),
    )


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
    for started_at, config, state, report, finished_at in entries.sessions:
        marker = (started_at, json.dumps(config, sort_keys=True))
        if marker in known_sessions:
            continue
        known_sessions.add(marker)
        session_id = store.create_mock_session(started_at, config, state)
        store.update_mock_session(session_id, report=report, finished_at=finished_at)
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
