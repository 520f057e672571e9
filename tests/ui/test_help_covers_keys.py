"""help.md lists every key that any screen binds, so the help screen never falls behind."""

from __future__ import annotations

import importlib
import pkgutil
import re

from prepdeck.tui import screens
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.help import help_text

# How help.md writes keys whose binding name is spelled out.
WRITTEN_AS = {"slash": "/"}


def bound_keys() -> dict[str, set[str]]:
    """Every key with a description, per screen class (and the app), from their BINDINGS."""
    found: dict[str, set[str]] = {"PrepdeckApp": set()}
    classes = [PrepdeckApp]
    for module_info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"prepdeck.tui.screens.{module_info.name}")
        classes += [
            value for value in vars(module).values() if isinstance(value, type) and "BINDINGS" in vars(value)
        ]
    for cls in classes:
        keys = found.setdefault(cls.__name__, set())
        for binding in cls.BINDINGS:
            if binding.description and binding.id:
                keys.update(part.strip() for part in binding.key.split(","))
    return found


def test_every_bound_key_is_in_help_md():
    written = set(re.findall(r"`([^`]+)`", help_text()))
    missing = {
        screen: sorted(WRITTEN_AS.get(key, key) for key in keys if WRITTEN_AS.get(key, key) not in written)
        for screen, keys in bound_keys().items()
    }
    assert {screen: keys for screen, keys in missing.items() if keys} == {}
