"""``python -m storebook.bench``: the benchmark's worker processes (see :func:`storebook.bench.main`)."""

import sys

from storebook.bench import main

sys.exit(main())
