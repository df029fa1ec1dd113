"""Settings for MECC Programme Manager, read from the environment (twelve-factor).

With nothing set the app runs on the embedded default: SQLite, local-memory cache, Celery tasks run eagerly
in-process and email printed to the console. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if DEBUG:
    SECRET_KEY = SECRET_KEY or "insecure-development-key-only-for-DEBUG"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
else:
    # Refusing to start is kinder than running in production with a guessable key or an open Host header.
    missing = [name for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value]
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set when DEBUG is off. "
            "Set them in the environment, or set DEBUG=true for local development."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tables2",
    "django_filters",
    "simple_history",
    # The project's own apps, floor by floor from the ground up (README, "How it is built").
    "organisations",
    "assessment",
    "training",
    "contacts",
    "implementation",
    "evaluation",
    "mecc",  # the top: the demo loader (manage.py seed_demo)
]

MIDDLEWARE = [
    "mecc.observability.probes",  # /health/ and /ready/, before the Host header is checked
    "mecc.observability.request_ids",
    "mecc.middleware.refuse_oversized_bodies",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mecc.middleware.private_pages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mecc.middleware.absolute_session_lifetime",  # needs the messages framework above it
    "organisations.mfa_enrolment.require_email_proof",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Content Security Policy: scripts, styles, fonts and images from this site only; no inline script or style (the
# charts' SVG carries presentation attributes, not style attributes, for this reason: common/charts.py). The Django
# admin, used only by platform staff, ships inline scripts and styles and is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "mecc.urls"
WSGI_APPLICATION = "mecc.wsgi.application"

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
                "organisations.context_processors.organisation_context",
                "mecc.navigation.navigation",
            ],
            "builtins": ["common.templatetags.nhsuk", "organisations.templatetags.capabilities"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Short timeouts, and reads that miss rather than fail, so a Redis outage slows nothing and breaks no page.
    CACHES = {
        "default": {
            "BACKEND": "common.cache.ResilientRedisCache",
            # Its own Redis database where one is given (docker-compose: /1), so flushing the cache never drops queued
            # tasks on the broker's.
            "LOCATION": env.str("REDIS_CACHE_URL", default=REDIS_URL),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a real broker when Redis is configured, otherwise tasks run in-process so `make run` needs nothing else.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="mecc")
CELERY_TASK_ROUTES = ("mecc.celery.route_task",)  # reports on "<default queue>-reports"
# A ceiling for any task that sets none of its own (imports and reports set theirs), so none can hold a worker for ever.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/London"
# A message a killed worker never acknowledged goes back on the queue after this many seconds; it must be longer
# than the longest task's time limit (imports: 900 s), or a slow task would be handed to a second worker.
# Workers look for such messages every interval × throttle seconds (kombu's defaults: 10 × 10).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=1800),
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_RESTORE_THROTTLE", default=10),
}
CELERY_BEAT_SCHEDULE = {
    "weekly-overdue-checklist-digest": {
        "task": "implementation.tasks.send_overdue_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    "quarterly-sc8-snapshots": {
        "task": "evaluation.tasks.take_sc8_snapshots",
        "schedule": crontab(hour=6, minute=0, day_of_month="1", month_of_year="1,4,7,10"),
    },
    "quarterly-board-reports": {
        "task": "evaluation.tasks.build_quarterly_board_reports",
        "schedule": crontab(hour=5, minute=0, day_of_month="1", month_of_year="1,4,7,10"),
    },
    "requeue-stalled-reports": {
        "task": "evaluation.tasks.requeue_stalled_reports",
        "schedule": crontab(minute="*/10"),
    },
    # Uploaded CSVs are deleted when their import ends; this catches any a crashed worker left behind.
    "purge-import-files": {
        "task": "contacts.tasks.purge_import_files",
        "schedule": crontab(minute=15),
    },
    # Prepared downloads name staff and conversations: their files are deleted a day after they were built.
    "purge-export-files": {
        "task": "organisations.tasks.purge_exports",
        "schedule": crontab(minute=45),
    },
}
# Evaluation reports: the hard time limit of one build, and a pause injected after a build starts. The pause is
# only for the fault-tolerance test that kills a worker mid-report; it is 0 everywhere else.
REPORT_TIME_LIMIT = env.int("REPORT_TIME_LIMIT", default=300)
REPORT_FAULT_PAUSE_SECONDS = env.float("REPORT_FAULT_PAUSE_SECONDS", default=0)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)  # a stuck mail server fails the send (and its retry) instead
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="MECC Programme Manager <no-reply@mecc.invalid>")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

AUTH_USER_MODEL = "organisations.User"
# allauth's backend alone (it extends Django's ModelBackend for permissions): with two backends a wrong password was
# hashed twice and a right one once, a timing difference that told them apart (security review H1).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: sign in by email address only; accounts are created by accepting an invitation.
ACCOUNT_ADAPTER = "organisations.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "organisations.forms.SignInForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no "unknown account" emails to any address typed into password reset (I7)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[MECC] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Rate limits, set deliberately rather than left to allauth's defaults (amount/period/per ip, key or user). They are
# counted in the cache (Redis in production). accept_invitation is ours (organisations.views.invitations).
# How many proxies of ours stand in front of gunicorn (docker-compose: 1). Rate limits are then counted per real
# client address, taken from X-Forwarded-For that many hops from the end, not per proxy address (review M5).
# The largest request body accepted at all (the import page takes files up to 20 MB); anything larger is refused
# before it is read. The proxy in front should refuse the same (client_max_body_size in nginx).
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=25 * 1024 * 1024)
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/15m/key",  # key: the account and the client address (organisations.adapters)
    "reset_password": "20/m/ip,3/15m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
    "signup": "20/m/ip",
    "accept_invitation": "20/10m/ip",
    "mfa_enrolment_code": "3/15m/user",  # ours: organisations.mfa_enrolment
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Organisation admins, implementation leads and commissioners must turn MFA on before using organisation pages.
# Off by default only with DEBUG, so the `make run` demo can be tried without an authenticator app.
MFA_REQUIRED_FOR_PRIVILEGED_ROLES = env.bool("MFA_REQUIRED_FOR_PRIVILEGED_ROLES", default=not DEBUG)
MFA_TOTP_ISSUER = "MECC Programme Manager"

INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The NHS.UK frontend is served straight from its npm package's compiled dist/ folder: no Sass build.
STATICFILES_DIRS = [BASE_DIR / "static", ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk")]
STATICFILES_FINDERS = [
    "common.staticfiles.UsedFilesFinder",  # only the package files pages use are collected
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",  # the admin's and allauth's own
]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Transport security: on by default outside DEBUG; a TLS-terminating proxy sets X-Forwarded-Proto.
SECURE_TRANSPORT = env.bool("SECURE_TRANSPORT", default=not DEBUG)
# X-Forwarded-Proto is believed only behind a proxy of ours (TRUSTED_PROXY_COUNT): a client that reached gunicorn
# directly could otherwise claim HTTPS and skip the redirect (security review L11).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.int("TRUSTED_PROXY_COUNT", default=0) else None
SECURE_SSL_REDIRECT = SECURE_TRANSPORT
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]  # probed over plain HTTP inside the deployment
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_TRANSPORT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TRANSPORT
SECURE_HSTS_PRELOAD = SECURE_TRANSPORT
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# Sessions end after this many seconds without a request (every request moves the expiry on), and when the
# browser closes. cached_db keeps the extra save per request off the database's read path.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)  # mecc.middleware
# "Keep me signed in on this device", for frontline staff only, and for the logging pages once the ordinary session
# would have ended (mecc.middleware.absolute_session_lifetime, organisations.forms.SignInForm).
KEPT_SESSION_SECONDS = env.int("KEPT_SESSION_SECONDS", default=30 * 24 * 60 * 60)
REMEMBERED_EMAIL_COOKIE = "mecc_email"
# The analysts' API (evaluation/api.py): requests per token, as "number/period" (s, m, h or d).
API_TOKEN_RATE = env.str("API_TOKEN_RATE", default="120/m")
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "mecc.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "mecc.observability.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Error reporting to Sentry only when SENTRY_DSN is set: without it nothing leaves the machine. No personal data is
# sent (no user, no request body, no cookies), in keeping with the privacy notice.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk  # noqa: PLC0415 - only a deployment that reports errors loads the SDK
    from sentry_sdk.integrations.celery import CeleryIntegration  # noqa: PLC0415
    from sentry_sdk.integrations.django import DjangoIntegration  # noqa: PLC0415

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
    )

DJANGO_TABLES2_TEMPLATE = "includes/table.html"
