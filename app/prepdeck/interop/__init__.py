"""Packs in and out of other tools: an Anki deck out (`anki`), a CSV or TSV of cards in (`csv_import`)."""
