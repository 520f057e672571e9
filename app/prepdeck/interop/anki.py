"""A pack's cards and interview questions as an Anki deck (`.apkg`, written with genanki).

Re-exporting must update a learner's existing Anki deck instead of adding a second copy, so every
identifier Anki keys on is derived from ours: a note's GUID from (pack id, item id), the deck ids
from the pack id, and the note types' ids from their names. Nothing depends on the time or on the
order of items, so two exports of the same pack carry the same identifiers.

How each card type becomes a note:
- basic: Front/Back; reversed: one note of a two-card type (front to back, back to front);
- cloze: an Anki cloze note (the `{{c1::answer::hint}}` syntax is the same);
- type_in: Anki's "type the answer" template, the other accepted answers in Extra;
- choice, multi_choice, order: basic, the options (or shuffled steps) on the front and the
  correct option(s) (or the order) on the back, with every option's `why`.
Interview questions go to a sub-deck, front the prompt, back the model answer and key points.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import genanki

from prepdeck.content import model as m

GUID_NAMESPACE = "prepdeck"
QUESTION_DECK_SUFFIX = "Interview questions"

CSS = """\
.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background: white; }
.options li { margin: 0.2em 0; }
.why { color: #555; font-size: 0.85em; }
.extra { color: #555; font-size: 0.9em; margin-top: 1em; }
code { font-family: monospace; background: #eee; padding: 0 0.2em; }
"""

_BACK = "{{FrontSide}}<hr id=answer>{{Back}}{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}"
_HINT = "{{#Hint}}<br>{{hint:Hint}}{{/Hint}}"


def stable_id(*parts: str) -> int:
    """A positive 31-bit id from text: the same parts always give the same id (Anki keys on it)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(pack_id: str, item_id: str) -> str:
    return genanki.guid_for(GUID_NAMESPACE, pack_id, item_id)


def _fields(*names: str) -> list[dict]:
    return [{"name": name} for name in names]


BASIC_MODEL = genanki.Model(
    stable_id("prepdeck", "model", "basic", "1"),
    "prepdeck basic",
    fields=_fields("Front", "Back", "Hint", "Extra"),
    templates=[{"name": "Card 1", "qfmt": "{{Front}}" + _HINT, "afmt": _BACK}],
    css=CSS,
)

REVERSED_MODEL = genanki.Model(
    stable_id("prepdeck", "model", "reversed", "1"),
    "prepdeck basic and reversed",
    fields=_fields("Front", "Back", "Hint", "Extra"),
    templates=[
        {"name": "Forward", "qfmt": "{{Front}}" + _HINT, "afmt": _BACK},
        {
            "name": "Reverse",
            "qfmt": "{{Back}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Front}}{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}",
        },
    ],
    css=CSS,
)

CLOZE_MODEL = genanki.Model(
    stable_id("prepdeck", "model", "cloze", "1"),
    "prepdeck cloze",
    fields=_fields("Text", "Extra"),
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}",
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)

TYPE_IN_MODEL = genanki.Model(
    stable_id("prepdeck", "model", "type-in", "1"),
    "prepdeck type the answer",
    fields=_fields("Front", "Back", "Hint", "Extra"),
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}" + _HINT + "<br>{{type:Back}}",
            "afmt": "{{Front}}<hr id=answer>{{type:Back}}{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}",
        }
    ],
    css=CSS,
)

MODELS = (BASIC_MODEL, REVERSED_MODEL, CLOZE_MODEL, TYPE_IN_MODEL)


# --- text ---------------------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"`([^`\n]+)`")


_KEEP_BREAK = re.compile(r"^(\s|[-*+] |\d+[.)] |```)")


def to_html(text: str | None) -> str:
    """Pack text is Markdown-ish: escape it, keep `code` spans, blank lines as paragraph breaks.

    As in Markdown, a single line break inside a paragraph is a space (YAML `|` blocks are wrapped
    by hand), except before a list item, an indented line or a code fence, whose breaks are kept.
    """
    if not text:
        return ""
    escaped = _CODE_SPAN.sub(r"<code>\1</code>", html.escape(text.strip(), quote=False))
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", escaped):
        lines = paragraph.split("\n")
        joined = lines[0]
        for line in lines[1:]:
            joined += ("<br>" if _KEEP_BREAK.match(line) else " ") + line
        paragraphs.append(joined)
    return "<br><br>".join(paragraphs)


def _list(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag} class=options>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _option_line(option: m.ChoiceOption) -> str:
    mark = "✓" if option.correct else "✗"
    why = f" <span class=why>— {to_html(option.why)}</span>" if option.why else ""
    return f"{mark} {to_html(option.text)}{why}"


def _anki_tags(tags: list[str], section: str | None, *extra: str) -> list[str]:
    """Anki tags cannot hold spaces; sections become hierarchical tags (section::id)."""
    found = [re.sub(r"\s+", "_", tag.strip()) for tag in tags if tag.strip()]
    if section:
        found.append(f"section::{section}")
    return [*found, *extra]


# --- notes --------------------------------------------------------------------------------------


