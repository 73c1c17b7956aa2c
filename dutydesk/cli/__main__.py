"""``python -m dutydesk.cli``: the same as the ``dutydesk`` command."""

import sys

from dutydesk.cli.main import main

sys.exit(main())
