"""Local development and `make demo`: DEBUG on, SQLite by default, e-mail to the console."""

from config.settings.base import *  # noqa: F403

DEBUG = True
