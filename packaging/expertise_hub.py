"""Entry script of the packaged desktop app (PyInstaller, see build.spec)."""

import multiprocessing
import sys

from ui.launch import main

if __name__ == "__main__":
    # A frozen app that ever starts a worker process must not re-run the GUI in it.
    multiprocessing.freeze_support()
    sys.exit(main())
