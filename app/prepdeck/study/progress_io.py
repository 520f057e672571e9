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
        raise ProgressFileError(f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProgressFileError(f"not a prepdeck progress file (it needs \"format\": \"{FORMAT_NAME}\")")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ProgressFileError("the progress file has no valid \"version\" number")
    if version > FORMAT_VERSION:
        raise ProgressFileError(
            f"this progress file is version {version}, written by a newer prepdeck "
            f"({data.get('app_version', 'unknown')}); this prepdeck reads up to version {FORMAT_VERSION}. "
            "Update prepdeck to import it."
        )
    return data


def import_progress(store: Store, data: dict[str, Any]) -> ImportSummary:
    try:
        return _merge(store, data)
    except (KeyError, TypeError, ValueError) as error:
        raise ProgressFileError(f"the progress file is damaged: {type(error).__name__}: {error}") from None


def _merge(store: Store, data: dict[str, Any]) -> ImportSummary:
    states = []
    for entry in data.get("card_states", []):
        incoming = CardState.from_json(_key(entry), json.dumps(entry["state"]))
        current = store.get_state(incoming.key)
        if _newer(incoming, current):
            states.append(incoming)
    store.put_states(states)

    present = {(r.key, to_us(r.reviewed_at), r.rating) for r in store.reviews()}
    reviews = []
    for entry in data.get("reviews", []):
        key = _key(entry)
        marker = (key, int(entry["reviewed_us"]), int(entry["rating"]))
        if marker in present:
            continue
        present.add(marker)
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
    store.append_reviews(reviews)

    known_attempts = {(a.pack_id, a.drill_id, to_us(a.finished_at)) for a in store.drill_attempts()}
    attempts = 0
    for entry in data.get("drill_attempts", []):
        marker = (entry["pack"], entry["drill"], int(entry["finished_us"]))
        if marker not in known_attempts:
            known_attempts.add(marker)
            store.record_drill_attempt(
                marker[0], marker[1], bool(entry["passed"]), str(entry["text"]), from_us(marker[2]), entry.get("result")
            )
            attempts += 1

    drafts = 0
    for entry in data.get("drafts", []):
        current = store.load_draft(entry["pack"], entry["item"])
        if current is None or to_us(current.saved_at) < int(entry["saved_us"]):
            store.save_draft(entry["pack"], entry["item"], str(entry["text"]), from_us(int(entry["saved_us"])))
            drafts += 1

    known_sessions = {(to_us(m.started_at), json.dumps(m.config, sort_keys=True)) for m in store.mock_sessions()}
    sessions = 0
    for entry in data.get("mock_sessions", []):
        marker = (int(entry["started_us"]), json.dumps(entry.get("config", {}), sort_keys=True))
        if marker in known_sessions:
            continue
        known_sessions.add(marker)
        session_id = store.create_mock_session(from_us(marker[0]), entry.get("config", {}), entry.get("state", {}))
        finished = entry.get("finished_us")
        store.update_mock_session(
            session_id, report=entry.get("report"), finished_at=from_us(int(finished)) if finished else None
        )
        sessions += 1

    read = store.sections_read()
    sections = 0
    for entry in data.get("sections_read", []):
        if (entry["pack"], entry["section"]) not in read:
            store.mark_section_read(entry["pack"], entry["section"], from_us(int(entry["read_us"])))
            sections += 1

    local_settings = store.all_settings()
    for name, value in (data.get("settings") or {}).items():
        if name not in local_settings:
            store.set_setting(name, value)

    return ImportSummary(len(states), len(reviews), attempts, drafts, sessions, sections)


def _newer(incoming: CardState, current: CardState) -> bool:
    if incoming.last_review is None:
        return current.last_review is None and incoming != current
    return current.last_review is None or incoming.last_review > current.last_review
