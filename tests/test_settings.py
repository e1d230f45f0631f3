"""The one settings module switches between embedded and real services by environment."""

import importlib.util
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.env import email_settings


def load_settings(monkeypatch, **env):
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "EMAIL_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("config.settings_probe", settings.BASE_DIR / "config" / "settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_redis_url_everything_is_embedded(monkeypatch):
    probe = load_settings(monkeypatch)
    assert probe.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert probe.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    assert probe.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert probe.CELERY_BROKER_URL == "filesystem://"
    assert probe.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"].endswith("celery/queue")


def test_redis_url_switches_channel_layer_cache_and_celery(monkeypatch):
    probe = load_settings(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/3")
    assert probe.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert probe.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] == ["redis://127.0.0.1:6379/3"]
    assert probe.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert probe.CELERY_BROKER_URL == "redis://127.0.0.1:6379/3"
    assert probe.CELERY_RESULT_BACKEND == "redis://127.0.0.1:6379/3"


def test_database_url_switches_to_postgresql(monkeypatch):
    probe = load_settings(monkeypatch, DATABASE_URL="postgres://postgres@127.0.0.1:5432/test")
    assert probe.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert probe.DATABASES["default"]["NAME"] == "test"


def test_postgresql_gets_a_connection_pool_beside_the_tls_options_in_its_url(monkeypatch):
    url = "postgres://kindred@db.internal:5432/kindred?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem"
    options = load_settings(monkeypatch, DATABASE_URL=url).DATABASES["default"]["OPTIONS"]
    assert (options["sslmode"], options["sslrootcert"]) == ("verify-full", "/etc/ssl/db-ca.pem")
    assert options["pool"] == {"min_size": 1, "max_size": 10}


@pytest.mark.security("production-settings")
def test_production_without_secret_key_refuses_to_start(monkeypatch):
    monkeypatch.delenv("PYTEST_VERSION")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_settings(monkeypatch, DEBUG="0")


@pytest.mark.security("production-settings")
def test_production_posture_turns_on_secure_cookies_hsts_and_redirect(monkeypatch):
    monkeypatch.delenv("PYTEST_VERSION")
    probe = load_settings(monkeypatch, DEBUG="0", SECRET_KEY="x" * 60, SECURE_SSL_REDIRECT=None)
    assert probe.SESSION_COOKIE_SECURE and probe.CSRF_COOKIE_SECURE
    assert probe.SECURE_HSTS_SECONDS >= 31536000
    assert probe.SECURE_SSL_REDIRECT


@pytest.mark.security("production-settings")
def test_check_deploy_reports_no_warnings_with_debug_off_and_a_real_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(SECRET_KEY="k" * 30 + "-Real-Secret-Key-For-The-Deploy-Check-9f8e7d", ALLOWED_HOSTS="peers.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.security("production-settings")
def test_the_https_redirect_is_never_indexed_either(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/rules/?page=1", secure=False)
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.security("production-settings")
def test_the_privacy_headers_wrap_every_other_middleware():
    """Whatever answers early (an HTTPS redirect, a static file, a refused host) still carries the headers."""
    assert settings.MIDDLEWARE[0] == "config.middleware.privacy_headers"


@pytest.mark.security("production-settings")
def test_a_bad_trusted_proxies_value_stops_start_up_with_the_value_named(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match=r"TRUSTED_PROXIES: 'proxy\.internal'"):
        load_settings(monkeypatch, TRUSTED_PROXIES="10.0.0.5,proxy.internal")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console:", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("file:///tmp/mail", {"EMAIL_FILE_PATH": "/tmp/mail"}),
        ("smtp+tls://me%40x.org:p%2Fw@mail.example.org:2525", {"EMAIL_HOST_USER": "me@x.org", "EMAIL_PORT": 2525}),
    ],
)
def test_email_url_is_parsed(url, expected, tmp_path):
    parsed = email_settings(url, tmp_path)
    assert expected.items() <= parsed.items()


def test_unknown_email_scheme_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(ValueError, match="EMAIL_URL scheme"):
        email_settings("carrier-pigeon://loft", tmp_path)


def test_site_url_follows_make_run_and_is_in_the_readme_table():
    import shutil

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=9000"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    assert "SITE_URL=http://127.0.0.1:9000 " in dry_run
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "| `SITE_URL` |" in readme
