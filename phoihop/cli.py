"""The `phoihop` command: Django's management commands with the project's settings.

`phoihop demo`, `phoihop migrate`, `phoihop runserver`, `phoihop db_worker` … Settings default to
`config.settings.dev`; set DJANGO_SETTINGS_MODULE=config.settings.production on a server.
"""

from __future__ import annotations

import os
import sys


def command_name(name: str) -> str:
    """`import-articles` → `import_articles`: Django command names cannot hold dashes, the CLI's may.

    Options (`--strict`) and file names are left alone; only the first argument is the command.
    """
    return name.replace("-", "_") if name and not name.startswith("-") else name


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        args[0] = command_name(args[0])
    execute_from_command_line(["phoihop", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
