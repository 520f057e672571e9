"""`python -m prepdeck` runs the same entry point as the `prepdeck` script."""

import sys

from prepdeck.cli import main

sys.exit(main())
