"""Settings for Mùa thi, driven by environment variables (see .env.example).

With DEBUG=1 and no other variable the service runs on embedded defaults: SQLite, local-memory cache,
local media folder and database search. With DEBUG off (the default) SECRET_KEY is required.
Production parts switch on by variable.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MUA_THI_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or None
# The prefix of the per-process key made up for development; cms.checks flags it under `check --deploy`.
DEVELOPMENT_SECRET_KEY_PREFIX = "insecure-dev-"
if SECRET_KEY is None:
    if not DEBUG:
        # Every process (gunicorn workers, the scheduler) must sign sessions, CSRF and preview tokens alike.
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY is not set: with DEBUG=0 it is required (make one with "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"), or set DEBUG=1 for development.')
    # Development only (DEBUG=1): a per-process random key (sessions do not survive a restart).
    SECRET_KEY = DEVELOPMENT_SECRET_KEY_PREFIX + get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "exam_news",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "ninja",
    "corsheaders",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # Wagtail's status panels use its naturaltime; installed, its Vietnamese loads
]

MIDDLEWARE = [
    "cms.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.SecurityHeadersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before the response cache, so that cached answers are rate limited too.
    "cms.middleware.ApiProtectionMiddleware",
    "exam_news.api.caching.ApiCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database: SQLite file by default, PostgreSQL (or any dj-database-url URL) in production.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    # Reads through a memory map of the file (up to 1 GiB): the OS page cache serves every connection without a
    # read() per page (the search bench: p95 51 → 47 ms on SQLite).
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20,
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "muathi"),
            "OPTIONS": {
                # A Redis outage must degrade to "no cache", never to an error page.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mua-thi",
        }
    }

# --- Media and static files: local folders by default, S3-compatible bucket when configured.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

AWS_STORAGE_BUCKET_NAME = env_str("S3_BUCKET")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "region_name": env_str("S3_REGION") or None,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "path"),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# --- Search: database search by default; Elasticsearch/OpenSearch when ELASTICSEARCH_URL is set.
# SEARCH_URL (or the older name ELASTICSEARCH_URL) and SEARCH_ENGINE: elasticsearch (8.x) or opensearch (2.x).
ELASTICSEARCH_URL = env_str("SEARCH_URL") or env_str("ELASTICSEARCH_URL")
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "elasticsearch")
if SEARCH_ENGINE not in ("elasticsearch", "opensearch"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"SEARCH_ENGINE must be elasticsearch or opensearch, not {SEARCH_ENGINE!r}")
# Index names are "<prefix>-<timestamp>" behind the alias "<prefix>", so several deployments can share a cluster.
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "muathi")
# A public search waits this long for Elasticsearch before answering from the database (milliseconds);
# after this many consecutive failures Elasticsearch is skipped for the cool-down (seconds).
ELASTICSEARCH_SEARCH_TIMEOUT_MS = env_int("ELASTICSEARCH_SEARCH_TIMEOUT_MS", 500)
ELASTICSEARCH_INDEX_TIMEOUT_MS = env_int("ELASTICSEARCH_INDEX_TIMEOUT_MS", 10000)
ELASTICSEARCH_BREAKER_FAILURES = env_int("ELASTICSEARCH_BREAKER_FAILURES", 3)
ELASTICSEARCH_BREAKER_COOLDOWN = env_int("ELASTICSEARCH_BREAKER_COOLDOWN", 30)
# Wagtail's own search (used by the admin's page chooser and search) stays on the database;
# the public search is the project's own (search/), over the same folded index on every backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Portal API: HTTP caching (seconds) and CORS for the portal front ends.
API_MAX_AGE = env_int("API_MAX_AGE", 60)
API_S_MAXAGE = env_int("API_S_MAXAGE", 300)
API_STALE_WHILE_REVALIDATE = env_int("API_STALE_WHILE_REVALIDATE", 60)
# The static mirror of the hot set (exam_news.mirror; deploy/nginx serves it): a local folder, off when empty.
MIRROR_ROOT = env_str("MIRROR_ROOT")
MIRROR_MAX_AGE = env_int("MIRROR_MAX_AGE", 5)  # must match the max-age in deploy/nginx/mua-thi.conf
API_CACHE_TTL = env_int("API_CACHE_TTL", 300 if REDIS_URL else 60)
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
API_PREVIEW_TOKEN_MAX_AGE = env_int("API_PREVIEW_TOKEN_MAX_AGE", 3600)
# Per-client rate limit for /api/ (fixed window in the cache, shared by all workers with Redis; 0 turns it off).
# Portal servers listed in API_RATE_LIMIT_ALLOWLIST (IPs or CIDR networks) are exempt. X-Forwarded-For is
# trusted only through TRUSTED_PROXY_COUNT proxies (1 behind one nginx/load balancer); with 0, requests that a
# local proxy forwarded are never exempt (cms.middleware.rate_limit_exempt).
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 600)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)
# Loopback (local monitoring, the benchmark, the test suite) is exempt unless the variable says otherwise —
# when it really is the client, not a proxy on this machine.
API_RATE_LIMIT_ALLOWLIST = env_list("API_RATE_LIMIT_ALLOWLIST", ["127.0.0.1", "::1"])
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Request bodies: API requests above API_MAX_BODY_BYTES get a 413; form data (not files) is capped by Django.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# Change notifications: "thread" (first attempt after commit, in the background), "inline" or "off".
WEBHOOK_DELIVERY = env_str("WEBHOOK_DELIVERY", "thread")
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 5)
# Receivers on private, loopback or link-local addresses (refused otherwise): host names, IPs or CIDR networks.
WEBHOOK_ALLOWED_HOSTS = env_list("WEBHOOK_ALLOWED_HOSTS")

# --- Radio bulletins: reading speed and how far proposals look ahead/back.
RADIO_SYLLABLES_PER_MINUTE = env_int("RADIO_SYLLABLES_PER_MINUTE", 200)
RADIO_SCHEDULE_DAYS = env_int("RADIO_SCHEDULE_DAYS", 7)
RADIO_RECENT_DAYS = env_int("RADIO_RECENT_DAYS", 7)
RADIO_RECENT_LIMIT = env_int("RADIO_RECENT_LIMIT", 5)
# The public audio preview: at most this long for espeak-ng, below gunicorn's 30 s worker timeout
# (deploy/systemd/mua-thi-web.service), so a slow synthesis is a 503, never a killed worker.
RADIO_AUDIO_TIMEOUT_SECONDS = env_int("RADIO_AUDIO_TIMEOUT_SECONDS", 20)

# --- Backups: restore_content cleans rich text with the importers' sanitiser (HTML → body blocks). Named here
# because the platform (cms) cannot import the exam domain that owns it.
RICH_TEXT_SANITISER = "exam_news.importers.richtext.body_blocks"

# --- Internationalisation: Vietnamese first.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]

# --- Wagtail.
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Mùa thi")
WAGTAILADMIN_BASE_URL = env_str("ADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.MediaImage"
WAGTAILDOCS_DOCUMENT_MODEL = "cms.MediaDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx"]
# Documents always go through the app, which serves only those of published content (exam_news/public/downloads.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Safe uploads (cms/uploads.py, cms/forms.py): type by content, byte and pixel limits, metadata stripped.
MAX_IMAGE_BYTES = env_int("MAX_IMAGE_BYTES", 20 * 1024 * 1024)
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
MAX_DOCUMENT_BYTES = env_int("MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_IMAGE_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.SafeDocumentForm"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_I18N_ENABLED = False
# ASCII URLs (shareable on Zalo/Facebook without percent-encoding); Vietnamese titles are folded.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The dashboard would ask releases.wagtail.org for a newer version from the editor's browser: the admin's CSP
# refuses it (a console error on every dashboard load), and editors cannot upgrade anyway.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The account page's time-zone list: Wagtail offers every name of the system's zoneinfo, including
# "localtime", which the browser refuses (RangeError on the page). Editors work in Vietnam's time.
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh", "UTC"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Login throttling (django-axes): after LOGIN_FAILURE_LIMIT failed logins for the same username from the
# same address, that pair is refused (even with the right password) for LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cms.security.login_client_ip"
# Only the failures are recorded (no row per successful login).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no "AXES: BEGIN …" banner from every command; failed logins are still logged
# Optional TOTP two-factor for approvers and administrators (`manage.py totp_setup USERNAME`).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.two_factor.LoginForm"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# --- Security: strict by default when DEBUG is off; each switch can be overridden.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's live preview renders the page in a same-origin iframe, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
PERMISSIONS_POLICY = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), "
                      "browsing-topics=()")
# Admin and API docs: scripts and styles only from this host (Wagtail's admin needs inline ones), images
# also from data:/blob: (upload previews, Swagger UI) and the media host; framed only by ourselves.
_MEDIA_ORIGIN = ""
if env_str("S3_CUSTOM_DOMAIN"):
    _MEDIA_ORIGIN = "https://" + env_str("S3_CUSTOM_DOMAIN").split("/")[0]
elif AWS_STORAGE_BUCKET_NAME:
    from urllib.parse import urlsplit

    _endpoint = urlsplit(env_str("S3_ENDPOINT_URL"))
    _MEDIA_ORIGIN = f"{_endpoint.scheme}://{_endpoint.netloc}" if _endpoint.netloc else "https://*.amazonaws.com"
ADMIN_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    f"img-src 'self' data: blob: {_MEDIA_ORIGIN}".strip(),
    f"media-src 'self' blob: {_MEDIA_ORIGIN}".strip(),
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])
# No avatars from gravatar.com: the admin makes no third-party requests (and the CSP allows none).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and env_bool("HTTPS", False))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", env_bool("HTTPS", False))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", env_bool("HTTPS", False))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if env_bool("HTTPS", False) else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", env_bool("HTTPS", False))
# Load balancers probe health over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        # The search clients log every request at INFO (opensearch-py with a curl transcript of the body).
        "elastic_transport": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "opensearchpy.trace": {"level": "WARNING"},
    },
}
# "json": one JSON object per line with the request id (for log shippers); "text": Django's default.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT == "json":
    LOGGING["formatters"] = {"json": {"()": "cms.logging.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
