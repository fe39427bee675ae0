"""Keep an unlocked process's memory off the disk (checklist S7).

A core dump of an unlocked hub would hold the master key and decrypted notes
in a plain file. RLIMIT_CORE = 0 stops the kernel writing one; on Linux,
PR_SET_DUMPABLE = 0 also stops core handlers (systemd-coredump, apport, which
may ignore the rlimit) and blocks same-user ptrace attach. Everything here is
best effort: a platform without these calls still runs, just less hardened.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4


def harden_process() -> None:
    """Switch off core dumps for this process; never raises."""
    _no_core_files()
    if sys.platform.startswith("linux"):
        _not_dumpable()


def _no_core_files() -> None:
    try:
        import resource
    except ImportError:  # Windows: no core files to begin with
        return
    try:
        # The hard limit too, so nothing later in the process can raise it.
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except Exception:  # the promise is "never raises": opening a hub matters more
        log.warning("could not switch off core dumps (RLIMIT_CORE)")


def _not_dumpable() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        failed = libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0
    except Exception:  # no libc, no prctl symbol, or a sandbox refusing it
        failed = True
    if failed:
        log.warning("could not mark the process non-dumpable (prctl)")
