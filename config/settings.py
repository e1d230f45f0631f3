"""Settings for every environment, driven by environment variables (see README.md).

With nothing set the project runs embedded: SQLite, the in-memory channel layer,
a local-memory cache and Celery on a filesystem broker. DATABASE_URL and
REDIS_URL switch it to PostgreSQL and Redis, which is how it runs as several
processes. Production hardening follows DEBUG: off means secure cookies, HSTS and
an SSL redirect unless the operator turns one off explicitly.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from . import env, proxy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# pytest sets PYTEST_VERSION for the whole run, including servers it starts.
TESTING = bool(os.environ.get("PYTEST_VERSION"))
DEBUG = env.flag("DEBUG", False)
PRODUCTION_POSTURE = not DEBUG and not TESTING

SECRET_KEY = env.text("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION_POSTURE:
        raise ImproperlyConfigured("Set SECRET_KEY (a long random string) or set DEBUG=1 for development.")
    SECRET_KEY = "insecure-development-key-never-use-in-production-0123456789"

SITE_NAME = env.text("SITE_NAME", "Kindred")
SITE_URL = env.text("SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # for links in emails
ALLOWED_HOSTS = env.words("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.words("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "config.apps.AdminConfig",  # django.contrib.admin with config.admin.AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.usersessions",
    "config",  # the composition root: its seed_demo command (docs/architecture.md)
    "accounts",
    "community",
    "moderation",
    "safeguarding",
    "evaluation",
]

MIDDLEWARE = [
    # First, so every response carries the headers: SecurityMiddleware's HTTPS redirect and static files too.
    "config.middleware.privacy_headers",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context.site",
                "accounts.context.notifications",
                "safeguarding.context.support",
                "moderation.context.notices",
            ],
            "libraries": {"words": "config.template_words"},
        },
    },
]

# Database -------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env.text("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server and the Celery worker read while one writes;
        # IMMEDIATE takes the write lock up front instead of failing on upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, so browser tests can share it with a Daphne process.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
elif env.flag("DB_POOL", True) and not DATABASES["default"]["CONN_MAX_AGE"]:
    # One psycopg pool per process: Daphne runs each piece of database work as a short
    # call, and opening a PostgreSQL connection for each costs more than the queries.
    # Added beside the options DATABASE_URL carries (sslmode, sslrootcert...), never in place of them.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(env.text("DB_POOL_MAX_SIZE", "10")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache, channel layer, Celery ----------------------------------------
REDIS_URL = env.text("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_QUEUE_DIR = VAR_DIR / "celery" / "queue"
    CELERY_QUEUE_DIR.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "control").mkdir(exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = None

CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.flag("CELERY_EAGER", TESTING)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {"task": "accounts.tasks.clear_expired_sessions", "schedule": 60 * 60 * 6},
    "daily-digests": {"task": "accounts.tasks.send_daily_digests", "schedule": crontab(hour=18, minute=0)},
    "safeguarding-realerts": {"task": "safeguarding.tasks.realert_overdue_cases", "schedule": 60},
    "moderation-end-suspensions": {"task": "moderation.tasks.end_expired_suspensions", "schedule": 60 * 60},
    "moderation-lapse-claims": {"task": "moderation.tasks.lapse_claims", "schedule": 5 * 60},
    "evaluation-daily-summary": {"task": "evaluation.tasks.aggregate_day", "schedule": crontab(hour=0, minute=30)},
}

# Accounts and django-allauth --------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "handle"
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "accounts.handles.HANDLE_VALIDATORS"
ACCOUNT_USERNAME_BLACKLIST = [
    "admin", "administrator", "moderator", "mod", "safeguarding", "staff", "support",
    "system", "team", "help", "former-member", "anonymous", "root",
]  # fmt: skip
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory everywhere by default (the issue requires it with DEBUG off); in
# development the link is printed to the console. Set EMAIL_VERIFICATION=optional to relax.
ACCOUNT_EMAIL_VERIFICATION = env.text("EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
USERSESSIONS_TRACK_ACTIVITY = False
# allauth's per-address limits stay at their defaults (sign-in 30 a minute, sign-up 20, password reset 20)
# and 10 wrong passwords a minute per address. Its per-account lockout (5 wrong passwords) is replaced by
# a growing wait per account that never locks a member out (accounts/signin.py).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
LOGIN_FREE_FAILURES = 5  # wrong passwords in a row for one account that cost no wait
LOGIN_DELAY_SECONDS = (5, 300)  # the wait after the next one, doubling with each further one, up to the longest
LOGIN_FAILURES_FORGOTTEN_AFTER = 24 * 60 * 60  # seconds after the last failure

# Safeguarding -------------------------------------------------------------------
# Minutes a case may wait unacknowledged before every lead is alerted, and again each interval.
SAFEGUARDING_RESPONSE_MINUTES = {"crisis": 5, "high": 30, "medium": 24 * 60, "low": 24 * 60, "none": 24 * 60}

# Email --------------------------------------------------------------------------
vars().update(env.email_settings(env.text("EMAIL_URL", "console:"), VAR_DIR))
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <no-reply@example.org>")

# Security -----------------------------------------------------------------------
SESSION_COOKIE_SECURE = env.flag("SECURE_COOKIES", PRODUCTION_POSTURE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", PRODUCTION_POSTURE)
SECURE_HSTS_SECONDS = int(env.text("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION_POSTURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD", True)
# The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (config/proxy.py):
# addresses or networks, comma-separated. Empty: every client is taken at its own address.
TRUSTED_PROXIES = env.words("TRUSTED_PROXIES")
try:
    proxy.parse_networks(tuple(TRUSTED_PROXIES))
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Static files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # collectstatic fills it in production
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION_POSTURE
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}  # the web app manifest, static/
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION_POSTURE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Locale -------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Forum --------------------------------------------------------------------------
# What one member may do in a while: (how many, per how many seconds).
FORUM_RATE_LIMITS = {"thread": (3, 600), "reply": (10, 60), "edit": (10, 600), "react": (30, 60), "preview": (30, 60)}

# WebSockets -----------------------------------------------------------------------
# Open sockets per account, across every process (tabs, rooms, the forum, the queue). Each holds a
# slot in the cache that expires SOCKET_SLOT_SECONDS after its process last refreshed it.
SOCKETS_PER_MEMBER = int(env.text("SOCKETS_PER_MEMBER", "20"))
SOCKET_SLOT_SECONDS = 90

# Chat ---------------------------------------------------------------------------
# Flood protection, always on (hosts exempt): at most this many messages per member per seconds.
CHAT_FLOOD_LIMIT = (5, 10)
CHAT_PAGE_SIZE = 50  # messages per page of history
CHAT_REPLAY_LIMIT = 1000  # messages sent at once to a reconnecting socket; it asks again for more
CHAT_PRESENCE_TTL = 90  # seconds a socket counts as present without a heartbeat
CHAT_PRESENCE_NAMES = 50  # names listed in "who is here"; the count is always exact
CHAT_PRESENCE_DEBOUNCE = float(env.text("CHAT_PRESENCE_DEBOUNCE", "1.0"))  # seconds between presence updates

# Moderation ---------------------------------------------------------------------------
# A member's first posts wait for a moderator's approval (0 turns this off). Off by default
# under pytest, so tests' freshly made members post straight away; pre-moderation tests turn it on.
MODERATION_PREMODERATE_FIRST_POSTS = int(env.text("MODERATION_PREMODERATE_FIRST_POSTS", "0" if TESTING else "2"))

# Safeguarding (leads' tools) ---------------------------------------------------------
# Shown to members when no safeguarding lead is on duty (safeguarding/_team_hours.html).
SAFEGUARDING_TEAM_HOURS = env.text("SAFEGUARDING_TEAM_HOURS", "Monday to Friday, 9am to 9pm")
# Hold a forum post screened at crisis level until a lead has acknowledged its case.
SAFEGUARDING_HOLD_CRISIS = env.flag("SAFEGUARDING_HOLD_CRISIS", False)
# Each server process builds its risk matcher as it starts (about 2 s), not on the first
# message it screens. Off in the test process itself; servers that tests start turn it on.
SAFEGUARDING_WARM_UP = env.flag("SAFEGUARDING_WARM_UP", not TESTING)
# Server processes freeze what start-up loaded out of the garbage collector's passes (config/asgi.py).
SERVER_GC_TUNING = env.flag("SERVER_GC_TUNING", not TESTING)

# Moderation (people) ------------------------------------------------------------------
# Pause a member pending review when this many distinct members report different posts of theirs within the hours.
MODERATION_AUTO_PAUSE_REPORTERS = 5
MODERATION_AUTO_PAUSE_HOURS = 24
# Only reporters whose accounts are at least this old count towards an automatic pause (not throwaway accounts).
MODERATION_AUTO_PAUSE_MIN_REPORTER_AGE_DAYS = 7
# A formal warning after this many pieces of feedback citing the same rule within the days.
MODERATION_WARNING_FEEDBACK_COUNT = 3
MODERATION_WARNING_WINDOW_DAYS = 365
# Moderator care: visits closer than the gap join one session; a break is suggested after the minutes active today.
MODERATION_SESSION_GAP_MINUTES = 10
MODERATION_BREAK_AFTER_MINUTES = 120

# Evaluation ---------------------------------------------------------------------------
# Wellbeing check-ins: mean change and its interval need this many baseline/follow-up pairs (docs/evaluation.md).
EVALUATION_CHANGE_MIN_PAIRS = 10
