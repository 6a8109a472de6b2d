"""`kehoach parse FILE [--format json|text]` (skeleton)."""

from __future__ import annotations

import argparse
import sys

from docparse.api import parse_document
from docparse.errors import ParseError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kehoach parse")
    parser.add_argument("file")
    parser.add_argument("--format", choices=["json", "text"], default="json")
    args = parser.parse_args(argv)
    try:
        doc = parse_document(args.file)
    except (ParseError, OSError) as exc:
        print(f"kehoach parse: {exc}", file=sys.stderr)
        return 2
    print(doc.to_json())
    return 0
