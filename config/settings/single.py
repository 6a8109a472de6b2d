"""Single-machine production (a small office): one process (waitress), SQLite, jobs in threads.

DEBUG is off and the same file rules hold as in production (no public media, checked
downloads). The secret key is ``DJANGO_SECRET_KEY`` when set, else generated on the first start
into ``$KEHOACH_VAR_DIR/secret_key`` (0600, outside git) and read from there afterwards.
``make serve-single`` migrates, collects the static files (served by WhiteNoise) and serves.
docs/operations.md, "Single machine".
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.secret_key import secret_key_from_file
from config.settings.base import *  # noqa: F403

DEBUG = False

_env_key = os.environ.get("DJANGO_SECRET_KEY", "")
if _env_key == DEV_SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is the development key published in the repository: set a secret one "
        "or unset it to use the generated key file"
    )
SECRET_KEY = _env_key or secret_key_from_file(
    VAR_DIR / "secret_key",  # noqa: F405
    refused=frozenset({DEV_SECRET_KEY}),  # noqa: F405
)

# The names and addresses the office reaches this machine by (comma-separated), besides itself.
ALLOWED_HOSTS = [
    "127.0.0.1",
    "localhost",
    *(h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()),
]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# SQLite in WAL mode under the data directory, whatever DATABASE_URL says: this is the
# one-machine mode (PostgreSQL installations use config.settings.prod).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(VAR_DIR / "db.sqlite3"),  # noqa: F405
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
}

# Background jobs in two threads of the one web process; nothing else to start.
KEHOACH_JOBS_RUNNER = "thread"
CELERY_TASK_ALWAYS_EAGER = True
# waitress sends the files itself; behind nginx, KEHOACH_FILE_ACCEL_PREFIX hands them over.

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(8 * 3600)))
# Served over HTTPS (a proxy in front, or a certificate on the office's network): secure cookies.
if os.environ.get("KEHOACH_HTTPS", "0") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
