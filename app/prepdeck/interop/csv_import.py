"""A CSV or TSV of flashcards into a new pack folder that passes `prepdeck pack check`.

Each row is `front, back[, tags]`; tags are separated by spaces or commas. The delimiter (comma,
tab or semicolon) is sniffed from the first lines, and a first row naming its columns (front/back,
question/answer, ...) is taken as a header. Card ids come from the front text, made unique.

Nothing is written unless every row is good: a bad row is reported as `FILE:LINE: error [code]
message` (LINE is where the row starts; quoted fields can span lines) so the learner fixes the
file and runs the import again, instead of finding half a deck.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from prepdeck.capped import InputRefused, read_capped
from prepdeck.content.model import ID_PATTERN, json_schema
from prepdeck.content.problems import Problem
from prepdeck.content.starter import SCHEMA_FILE

MAX_FILE_BYTES = 20 * 1024 * 1024
ID_WORDS = 8
ID_MAX_LENGTH = 60
HEADER_NAMES = {
    "front": {"front", "question", "q", "prompt", "term", "side 1", "side1"},
    "back": {"back", "answer", "a", "definition", "side 2", "side2"},
}
_TAG_SPLIT = re.compile(r"[\s,]+")


class CsvImportError(Exception):
    """The file cannot be used at all (missing, not text, empty of rows): one clear sentence."""


@dataclass(frozen=True)
class CsvCard:
    line: int
    front: str
    back: str
    tags: tuple[str, ...]


@dataclass
class CsvReading:
    cards: list[CsvCard] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    delimiter: str = ","
    had_header: bool = False


def read_text(path: Path) -> str:
    try:
        data = read_capped(path, MAX_FILE_BYTES, stdin=False)
    except InputRefused as refused:
        raise CsvImportError(str(refused)) from None
    if b"\x00" in data[:8192]:
        raise CsvImportError(f"{path}: is a binary file, not CSV or TSV text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvImportError(
            f"{path}: is not UTF-8 text (byte {error.start + 1}); save it as UTF-8 and try again"
        ) from None


def sniff_delimiter(text: str) -> str:
    """Tab, comma or semicolon: what csv.Sniffer finds in the first lines, else the most frequent."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        counts = {delimiter: sample.count(delimiter) for delimiter in "\t,;"}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        return best if counts[best] else ","


def is_header(row: list[str]) -> bool:
    cells = [cell.strip().lower() for cell in row]
    return len(cells) >= 2 and cells[0] in HEADER_NAMES["front"] and cells[1] in HEADER_NAMES["back"]


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag for tag in _TAG_SPLIT.split(text.strip()) if tag))


