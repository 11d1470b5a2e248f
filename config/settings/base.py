"""Settings shared by every environment. Everything that differs comes from the environment."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PHOIHOP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "phoihop.core",
    "phoihop.audit",
    "phoihop.accounts",
    "phoihop.programs",
    "phoihop.deadlines",
    "phoihop.exchange",
    "phoihop.reports",
    "phoihop.factcheck",
    "phoihop.newsroom",
    "phoihop.ingest",
    "phoihop.notifications",
    "phoihop.search",
    "phoihop.portal",
    "phoihop.demo",
    "phoihop.webhooks",
    "phoihop.royalties",
    "phoihop.orders",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
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
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the full-page cache: before sessions, so a hit skips them.
    "phoihop.portal.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "phoihop.accounts.middleware.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "phoihop.core.context_processors.site",
                "phoihop.accounts.context_processors.roles",
                "phoihop.notifications.context_processors.notifications",
                "csp.context_processors.nonce",  # {{ CSP_NONCE }} for an inline script (#22)
            ],
        },
    },
]


def database_from_env() -> dict[str, Any]:
    """PostgreSQL (or anything dj-database-url knows) when DATABASE_URL is set, else SQLite in var/.

    SQLite runs in WAL mode with a busy timeout and IMMEDIATE transactions: a writer takes the
    write lock when its transaction begins, so concurrent writers queue for up to `timeout`
    seconds instead of failing half-way with "database is locked".
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
        )
        config.setdefault("TEST", {})
        if os.environ.get("TEST_DATABASE_NAME"):
            config["TEST"]["NAME"] = os.environ["TEST_DATABASE_NAME"]
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "phoihop.sqlite3")),
        # Opening the file and reading its schema costs ~2 ms: keep each thread's connection.
        "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "60")),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
                "PRAGMA cache_size=-32000;PRAGMA mmap_size=268435456;"
            ),
        },
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Vietnamese first; English is available through the language switch and Accept-Language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# Our own catalogue first (an earlier path wins), then our Vietnamese for Wagtail's admin (#15):
# every path here wins over an installed app's catalogue, so `locale_wagtail` overrides Wagtail's own
# (about 140 Vietnamese strings). It is kept apart because `makemessages --no-obsolete` would drop
# from `locale` every msgid that is not in our source. Built by scripts/wagtail_messages.py.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# The Vietnamese way of writing a moment: 21/11/2024 19:41. The format modules below make
# Django's `date` filter and forms use it for both languages.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves from STATIC_ROOT after collectstatic and from the finders in development.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Private files (attachments, tip screenshots, evidence, reports, and Wagtail's original images and
# documents) never sit under MEDIA_ROOT: they are served only by views that check access
# (phoihop.core.storage). MEDIA_ROOT holds only what any reader may fetch: image renditions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
_PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/private-not-served/"},
}
STORAGES = {
    # A file field without a named storage is private, Wagtail's originals and documents included.
    "default": _PRIVATE_STORAGE,
    "private": _PRIVATE_STORAGE,
    # The one public store: Wagtail's renditions (WAGTAILIMAGES_RENDITION_STORAGE below).
    "public": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": MEDIA_URL},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "phoihop <no-reply@localhost>")
# E-mail in (phoihop.ingest): replies to notifications come back to reply+<token>@this domain (empty:
# notification e-mails carry no Reply-To), and `phoihop mail-fetch` reads this IMAPS mailbox.
PHOIHOP_MAIL_REPLY_DOMAIN = os.environ.get("PHOIHOP_MAIL_REPLY_DOMAIN", "")
PHOIHOP_MAIL_IMAP_HOST = os.environ.get("PHOIHOP_MAIL_IMAP_HOST", "")
PHOIHOP_MAIL_IMAP_PORT = int(os.environ.get("PHOIHOP_MAIL_IMAP_PORT", "993"))
PHOIHOP_MAIL_IMAP_USER = os.environ.get("PHOIHOP_MAIL_IMAP_USER", "")
PHOIHOP_MAIL_IMAP_PASSWORD = os.environ.get("PHOIHOP_MAIL_IMAP_PASSWORD", "")
PHOIHOP_MAIL_IMAP_FOLDER = os.environ.get("PHOIHOP_MAIL_IMAP_FOLDER", "INBOX")
# Processed messages are moved here (created if missing); empty: they are only flagged \Seen.
PHOIHOP_MAIL_IMAP_DONE_FOLDER = os.environ.get("PHOIHOP_MAIL_IMAP_DONE_FOLDER", "phoihop-done")
# A CA bundle for a server with a private certificate (tests, an internal mail server); empty: the system's.
PHOIHOP_MAIL_IMAP_CAFILE = os.environ.get("PHOIHOP_MAIL_IMAP_CAFILE", "")
PHOIHOP_MAIL_FETCH_EVERY_MINUTES = int(os.environ.get("PHOIHOP_MAIL_FETCH_EVERY_MINUTES", "5"))

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "phoihop"}
    )
}

