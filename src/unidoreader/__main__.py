"""`python -m unidoreader` is the same as the `unidoreader` command."""

import sys

from unidoreader.cli import main

sys.exit(main())
