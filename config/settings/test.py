"""The test suite: fast hashing, isolated media, tasks in process, network blocked by tests."""

import os
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kehoach-test-media-"))
FILE_UPLOAD_TEMP_DIR = Path(tempfile.mkdtemp(prefix="kehoach-test-upload-tmp-"))
CELERY_TASK_ALWAYS_EAGER = True
# Tests that talk to Redis use databases of their own: 11, then one more per pytest-xdist worker
# (each worker has its own test database and must not take another worker's jobs).
_XDIST = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
CELERY_BROKER_URL = f"redis://127.0.0.1:6379/{11 + int(_XDIST)}"
KEHOACH_JOBS_RUNNER = "eager"  # tests of the thread and Celery runners set their own
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Parallel runs on one PostgreSQL server (developers, CI) can use distinct test databases.
_suffix = os.environ.get("KEHOACH_TEST_DB_SUFFIX", "")
if _suffix:
    DATABASES["default"]["TEST"] = {"NAME": f"test_kehoach_{_suffix}"}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database: there, a job thread writing while a page
    # reads fails at once with "table is locked" instead of waiting as the real file does.
    # Each test process (each pytest-xdist worker) has a directory of its own, so checkouts and
    # runs side by side on one machine never share a file.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="kehoach-test-db-")) / "test.sqlite3")
    }
# No persistent connections: live_server threads would otherwise keep the PostgreSQL test
# database open and its teardown would fail ("being accessed by other users").
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
