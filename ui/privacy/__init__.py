"""The personal-data guard in the app: marks in the editor, and the export confirmation."""
