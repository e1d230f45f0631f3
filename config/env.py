"""Reading the environment once, so settings.py stays a flat list of decisions.

Every setting the operator can change is read here by name; README.md lists them.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

TRUE_WORDS = {"1", "true", "yes", "on"}


def flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, "") or default


def words(name: str, default: str = "") -> list[str]:
    return [word.strip() for word in text(name, default).split(",") if word.strip()]


def email_settings(url: str, var_dir: Path) -> dict:
    """Turn EMAIL_URL into Django email settings.

    Schemes: console: (default), locmem:, file:///absolute/folder,
    smtp://user:password@host:port, smtp+tls://... (STARTTLS), smtp+ssl://...
    """
    parsed = urlparse(url or "console:")
    scheme = parsed.scheme
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parsed.path or str(var_dir / "mail"),
        }
    if scheme in {"smtp", "smtp+tls", "smtp+ssl"}:
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtp+ssl" else 587),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtp+ssl",
            "EMAIL_TIMEOUT": int(query.get("timeout", ["10"])[0]),
        }
    raise ValueError(f"EMAIL_URL scheme {scheme!r} is not one of console, locmem, file, smtp, smtp+tls, smtp+ssl")
