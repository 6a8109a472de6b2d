"""The `kehoach` command: `parse` runs docparse alone (no Django); other commands are Django's."""

from __future__ import annotations

import os
import sys

# Commands served without Django settings: module path of a main(argv) -> int.
PURE_COMMANDS = {"parse": "docparse.cli", "render": "kehoach.paperwork.cli"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        import importlib

        module = importlib.import_module(PURE_COMMANDS[argv[0]])
        return int(module.main(argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kehoach", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
