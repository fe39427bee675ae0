"""The team hub in the app: background sync, its status, the conflict list."""
