"""Settings for Secure Base, read from the environment (or a `.env` file beside manage.py).

Development needs nothing set: DEBUG is on and the database is a SQLite file in the project.
With DEBUG off the app refuses to start without a real SECRET_KEY and turns on every HTTPS protection.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-this-key-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("Set SECRET_KEY to at least 50 random characters when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets people read while someone writes; IMMEDIATE transactions take the write lock up front, so two
    # writers queue (for up to 20 s) instead of failing with "database is locked"; secure_delete zeroes what is
    # deleted, so a deleted moment doesn't linger in the file; `optimize` refreshes the planner's statistics where
    # SQLite is 3.46 or newer (older ones do nothing here; the indexes are shaped so that SQLite picks the narrow
    # ones without statistics, see tests/journal/test_query_plans.py).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA optimize=0x10002;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Journal text is encrypted in the database (django-fernet-fields-v2) with keys of its own, never SECRET_KEY.
# JOURNAL_ENCRYPTION_KEYS="newest,older": new text is sealed with the first, any of them opens old text, and
# `manage.py reseal_journal` moves everything to the first so an old key can be dropped (README: rotating keys).
FERNET_KEYS = env.list("JOURNAL_ENCRYPTION_KEYS", default=[])
if not FERNET_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured("Set JOURNAL_ENCRYPTION_KEYS: journal text is encrypted with it.")
    FERNET_KEYS = ["development only: a key for journals on this machine"]

INSTALLED_APPS = [
    "attachment_app",
    "journal",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "attachment_app.private_pages.PrivatePagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "journal.middleware.UserTimezoneMiddleware",
    "journal.lock.AppLockMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Form widgets use templates/ too (our chips and the 0–10 scale).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "attachment_app.urls"
WSGI_APPLICATION = "attachment_app.wsgi.application"

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
            ],
        },
    },
]

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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "journal:entries"
LOGOUT_REDIRECT_URL = None  # show registration/logged_out.html

# Sign-in throttling (attachment_app/sign_in.py): five wrong passwords pause one name from one address, and
# twenty across names pause the address, for 15 minutes; a password reset lifts the pause.
AXES_HANDLER = "attachment_app.sign_in.SignInGuard"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Behind reverse proxies, the visitor's address is the one the outermost proxy added to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "attachment_app.sign_in.visitor_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development (and tests) whitenoise serves straight from static/; production serves collected files.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

LESSON_CONTENT_DIR = env.path("LESSON_CONTENT_DIR", default=BASE_DIR / "content")

# One cache per process unless CACHE_URL names a shared one (redis://host:6379/0: Django's built-in Redis backend),
# so every worker and machine reuses the same cached weekly review.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Background work (reminders, the end of a pause) goes through Django's tasks API. The database backend needs
# nothing but `manage.py db_worker`; with TASKS_REDIS_URL set, tasks go to RQ on Redis (`manage.py rqworker
# --with-scheduler`) for more than one machine.
TASKS_REDIS_URL = env.str("TASKS_REDIS_URL", default="")
if TASKS_REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Links in e-mails need the site's own address: by default the first allowed host, over HTTPS in production.
SITE_URL = env.str(
    "SITE_URL", default="http://127.0.0.1:8000" if DEBUG else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}"
).rstrip("/")
# Web push: a P-256 key (`manage.py vapid_key` makes one). Unset in development, one is derived from SECRET_KEY;
# unset in production, reminders go by e-mail only.
VAPID_PRIVATE_KEY = env.str("VAPID_PRIVATE_KEY", default="")
VAPID_SUBJECT = env.str("VAPID_SUBJECT", default="mailto:admin@localhost")
# Browsers' push services (Chrome, Firefox, Safari, Edge): the only hosts a device may ask us to send to.
PUSH_SERVICE_HOSTS = env.list(
    "PUSH_SERVICE_HOSTS",
    default=[".googleapis.com", ".push.services.mozilla.com", ".push.apple.com", ".notify.windows.com"],
)

# Development prints e-mail (password resets) to the console; production reads an EMAIL_URL.
vars().update(env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Secure Base <no-reply@localhost>")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# The app needs none of the browser's powerful features, so an injected script or frame gets none of them either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
        "xr-spatial-tracking",
    )
} | {"autoplay": ["self"], "screen-wake-lock": ["self"]}  # the pause's soft end sound; keeping the screen on
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Journal text must never reach a log: errors are logged without request bodies or local variables.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.db.backends": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "attachment_app.errors.JournalSafeExceptionReporterFilter"
