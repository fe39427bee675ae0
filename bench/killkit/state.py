"""Read a hub back into a form that two runs can compare (run as a child process).

    python -m bench.killkit.state HUB OLD_PASS_FILE NEW_PASS_FILE KNOWN_IDS TERM...

prints one JSON object: which passphrase opened the hub, why the index was
rebuilt on open (if it was), every table but the audit log with timestamps
dropped and run-dependent ids replaced by stable names, a digest of every
attachment's decrypted content, the search total for each probe term, and
the exit code and output of `expertise check --json` run after that.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from expertise.errors import HubError, WrongPassphrase
from expertise.hub import Hub
from expertise.vault import Vault

SKIP_TABLES = {"audit_events"}
# Bookkeeping that every open or write moves and that says nothing about content.
SKIP_META = {"change_seq"}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _volatile(column: str) -> bool:
    return column == "at" or column.endswith("_at")


def _open(folder: Path, passes: dict[str, str]) -> tuple[Hub, str, list[str]]:
    opened: Hub | None = None
    used, also = "", []
    for label, secret in passes.items():
        if opened is None:
            try:
                opened, used = Hub.open(folder, secret), label
            except WrongPassphrase:
                continue
        else:
            try:
                Vault.unlock(folder, secret).lock()
                also.append(label)
            except WrongPassphrase:
                pass
    if opened is None:
        raise WrongPassphrase("neither the old nor the new passphrase opens the hub")
    return opened, used, also


def _raw_tables(hub: Hub) -> dict[str, list[dict[str, Any]]]:
    engine = hub._engine
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as connection:
        for name in inspect(connection).get_table_names():
            if name in SKIP_TABLES:
                continue
            rows = connection.execute(text(f'SELECT * FROM "{name}"')).mappings()
            tables[name] = [
                {k: v for k, v in row.items() if not _volatile(k)}
                for row in rows
                if not (name == "hub_meta" and row.get("key") in SKIP_META)
            ]
    return tables


def _stable_names(tables: dict[str, list[dict[str, Any]]], known: set[str]) -> dict[str, str]:
    """Run-dependent ids (not in the template) get a name from their content."""
    names: dict[str, str] = {}
    for row in tables.get("entries", []):
        if row["id"] not in known:
            names[row["id"]] = f"<new {row['kind']}: {row['title']}>"
    for row in tables.get("attachments", []):
        if row["id"] not in known:
            owner = names.get(row["entry_id"], row["entry_id"])
            names[row["id"]] = f"<new attachment {row['file_name']} of {owner}>"
    return names


def _normalise(value: Any, names: dict[str, str], known: set[str]) -> Any:
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if not isinstance(value, str):
        return value
    return UUID.sub(lambda m: m[0] if m[0] in known else names.get(m[0], "<unknown id>"), value)


def _blob_digests(hub: Hub, names: dict[str, str]) -> list[str]:
    out = []
    query = text("SELECT id FROM attachments")
    for record_id in hub.session.read(lambda s: list(s.scalars(query))):
        try:
            digest = hashlib.sha256(hub.blobs.get(record_id)).hexdigest()
        except HubError as error:
            digest = f"unreadable: {error}"
        out.append(f"{names.get(record_id, record_id)} {digest}")
    return sorted(out)


def snapshot(hub: Hub, known: set[str], terms: list[str]) -> dict[str, Any]:
    tables = _raw_tables(hub)
    names = _stable_names(tables, known)
    normal = {
        name: sorted(
            json.dumps({k: _normalise(v, names, known) for k, v in row.items()}, sort_keys=True)
            for row in rows
        )
        for name, rows in tables.items()
    }
    normal["<attachment contents>"] = _blob_digests(hub, names)
    searches = {term: hub.search(term, limit=1).total for term in terms}
    return {"tables": normal, "search": searches}


def known_ids(hub: Hub) -> list[str]:
    """Entry and attachment ids of the template: stable across copies."""
    query = "SELECT id FROM entries UNION ALL SELECT id FROM attachments"
    return hub.session.read(lambda s: [str(v) for v in s.scalars(text(query))])


def main(argv: list[str]) -> int:
    folder, old_file, new_file, known_file, *terms = argv
    passes = {
        "old": Path(old_file).read_text(encoding="utf-8").rstrip("\n"),
        "new": Path(new_file).read_text(encoding="utf-8").rstrip("\n"),
    }
    try:
        hub, used, also = _open(Path(folder), passes)
    except HubError as error:
        print(json.dumps({"opened": False, "error": f"{type(error).__name__}: {error}"}))
        return 0
    with hub:
        reason = hub._index.last_rebuild_reason
        known_path = Path(known_file)
        if not known_path.exists():
            known_path.write_text("\n".join(known_ids(hub)), encoding="utf-8")
        known = set(known_path.read_text(encoding="utf-8").split())
        state = snapshot(hub, known, terms)
    check = run_check(folder, old_file if used == "old" else new_file)
    print(json.dumps({"opened": True, "passphrase": used, "also_opens": also,
                      "rebuild_reason": reason, "check": check, **state}))  # fmt: skip
    return 0


def run_check(folder: str, passphrase_file: str) -> dict[str, Any]:
    """`expertise check --json` through the CLI's own entry point, in this process.

    The real command (argument parsing, open, check, exit code) without paying
    for a second interpreter start on a shared machine.
    """
    from expertise.cli import main as cli_main

    out, err = io.StringIO(), io.StringIO()
    argv = ["--hub", folder, "--passphrase-file", passphrase_file, "check", "--json"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return {"exit": code, "stdout": out.getvalue()[-4000:], "stderr": err.getvalue()[-1000:]}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
