"""A throwaway PostgreSQL cluster for the team tests, and `make test`'s check that one exists.

`python -m tools.postgres ensure` finds initdb/pg_ctl (PATH, then the Debian/Ubuntu layout
/usr/lib/postgresql/*/bin, then common other layouts); when none is found and we run as root
on a system with apt-get, it installs the distribution's `postgresql` package. Without root it
only says what is missing: the team tests then skip locally and fail under CI=true
(tests/team/conftest.py).

`TempCluster` runs initdb in a fresh temporary folder and starts the server on a free loopback
port with password (SCRAM) authentication; `stop()` stops it and removes the folder. PostgreSQL
refuses to run as root, so as root the cluster belongs to an unprivileged account (`postgres`
when it exists, else `nobody`) and the commands run through `runuser`.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_LAYOUTS = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin")
SUPERUSER = "postgres"


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl (the newest version when several exist).

    $EXPERTISE_PG_BIN names one folder to use instead of searching (None if it lacks them).
    """
    chosen = os.environ.get("EXPERTISE_PG_BIN")
    if chosen:
        folder = Path(chosen)
        return folder if (folder / "initdb").exists() and (folder / "pg_ctl").exists() else None
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = [Path(p) for pattern in _LAYOUTS for p in glob.glob(pattern)]
    usable = [p for p in candidates if (p / "initdb").exists() and (p / "pg_ctl").exists()]
    return max(usable, key=lambda p: _version_key(p)) if usable else None


def _version_key(path: Path) -> tuple[int, ...]:
    digits = "".join(c if c.isdigit() else " " for c in str(path)).split()
    return tuple(int(d) for d in digits)


def ensure() -> int:
    """Install Debian's postgresql when it is missing and we may; 0 when it is there after."""
    found = find_bin_dir()
    if found is not None:
        print(f"PostgreSQL found: {found}")
        return 0
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        print("PostgreSQL not found and not installable here (needs root and apt-get): the "
              "team tests will skip (and fail under CI=true). Install the 'postgresql' package.")
        return _missing()
    print("PostgreSQL not found: installing the distribution's 'postgresql' package")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=False, env=env)
    done = subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"], env=env
    )
    return 0 if done.returncode == 0 and find_bin_dir() is not None else _missing()


def _missing() -> int:
    """Under CI=true a missing PostgreSQL stops `make test` at once; locally the tests skip."""
    return 1 if os.environ.get("CI", "").lower() == "true" else 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> str | None:
    """The account to run the server as: None for ourselves, else an unprivileged one."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    import pwd  # POSIX only: this module is also imported on Windows, where tests run as a user

    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and no unprivileged account to run PostgreSQL as")


@dataclass
class TempCluster:
    bin_dir: Path
    folder: Path
    port: int
    password: str
    user: str | None

    @classmethod
    def start(cls, bin_dir: Path) -> TempCluster:
        user = _run_as()
        # Another account must be able to enter the folder: the temp dir of root may be private.
        base = "/tmp" if user and Path("/tmp").is_dir() else None
        folder = Path(tempfile.mkdtemp(prefix="expertise-pg-", dir=base))
        cluster = cls(bin_dir, folder, _free_port(), secrets.token_urlsafe(24), user)
        try:
            cluster._init_and_start()
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return cluster

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, user: str = SUPERUSER, password: str | None = None, db: str = "postgres") -> str:
        secret = self.password if password is None else password
        return f"postgresql://{user}:{secret}@{self.host}:{self.port}/{db}"

    def _cmd(self, *args: str) -> list[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        return ["runuser", "-u", self.user, "--", *command] if self.user else command

    def _init_and_start(self) -> None:
        pw_file = self.folder / "pw"
        pw_file.write_text(self.password + "\n")
        if self.user:
            import pwd

            entry = pwd.getpwnam(self.user)
            for path in (self.folder, pw_file):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        data = self.folder / "data"
        _check(self._cmd(
            "initdb", "-D", str(data), "-U", SUPERUSER, f"--pwfile={pw_file}", "--no-sync",
            "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8",
            "--locale=C.UTF-8",
        ))
        pw_file.unlink()
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        _check(self._cmd("pg_ctl", "-D", str(data), "-o", options,
                         "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start"))

    def stop(self) -> None:
        try:
            subprocess.run(self._cmd("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast",
                                     "-w", "stop"), capture_output=True, check=False)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _check(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}… failed: {done.stderr.strip()[-2000:]}")


if __name__ == "__main__":
    if sys.argv[1:] == ["ensure"]:
        sys.exit(ensure())
    print("usage: python -m tools.postgres ensure", file=sys.stderr)
    sys.exit(2)
