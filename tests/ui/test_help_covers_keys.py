"""help.md lists every key that any screen binds, so the help screen never falls behind."""

from __future__ import annotations

import importlib
import pkgutil
import re

from textual.binding import Binding

from prepdeck.tui import screens
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.help import help_text

# How help.md writes keys whose binding name is spelled out.
WRITTEN_AS = {"slash": "/"}


def bindings() -> dict[str, list[Binding]]:
    """Every binding of the app and of each screen class (tuples made into Bindings)."""
    classes: list[type] = [PrepdeckApp]
    for module_info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"prepdeck.tui.screens.{module_info.name}")
        classes += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module.__name__ and "BINDINGS" in vars(value)
        ]  # screens defined here, not the widgets they import (Input's keys are Textual's)
    return {cls.__name__: list(Binding.make_bindings(vars(cls)["BINDINGS"])) for cls in classes}


def bound_keys() -> dict[str, set[str]]:
    """Every key a screen (or the app) binds, with or without an id or a description."""
    return {
        screen: {part.strip() for binding in listed for part in binding.key.split(",")}
        for screen, listed in bindings().items()
    }


def test_every_bound_key_is_in_help_md():
    written = set(re.findall(r"`([^`]+)`", help_text()))
    missing = {
        screen: sorted(WRITTEN_AS.get(key, key) for key in keys if WRITTEN_AS.get(key, key) not in written)
        for screen, keys in bound_keys().items()
    }
    assert {screen: keys for screen, keys in missing.items() if keys} == {}


def test_the_check_sees_keys_from_every_screen():
    keys = bound_keys()
    assert {"r", "t", "m"} <= keys["HomeScreen"]
    assert {"1", "2", "3", "4", "space"} <= keys["ReviewScreen"]
    assert "ctrl+s" in keys["MockScreen"] and "f2" in keys["DrillScreen"]


def test_every_key_with_a_description_has_an_id_to_remap_it_by():
    unnamed = {
        screen: sorted(binding.key for binding in listed if binding.description and not binding.id)
        for screen, listed in bindings().items()
    }
    assert {screen: keys for screen, keys in unnamed.items() if keys} == {}
