"""A SCRAM-SHA-256 verifier (RFC 5802/7677) in PostgreSQL's stored form.

A member chooses their database password on their own laptop; the request they hand to the
admin carries only this verifier, which PostgreSQL accepts in `CREATE ROLE … PASSWORD` as is.
The verifier lets a server check a password, not log in with it (an offline guess needs
4096 PBKDF2 rounds per try: the password must be long, which the CLI enforces).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata

ITERATIONS = 4096  # PostgreSQL's own default
_FORMAT = re.compile(
    r"^SCRAM-SHA-256\$\d{4,7}:[A-Za-z0-9+/=]{16,64}\$[A-Za-z0-9+/=]{44}:"
    r"[A-Za-z0-9+/=]{44}$"
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def verifier(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` for `password`."""
    # libpq applies SASLprep; NFKC is its normalisation step, the rest only matters for
    # characters nobody types into a password.
    normalized = unicodedata.normalize("NFKC", password).encode("utf-8")
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", normalized, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"


def is_verifier(text: str) -> bool:
    """Whether `text` has the shape of a verifier (so it cannot smuggle SQL or a password)."""
    return bool(_FORMAT.match(text))