def parse_rows(text: str, source: Path) -> CsvReading:
    """Every good row as a CsvCard and every bad one as a located problem."""
    reading = CsvReading(delimiter=sniff_delimiter(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=reading.delimiter, strict=True)
    seen_fronts: dict[str, int] = {}
    start_line = 1
    first = True

    def bad(line: int, code: str, message: str) -> None:
        reading.problems.append(Problem(source, line, None, "error", code, message))

    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            bad(start_line, "csv-syntax", f"the row cannot be read as CSV ({error}); check its quotes")
            break
        line, start_line = start_line, reader.line_num + 1
        if first:
            first = False
            if is_header(row):
                reading.had_header = True
                continue
        if not any(cell.strip() for cell in row):
            continue  # blank lines separate groups in hand-written files
        if len(row) < 2:
            bad(line, "missing-back", "the row has one column; each row needs a front and a back")
            continue
        if len(row) > 3:
            bad(
                line,
                "too-many-columns",
                f"the row has {len(row)} columns; expected front, back and optional tags (quote a field that contains '{_shown(reading.delimiter)}')",
            )
            continue
        front, back = row[0].strip(), row[1].strip()
        if not front:
            bad(line, "empty-front", "the front is empty")
            continue
        if not back:
            bad(line, "empty-back", "the back is empty")
            continue
        key = " ".join(front.casefold().split())
        if key in seen_fronts:
            bad(line, "duplicate-front", f"the same front as the row on line {seen_fronts[key]}")
            continue
        seen_fronts[key] = line
        reading.cards.append(CsvCard(line, front, back, split_tags(row[2]) if len(row) == 3 else ()))
    return reading


def _shown(delimiter: str) -> str:
    return "\\t" if delimiter == "\t" else delimiter


# --- ids ----------------------------------------------------------------------------------------


def slug(text: str, max_words: int = ID_WORDS, max_length: int = ID_MAX_LENGTH) -> str:
    """Lower-case ASCII words joined by dashes, e.g. "What is a layer?" -> "what-is-a-layer"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:max_words]
    result = "-".join(words)[:max_length].strip("-")
    return result


def unique_ids(fronts: list[str]) -> list[str]:
    """An id per front: its slug, or card-N when it has no ASCII letters; repeats get -2, -3..."""
    used: set[str] = set()
    ids = []
    for number, front in enumerate(fronts, start=1):
        base = slug(front) or f"card-{number}"
        candidate, suffix = base, 2
        while candidate in used:
            candidate = f"{base}-{suffix}"
            suffix += 1
        used.add(candidate)
        ids.append(candidate)
    return ids


# --- writing the pack ---------------------------------------------------------------------------


# Each file of cards stays well under the loader's limit (MAX_FILE_BYTES in yamlsource), so an
# import of any size loads and passes `pack check`; smaller imports keep everything in pack.yaml.
PART_BYTES = 1024 * 1024
PARTS_FOLDER = "cards"
_PLAIN_ID = re.compile(r"[a-z][a-z0-9-]*")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null"}  # read as booleans or null


def _scalar(value: str, indent: str) -> str:
    """One YAML value: multi-line text as a `|-` block (as written by hand), anything else as a
    double-quoted string (JSON's escapes are YAML's), escaped to ASCII when it holds characters
    YAML may not carry raw. Written by hand: PyYAML's emitter took 90 s for 100,000 cards."""
    if "\n" in value and not value.endswith("\n") and not value[:1].isspace():
        lines = value.split("\n")
        if all(_raw_ok(line.replace("\t", "")) for line in lines):
            return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return _quoted(value)


def _quoted(value: str) -> str:
    """A double-quoted YAML string, escaped to ASCII where YAML may not carry a character raw."""
    quoted = json.dumps(value, ensure_ascii=False)
    return quoted if _raw_ok(quoted) else "".join(char if _raw_ok(char) else _escape(char) for char in quoted)


def _raw_ok(text: str) -> bool:
    """Characters the YAML reader takes as they are (printable, and in the basic plane)."""
    return text.isprintable() and (not text or max(text) <= "\uffff")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _card_yaml(card_id: str, card: CsvCard) -> str:
    shown_id = card_id if _PLAIN_ID.fullmatch(card_id) and card_id not in _YAML_WORDS else json.dumps(card_id)
    text = (
        f"  - id: {shown_id}\n    type: basic\n"
        f"    front: {_scalar(card.front, '      ')}\n    back: {_scalar(card.back, '      ')}\n"
    )
    if card.tags:
        # Each tag quoted as the fronts are: json's ASCII escapes write a character outside the
        # basic plane as a surrogate pair, which YAML reads as two invalid characters.
        text += f"    tags: [{', '.join(_quoted(tag) for tag in card.tags)}]\n"
    return text


def pack_files(pack_id: str, title: str, source_name: str, cards: list[CsvCard]) -> dict[str, str]:
    """pack.yaml, and when the cards are many, `cards/part-NNN.yaml` files it includes."""
    ids = unique_ids([card.front for card in cards])
    parts: list[list[str]] = [[]]
    size = 0
    for card_id, card in zip(ids, cards, strict=True):
        text = _card_yaml(card_id, card)
        cost = len(text.encode("utf-8"))
        if size + cost > PART_BYTES and parts[-1]:
            parts.append([])
            size = 0
        parts[-1].append(text)
        size += cost
    header = (
        f"# yaml-language-server: $schema={SCHEMA_FILE}\n"
        f"# Imported from {_comment(source_name)} by `prepdeck pack import-csv`. Check it with `prepdeck pack check`.\n"
        "# Card ids were made from the fronts; progress is stored under them, so keep them when you edit.\n\n"
    )
    meta = {
        "id": pack_id,
        "title": title,
        "version": "0.1.0",
        "summary": f"Cards imported from {source_name}.",
        "language": "en",
    }
    pack = (
        header
        + "format: 1\npack:\n"
        + "".join(f"  {key}: {json.dumps(value)}\n" for key, value in meta.items())
    )
    if len(parts) == 1:
        return {"pack.yaml": pack + "cards:\n" + "".join(parts[0])}
    files = {"pack.yaml": pack + f'include:\n  - "{PARTS_FOLDER}/*.yaml"\n'}
    width = len(str(len(parts)))
    for number, part in enumerate(parts, start=1):
        files[f"{PARTS_FOLDER}/part-{number:0{width}d}.yaml"] = "cards:\n" + "".join(part)
    return files


def _comment(text: str) -> str:
    return "".join(char if char.isprintable() else "?" for char in text)


def pack_id_for(directory: Path, wanted: str | None) -> str:
    pack_id = wanted or slug(directory.resolve().name, max_words=12) or "imported-cards"
    if not re.match(ID_PATTERN, pack_id):
        raise CsvImportError(
            f"'{pack_id}' is not a valid pack id (lower-case words joined by dashes); pass --id"
        )
    return pack_id


def write_pack(directory: Path, pack_id: str, title: str, source: Path, cards: list[CsvCard]) -> list[Path]:
    """Write pack.yaml and the schema beside it into `directory`, which must be new or empty."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise CsvImportError(f"{directory}: already exists and is not an empty folder; choose a new folder")
    files = {
        **pack_files(pack_id, title, source.name, cards),
        SCHEMA_FILE: json.dumps(json_schema(), indent=2) + "\n",
    }
    written = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = directory / name
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as error:
        raise CsvImportError(f"{directory}: cannot write the pack ({error.strerror})") from None
    return written


def import_csv(
    source: Path, directory: Path, pack_id: str | None = None, title: str | None = None
) -> tuple[CsvReading, list[Path]]:
    """Read `source` and, when every row is good, write the pack. Raises CsvImportError when unusable."""
    chosen_id = pack_id_for(directory, pack_id)
    reading = parse_rows(read_text(source), source)
    if reading.problems:
        return reading, []
    if not reading.cards:
        raise CsvImportError(f"{source}: holds no cards; each row needs a front and a back")
    chosen_title = title or chosen_id.replace("-", " ").capitalize()
    return reading, write_pack(directory, chosen_id, chosen_title, source, reading.cards)
