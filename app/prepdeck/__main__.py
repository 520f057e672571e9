"""`python -m prepdeck` runs the same entry point as the `prepdeck` script."""

from prepdeck.cli import console

console()
