"""UI preferences (`store.py`) and the Settings dialog with its passphrase and re-key actions."""
