"""The `phoihop` command: Django's management commands with the project's settings.

`phoihop demo`, `phoihop migrate`, `phoihop runserver`, `phoihop db_worker` … Settings default to
`config.settings.dev`; set DJANGO_SETTINGS_MODULE=config.settings.production on a server.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["phoihop", *(sys.argv[1:] if argv is None else argv)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
