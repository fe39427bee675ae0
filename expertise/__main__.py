import sys

from expertise.cli import main

sys.exit(main())
