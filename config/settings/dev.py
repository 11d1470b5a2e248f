"""Local development and `make demo`: a throwaway key unless one is set.

DEBUG is on unless DEBUG=0: `make demo` sets it off (PHOIHOP_DEMO_DEBUG), so a newcomer sees the
Vietnamese 403/404/500 pages rather than Django's debug pages (#15); static files are served by
WhiteNoise from the finders either way, and the public media by Django itself (PHOIHOP_SERVE_MEDIA).
"""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = os.environ.get("DEBUG", "1") not in {"0", "false", "False"}
PHOIHOP_SERVE_MEDIA = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-" + "x" * 32
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
