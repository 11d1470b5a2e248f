"""Project-wide pytest setup: browser availability and the PostgreSQL marker."""

from __future__ import annotations

import os
import shutil

import pytest


def chromium_path() -> str | None:
    return os.environ.get("PHOIHOP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _database_engine() -> str:
    """The configured engine, or "" when Django is not set up (vntext's tests run without it)."""
    try:
        from django.conf import settings

        return str(settings.DATABASES["default"]["ENGINE"])
    except Exception:  # noqa: BLE001 — ImproperlyConfigured or Django absent: no database at all
        return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = _database_engine().endswith("postgresql")
    browser = chromium_path()
    require_browser = os.environ.get("PHOIHOP_REQUIRE_BROWSER") == "1"
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (make test-postgres)"))
        if "browser" in item.keywords and browser is None and not require_browser:
            item.add_marker(
                pytest.mark.skip(
                    reason="needs Debian's Chromium: apt-get install -y chromium (or set PHOIHOP_CHROMIUM)"
                )
            )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly how many browser tests ran, so a CI log shows Chromium was really used."""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    for outcome in counts:
        for report in terminalreporter.stats.get(outcome, []):
            if "browser" in getattr(report, "keywords", {}) and report.when in {"call", "setup"}:
                if outcome == "passed" and report.when != "call":
                    continue
                counts[outcome] += 1
    if any(counts.values()):
        passed, failed, skipped = counts["passed"], counts["failed"], counts["skipped"]
        terminalreporter.write_line(f"browser tests (Chromium): {passed} passed, {failed} failed, {skipped} skipped")


def pytest_report_header(config: pytest.Config) -> list[str]:
    engine = _database_engine()
    if not engine:
        return [f"phoihop database: none (Django not configured); chromium: {chromium_path()}"]
    from django.conf import settings

    name = settings.DATABASES["default"].get("NAME")
    return [f"phoihop database: {engine.rsplit('.', 1)[-1]} ({name})", f"chromium: {chromium_path()}"]


@pytest.fixture(scope="session", autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Make sure the migrations' reference rows are there at the start (a reused test database
    may have been flushed by the last transactional test of the previous run)."""
    if not _database_engine() or not _any_db_test(request):
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    from django.db import transaction

    from phoihop.core import seeds

    with blocker.unblock(), transaction.atomic():
        seeds.restore_all()


def _any_db_test(request: pytest.FixtureRequest) -> bool:
    from django.test import TransactionTestCase

    def uses_db(item: pytest.Item) -> bool:
        cls = getattr(item, "cls", None)
        return bool(item.get_closest_marker("django_db")) or (
            isinstance(cls, type) and issubclass(cls, TransactionTestCase)
        )

    return any(uses_db(item) for item in request.session.items)


def _flushes_database(item: pytest.Item) -> bool:
    """Transactional tests (live server, TransactionTestCase) flush every table when they end."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    if "live_server" in getattr(item, "fixturenames", ()):
        return True
    cls = getattr(item, "cls", None)
    if cls is None:
        return False
    from django.test import TestCase, TransactionTestCase

    return issubclass(cls, TransactionTestCase) and not issubclass(cls, TestCase)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """After a flush, put back the reference data migrations seeded, so later tests find it."""
    yield
    if nextitem is None or not _database_engine() or not _flushes_database(item):
        return  # the last test: the test database is being destroyed anyway
    from django.db import transaction
    from pytest_django.plugin import blocking_manager_key

    from phoihop.core import seeds

    with item.config.stash[blocking_manager_key].unblock(), transaction.atomic():
        seeds.restore_all()


@pytest.fixture(autouse=True)
def _empty_default_cache() -> None:
    """Counts kept in the default cache (rate limits, the read beacon's once-a-day keys) start from
    nothing in every test, as the database does."""
    if not _database_engine():
        return
    from django.core.cache import cache

    cache.clear()
