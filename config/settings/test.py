"""The test suite: fast hashing, isolated media, tasks in process, network blocked by tests."""

import os
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kehoach-test-media-"))
CELERY_TASK_ALWAYS_EAGER = True
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
# No persistent connections: live_server threads would otherwise keep the PostgreSQL test
# database open and its teardown would fail ("being accessed by other users").
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
