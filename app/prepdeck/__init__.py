"""prepdeck: a terminal app for preparing technical interviews."""

__version__ = "0.1.0"
