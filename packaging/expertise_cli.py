"""Entry script of the packaged command line, `expertise` (for administrators and scripts)."""

import sys

from expertise.cli import main

if __name__ == "__main__":
    sys.exit(main())
