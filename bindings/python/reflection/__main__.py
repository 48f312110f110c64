"""`python -m reflection`: the command line (see reflection._cli)."""

import sys

from ._cli import main

sys.exit(main())
