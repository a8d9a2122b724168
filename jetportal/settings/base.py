"""Settings shared by every profile (dev, test, production).

Profiles import everything from here and change only what differs. Anything
that varies between machines is read from the environment through
``jetportal.settings.env``.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The one origin every absolute link is built on (jetportal.origin), never the request's Host.
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must load before it.
    "modeltranslation",
    # Before the admin, so jetportal/templates/admin/ overrides the admin's own templates;
    # the admin app itself uses the portal's AdminSite (language switch, translation dashboard).
    "jetportal",
    "jetportal.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Staff keep old addresses working with redirects managed in the admin.
    "django.contrib.sites",
    "django.contrib.redirects",
    "django_prose_editor",
    "axes",
    "reversion",
    "pages",
    "updates",
    "faq",
    "documents",
    "search",
]

MIDDLEWARE = [
    # Outermost: compresses what the others produced (cached pages arrive compressed already).
    "jetportal.compression.CompressTextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Behind our proxies (TRUSTED_PROXY_COUNT), logs a request that went around them.
    "jetportal.clients.ProxyHopsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for visitors without a session, before any other work (jetportal/cache.py).
    "jetportal.cache.PublicPageMiddleware",
    # ETag and 304 for everything rendered (cached pages carry their own validators).
    "django.middleware.http.ConditionalGetMiddleware",
    # The strict policy everywhere; the admin gets inline styles, which its widgets need.
    "jetportal.csp.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "jetportal.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the others' own answers: a 404 becomes a redirect if staff added one for that path.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Last: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django.contrib.sites (needed by the redirects) serves one site.
SITE_ID = 1

ROOT_URLCONF = "jetportal.urls"
WSGI_APPLICATION = "jetportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jetportal.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite in the repository by default; DATABASE_URL moves to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writes (download counts, sessions) wait for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_from_url(url):
    if url.startswith("file://"):
        return {"BACKEND": "jetportal.file_cache.FileCache", "LOCATION": url[len("file://") :]}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        # Short timeouts: a dead or hung Redis costs a request a fraction of a second once, then
        # jetportal.shared_cache stops asking it for a few seconds and pages are rendered.
        timeout = env_float("CACHE_TIMEOUT_SECONDS", 0.25)
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout, "retry_on_timeout": False}
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "OPTIONS": options}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, file://, locmem:// or dummy://, not {url!r}.")


# By default a cache in files on this machine, which all of its gunicorn workers share (so an
# edit invalidates cached pages in every worker at once); CACHE_URL or REDIS_URL shares one
# between hosts.
CACHES = {
    "default": _cache_from_url(
        env_str("CACHE_URL") or env_str("REDIS_URL") or f"file://{BASE_DIR / '.local' / 'cache'}"
    )
}
CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "jetportal")

# Named cache lifetimes (seconds), so every cached thing says how stale it may be.
CACHE_TIME_SHORT = 60
CACHE_TIME_MEDIUM = 60 * 10
CACHE_TIME_LONG = 60 * 60 * 24

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in: the lockout check runs before the password check (django-axes, see jetportal.signin).
AUTHENTICATION_BACKENDS = [
    "jetportal.signin.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out for 15 minutes.
# Attempts are counted in the database, so every gunicorn worker and host sees the same count.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A 429 page in the visitor's language, saying how long to wait.
AXES_LOCKOUT_CALLABLE = "jetportal.signin.lockout_response"
# Behind proxies, count the client the proxies vouch for (TRUSTED_PROXY_COUNT), not the proxy.
AXES_CLIENT_IP_CALLABLE = "jetportal.clients.client_address"

# Sessions live on the server (the database), so an unlock or a sign-in can be ended there.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# How many proxies of our own stand in front of the application. 0: the client is REMOTE_ADDR;
# n: the client is the n-th address from the right of X-Forwarded-For (the rest can be forged).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# The addresses (or networks) those proxies connect from. When set, X-Forwarded-For is read
# only on connections from them: anyone reaching gunicorn directly is counted by their own address.
TRUSTED_PROXY_ADDRESSES = env_list("TRUSTED_PROXY_ADDRESSES")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["jetportal.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ja")
# Each language falls back to the other one; templates mark the fallback (lang + notice).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ja")}


def _localized_field_label(verbose_name, language):
    # "Title (English)" / 「タイトル（英語）」, in the admin's language, not "Title [en]".
    from jetportal.changes import localized_label

    return localized_label(verbose_name, language)


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_field_label

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# With no proxy or object store in front, the application serves uploads itself.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Uploads: requests stay small; files are checked by content (see jetportal.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Decimal megabytes (1 MB = 1,000,000 bytes), as staff read sizes in the admin and on download links.
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 10_000_000)
IMAGE_MAX_PIXELS = 40_000_000
DOCUMENT_MAX_UPLOAD_BYTES = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 50_000_000)
# History: the newest versions kept of each item (older ones are pruned, see jetportal.history).
VERSIONS_KEPT = env_int("VERSIONS_KEPT", 30)
# Documents are stored outside MEDIA_ROOT and served only by /<lang>/downloads/<slug>/.
# Empty: a "private-documents" folder beside MEDIA_ROOT.
DOCUMENT_ROOT = env_str("DOCUMENT_ROOT", "")
# Behind nginx: the download view decides and counts, then hands the file to nginx with
# X-Accel-Redirect to this internal location (deploy/nginx/jetportal.conf). Empty (the
# default, `make run`): the view streams the file itself.
DOCUMENT_X_ACCEL_PREFIX = env_str("DOCUMENT_X_ACCEL_PREFIX", "")

# Serves /__retire__/ for scripts/benchmark.py; never on in a real deployment.
BENCHMARK_FLOOR = env_bool("JETPORTAL_BENCHMARK_FLOOR", False)
ADMIN_URL_PATH = env_str("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
# A notice on every page that the demo content is sample text (`make run` turns it on;
# a deployment with real content leaves it off).
SHOW_SAMPLE_NOTICE = env_bool("SHOW_SAMPLE_NOTICE", False)
CSRF_FAILURE_VIEW = "jetportal.views.csrf_failure"

# Security headers that hold in every profile; production adds HTTPS-only ones.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A strict Content-Security-Policy: no inline script or style anywhere on the public site.
# The only third party is the privacy-enhanced YouTube player, framed after a click.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
