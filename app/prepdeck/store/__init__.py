"""The SQLite progress store (no Textual): card state, review log, drafts, attempts, sessions."""

from prepdeck.store.cards import (
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    STATE_NAMES,
    CardState,
    ItemKey,
    ReviewRecord,
)
from prepdeck.store.database import StoreError
from prepdeck.store.migrations import SCHEMA_VERSION
from prepdeck.store.records import Draft, DrillAttempt, MockSession
from prepdeck.store.store import Store

__all__ = [
    "LEARNING",
    "NEW",
    "RELEARNING",
    "REVIEW",
    "SCHEMA_VERSION",
    "STATE_NAMES",
    "CardState",
    "Draft",
    "DrillAttempt",
    "ItemKey",
    "MockSession",
    "ReviewRecord",
    "Store",
    "StoreError",
]
