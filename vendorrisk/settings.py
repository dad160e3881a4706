"""Settings for vendorrisk, read from the environment.

Every setting that differs between a laptop, CI and production comes from an environment
variable through the strict helpers below: a malformed value stops the app at start-up
instead of being read as something else.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key-change-me"


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEFAULT_SECRET_KEY)
MIN_SECRET_KEY_LENGTH = 50  # what Django's own deploy check asks for
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is not set: refusing to start with debug off on the default key.")
if not DEBUG and len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY has {len(SECRET_KEY)} characters: refusing to start with debug off on a key "
        f"shorter than {MIN_SECRET_KEY_LENGTH}."
    )
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_htmx",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "assessments",
    "policies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vendorrisk.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "assessments.middleware.RoleRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vendorrisk.urls"
WSGI_APPLICATION = "vendorrisk.wsgi.application"

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
                "assessments.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vendorrisk"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        # A kept connection is checked before a request reuses it, so the first request after
        # PostgreSQL restarts reconnects instead of failing (bench/db_connections.py measures it).
        conn_health_checks=envbool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (README, "Login throttling"): a username is locked after AXES_FAILURE_LIMIT
# failures from any addresses, and an address after as many failures across any usernames
# (password spraying). A lock lasts AXES_COOLOFF_MINUTES from its start; failures during it
# do not extend it. An admin unlocks at once (Admin > Access attempts).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a proxy, the client address comes from X-Forwarded-For only when this many trusted
# proxies are declared (0: the header is ignored and REMOTE_ADDR is the client).
TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "vendorrisk.proxy.client_ip"
# /healthz shows details (components, workers, errors) to admins or to a request with
# "Authorization: Bearer <HEALTHZ_TOKEN>"; anyone else sees only ok / degraded / down.
HEALTHZ_TOKEN = os.environ.get("HEALTHZ_TOKEN", "")

# Its start-up banner is a log line in every management command (extract_policy prints only JSON).
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Statements are private: they live outside any public URL and are served by a view
    # that checks access (see policies.views.statement_download).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("DJANGO_MANIFEST_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", False)
# Where the file backend (django.core.mail.backends.filebased.EmailBackend) writes each message.
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "vendorrisk@localhost")
SITE_URL = os.environ.get("VENDORRISK_SITE_URL", "http://127.0.0.1:8000")

# Celery: the broker is Redis; results are not needed because job state lives in the
# database (policies.Statement), where the pages can read it.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 180)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A late-acked message not acknowledged within the visibility timeout is delivered again by
# kombu. Keep it above the hard time limit so only a lost worker causes redelivery; it is
# the backstop: the periodic requeue below gives a dead worker's job back within
# STATEMENT_STUCK_AFTER_SECONDS. A key prefix lets several apps (or test runs) share a Redis db.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 300),
    "global_keyprefix": os.environ.get("CELERY_BROKER_KEY_PREFIX", ""),
}
# Tasks of the running job keep going when the broker connection drops (Redis restarts);
# the job's heartbeat shows it alive, so it is not queued twice.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# Address-space cap for each worker pool process (0 turns it off); see vendorrisk/celery.py.
WORKER_MEMORY_LIMIT_MB = envint("WORKER_MEMORY_LIMIT_MB", 2048)
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-statements": {
        "task": "policies.tasks.requeue_stuck_statements",
        "schedule": float(envint("STATEMENT_REQUEUE_EVERY_SECONDS", 10)),
    },
    "mark-overdue-reassessments": {
        "task": "assessments.tasks.mark_overdue_reassessments",
        "schedule": 24 * 60 * 60.0,
    },
    "monitor-documents": {
        "task": "policies.tasks.monitor_documents_due",
        "schedule": float(max(1, envint("DOCUMENT_MONITOR_SWEEP_SECONDS", 300))),
    },
}

# Statements.
STATEMENT_MAX_UPLOAD_BYTES = envint("STATEMENT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# Uploads above 2 MB are spooled to a temporary file instead of memory; a body declared larger
# than the cap is refused before it is read (vendorrisk.middleware). Non-file fields (a pasted
# statement) may take the cap plus room for the rest of the form, so an over-long paste still
# reaches the form, which refuses it with the text kept.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = STATEMENT_MAX_UPLOAD_BYTES + 1024 * 1024
# A running job refreshes its heartbeat this often; one silent for STUCK_AFTER seconds that
# the broker lost or whose worker is gone is queued again by the periodic requeue.
STATEMENT_HEARTBEAT_SECONDS = envint("STATEMENT_HEARTBEAT_SECONDS", 5)
STATEMENT_STUCK_AFTER_SECONDS = envint("STATEMENT_STUCK_AFTER_SECONDS", 30)
STATEMENT_FETCH_TIMEOUT_SECONDS = envint("STATEMENT_FETCH_TIMEOUT_SECONDS", 15)
# Hosts that may be fetched even though they resolve to private or loopback addresses.
STATEMENT_FETCH_ALLOWED_HOSTS = envlist("STATEMENT_FETCH_ALLOWED_HOSTS", "")

# Monitoring: documents obtained from a URL are fetched again every DEFAULT_DAYS (a vendor may set
# its own interval or be paused); a failed fetch is tried again after RETRY_MINUTES, doubling
# each time, never later than RETRY_MAX_HOURS nor than the regular interval.
DOCUMENT_MONITOR_DEFAULT_DAYS = envint("DOCUMENT_MONITOR_DEFAULT_DAYS", 7)
DOCUMENT_MONITOR_RETRY_MINUTES = envint("DOCUMENT_MONITOR_RETRY_MINUTES", 30)
DOCUMENT_MONITOR_RETRY_MAX_HOURS = envint("DOCUMENT_MONITOR_RETRY_MAX_HOURS", 24)
for _name in ("DOCUMENT_MONITOR_DEFAULT_DAYS", "DOCUMENT_MONITOR_RETRY_MINUTES", "DOCUMENT_MONITOR_RETRY_MAX_HOURS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1, not {globals()[_name]}")

# Months until an approved assessment is due again, by risk tier.
REASSESSMENT_MONTHS = {
    "critical": envint("REASSESSMENT_MONTHS_CRITICAL", 6),
    "high": envint("REASSESSMENT_MONTHS_HIGH", 12),
    "medium": envint("REASSESSMENT_MONTHS_MEDIUM", 24),
    "low": envint("REASSESSMENT_MONTHS_LOW", 36),
}

# Content-Security-Policy: only this site's own resources.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"

# Production transport security, on whenever debug is off.
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True

# The REST API (/api/v1/): session or personal-token authentication, JSON errors of one
# shape, page-number pagination and a throttle per token (see README, "API").
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "assessments.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["assessments.api.permissions.HasRole"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "assessments.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["assessments.api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("API_THROTTLE_RATE", "600/minute")},
    "EXCEPTION_HANDLER": "assessments.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "vendorrisk API",
    "DESCRIPTION": "Vendors, their privacy statements, auto-filled assessments, review, sign-off and exports. "
    "Every call follows the same rules as the pages: roles, four eyes and the audit trail.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["assessments.api.permissions.HasRole"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TierEnum": "assessments.models.Tier",
        "AssessmentStatusEnum": "assessments.models.Assessment.Status",
        "StatementStatusEnum": "policies.models.Statement.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint's font subsetting logs every glyph table at INFO.
    "loggers": {"fontTools": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}
