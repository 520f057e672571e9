"""One module per screen; the app imports each lazily when it is first opened."""
