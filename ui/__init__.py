"""PySide6 desktop application. Talks to `expertise.Hub` only."""
