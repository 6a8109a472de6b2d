"""Production settings refuse the published key; the single-machine mode makes its own."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.secret_key import secret_key_from_file
from config.settings.base import DEV_SECRET_KEY

ROOT = Path(__file__).resolve().parents[3]
PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECRET_KEY); print(s.DEBUG); print(s.DATABASES['default']['ENGINE']); "
    "print(s.KEHOACH_JOBS_RUNNER); print(s.FILE_UPLOAD_TEMP_DIR); print(','.join(s.ALLOWED_HOSTS))"
)


def _start(module: str, var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KEHOACH_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", PRINT],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, "KEHOACH_VAR_DIR": str(var), **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _last_line(done: subprocess.CompletedProcess[str]) -> str:
    return done.stderr.strip().splitlines()[-1]


def test_production_refuses_the_development_key_published_in_the_repository(tmp_path):
    done = _start(
        "config.settings.prod",
        tmp_path,
        DJANGO_SECRET_KEY=DEV_SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="kehoach.example.vn",
    )
    assert done.returncode != 0
    assert "development key published in the repository" in _last_line(done)
    ok = _start(
        "config.settings.prod",
        tmp_path,
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="kehoach.example.vn",
    )
    assert ok.returncode == 0, ok.stderr


def test_single_machine_mode_generates_its_key_once_and_keeps_it_private(tmp_path):
    first = _start("config.settings.single", tmp_path, DJANGO_ALLOWED_HOSTS="may-chu.local")
    assert first.returncode == 0, first.stderr
    key, debug, engine, runner, temp_dir, hosts = first.stdout.split("\n")[:6]
    assert len(key) >= 50 and key != DEV_SECRET_KEY
    assert (debug, engine, runner) == ("False", "django.db.backends.sqlite3", "thread")
    assert Path(temp_dir).is_relative_to(tmp_path)
    assert "may-chu.local" in hosts.split(",")
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().strip() == key
    again = _start("config.settings.single", tmp_path)
    assert again.stdout.split("\n")[0] == key  # sessions survive a restart


def test_single_machine_mode_refuses_the_published_key_from_the_environment(tmp_path):
    done = _start("config.settings.single", tmp_path, DJANGO_SECRET_KEY=DEV_SECRET_KEY)
    assert done.returncode != 0
    assert "development key published in the repository" in _last_line(done)


def test_a_key_file_others_can_read_or_holding_the_published_key_is_refused(tmp_path):
    path = tmp_path / "secret_key"
    key = secret_key_from_file(path)
    assert secret_key_from_file(path) == key
    path.chmod(0o644)
    with pytest.raises(ImproperlyConfigured, match="chmod 600"):
        secret_key_from_file(path)
    path.chmod(0o600)
    path.write_text(DEV_SECRET_KEY)
    with pytest.raises(ImproperlyConfigured, match="development key"):
        secret_key_from_file(path, refused=frozenset({DEV_SECRET_KEY}))
    path.write_text("short")
    with pytest.raises(ImproperlyConfigured, match="shorter"):
        secret_key_from_file(path)
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary left


def test_the_default_key_file_is_kept_out_of_git():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    done = subprocess.run(
        ["git", "check-ignore", "-q", "var/secret_key"], cwd=ROOT, check=False, timeout=30
    )
    assert done.returncode == 0
