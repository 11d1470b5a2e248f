"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1, on a free port, one per test class."""

from __future__ import annotations

import datetime as dt
import email
import logging
import socket
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any
from zoneinfo import ZoneInfo

from aiosmtpd.controller import Controller
from django.test import override_settings

from phoihop.testing import PersonaTestCase

# aiosmtpd logs every connection at INFO; the tests assert on what arrived instead.
logging.getLogger("mail.log").setLevel(logging.WARNING)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)  # type: ignore[misc,arg-type]


def free_port() -> int:
    """A port nothing listens on (bound, then released at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RecordingHandler:
    """Keeps every accepted message; refuses the recipients listed in `refuse` with a 550."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 Hop thu khong ton tai"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def subject_of(message: EmailMessage) -> str:
    """The decoded subject (Django folds long encoded subjects; unfolding leaves a leading space)."""
    return str(message["Subject"]).strip()


def text_of(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


class SMTPTestCase(PersonaTestCase):
    """Django's SMTP backend pointed at a local aiosmtpd server for the whole class."""

    smtp: RecordingHandler
    smtp_port: int

    @classmethod
    def setUpClass(cls) -> None:
        cls.smtp = RecordingHandler()
        cls.smtp_port = free_port()
        controller = Controller(cls.smtp, hostname="127.0.0.1", port=cls.smtp_port)
        controller.start()
        cls.addClassCleanup(controller.stop)
        cls.enterClassContext(
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=cls.smtp_port,
                EMAIL_USE_TLS=False,
                EMAIL_USE_SSL=False,
                EMAIL_HOST_USER="",
                EMAIL_HOST_PASSWORD="",
                EMAIL_TIMEOUT=5,
            )
        )
        super().setUpClass()

    def setUp(self) -> None:
        super().setUp()
        self.smtp.messages.clear()
        self.smtp.refuse.clear()

    def received_by(self, address: str) -> list[EmailMessage]:
        return [m for m in self.smtp.messages if address in str(m["To"])]
