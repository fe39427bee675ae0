"""Entries on screen: the paged list, the detail view, and the revision history."""
