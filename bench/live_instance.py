"""A throwaway phoihop instance for bench/kill_test.py and bench/load_test.py.

Its own folder (database, media, private files, logs), migrated and loaded with the demo story,
served by gunicorn with the background worker beside it, on loopback. SQLite by default; with a
PostgreSQL URL its database is dropped and created afresh (use a database name of your own).
Also: a logged-in HTTP client for the demo personas, small real attachments, an SMTP sink that
counts the mail the worker sends, and percentiles.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import hashlib
import io
import json
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by nearest rank; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


def recreate_postgres_database(url: str) -> None:
    """Drop and create the database named in `url` (never a shared one: the name is the caller's)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in {"postgres", "template0", "template1"}:
        raise SystemExit(f"refusing to recreate the database {name!r}: give a database name of your own")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@dataclass
class Instance:
    workdir: Path
    postgres: str | None = None
    port: int = field(default_factory=free_port)
    web_workers: int = 2
    web_threads: int = 4
    # Seconds gunicorn keeps an idle connection (its default is 2; nginx keeps upstream ones longer).
    keep_alive: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)
    web: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def var(self) -> Path:
        return self.workdir / "var"

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "PHOIHOP_BASE_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DEBUG="0",
            SECRET_KEY="bench-only-not-secret-" + "x" * 32,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PHOIHOP_VAR_DIR=str(self.var),
            PHOIHOP_BASE_URL=self.base_url,
            PYTHONUNBUFFERED="1",
            LOG_LEVEL="INFO",
        )
        if self.postgres:
            env["DATABASE_URL"] = self.postgres
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, quiet: bool = True) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        if not quiet:
            print(result.stdout, end="")
        return result.stdout

    def prepare(self) -> None:
        """A new database with the demo story; the periodic jobs booked."""
        self.var.mkdir(parents=True, exist_ok=True)
        if self.postgres:
            recreate_postgres_database(self.postgres)
        started = time.monotonic()
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("demo")
        self.manage("start_periodic")
        print(f"instance ready in {time.monotonic() - started:.0f} s: {self.workdir}", flush=True)

    def logins(self) -> dict[str, str]:
        data: dict[str, str] = json.loads((self.var / "demo_logins.json").read_text(encoding="utf-8"))
        return data

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen[bytes]:
        handle = (self.workdir / log).open("ab")
        # A session of its own: the whole process group (gunicorn's master and workers) dies together.
        return subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_web(self) -> None:
        self.web = self._spawn(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.web_workers),
                "--threads",
                str(self.web_threads),
                "--timeout",
                "60",
                "--keep-alive",
                str(self.keep_alive),
                "--access-logfile",
                str(self.workdir / "access.log"),
                "--access-logformat",
                '%(s)s %(m)s "%(U)s" %(M)s',
            ],
            "web.log",
        )

    def start_worker(self) -> None:
        self.worker = self._spawn(
            [PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"], "worker.log"
        )

    def kill(self, which: str) -> None:
        """SIGKILL the web server (master and workers) or the worker, at once."""
        process = self.web if which == "web" else self.worker
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self, which: str, timeout: float = 30) -> None:
        process = self.web if which == "web" else self.worker
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill(which)

    def stop_all(self) -> None:
        self.stop("web")
        self.stop("worker")

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base_url + "/healthz?check=database", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.web is not None and self.web.poll() is not None:
                raise SystemExit(f"the web server exited ({self.web.returncode}); see {self.workdir / 'web.log'}")
            time.sleep(0.1)
        raise SystemExit(f"the web server did not answer in {timeout:.0f} s; see {self.workdir / 'web.log'}")


# ----------------------------------------------------------------------------------------------
# HTTP


class LoginFailed(Exception):
    pass


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def selected_option(html: str, name: str) -> str | None:
    """The value of the selected option of <select name=…> (else its first real option)."""
    match = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    if match is None:
        return None
    options = re.findall(r'<option value="([^"]*)"([^>]*)>', match.group(1))
    for value, attributes in options:
        if "selected" in attributes and value:
            return value
    return next((value for value, _ in options if value), None)


def csrf_token(html: str) -> str | None:
    match = CSRF_INPUT.search(html)
    return match.group(1) if match else None


class Client:
    """A requests session logged in as one demo persona, with the form handling Django wants."""

    def __init__(self, base_url: str, username: str, password: str, timeout: float = 30) -> None:
        self.base_url = base_url
        self.username = username
        self.password = password
        self.timeout = timeout
        self.session = requests.Session()

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=self.timeout, allow_redirects=False, **kwargs)

    def post(self, path: str, data: dict[str, Any], files: Any = None, token: str | None = None) -> requests.Response:
        form = {"csrfmiddlewaretoken": token or self.session.cookies.get("csrftoken", ""), **data}
        return self.session.post(
            self.base_url + path,
            data=form,
            files=files,
            timeout=self.timeout,
            allow_redirects=False,
            headers={"Referer": self.base_url + path},
        )

    def login(self) -> None:
        path = "/tai-khoan/dang-nhap/"
        page = self.get(path)
        response = self.post(path, {"username": self.username, "password": self.password}, token=csrf_token(page.text))
        if response.status_code != 302:
            raise LoginFailed(f"{self.username}: login answered {response.status_code}")


# ----------------------------------------------------------------------------------------------
# Files to send


def pdf_bytes(text: str) -> bytes:
    sys.path.insert(0, str(ROOT))
    from phoihop.exchange.tests.files import pdf_file

    return pdf_file(text=text).read()


def png_bytes(seed: int, size: tuple[int, int] = (48, 32)) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    image = Image.new("RGB", size)
    image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(size[0] * size[1])])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ----------------------------------------------------------------------------------------------
# Mail


class MailSink:
    """An SMTP server on loopback that counts messages, taking `delay` seconds over each (so that a
    worker sending mail is often killed in the middle of a task)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.port = free_port()
        self.messages: list[str] = []
        self._lock = threading.Lock()
        self._controller: Any = None

    def start(self) -> None:
        import asyncio

        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                if sink.delay:
                    await asyncio.sleep(sink.delay)
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                subject = str(message.get("Subject", ""))
                with sink._lock:
                    sink.messages.append(f"{','.join(envelope.rcpt_tos)}|{subject}")
                return "250 OK"

        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()

    @property
    def env(self) -> dict[str, str]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
        }
