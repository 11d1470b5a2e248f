"""Production: refuses to start without a secret key and allowed hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be set (at least 32 characters) in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated).")

DEBUG = False

# --- HTTPS (#22, item 8): `phoihop check --deploy` answers no warnings with these defaults ---------
# The site is served over HTTPS, TLS ending at our proxy (nginx, README "Production"), which says so
# in X-Forwarded-Proto. PHOIHOP_HTTPS=0 only for a plain-HTTP deployment on a closed network: it
# turns the redirect, HSTS and secure cookies off together (each can still be set on its own).
PHOIHOP_HTTPS = env_bool("PHOIHOP_HTTPS", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PHOIHOP_HTTPS)
# A load balancer's health probe may come over plain HTTP (regular expressions on the path, no "/").
SECURE_REDIRECT_EXEMPT = env_list("SECURE_REDIRECT_EXEMPT", r"^healthz/?$")
# HSTS: browsers refuse plain HTTP for this host (and its subdomains) for a year once they saw it.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if PHOIHOP_HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PHOIHOP_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PHOIHOP_HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", PHOIHOP_HTTPS)
