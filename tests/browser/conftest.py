"""Playwright with Debian's Chromium (never a downloaded browser). Screenshots go to artifacts/."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import chromium_path

# Playwright's sync API keeps an event loop in the test thread; the ORM calls in the tests are
# still synchronous, so Django's async-safety guard is lifted for the browser tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        pytest.fail("Chromium is required (PHOIHOP_REQUIRE_BROWSER=1) but not installed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")  # type: ignore[attr-defined]
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def demo_logins(settings: object) -> Path:
    path = Path(tempfile.mkdtemp()) / "logins.json"
    settings.PHOIHOP_DEMO_LOGINS_FILE = path  # type: ignore[attr-defined]
    return path


def screenshots_dir() -> Path:
    """Where the screenshots of a run go: `$PHOIHOP_TEST_ARTIFACTS/screenshots/` (CI sets it), else
    `var/test-artifacts/screenshots/` under the checkout."""
    root = os.environ.get("PHOIHOP_TEST_ARTIFACTS") or str(ARTIFACTS.parent / "var" / "test-artifacts")
    folder = Path(root) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def screenshot() -> object:
    """`screenshot(page, "claim")` saves the whole page as `claim-<width>.png` and returns the path."""

    def save(page: object, name: str) -> Path:
        width = page.viewport_size["width"]  # type: ignore[attr-defined]
        path = screenshots_dir() / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path

    return save
