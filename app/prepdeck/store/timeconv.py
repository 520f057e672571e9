"""Times are stored as integer microseconds since the Unix epoch (UTC): exact, sortable, indexable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def to_us(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("prepdeck stores aware datetimes only")
    return (moment - EPOCH) // _MICROSECOND


def at_us(value: int) -> datetime:
    """A time from a NOT NULL column: the schema guarantees a value, so the type says so."""
    return EPOCH + timedelta(microseconds=value)


def from_us(value: int | None) -> datetime | None:
    if value is None:
        return None
    return EPOCH + timedelta(microseconds=value)