# The portal's full-page cache (phoihop/portal/cache.py): Redis when REDIS_URL is set (shared by
# every web process), else each process's memory. Either way invalidation is exact: the validity
# tokens live in the database.
_page_cache: dict[str, Any] = (
    {
        "BACKEND": "phoihop.portal.redis_cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "pages",
    }
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
)
CACHES["pages"] = _page_cache
PHOIHOP_PAGE_CACHE = env_bool("PHOIHOP_PAGE_CACHE", True)
PHOIHOP_PAGE_CACHE_SECONDS = int(os.environ.get("PHOIHOP_PAGE_CACHE_SECONDS", "600"))
# Stored pages each web process also keeps in memory (about 50 KB each), in front of Redis.
PHOIHOP_PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PHOIHOP_PAGE_CACHE_LOCAL_ENTRIES", "1000"))
# Only these query parameters change a cached page (others are ignored by the cached views).
PHOIHOP_PAGE_CACHE_QUERY_PARAMS = ["trang"]
# Never looked up in the page cache (a cheap shortcut: only views that opt in are ever stored).
PHOIHOP_PAGE_CACHE_SKIP_PREFIXES = [
    "/admin/", "/phoi-hop/", "/api/", "/tai-khoan/", "/thong-bao/", "/tim-kiem/", "/lich-su/", "/i18n/",
    "/documents/", "/static/", "/media/", "/luot-doc/", "/__bench/", "/toa-soan/", "/kiem-chung/gui-phan-anh/",
]  # fmt: skip
# How often the worker folds the read beacon's hits into the "Đọc nhiều" counts.
PHOIHOP_MOST_READ_SECONDS = int(os.environ.get("PHOIHOP_MOST_READ_SECONDS", "300"))
# The read beacon (#22): one read per visitor (address + browser) and article a day; per address,
# at most this many readers of one article a day, and this many reads per window (then 429).
PHOIHOP_READS_PER_ADDRESS_ARTICLE = int(os.environ.get("PHOIHOP_READS_PER_ADDRESS_ARTICLE", "20"))
PHOIHOP_READS_PER_ADDRESS = int(os.environ.get("PHOIHOP_READS_PER_ADDRESS", "120"))
PHOIHOP_READS_WINDOW_SECONDS = int(os.environ.get("PHOIHOP_READS_WINDOW_SECONDS", "600"))
# bench/portal.sh only: adds /__bench/bare/ and honours the X-Phoihop-No-Cache request header.
PHOIHOP_BENCH = env_bool("PHOIHOP_BENCH", False)

# Fact-checking (phoihop/factcheck): the public tip form's limits and spam defences. The matching
# thresholds come from phoihop/factcheck/data/matching.json (bench/claim_matching.py --write) unless
# PHOIHOP_FACTCHECK_SUGGEST_THRESHOLD / PHOIHOP_FACTCHECK_AUTO_THRESHOLD are set here.
PHOIHOP_FACTCHECK_TIPS_PER_WINDOW = int(os.environ.get("PHOIHOP_FACTCHECK_TIPS_PER_WINDOW", "5"))
PHOIHOP_FACTCHECK_TIP_WINDOW_SECONDS = int(os.environ.get("PHOIHOP_FACTCHECK_TIP_WINDOW_SECONDS", "60"))
PHOIHOP_FACTCHECK_MIN_FILL_SECONDS = float(os.environ.get("PHOIHOP_FACTCHECK_MIN_FILL_SECONDS", "3"))
PHOIHOP_FACTCHECK_MAX_LINKS = int(os.environ.get("PHOIHOP_FACTCHECK_MAX_LINKS", "3"))
PHOIHOP_FACTCHECK_SCREENSHOT_MAX_BYTES = int(os.environ.get("PHOIHOP_FACTCHECK_SCREENSHOT_MAX_BYTES", "5242880"))
# How many reverse proxies of ours stand in front of the app (0: trust REMOTE_ADDR only, never
# X-Forwarded-For). Behind one nginx: 1.
PHOIHOP_TRUSTED_PROXY_COUNT = int(os.environ.get("PHOIHOP_TRUSTED_PROXY_COUNT", "0"))

