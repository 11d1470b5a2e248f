"""Project-wide pytest setup: browser availability and the PostgreSQL marker."""

from __future__ import annotations

import os
import shutil

import pytest


def chromium_path() -> str | None:
    return os.environ.get("PHOIHOP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    browser = chromium_path()
    require_browser = os.environ.get("PHOIHOP_REQUIRE_BROWSER") == "1"
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (make test-postgres)"))
        if "browser" in item.keywords and browser is None and not require_browser:
            item.add_marker(
                pytest.mark.skip(reason="needs Debian's Chromium: apt-get install -y chromium (or set PHOIHOP_CHROMIUM)")
            )


def pytest_report_header(config: pytest.Config) -> list[str]:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return [f"phoihop database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('NAME')})", f"chromium: {chromium_path()}"]