def _card_fields(card: Any) -> tuple[genanki.Model, list[str]]:
    """The note type and field values (HTML) for one pack card."""
    hint, extra = to_html(card.hint), to_html(card.extra)
    if isinstance(card, m.BasicCard):
        return BASIC_MODEL, [to_html(card.front), to_html(card.back), hint, extra]
    if isinstance(card, m.ReversedCard):
        return REVERSED_MODEL, [to_html(card.front), to_html(card.back), hint, extra]
    if isinstance(card, m.ClozeCard):
        both = "<br>".join(part for part in (extra, f"Hint: {hint}" if hint else "") if part)
        return CLOZE_MODEL, [to_html(card.text), both]
    if isinstance(card, m.TypeInCard):
        others = [to_html(answer) for answer in card.answers[1:]]
        also = f"Also accepted: {', '.join(others)}" if others else ""
        return TYPE_IN_MODEL, [
            to_html(card.prompt),
            html.escape(card.answers[0].strip(), quote=False),
            hint,
            "<br>".join(part for part in (also, extra) if part),
        ]
    if isinstance(card, (m.ChoiceCard, m.MultiChoiceCard)):
        pick = "Pick one." if isinstance(card, m.ChoiceCard) else "Pick every correct option."
        front = f"{to_html(card.prompt)}<br><i>{pick}</i>" + _list([to_html(o.text) for o in card.options])
        correct = [to_html(option.text) for option in card.options if option.correct]
        back = "<b>Correct:</b> " + ", ".join(correct) + _list([_option_line(o) for o in card.options])
        return BASIC_MODEL, [front, back, hint, extra]
    if isinstance(card, m.OrderCard):
        # Anki shows the same front every time, so the steps appear in a fixed mixed order:
        # alphabetical, which is rarely the right one and never depends on the export.
        shown = sorted(card.items, key=str.casefold)
        front = f"{to_html(card.prompt)}<br><i>Put these in order.</i>" + _list([to_html(i) for i in shown])
        back = "<b>In order:</b>" + _list([to_html(item) for item in card.items], ordered=True)
        return BASIC_MODEL, [front, back, hint, extra]
    raise TypeError(f"no Anki rendering for card type {type(card).__name__}")


def card_note(pack_id: str, card: Any) -> genanki.Note:
    note_model, values = _card_fields(card)
    return genanki.Note(
        model=note_model,
        fields=values,
        tags=_anki_tags(list(card.tags), card.section, f"type::{card.type}"),
        guid=note_guid(pack_id, card.id),
    )


def _misconception_html(item: str | m.Misconception) -> str:
    """A misconception is a phrase, or a claim with its correction (shown after it)."""
    if isinstance(item, str):
        return to_html(item)
    correction = f" (in fact: {to_html(item.correction)})" if item.correction else ""
    return to_html(item.claim) + correction


def question_note(pack_id: str, question: m.Question) -> genanki.Note:
    points = [f"<b>{to_html(point.label)}</b>" for point in question.key_points]
    back = to_html(question.model_answer) + "<br><br><b>Key points</b>" + _list(points)
    extra_parts = []
    if question.misconceptions:
        extra_parts.append(
            "<b>Not so:</b>" + _list([_misconception_html(item) for item in question.misconceptions])
        )
    if question.follow_ups:
        extra_parts.append("<b>Follow-ups:</b>" + _list([to_html(text) for text in question.follow_ups]))
    return genanki.Note(
        model=BASIC_MODEL,
        fields=[to_html(question.prompt), back, "", "".join(extra_parts)],
        tags=_anki_tags(list(question.tags), question.section, "interview", f"level::{question.level}"),
        guid=note_guid(pack_id, question.id),
    )


# --- the package --------------------------------------------------------------------------------


@dataclass
class AnkiExport:
    """What went into the file: notes by kind (card types, and "question")."""

    path: Path
    notes_by_kind: Counter = field(default_factory=Counter)
    decks: list[str] = field(default_factory=list)

    @property
    def notes(self) -> int:
        return sum(self.notes_by_kind.values())


def build_decks(pack: Any) -> tuple[list[genanki.Deck], Counter]:
    """The pack's deck (cards) and its questions' sub-deck, with their notes."""
    title = pack.meta.title
    cards_deck = genanki.Deck(
        stable_id("prepdeck", "deck", pack.id), title, description=to_html(pack.meta.summary)
    )
    question_deck = genanki.Deck(
        stable_id("prepdeck", "deck", pack.id, "questions"), f"{title}::{QUESTION_DECK_SUFFIX}"
    )
    kinds: Counter = Counter()
    for card in pack.cards:
        cards_deck.add_note(card_note(pack.id, card))
        kinds[card.type] += 1
    for question in pack.questions:
        question_deck.add_note(question_note(pack.id, question))
        kinds["question"] += 1
    decks = [deck for deck in (cards_deck, question_deck) if deck.notes]
    return decks or [cards_deck], kinds


def export_pack(pack: Any, output: Path, timestamp: float | None = None) -> AnkiExport:
    """Write `pack` to `output` (.apkg). `timestamp` fixes the modification times Anki records."""
    decks, kinds = build_decks(pack)
    output.parent.mkdir(parents=True, exist_ok=True)
    _write_package(genanki.Package(decks), output, time.time() if timestamp is None else timestamp)
    return AnkiExport(output, kinds, [deck.name for deck in decks])


def _write_package(package: genanki.Package, output: Path, timestamp: float) -> None:
    """What genanki's write_to_file does, without its leftovers: its SQLite copy goes to a
    temporary folder that is removed whatever happens, and the .apkg is written beside `output`
    and renamed, so a failed export leaves neither a temp file nor half a deck."""
    partial = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix="prepdeck-anki-") as folder:
            collection = Path(folder) / "collection.anki2"
            db = sqlite3.connect(collection)
            try:
                package.write_to_db(db.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
                db.commit()
            finally:
                db.close()
            with zipfile.ZipFile(partial, "w") as archive:
                archive.write(collection, "collection.anki2")
                archive.writestr("media", "{}")
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
