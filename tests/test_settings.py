import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-ProductionSecretKey-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "cms.angiang.gov.vn",
    "HTTPS": "1",
    "BEHIND_TLS_PROXY": "1",
    "TRUSTED_PROXY_COUNT": "1",  # behind that proxy (cms.W003 otherwise)
    "REDIS_URL": "redis://127.0.0.1:6379/0",  # rate-limit counters shared by the workers (cms.W002 otherwise)
}


def run_manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "S3_BUCKET"}}
    clean.update({"MUA_THI_VAR_DIR": str(tmp_path), **env})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True,
                          text=True, timeout=120)


def test_check_deploy_reports_nothing_with_production_variables(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "AXES" not in result.stdout + result.stderr  # management commands say only what they did


def test_check_deploy_warns_on_embedded_defaults(tmp_path):
    result = run_manage("check", "--deploy", env={"DEBUG": "1", "SECRET_KEY": ""}, tmp_path=tmp_path)
    output = result.stdout + result.stderr
    assert "security.W018" in output  # DEBUG on
    assert "(cms.W001) SECRET_KEY is not set" in output  # a key made up by each process
    assert "secrets.token_urlsafe(50)" in output  # and how to make one


def test_without_a_secret_key_the_service_refuses_to_start_with_debug_off(tmp_path):
    result = run_manage("check", env={"SECRET_KEY": ""}, tmp_path=tmp_path)  # DEBUG unset: off
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: SECRET_KEY is not set"), last_line


def test_check_deploy_flags_a_weak_secret_key(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        env={**PRODUCTION_ENV, "SECRET_KEY": "doi-mat-khau-nay"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "(cms.W001) SECRET_KEY is weak: 16 characters" in result.stdout + result.stderr


@pytest.mark.parametrize(("key", "problem"), [
    ("insecure-dev-" + "a1B2c3D4e5" * 5, "not set"),
    ("django-insecure-" + "a1B2c3D4e5" * 5, "development key"),
    ("ab" * 40, "weak: 80 characters, 2 distinct"),
    ("Zx9" * 10, "weak: 30 characters"),
])
def test_secret_key_problems(key, problem):
    from cms.checks import secret_key_problem

    assert problem in secret_key_problem(key)


def test_a_long_random_secret_key_passes():
    import secrets

    from cms.checks import check_secret_key, secret_key_problem

    assert secret_key_problem(secrets.token_urlsafe(50)) is None
    assert check_secret_key() == []  # the test run's own key (pyproject.toml, [tool.pytest_env])


def test_embedded_defaults_are_vietnamese_and_in_hanoi_time():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.WAGTAILIMAGES_IMAGE_MODEL == "cms.MediaImage"


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("DB_CONN_MAX_AGE", "sixty")])
def test_malformed_environment_values_stop_start_up_with_a_clear_message(tmp_path, name, value):
    result = run_manage("check", env={name: value}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert name in result.stderr


def test_env_example_documents_every_variable_the_settings_read():
    import re

    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z0-9_]+)"', (ROOT / "config" / "settings.py").read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set()
