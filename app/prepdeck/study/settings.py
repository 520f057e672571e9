"""The learner's study settings, kept in the store's settings table under `study.<name>`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prepdeck.store.store import Store
from prepdeck.store.validity import setting_problem
from prepdeck.study.scheduler import SchedulerSettings


@dataclass(frozen=True)
class StudySettings:
    """Learner settings, stored in the `settings` table under `study.<name>`."""

    day_start_hour: int = 4
    new_per_day: int = 20
    reviews_per_day: int = 200
    desired_retention: float = 0.9
    learning_steps_minutes: tuple[float, ...] = (1.0, 10.0)
    relearning_steps_minutes: tuple[float, ...] = (10.0,)
    maximum_interval_days: int = 36500
    fuzz: bool = True

    @classmethod
    def load(cls, store: Store, notices: list[str] | None = None) -> StudySettings:
        """Stored values, each replaced by its default (with a notice) when it is unusable."""
        values: dict[str, Any] = {}  # field name -> value read, as the field's type
        for name, default in cls().__dict__.items():
            value = store.get_setting(f"study.{name}", default)
            try:
                values[name] = (
                    tuple(float(v) for v in value) if isinstance(default, tuple) else type(default)(value)
                )
                stored = list(values[name]) if isinstance(default, tuple) else values[name]
                if setting_problem(f"study.{name}", stored):
                    raise ValueError(name)  # e.g. day_start_hour 99: out of range
            except (TypeError, ValueError, OverflowError):
                values[name] = default
                if notices is not None:
                    notices.append(f"the setting study.{name} = {value!r} is not usable; using {default!r}")
        return cls(**values)

    def save(self, store: Store) -> None:
        for name, value in self.__dict__.items():
            store.set_setting(f"study.{name}", list(value) if isinstance(value, tuple) else value)

    def scheduler_settings(self) -> SchedulerSettings:
        return SchedulerSettings(
            desired_retention=self.desired_retention,
            learning_steps_minutes=self.learning_steps_minutes,
            relearning_steps_minutes=self.relearning_steps_minutes,
            maximum_interval_days=self.maximum_interval_days,
            fuzz=self.fuzz,
        )
