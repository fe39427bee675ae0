"""Developer tools run from the repo root (`python -m tools.<name>`); not shipped in the app."""
