"""Issue #12, acceptance (2), the newcomer's way: the commands `make demo` runs (migrate, `demo`, then
`serve`: start_periodic, the worker and runserver, PHOIHOP_BASE_URL from HOST and PORT), in a
temporary var/ directory, on a free port that is not 8000. Every absolute URL of ours in the public
pages, feeds, sitemaps, robots.txt and the e-mails of one story answers 200 as given.

The Makefile's `demo` target is not invoked itself: it depends on `install`, which would reinstall the
shared virtualenv whenever its stamp is older than the lock. The same commands run here directly."""

from __future__ import annotations

import html
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from phoihop.notifications.tests.smtp import RecordingHandler, free_port
from phoihop.portal.tests.test_public_origin import PUBLIC_PATHS, absolute_urls, fetch, foreign_or_ours

ROOT = Path(settings.BASE_DIR)
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
HOST = "127.0.0.1"
LOGIN_PATH = "/tai-khoan/dang-nhap/"
TITLE = "Lịch tiếp công dân tháng 12 (cổng thử)"
# One story against the running site, as the newsroom lives it: the commune's liaison sends a
# submission, the newsroom acknowledges it and marks it published with the article's link.
STORY = """
import json
from django.contrib.auth import get_user_model
from phoihop.core.origin import public_url
from phoihop.exchange import services as exchange
from phoihop.portal.models import ArticlePage

User = get_user_model()
liaison = User.objects.get(username="daumoixa")
editor = User.objects.get(username="truongban")
article = ArticlePage.objects.live().get(slug=SLUG)
submission = exchange.submission_create(
    actor=liaison,
    organization=liaison.memberships.active().get().organization,
    title=TITLE,
    body="Nội dung.",
)
exchange.submission_acknowledge(actor=editor, submission=submission)
exchange.submission_mark_published(
    actor=editor, submission=submission, url=public_url(article.get_url() or "/"), page=article
)
# Who is who, to sign each recipient in.
print(json.dumps({user.email.lower(): user.get_username() for user in User.objects.exclude(email="")}))
"""


