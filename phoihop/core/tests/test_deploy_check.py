"""`phoihop check --deploy` with the production settings exactly as the README's "Production" section
exports them (#22, item 8): no warnings. The README's lines are read, so the two cannot drift apart."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

README = Path(settings.BASE_DIR) / "README.md"


def readme_environment() -> dict[str, str]:
    """Every `export NAME=value` of the README's Production section ("…" stands for a secret)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Production", 1)[1].split("\n## ", 1)[0]
    found: dict[str, str] = {}
    for line in section.splitlines():
        if line.startswith("export "):
            for name, value in re.findall(r"([A-Z_][A-Z0-9_]*)=(\S*)", line.split("#", 1)[0]):
                found[name] = value
    return found


def check_deploy(**overrides: str) -> subprocess.CompletedProcess[str]:
    var = tempfile.mkdtemp(prefix="phoihop-deploy-")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PHOIHOP_", "SECURE_", "DJANGO_"))}
    env.update(readme_environment())
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        PHOIHOP_VAR_DIR=var,
        STATIC_ROOT=f"{var}/static",
        MEDIA_ROOT=f"{var}/media",
        PRIVATE_MEDIA_ROOT=f"{var}/private",
        EMAIL_HOST_USER="phoihop",
        EMAIL_HOST_PASSWORD="x",
        **overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class DeployCheckTests(SimpleTestCase):
    def test_the_readme_documents_the_production_settings(self):
        exported = readme_environment()
        self.assertEqual(exported["DJANGO_SETTINGS_MODULE"], "config.settings.production")
        for name in ("SECRET_KEY", "ALLOWED_HOSTS", "PHOIHOP_BASE_URL", "PHOIHOP_TRUSTED_PROXY_COUNT"):
            self.assertIn(name, exported)

    def test_check_deploy_with_the_readme_environment_has_no_warnings(self):
        result = check_deploy()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues", result.stdout)

    def test_plain_http_turns_redirect_and_hsts_off_and_check_deploy_says_so(self):
        result = check_deploy(PHOIHOP_HTTPS="0")
        self.assertNotEqual(result.returncode, 0)
        for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
            self.assertIn(warning, result.stderr + result.stdout)
