"""What a stored value may be: one set of rules, used twice.

- A progress import is checked field by field against them before anything is written, and a bad
  value is refused with its JSON path (`$.card_states[3].state.state: "banana" is not one of new,
  learning, review, relearning`).
- A database written before these rules existed (or by an older import) may already hold rows
  that break them; `quarantine_invalid_rows` finds those with SQL built from the same rules, moves
  them into a JSON file beside the database, and says so, instead of letting `stats` or the app
  crash on them later.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prepdeck.store.cards import LEARNING, NEW, RELEARNING, STATE_NAMES
from prepdeck.store.timeconv import to_us

MAX_US = to_us(datetime(3000, 1, 1, tzinfo=UTC))  # times are stored as microseconds since 1970
MAX_TEXT_ID = 200


def shown(value: Any, limit: int = 40) -> str:
    """A value as it would appear in the JSON file, cut short (escaped: a file's text must not
    reach the terminal as control sequences)."""
    try:
        text = json.dumps(value, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Rule:
    """One field: `kind` is int, number, bool, time or text; bounds are inclusive."""

    kind: str
    low: float | None = None
    high: float | None = None
    nullable: bool = False
    names: dict[int, str] | None = None  # for state: the words a learner reads

    def problem(self, value: Any) -> str | None:
        """Why `value` breaks the rule (a phrase after the value), or None when it is fine."""
        if value is None:
            return None if self.nullable else "is not allowed here; a value is needed"
        if self.kind == "bool":
            return None if isinstance(value, bool) else "is not true or false"
        if self.kind == "text":
            if not isinstance(value, str) or not value:
                return "is not a non-empty text"
            if len(value) > (self.high or MAX_TEXT_ID) or not value.isprintable():
                return f"is not a usable id (printable, at most {int(self.high or MAX_TEXT_ID)} characters)"
            return None
        if self.names is not None and not (type(value) is int and value in self.names):
            return f"is not one of {', '.join(self.names.values())}"
        if self.kind in ("int", "time") and type(value) is not int:
            return (
                "is not a whole number" if self.kind == "int" else "is not a time (microseconds since 1970)"
            )
        if self.kind == "number" and (type(value) not in (int, float) or not math.isfinite(value)):
            return "is not a finite number"
        if self.kind == "time" and not 0 <= value <= MAX_US:
            return "is not a time between 1970 and 3000 (microseconds since 1970)"
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            return f"is not between {_bound(self.low)} and {_bound(self.high)}"
        return None

    def sql_ok(self, expr: str) -> str:
        """An SQL condition that holds when the column or JSON value `expr` keeps this rule."""
        if self.kind == "bool":
            test = f"{expr} IN (0, 1)"
        elif self.kind == "text":
            test = f"typeof({expr}) = 'text' AND length({expr}) BETWEEN 1 AND {int(self.high or MAX_TEXT_ID)}"
        else:
            types = "'integer'" if self.kind in ("int", "time") else "'integer', 'real'"
            low = 0 if self.kind == "time" else self.low
            high = MAX_US if self.kind == "time" else self.high
            test = f"typeof({expr}) IN ({types})"
            if low is not None:
                test += f" AND {expr} >= {low!r}"
            if high is not None:
                test += f" AND {expr} <= {high!r}"
        return f"({expr} IS NULL OR ({test}))" if self.nullable else f"({expr} IS NOT NULL AND {test})"


def _bound(value: float | None) -> str:
    return "any" if value is None else f"{value:g}"


# --- one side's scheduling state (card_state rows; a review's before/after) ---------------------

CARD_STATE_RULES: dict[str, Rule] = {
    "state": Rule("int", names=STATE_NAMES),
    "step": Rule("int", 0, 1000, nullable=True),
    "stability": Rule("number", 1e-6, 1e7, nullable=True),
    "difficulty": Rule("number", 1, 10, nullable=True),
    "due": Rule("time", nullable=True),
    "last_review": Rule("time", nullable=True),
    "first_review": Rule("time", nullable=True),
    "reps": Rule("int", 0, 10**7),
    "lapses": Rule("int", 0, 10**7),
    "suspended": Rule("bool"),
    "leech": Rule("bool"),
    "buried_until": Rule("time", nullable=True),
}
# A started side needs what the scheduler reads; a learning side also its step.
_STARTED_NEEDS = ("stability", "difficulty", "due", "last_review")


def card_state_problems(data: dict[str, Any], *, scheduled: bool = True) -> list[tuple[str, str]]:
    """(field, phrase) for every broken field of a card state written as JSON (export format);
    a field left out takes its default, as `CardState.from_json` does. `scheduled`: the state
    will be scheduled from (a side's current state), so a started side needs what fsrs reads;
    a review's before/after are history and need only sound fields."""
    known = ", ".join(CARD_STATE_RULES)
    found = []
    for name, value in data.items():
        rule = CARD_STATE_RULES.get(name)
        problem = f"is not a field of a card state (known: {known})" if rule is None else rule.problem(value)
        if problem:
            found.append((name, problem))
    state = data.get("state", NEW)
    if found or state == NEW or not scheduled:
        return found
    for name in _STARTED_NEEDS:
        if data.get(name) is None:
            found.append((name, f"is missing; a {STATE_NAMES[state]} side needs a value here"))
    if state in (LEARNING, RELEARNING) and data.get("step") is None:
        found.append(("step", f"is missing; a {STATE_NAMES[state]} side needs a value here"))
    return found


def _state_sql(column: dict[str, str]) -> str:
    """SQL that holds for a valid state, over expressions for each field (columns or JSON paths)."""
    checks = [rule.sql_ok(column[name]) for name, rule in CARD_STATE_RULES.items() if name in column]
    started = " AND ".join(f"{column[name]} IS NOT NULL" for name in _STARTED_NEEDS if name in column)
    checks.append(f"({column['state']} = {NEW} OR ({started}))")
    checks.append(f"({column['state']} NOT IN ({LEARNING}, {RELEARNING}) OR {column['step']} IS NOT NULL)")
    return " AND ".join(checks)


_ROW_COLUMNS = {
    "state": "state",
    "step": "step",
    "stability": "stability",
    "difficulty": "difficulty",
    "due": "due_us",
    "last_review": "last_review_us",
    "first_review": "first_review_us",
    "reps": "reps",
    "lapses": "lapses",
    "suspended": "suspended",
    "leech": "leech",
    "buried_until": "buried_until_us",
}
TEXT_ID = Rule("text")
TIME = Rule("time")
RATING = Rule("int", 1, 4)
DURATION = Rule("int", 0, 10**10, nullable=True)  # milliseconds
ANSWER_SCORE = Rule("number", 0, 1, nullable=True)  # the grader's score of an interview answer
_KEY_OK = " AND ".join(TEXT_ID.sql_ok(column) for column in ("pack_id", "item_id", "variant"))


def _json_state_ok(column: str) -> str:
    """A review's before/after: a JSON object of known fields, each sound (absent ones default)."""
    fields = " AND ".join(
        replace(rule, nullable=True).sql_ok(f"json_extract({column}, '$.{name}')")
        for name, rule in CARD_STATE_RULES.items()
    )
    known = ", ".join(f"'{name}'" for name in CARD_STATE_RULES)
    # CASE, not AND: SQLite may evaluate json_each() on text that is not JSON, and that raises.
    return (
        f"(CASE WHEN json_valid({column}) AND json_type({column}) = 'object' THEN "
        f"NOT EXISTS (SELECT 1 FROM json_each({column}) WHERE key NOT IN ({known})) AND {fields} "
        "ELSE 0 END)"
    )


# Rows the app could not use: the rowids of each table's broken rows.
_INVALID_ROWS = {
    "card_state": f"SELECT rowid AS quarantined_rowid, * FROM card_state WHERE NOT coalesce({_KEY_OK} AND {_state_sql(_ROW_COLUMNS)}, 0)",
    "review_log": (
        "SELECT rowid AS quarantined_rowid, * FROM review_log WHERE NOT coalesce("
        f"{_KEY_OK} AND {RATING.sql_ok('rating')} AND {TIME.sql_ok('reviewed_us')} "
        f"AND {DURATION.sql_ok('duration_ms')} AND {ANSWER_SCORE.sql_ok('answer_score')} "
        f"AND {_json_state_ok('before_json')} AND {_json_state_ok('after_json')}, 0)"
    ),
}


# --- settings ---------------------------------------------------------------------------------

SETTING_RULES: dict[str, Rule] = {
    "study.day_start_hour": Rule("int", 0, 23),
    "study.new_per_day": Rule("int", 0, 10_000),
    "study.reviews_per_day": Rule("int", 0, 100_000),
    "study.desired_retention": Rule("number", 0.7, 0.99),
    "study.learning_steps_minutes": Rule("number", 0.01, 100_000),  # a list of these
    "study.relearning_steps_minutes": Rule("number", 0.01, 100_000),
    "study.maximum_interval_days": Rule("int", 1, 36_500),
    "study.fuzz": Rule("bool"),
    "app.theme": Rule("text"),
    "app.welcome_seen": Rule("text"),  # a list of pack ids
}
LIST_SETTINGS = {"study.learning_steps_minutes", "study.relearning_steps_minutes", "app.welcome_seen"}
MAX_LIST_SETTING = 1000
# Caches of one machine's database (which sides are new): meaningless anywhere else.
LOCAL_SETTING_PREFIXES = ("store.", "queue.")


def setting_problem(name: str, value: Any) -> str | None:
    """Why a setting's value is unusable (a phrase), or None; names without a rule are free JSON."""
    rule = SETTING_RULES.get(name)
    if rule is None:
        if name.startswith("study."):
            return f"is not a study setting (known: {', '.join(n[6:] for n in SETTING_RULES if n.startswith('study.'))})"
        return None
    if name in LIST_SETTINGS:
        if not isinstance(value, list) or len(value) > MAX_LIST_SETTING:
            return f"is not a list (of at most {MAX_LIST_SETTING} values)"
        if name.startswith("study.") and not value:
            return "is an empty list; give at least one step"
        return next((f"holds {shown(item)}, which {p}" for item in value if (p := rule.problem(item))), None)
    return rule.problem(value)


# --- quarantine ---------------------------------------------------------------------------------


def quarantine_invalid_rows(db: sqlite3.Connection, database: Path, now: datetime) -> str | None:
    """Move rows the app could not use into a JSON file beside the database; a notice, or None.

    Nothing is deleted unless the file was written first, so no row is ever simply lost."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table, query in _INVALID_ROWS.items():
        cursor = db.execute(query)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        if rows:
            found[table] = rows
    bad_settings = [
        {"key": key, "value_json": value}
        for key, value in db.execute("SELECT key, value_json FROM settings")
        if _unusable_setting(key, value)
    ]
    if bad_settings:
        found["settings"] = bad_settings
    if not found:
        return None
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = database.with_name(f"{database.name}.quarantine-{stamp}.json")
    count = sum(len(rows) for rows in found.values())
    try:
        target.write_text(json.dumps(found, indent=1, default=repr) + "\n", encoding="utf-8")
    except OSError as error:
        return f"{count} stored progress row(s) are not usable and could not be set aside ({error.strerror})."
    from prepdeck.store.database import write_transaction

    with write_transaction(db):
        for table, rows in found.items():
            if table == "settings":
                db.executemany("DELETE FROM settings WHERE key = ?", [(row["key"],) for row in rows])
            else:
                db.executemany(
                    f"DELETE FROM {table} WHERE rowid = ?", [(row["quarantined_rowid"],) for row in rows]
                )
    return (
        f"{count} stored progress row(s) held values prepdeck cannot use (from an older import?); "
        f"they were moved to {target.name} beside the database and left out."
    )


def _unusable_setting(key: str, value_json: str) -> bool:
    try:
        value = json.loads(value_json)
    except (ValueError, TypeError, RecursionError):
        return True
    if key == "store.new_generation":
        return type(value) is not int
    return setting_problem(key, value) is not None