def wait_for(condition: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Demo:
    """The demo, served on `port` from the temporary `var` directory."""

    def __init__(self, tmp: Path, port: int, smtp_port: int) -> None:
        self.var = tmp / "var"
        self.port = port
        self.origin = f"http://{HOST}:{port}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PHOIHOP_", "DJANGO_", "EMAIL_"))
            and key not in {"DATABASE_URL", "SQLITE_PATH", "MEDIA_ROOT", "STATIC_ROOT", "TEST_MEDIA_ROOT"}
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            # What the Makefile exports for `demo` (HOST, PORT, PHOIHOP_DEMO_REQUIRE_2FA's and
            # PHOIHOP_DEMO_DEBUG's defaults).
            PHOIHOP_BASE_URL=self.origin,
            PHOIHOP_REQUIRE_2FA="0",
            DEBUG="0",
            # The newcomer's var/ (database, media, private files, logins file), moved to tmp.
            PHOIHOP_VAR_DIR=str(self.var),
            MEDIA_ROOT=str(self.var / "media"),
            PRIVATE_MEDIA_ROOT=str(self.var / "private"),
            # Dev prints mail on the console; a local SMTP server keeps it to read instead.
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=HOST,
            EMAIL_PORT=str(smtp_port),
        )
        self.processes: list[subprocess.Popen[bytes]] = []

    def manage(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, done.stderr.decode()[-3000:]
        return done.stdout.decode()

    def spawn(self, *args: str) -> None:
        log = (self.var / "worker.log").open("ab")
        self.processes.append(
            subprocess.Popen(  # noqa: S603
                [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        )

    def start(self) -> str:
        """migrate + demo + serve, as `make demo`; the output of `demo` (its printed logins)."""
        self.var.mkdir(parents=True)
        self.manage("migrate", "--no-input", "-v", "0", timeout=300)
        printed = self.manage("demo", timeout=300)
        self.manage("start_periodic")
        self.spawn("db_worker", "--no-startup-delay")
        self.spawn("runserver", "--noreload", f"{HOST}:{self.port}")
        wait_for(lambda: self.up(), 60, "runserver")
        return printed

    def up(self) -> bool:
        for process in self.processes:
            assert process.poll() is None, (self.var / "worker.log").read_text(errors="replace")[-3000:]
        try:
            return fetch(self.origin + "/robots.txt")[0] == 200
        except OSError:
            return False

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def login(self, username: str, password: str) -> str:
        """Sign in through the form (django-axes is on); the cookie header of the session."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(self.origin + LOGIN_PATH, timeout=10) as response:
            form = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert token, "no CSRF token on the sign-in form"
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        ).encode()
        request = urllib.request.Request(  # noqa: S310
            self.origin + LOGIN_PATH, data=data, headers={"Referer": self.origin + LOGIN_PATH}
        )
        with opener.open(request, timeout=10) as response:
            assert urlsplit(response.url).path != LOGIN_PATH, f"{username} could not sign in"
        cookies = {cookie.name: cookie.value for cookie in jar}
        assert settings.SESSION_COOKIE_NAME in cookies, username
        return "; ".join(f"{name}={value}" for name, value in cookies.items())


class Sink(RecordingHandler):
    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port


@pytest.fixture
def smtp() -> Iterator[Sink]:
    handler = Sink(free_port())
    controller = Controller(handler, hostname=HOST, port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def demo(tmp_path: Path, smtp: Sink) -> Iterator[Demo]:
    port = free_port()
    while port in {80, 8000}:
        port = free_port()
    served = Demo(tmp_path, port, smtp.port)
    try:
        yield served
    finally:
        served.stop()


def mail_text(message: EmailMessage) -> str:
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return "".join(str(part) for part in parts)


def test_make_demo_on_a_free_port_every_absolute_url_answers_200(demo: Demo, smtp: Sink) -> None:
    printed = demo.start()
    assert demo.origin + "/" in printed  # the demo prints the address it serves
    origin = demo.origin
    found: dict[str, str] = {}  # URL -> the cookie header to open it with ("" for the public)
    article_path = ""
    for path in PUBLIC_PATHS:
        if path == "ARTICLE":
            path = article_path
        status, body = fetch(origin + path)
        assert status == 200, path
        ours, stray = foreign_or_ours(absolute_urls(body), origin)
        assert stray == set(), path
        # The news sitemap lists the last two days' articles: the demo's story is older, so it is empty.
        assert ours or path == "/sitemap-news.xml", path
        found.update(dict.fromkeys(ours, ""))
        if path == "/":
            # The first article card of the home page.
            card = re.search(r'class="item-title"><a href="([^"]+)"', body)
            assert card, "no article on the home page"
            article_path = urlsplit(html.unescape(card.group(1))).path
    assert article_path
    # One full story against the running site; the worker sends its e-mails.
    slug = article_path.strip("/").split("/")[-1]
    printed = demo.manage("shell", "-c", f"SLUG = {slug!r}\nTITLE = {TITLE!r}\n" + STORY)
    usernames: dict[str, str] = json.loads(printed.strip().splitlines()[-1])

    # The worker also delivers what loading the demo queued: keep the story's own e-mails.
    def story_mails() -> list[EmailMessage]:
        return [m for m in list(smtp.messages) if TITLE in str(m["Subject"]) + mail_text(m)]

    wait_for(lambda: len(story_mails()) >= 3, 30, "the story's e-mails")
    time.sleep(1)  # any e-mail still in flight
    logins: dict[str, str] = json.loads((demo.var / "demo_logins.json").read_text(encoding="utf-8"))
    sessions: dict[str, str] = {}
    for message in story_mails():
        recipient = str(message["To"]).split("<")[-1].strip(" >")
        username = usernames[recipient.lower()]
        if username not in sessions:
            sessions[username] = demo.login(username, logins[username])
        ours, stray = foreign_or_ours(absolute_urls(mail_text(message)), origin)
        assert ours, message["Subject"]
        assert stray == set(), message["Subject"]
        found.update(dict.fromkeys(ours - found.keys(), sessions[username]))
    assert origin + article_path in found
    failures: list[tuple[str, int]] = []
    for url, cookie in sorted(found.items()):
        status, _body = fetch(url, cookie)  # media too: the demo serves it (PHOIHOP_SERVE_MEDIA)
        if status != 200:
            failures.append((url, status))
    assert failures == []
