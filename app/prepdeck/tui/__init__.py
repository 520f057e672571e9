"""The Textual app. The only package of prepdeck that imports Textual."""
