"""Local development and `make demo`: DEBUG on, a throwaway key unless one is set."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = os.environ.get("DEBUG", "1") not in {"0", "false", "False"}
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-" + "x" * 32
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
