"""The test suite: fast hashing, in-memory mail, tasks run at once, media in a temp folder."""

import os
import tempfile
from pathlib import Path
from typing import Any, cast

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, MEDIA_URL

SECRET_KEY = "test-only-not-secret-" + "x" * 32
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="phoihop-media-"))
# Beside MEDIA_ROOT, never inside it, as in production: a test can tell a private file from a public one.
PRIVATE_MEDIA_ROOT = MEDIA_ROOT.with_name(MEDIA_ROOT.name + "-private")
_PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/private-not-served/"},
}
STORAGES = {
    "default": _PRIVATE_STORAGE,
    "private": _PRIVATE_STORAGE,
    "public": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": MEDIA_URL},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PHOIHOP_DEMO_LOGINS_FILE = MEDIA_ROOT / "demo_logins.json"
# The suite never depends on the shell's PHOIHOP_BASE_URL; tests of other origins override this.
PHOIHOP_BASE_URL = WAGTAILADMIN_BASE_URL = "http://localhost"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The suite's own SQLite file (kept between runs with --reuse-db), never the demo's.
    DATABASES["default"]["NAME"] = str(Path(DATABASES["default"]["NAME"]).with_name("test.sqlite3"))
    DATABASES["default"]["TEST"] = {"NAME": DATABASES["default"]["NAME"]}

# --- Security (#22) --------------------------------------------------------------------------
# The personas sign in with a password (force_login); the two-factor tests turn the requirement on.
PHOIHOP_REQUIRE_2FA = False
# One log line per sign-in otherwise.
cast(dict[str, Any], LOGGING["loggers"])["axes"] = {"level": "WARNING"}

# Each export would run LibreOffice (about a second); the PDF tests turn it on where they need it.
PHOIHOP_REPORT_PDF = False
