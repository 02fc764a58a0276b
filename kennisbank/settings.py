"""Django settings for Kennisbank.

Every deployment value comes from the environment (see `.env.example`); the defaults give a
working development site on SQLite with the database search engine.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")
    # Development only: a per-checkout key, never used when DEBUG is off.
    SECRET_KEY = "insecure-development-key-" + str(BASE_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" + (",*" if DEBUG else ""))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "kennisbank",
    "accounts",
    "initiatieven",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "wagtail.api.v2",
    "rest_framework",
    "corsheaders",
    "axes",
    "csp",
    # Widget templates resolve like all others (FORM_RENDERER), so templates/ can override them.
    "django.forms",
]

MIDDLEWARE = [
    # First: /gezond/ for healthchecks, before the host check and the HTTPS redirect.
    "kennisbank.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The database down or locked: a 503 with Retry-After, not a 500 (see the module).
    "kennisbank.unavailable.DatabaseUnavailableMiddleware",
    # Content-Security-Policy on every response, with the editor's exceptions.
    "kennisbank.security_headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware: answers the browser's preflight for the read API.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous page views from the shared cache (kennisbank/page_cache.py): after the language
    # is chosen, before anything that reads the session or the user.
    "kennisbank.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The editor's searches: a quote on SQLite, search with the usage filter (see the module).
    "initiatieven.admin.middleware.EditorSearchGuardMiddleware",
    # Moderation e-mails link to the address the request came in on (accounts.site_address).
    "accounts.site_address.CurrentRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: answers a login locked out by django-axes (see AXES_* below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kennisbank.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Form widgets render with the same template search as pages: templates/wagtailadmin/widgets/
# adds the CSP nonce to the inline scripts of Wagtail's date pickers.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "kennisbank.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request uses it: after the database restarted,
        # each worker reconnects instead of failing one request on its stale connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers on one file. WAL: readers never wait for a writer, nor it for them.
    # Every transaction takes the write lock when it begins (IMMEDIATE): two that read first
    # and then both try to write would otherwise fail at once with "database is locked", and
    # the editor's check-then-save (initiatieven.services.edit_conflicts) relies on it. A
    # writer waits at most SQLITE_BUSY_TIMEOUT seconds for another's lock; after that the
    # visitor gets a 503 with Retry-After (kennisbank/unavailable.py), and the worker is free.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "5")),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if os.environ.get("SQLITE_TEST_FILE"):
        # Tests on a file instead of in memory (`make test`): threads then get connections of
        # their own, as requests do (tests/accounts/test_concurrent_saves.py).
        DATABASES["default"]["TEST"] = {"NAME": os.environ["SQLITE_TEST_FILE"]}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that drops packets instead of refusing them: the visitor gets the 503 page after
    # this many seconds, not a gateway error when gunicorn gives up on the worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a login that is locked out before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "initiatieven" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "kennisbank.storage.ForgivingManifestStaticFilesStorage"
        )
    },
}
# Without DEBUG the site still serves its static files, straight from the finders when
# collectstatic has not run (small sites, `DEBUG=false make run`).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# HTTPS. Nothing about the connection is trusted unless the host says how the site is reached:
#   HTTPS=proxy   behind a reverse proxy that ends TLS and sets X-Forwarded-Proto (never trusted
#                 otherwise: a client could claim https itself);
#   HTTPS=direct  TLS ends in the application server itself;
#   HTTPS=off     (default) plain HTTP, e.g. development.
# With proxy or direct: plain HTTP is redirected, HSTS is sent and cookies are HTTPS-only.
HTTPS = os.environ.get("HTTPS", "off").strip().lower() or "off"
if HTTPS not in {"off", "proxy", "direct"}:
    raise ImproperlyConfigured(f"HTTPS must be off, proxy or direct; got {HTTPS!r}.")
if HTTPS == "proxy":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if HTTPS != "off":
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
# Cookies only over HTTPS: on whenever DEBUG is off (the safe default for production) or HTTPS is
# set; SECURE_COOKIES=false is the host's explicit choice for a site on plain HTTP.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG or HTTPS != "off")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# How many reverse proxies in front of the site add to X-Forwarded-For: the client address that
# login lockouts, rate limits and the API's limit count by is the one the nearest proxy saw.
# 0 (default): REMOTE_ADDR, so that a client cannot pick its own address.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES") or os.environ.get("API_NUM_PROXIES") or "0")
ALLAUTH_TRUSTED_PROXY_COUNT = NUM_PROXIES

# One cache that every worker shares, so that rate limits and lockouts count every request
# whichever process answers it: Redis when REDIS_URL is set, else a table in the database
# (created by `migrate`; on SQLite files, see below). Image renditions, which never change once
# made, stay in each process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kennisbank_cache",
        }
    ),
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# Anonymous page views (kennisbank/page_cache.py) in a cache of their own, so that culling pages
# never evicts a rate limit: a second table (made by `migrate`) holding at most
# PAGE_CACHE_MAX_ENTRIES pages, or Redis: PAGE_CACHE_REDIS_URL, a Redis of its own that may
# evict (`maxmemory` with `allkeys-lru`), else the Redis of REDIS_URL under its own key prefix,
# which must never evict (it holds the rate limits and the worker's claims).
# PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "5000"))
# A larger response (a big export) is answered afresh each time rather than stored.
PAGE_CACHE_MAX_BYTES = int(float(os.environ.get("PAGE_CACHE_MAX_KB", "1024")) * 1024)
PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", "") or REDIS_URL
CACHES["pages"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": PAGE_CACHE_REDIS_URL}
    | {"KEY_PREFIX": "pages"}
    if PAGE_CACHE_REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kennisbank_page_cache",
        "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES, "CULL_FREQUENCY": 4},
    }
)
# The worker's claims on periodic jobs (kennisbank/periodic.py) need an atomic `add` shared by
# every process: Redis, or the database cache's table, also on SQLite (a claim is a rare write).
CACHES["claims"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    | {"KEY_PREFIX": "claims"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kennisbank_cache"}
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not REDIS_URL:
    # SQLite has one write lock for the whole file: a cache table in it would make every view
    # that stores something wait while another process writes at length (an import), and
    # allauth's rate limits, which lock with the cache's `add`, would answer a login with 429.
    # Its workers all run on one machine, so files in a private directory beside the database
    # (CACHE_DIR) are just as shared. Keep this after every cache above; the claims stay.
    CACHE_DIR = Path(os.environ.get("CACHE_DIR") or f"{DATABASES['default']['NAME']}-cache")
    for _alias in ("default", "pages"):
        CACHES[_alias] = {
            **CACHES[_alias],
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / CACHES[_alias]["LOCATION"]),
        }

# Background work (README, "Background work"): index updates, e-mails and the periodic jobs.
#   TASKS_BACKEND=database   tasks wait in a table until `manage.py worker` runs them
#                            (production: bin/serve-production, docker-compose);
#   TASKS_BACKEND=immediate  (default) each task runs at once, in the process that asks for it.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower() or "immediate"
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database; got {TASKS_BACKEND!r}."
    )
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# Seconds between runs of each periodic job of `manage.py worker` (one run per period, however
# many workers run); 0 turns a job off.
WORKER_JOB_INTERVALS = {
    "publish_scheduled": int(os.environ.get("WORKER_PUBLISH_SCHEDULED_SECONDS", "60")),
    "search_catch_up": int(os.environ.get("WORKER_SEARCH_CATCH_UP_SECONDS", "60")),
    "requeue_stalled_tasks": int(os.environ.get("WORKER_REQUEUE_STALLED_SECONDS", "300")),
    "prune_task_results": int(os.environ.get("WORKER_PRUNE_TASKS_SECONDS", "3600")),
    "clear_sessions": int(os.environ.get("WORKER_CLEAR_SESSIONS_SECONDS", "86400")),
}
# Finished task results are kept this many days.
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "14"))

# E-mail is handed to a task (kennisbank.mail), which sends it with EMAIL_DELIVERY_BACKEND: with
# the database task backend a request never waits for the mail server.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "kennisbank.mail.QueuedEmailBackend")
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# The SMTP server that sends the mail (Django's SMTP backend); an empty value is the default.
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A worker never waits for ever on a mail server that does not answer.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or "30")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kennisbank@example.org")
# Where to report a vulnerability (/.well-known/security.txt, README "Security").
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "") or DEFAULT_FROM_EMAIL

# Accounts (django-allauth): contributors sign up with their e-mail address, which they must
# confirm before they may log in; confirming makes them a Bijdrager (see accounts/).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts_profile"
# Contributors log in with their e-mail address; accounts made by hand (the demo `admin`)
# may also use their username.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up and password reset never tell whether an address has an account: the page says "we
# sent you an e-mail" either way, and an address that has one gets an e-mail saying so.
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's limits, counted in the shared cache. Failed logins per address of the client only:
# the lockout of one login is django-axes' (below), by login and client address together, so
# that nobody can lock a known user out from elsewhere.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/10m/ip"}
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm", "signup": "accounts.forms.SignupForm"}
# The confirmation link keeps where the person was headed (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# A logged-in user without admin rights sent to the login page sees it, instead of bouncing
# between /beheer/ and the login page.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kennisbank] "
ACCOUNT_USER_DISPLAY = "accounts.services.contributors.display_name"

# Login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins in a row for one login from
# one client address, that pair is refused for LOGIN_LOCKOUT_MINUTES (a 429 that says so). Counted
# in the database, so every worker sees every attempt; a successful login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.security.login_identifier"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# No log of every successful login (who, when, from where): not needed to lock out.
AXES_DISABLE_ACCESS_LOG = True

# Wagtail
WAGTAIL_SITE_NAME = "Kennisbank"
# The site's public address, for links in e-mails. Unset, e-mails use the address of the request
# that sent them (or the default Site's host and port); see accounts/site_address.py.
BASE_URL = os.environ.get("BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL or "http://127.0.0.1:8000"
# One login for the site and the editor.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords are reset through the site's own, rate-limited flow (/account/wachtwoord-vergeten/).
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Private pages and documents are for logged-in people or groups only: no shared page
# passwords, which Wagtail's form would check without any limit on attempts.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"password": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"password": False}
# Addresses change through the site's own, verified flow (/account/email/), not in the editor.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No avatars from gravatar.com: it would learn which editor uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Moderation e-mails: Redacteuren hear of submissions, submitters of approval or rejection.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool("NOTIFY_SUPERUSERS", True)
WAGTAIL_I18N_ENABLED = False
WAGTAIL_TAG_SPACES_ALLOWED = True
WAGTAIL_TAG_LIMIT = 30
# Uploads are checked by content, not by name (initiatieven/uploads/): images are decoded
# completely by Pillow, documents must be what their extension says. An extension added here
# needs a check there first (unknown ones are refused).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "initiatieven.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "initiatieven.uploads.DocumentForm"
# Bounds on an upload: an 11000 x 11000 PNG of a few hundred kilobytes would otherwise cost a
# gigabyte of memory for each preview.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(float(os.environ.get("IMAGE_MAX_UPLOAD_MB", "10")) * 1024**2)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(float(os.environ.get("IMAGE_MAX_MEGAPIXELS", "40")) * 10**6)
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(float(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "25")) * 1024**2)
# Documents only through Wagtail's view at /documenten/, which checks a private collection's
# restriction, and always as a download (Wagtail adds nosniff and a CSP of its own); never as
# files under /media/ (kennisbank/media.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
TAGGIT_CASE_INSENSITIVE = True

# Wagtail's own search backend serves the admin and the embedded search engine; the `search`
# app adds Elasticsearch on top (ELASTICSEARCH_URL).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "kennisbank_"),
        # Terms arrive already analysed the Dutch way (search.dutch): no second stemmer.
        **(
            {"SEARCH_CONFIG": "simple"}
            if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
            else {}
        ),
    }
}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Seconds Elasticsearch may take before search answers from the database instead.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# After Elasticsearch failed (refused, timed out, overloaded), each process answers from the
# database without asking it for this many seconds; then one request tries it again.
ELASTICSEARCH_RETRY_SECONDS = float(os.environ.get("ELASTICSEARCH_RETRY_SECONDS", "30"))
# Primary shards of a new index. Each shard of a query is searched on its own thread, so on one
# node more shards (up to its cores) answer large collections faster; takes effect on rebuild.
ELASTICSEARCH_SHARDS = int(os.environ.get("ELASTICSEARCH_SHARDS", "1"))
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "kennisbank_")
# Changes that could not reach Elasticsearch wait in a queue. A search that Elasticsearch answers
# sends a bounded batch of them; it looks for changes other processes queued at most this often.
SEARCH_QUEUE_CHECK_SECONDS = float(os.environ.get("SEARCH_QUEUE_CHECK_SECONDS", "5"))

# The open read API (`/api/`): JSON only, no login, one rate limit per client address for all
# of it. Behind a proxy, NUM_PROXIES (above) says how many X-Forwarded-For hops to trust (0: none,
# so a client cannot pick its own address).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["kennisbank.throttling.ClientRateThrottle"],
    "EXCEPTION_HANDLER": "kennisbank.throttling.api_exception_handler",
    "NUM_PROXIES": NUM_PROXIES,
}
# Requests per client address, e.g. "120/minute" or "5000/hour"; empty turns the limit off.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/minute")
# The same for suggestions while typing (/api/zoeken/suggesties/), counted apart from the rest.
SUGGESTIONS_RATE_LIMIT = os.environ.get("SUGGESTIONS_RATE_LIMIT", "600/minute")
WAGTAILAPI_BASE_URL = BASE_URL or None
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_SEARCH_ENABLED = True
# Anyone may read the API, feeds and downloads from another site's page (GET only, no cookies).
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = (
    r"^/(api/.*|feeds/.*|zoeken/(feed/|export\.(csv|xlsx))"
    r"|(collecties|themas|provincies)/[-\w]+/(feed/|export\.(csv|xlsx)))$"
)
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("Retry-After", "X-Export-Total", "X-Export-Cut")

# Security headers (see README, "Configuration"). The Content-Security-Policy allows scripts,
# styles, images, fonts, connections and frames from the site itself only: no inline script
# without the request's nonce, no eval, no inline style (the editor alone allows <style>
# elements), no plugins, no foreign forms or embeds, and nobody may frame the site except the
# editor its own preview. kennisbank/security_headers.py adds the editor's exceptions. Browsers
# send violations to our own report view, which logs them (logger `kennisbank.csp`).
SECURITY_REPORT_PATH = "/csp-rapport/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE: the few inline scripts that Wagtail's admin writes itself (see
        # kennisbank/security_headers.py); 'report-sample' puts their start in a report.
        "script-src": ["'self'", NONCE, "'report-sample'"],
        "style-src": ["'self'"],
        # data: and blob: for the editor's icons and the previews of images being uploaded.
        "img-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": SECURITY_REPORT_PATH,
    },
}
# Enforce (default) or only report (CSP_REPORT_ONLY=true, to try a changed policy on a live site).
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY
    CONTENT_SECURITY_POLICY = None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing on the site uses the camera, microphone, location or other device features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
        "browsing-topics",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
