"""Entry script of the packaged command line, `expertise` (for administrators and scripts)."""

import multiprocessing
import sys

from expertise.cli import main

if __name__ == "__main__":
    # An import or reindex starts analysis workers: this executable is their interpreter.
    multiprocessing.freeze_support()
    sys.exit(main())
