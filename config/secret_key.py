"""The secret key of a single-machine installation: generated on first start, kept in a file.

The file lives in the data directory (``var/``, outside git), is created with mode 0600 and
read at every start after that, so sessions and password-reset tokens survive restarts. A key
file that others may read is refused rather than used.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MIN_LENGTH = 50


def secret_key_from_file(path: Path, *, refused: frozenset[str] = frozenset()) -> str:
    """The key stored at ``path``, generated there (0600, created atomically) when missing.

    Raises ``ImproperlyConfigured`` (one line) when the file is readable by others, too short,
    or holds one of the ``refused`` keys (the development key published in the repository)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written whole under a temporary name, then linked into place: a process starting at
        # the same moment sees either no file or the complete key, and the first link wins.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(48) + "\n")  # 64 characters
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    mode = path.stat().st_mode
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ImproperlyConfigured(
            f"The secret key file {path} may be read by other users: run `chmod 600 {path}`"
        )
    key = path.read_text(encoding="ascii").strip()
    if key in refused:
        raise ImproperlyConfigured(
            f"The secret key file {path} holds the development key published in the repository: "
            "delete it to generate a new one"
        )
    if len(key) < MIN_LENGTH:
        raise ImproperlyConfigured(
            f"The secret key in {path} is shorter than {MIN_LENGTH} characters: "
            "delete the file to generate a new one"
        )
    return key
