"""Django settings, read from environment variables (see README, "Cấu hình")."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from xaydungdang.env import env_bool, env_choice, env_int, env_list, env_networks, env_str
from xaydungdang.i18n_build import ensure_compiled

PACKAGE_DIR = Path(__file__).resolve().parent
# In a source checkout the data folder sits beside src/; an installed copy must set XDD_DATA_DIR.
DATA_DIR = Path(env_str("XDD_DATA_DIR", str(PACKAGE_DIR.parent.parent / "var")))

ENVIRONMENT = env_choice("XDD_ENV", "development", ("development", "production", "test"))
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("Setting SECRET_KEY is required when XDD_ENV=production.")
    # Development and demo keep a generated key on disk so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "xaydungdang.core",
    "xaydungdang.accounts",
    "xaydungdang.organisations",
    "xaydungdang.members",
    "xaydungdang.documents",
    "xaydungdang.activities",
    "xaydungdang.meetings",
    "xaydungdang.training",
    "xaydungdang.emulation",
    "xaydungdang.feedback",
    "xaydungdang.pressing",
    "xaydungdang.evaluation",
    "xaydungdang.inspection",
    "xaydungdang.reportcheck",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Third-party apps under Vietnamese names (core.vendor_apps).
    "xaydungdang.core.vendor_apps.AxesConfig",
    "django_tasks",
    "xaydungdang.core.vendor_apps.TasksDatabaseConfig",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside every middleware that may answer an error, so that it sees them all (core.middleware).
    "xaydungdang.core.middleware.ErrorResponseMiddleware",
    "xaydungdang.core.middleware.NulCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xaydungdang.core.cache_control.NoStoreForAuthenticatedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "xaydungdang.core.middleware.ScopeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xaydungdang.urls"
WSGI_APPLICATION = "xaydungdang.wsgi.application"

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
                "xaydungdang.core.context_processors.navigation",
            ],
            "builtins": ["xaydungdang.core.templatetags.vn"],
        },
    }
]


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL", "")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'xdd.sqlite3'}"
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0)))
    except ValueError as exc:
        raise ImproperlyConfigured(f"Setting DATABASE_URL is not a valid database URL: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work during a write; IMMEDIATE avoids "database is locked" on upgrade.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "xaydungdang.core.views.csrf_failure"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The reverse proxies whose X-Forwarded-For is believed (addresses or CIDR blocks); empty: none, the
# client is REMOTE_ADDR. accounts.client_address reads the client from the chain for axes and the audit.
XDD_TRUSTED_PROXIES = env_networks("XDD_TRUSTED_PROXIES")

# Lockout after repeated failed logins (django-axes), per user name and client address.
AXES_CLIENT_IP_CALLABLE = "xaydungdang.accounts.client_address.client_address"
AXES_FAILURE_LIMIT = env_int("XDD_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("XDD_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

SESSION_COOKIE_AGE = env_int("XDD_SESSION_MINUTES", 480, minimum=5) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script anywhere: every script is a file served by the app (closed networks, no CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "vi"
# Vietnamese only: the interface must not switch to the English msgids for a browser set to English.
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [PACKAGE_DIR / "core" / "locale"]
# The .mo files are build output: compile them here, before django.setup() imports the models,
# whose verbose names already load the catalogue, whatever the entry point (xdd, WSGI, pytest).
ensure_compiled()
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Finders let WhiteNoise serve straight from the apps without collectstatic (demo, tests);
# production collects into STATIC_ROOT and serves hashed, compressed files.
WHITENOISE_USE_FINDERS = env_bool("XDD_STATIC_FROM_FINDERS", not PRODUCTION)
STATIC_ROOT = None if WHITENOISE_USE_FINDERS else DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": DATA_DIR / "media"}},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION and not WHITENOISE_USE_FINDERS
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

TASKS = {
    "default": {
        "BACKEND": env_choice(
            "XDD_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
            (
                "django_tasks_db.DatabaseBackend",
                "django_tasks.backends.immediate.ImmediateBackend",
                "django_tasks.backends.dummy.DummyBackend",
            ),
        )
    }
}

# Per-process memory cache: it holds only derived figures (tree counts) keyed by the tree's
# revision, so app servers never serve each other stale values and need no shared cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Rows per page in lists and the cap of any API page.
XDD_PAGE_SIZE = env_int("XDD_PAGE_SIZE", 50, minimum=1)

# A request body other than files (a report pasted into POST /api/report-check, up to 2,000,000
# characters, is up to 6 MB of UTF-8 JSON): Django's 2.5 MB default answered a bare 400 below that.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024

# Files attached to party documents: outside the web root, served only through a scoped view.
XDD_ATTACHMENT_DIR = Path(env_str("XDD_ATTACHMENT_DIR", str(DATA_DIR / "attachments")))
XDD_ATTACHMENT_MAX_MB = env_int("XDD_ATTACHMENT_MAX_MB", 20, minimum=1)

# Shown on every page of a demo installation: all of its data is fictional sample data.
XDD_DEMO_BANNER = env_bool("XDD_DEMO", False)
