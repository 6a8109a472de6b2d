"""Settings shared by every environment. Environment-specific files override a few values."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KEHOACH_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
# The five real plans, beside the repository; used by the demo seeder and tests when present.
SHARED_SEEDS_DIR = Path(os.environ.get("KEHOACH_SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))

# Published in this repository: fine for `make demo` and the tests, refused by the production
# settings (prod, single), which take the key from the environment or a generated file.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "kehoach.core",
    "kehoach.accounts",
    "kehoach.organizations",
    "kehoach.audit",
    "kehoach.jobs",
    "kehoach.notifications",
    "kehoach.documents",
    "kehoach.execution",
    "kehoach.paperwork",
    "kehoach.training",
    "kehoach.results",
    "kehoach.qa",
    "kehoach.api",
    "kehoach.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy on every page, in every mode
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kehoach.core.locale.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified() (second factor)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kehoach.core.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp 4), the same in every mode: scripts and styles only from our
# own static files, never inline (no <script> body, no style="", no on…= handlers, no eval; a
# test keeps the templates so). ``data:`` images: the empty favicon (``<link rel="icon"
# href="data:,">``, no /favicon.ico request) and the icons Swagger UI's stylesheet carries.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = [
    "kehoach.accounts.throttle.ThrottlingBackend",  # axes' lock, plus one per address
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kehoach.ops.context_processors.navigation",
            ],
        },
    },
]

# SQLite (WAL) is the embedded default; DATABASE_URL selects PostgreSQL (psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords (ASVS V2.1): long enough, not common, not all digits, not like the user's names.
# Django's messages are translated into Vietnamese. The demo password (kehoach2026) passes.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "first_name", "last_name")},
    },
    {
        "NAME": "kehoach.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
# Stored files are never served from MEDIA_URL (no URL maps it, in any mode): each is sent by
# the view of its object after a rights check (kehoach.core.files.serve_file).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("KEHOACH_MEDIA_ROOT", VAR_DIR / "media"))
# Behind nginx: the prefix of an `internal` location aliased to MEDIA_ROOT. When set, a checked
# download is an empty response with `X-Accel-Redirect: <prefix><stored name>` (docs/operations.md).
KEHOACH_FILE_ACCEL_PREFIX = os.environ.get("KEHOACH_FILE_ACCEL_PREFIX", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads: documents are read by docparse with the same limit.
KEHOACH_UPLOAD_MAX_BYTES = int(os.environ.get("KEHOACH_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
# An import citing more documents than this is refused (resolution is linear, but bounded).
KEHOACH_IMPORT_MAX_REFERENCES = int(os.environ.get("KEHOACH_IMPORT_MAX_REFERENCES", 2000))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger uploads are spooled here (not the system's /tmp); what a killed upload leaves behind is
# deleted after a day by the daily run (`kehoach remind`, kehoach.core.files.upload_temp_purge).
FILE_UPLOAD_TEMP_DIR = Path(os.environ.get("KEHOACH_UPLOAD_TEMP_DIR", VAR_DIR / "tmp" / "uploads"))
FILE_UPLOAD_TEMP_DIR.mkdir(parents=True, exist_ok=True)

# Login throttling (django-axes): lock an account/IP pair after repeated failures, and
# (kehoach.accounts.throttle) an address that fails this often across accounts.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
# Optional second factor (TOTP, django-otp): the name shown in the authenticator app.
OTP_TOTP_ISSUER = "kehoach"
KEHOACH_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("KEHOACH_LOGIN_ADDRESS_FAILURE_LIMIT", 20))
# The header the site's own reverse proxy sets with the client's address (e.g. HTTP_X_REAL_IP),
# for the rate limits of the public Q&A forms; empty: REMOTE_ADDR (never a client's header).
KEHOACH_TRUSTED_PROXY_HEADER = os.environ.get("KEHOACH_TRUSTED_PROXY_HEADER", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "kehoach.core.rest.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kehoach.core.rest.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kehoach API",
    "DESCRIPTION": (
        "Units, documents (import, search), plans, requirements, tasks, report templates and "
        "periods, progress reports, indicators and results reports, scoped to the caller's units."
    ),
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # kehoach.core.converters.IdConverter: an id of 1 … 2⁶³−1 (else 404)
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    },
    "ENUM_NAME_OVERRIDES": {
        "DocumentStatusEnum": "kehoach.documents.choices.DocumentStatus",
        "DocumentImportStatusEnum": "kehoach.documents.choices.ImportStatus",
        "PlanStatusEnum": "kehoach.execution.choices.PlanStatus",
        "TaskStatusEnum": "kehoach.execution.choices.TaskStatus",
        "ReportStatusEnum": "kehoach.execution.choices.ReportStatus",
        "PeriodStatusEnum": "kehoach.execution.choices.PeriodStatus",
        "PlanEndStatusEnum": [("closed", "closed"), ("cancelled", "cancelled")],
        "EvidenceKindEnum": "kehoach.execution.choices.EvidenceKind",
        "UnitKindEnum": "kehoach.organizations.choices.UnitKind",
    },
}

# Task queue: in process by default; Celery on Redis in production.
# Background jobs (kehoach.jobs): "thread" runs them in the web process after commit (the
# embedded default: nothing else to start), "celery" hands them to workers on Redis.
KEHOACH_JOBS_RUNNER = os.environ.get("KEHOACH_JOBS_RUNNER", "thread")
# A job "running" longer than this without finishing was lost with its runner: it may be retried.
KEHOACH_JOBS_STALE_SECONDS = int(os.environ.get("KEHOACH_JOBS_STALE_SECONDS", 900))
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Daily reminders and report periods (kehoach.ops.tasks.remind); cron can run
# `kehoach remind` instead where there is no Celery beat.
CELERY_BEAT_SCHEDULE = {
    "kehoach-remind-daily": {"task": "kehoach.remind", "schedule": crontab(hour=6, minute=30)},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "kehoach@localhost"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
