"""Entry point for `python3 -m buffers_soa_gen`."""

import sys

from .cli import main

sys.exit(main())
