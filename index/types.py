"""Public value types of the search package: what callers get back.

Plain frozen dataclasses so the UI can hand them across threads and the
core never leaks Whoosh objects upwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Cipher(Protocol):
    """AEAD cipher injected by the vault (AES-256-GCM with the index sub-key)."""

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes: ...

    def decrypt(self, blob: bytes | memoryview, aad: bytes) -> bytes: ...


class IndexCorrupt(Exception):
    """The index on disk cannot be trusted; the caller rebuilds it.

    The message names the reason (and at most a file name), never content.
    """


class IndexBuildFailed(RuntimeError):
    """A bulk build stopped (a worker process died or failed); the index is as it was.

    The message names the reason, never content.
    """


# Error codes put in ``SearchResults.error``; the UI translates them.
ERR_TOO_LONG = "query-too-long"
ERR_SYNTAX = "query-syntax"


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    title: str
    score: float
    snippet: str  # HTML-escaped text, <mark>…</mark> around matches


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None
    error: str | None = None


@dataclass(frozen=True)
class ExpertHit:
    id: str
    title: str
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TitleHit:
    id: str
    kind: str
    title: str