# Background work: django-tasks with its database backend, run by `phoihop db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The worker renews its heartbeat this often; /healthz calls it stale, and its running tasks are
# run again by another worker, after PHOIHOP_WORKER_STALE_SECONDS without one (phoihop.core.worker).
PHOIHOP_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("PHOIHOP_WORKER_HEARTBEAT_SECONDS", "15"))
PHOIHOP_WORKER_STALE_SECONDS = int(os.environ.get("PHOIHOP_WORKER_STALE_SECONDS", "120"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# No page of ours may be framed; Wagtail's preview views (the editor's preview iframe) answer
# SAMEORIGIN themselves, and the CSP's frame-ancestors follows (phoihop.core.csp).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("PHOIHOP_SITE_NAME", "Báo Lao động Thủ đô")
# The public address of the site: every absolute URL in pages, feeds, sitemaps and e-mails starts
# with it (phoihop.core.origin), and the Wagtail Site is kept in step. `make demo` sets it from HOST/PORT.
PHOIHOP_BASE_URL = os.environ.get("PHOIHOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Whether Django itself serves MEDIA_ROOT (the public renditions) under MEDIA_URL. Off in production,
# where the web server in front does; on for `make demo`, which runs with DEBUG off (config.settings.dev).
PHOIHOP_SERVE_MEDIA = env_bool("PHOIHOP_SERVE_MEDIA", False)
WAGTAILADMIN_BASE_URL = PHOIHOP_BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Page searches in the admin find published articles through phoihop's Vietnamese-aware index
# (phoihop/search); everything else is Wagtail's database backend (phoihop.search.wagtail_backend).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "phoihop.search.wagtail_backend"}}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Originals stay in the private default storage; only renditions (the sizes pages show) are public.
WAGTAILIMAGES_RENDITION_STORAGE = "public"
# Every document goes through Wagtail's serve view (/documents/<id>/<name>), which checks its
# collection's view restrictions first; never a redirect to, or a link straight into, a storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Upload budgets, checked before any file is decoded or inflated (phoihop.core.uploads; README,
# "Uploads and their limits"). Wagtail's own pixel limit is the same budget.
PHOIHOP_UPLOAD_MAX_IMAGE_PIXELS = int(os.environ.get("PHOIHOP_UPLOAD_MAX_IMAGE_PIXELS", "50000000"))
PHOIHOP_UPLOAD_ZIP_MAX_ENTRIES = int(os.environ.get("PHOIHOP_UPLOAD_ZIP_MAX_ENTRIES", "2000"))
PHOIHOP_UPLOAD_ZIP_MAX_UNCOMPRESSED = int(os.environ.get("PHOIHOP_UPLOAD_ZIP_MAX_UNCOMPRESSED", str(200 * 1024 * 1024)))
PHOIHOP_UPLOAD_ZIP_MAX_RATIO = int(os.environ.get("PHOIHOP_UPLOAD_ZIP_MAX_RATIO", "100"))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = PHOIHOP_UPLOAD_MAX_IMAGE_PIXELS
# Titles, descriptions and tags of images and documents enter NFC with new-style tones, like every
# other text typed in the admin (phoihop.core.wagtail_normalize); image files are checked against
# the pixel budget from their header and lose their location (phoihop.core.wagtail_images).
WAGTAILIMAGES_IMAGE_FORM_BASE = "phoihop.core.wagtail_images.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "phoihop.core.wagtail_documents.DocumentForm"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

PHOIHOP_PUBLICATION_NAME = WAGTAIL_SITE_NAME

# Webhooks (phoihop.webhooks.transport): an endpoint must be https on an address of the Internet; with
# this on, http and addresses inside the network (loopback, RFC 1918…) are accepted too — development,
# tests and an install whose partners' software runs on the same intranet. Off in production: a
# partner's URL must never make the server call its own network (SSRF).
PHOIHOP_WEBHOOKS_ALLOW_PRIVATE = env_bool("PHOIHOP_WEBHOOKS_ALLOW_PRIVATE", False)
# The default hour (local time) of the daily notification digest; each person may choose another.
PHOIHOP_DIGEST_HOUR = int(os.environ.get("PHOIHOP_DIGEST_HOUR", "7"))
# Where `phoihop demo` keeps the demo logins it generated (never committed).
PHOIHOP_DEMO_LOGINS_FILE = Path(os.environ.get("PHOIHOP_DEMO_LOGINS_FILE", VAR_DIR / "demo_logins.json"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}


# --- Security (#22): sign-in lockout, two-factor sign-in, Content-Security-Policy ----------------
# Kept in one block; the order of the middleware it inserts is part of the design (see each line).


def _insert_after(anchor: str, *names: str) -> None:
    index = MIDDLEWARE.index(anchor) + 1
    MIDDLEWARE[index:index] = list(names)


INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static", "csp"]
# Before the page cache: a page served from the cache gets its header fresh (never a stored nonce).
_insert_after("django.middleware.security.SecurityMiddleware", "phoihop.core.csp.ContentSecurityPolicyMiddleware")
# request.user.is_verified() (django-otp), then the second step and the required setup (accounts).
_insert_after(
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "phoihop.accounts.middleware.TwoFactorMiddleware",
)
# A URL's whole number larger than any row id is a 404, not a database error (phoihop.core.http).
_insert_after("django.middleware.common.CommonMiddleware", "phoihop.core.http.OutOfRangeIdMiddleware")
# Last: turns a refused sign-in into the lockout page (accounts.views.locked_out).
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

# django-axes 8: after PHOIHOP_LOGIN_FAILURE_LIMIT wrong passwords for one login from one address,
# that login is refused from that address (even with the right password) for
# PHOIHOP_LOGIN_LOCKOUT_MINUTES; each failure during the lockout starts it again. The same for
# logins that do not exist, so the answers never tell whether an account exists. Unlock with
# `phoihop axes_reset_username LOGIN` (or axes_reset_ip ADDRESS, axes_reset for all).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PHOIHOP_LOGIN_FAILURE_LIMIT", "5"))
_lockout_minutes = int(os.environ.get("PHOIHOP_LOGIN_LOCKOUT_MINUTES", "30"))
# 0: locked until an administrator unlocks it.
AXES_COOLOFF_TIME = dt.timedelta(minutes=_lockout_minutes) if _lockout_minutes > 0 else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "phoihop.core.http.client_ip"
AXES_LOCKOUT_CALLABLE = "phoihop.accounts.views.locked_out"
AXES_ENABLE_ADMIN = False  # Django's own admin is not served; the lockouts are in the database
AXES_VERBOSE = False

# django-otp: TOTP (an authenticator app) with single-use recovery codes (otp_static). Required, when
# PHOIHOP_REQUIRE_2FA is on (the default), for the press's leaders and for anyone who may administer
# users or organizations (phoihop.accounts.two_factor); offered to everyone. `make demo` turns it off.
PHOIHOP_REQUIRE_2FA = env_bool("PHOIHOP_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Wagtail shows avatars from gravatar.com by default: that sends every editor's e-mail hash out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The Wagtail admin's sign-in form, with the same Vietnamese message as the workspace's.
WAGTAILADMIN_USER_LOGIN_FORM = "phoihop.accounts.forms.AdminLoginForm"

# django-csp 4: one policy for every page. Our own scripts are files under /static/ ('self'); an
# inline script needs the request's nonce (`{{ CSP_NONCE }}`); JSON-LD blocks are data, which CSP
# does not govern. Videos embedded in articles come from PHOIHOP_CSP_FRAME_SRC. The Wagtail admin
# needs inline scripts and styles (Wagtail has no nonce support): PHOIHOP_CSP_ADMIN_REPLACE applies
# under /admin/ only (phoihop.core.csp, which also keeps frame-ancestors in step with X-Frame-Options).
PHOIHOP_CSP_FRAME_SRC = env_list(
    "PHOIHOP_CSP_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com,https://www.facebook.com",
)
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # style="--fc-colour: …" on verdict labels: an attribute cannot run script.
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *PHOIHOP_CSP_FRAME_SRC],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PHOIHOP_CSP_ADMIN_PREFIXES = ["/admin/"]
PHOIHOP_CSP_ADMIN_REPLACE: dict[str, Any] = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],  # icons and upload previews
}
