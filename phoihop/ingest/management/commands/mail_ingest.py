"""`phoihop mail-ingest`: one RFC 822 message on standard input, as Postfix's pipe transport hands it over.

Exit status for the MTA (sysexits.h): 0 when the message is safe (a submission, a thread message,
held in the quarantine, or a duplicate); 75 (EX_TEMPFAIL) on any other failure, so the MTA keeps the
message and tries again later.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Nhận một thư điện tử (RFC 822) từ đầu vào chuẩn, như máy chủ thư chuyển đến."
    stealth_options = ("stdin",)

    def handle(self, *args: Any, **options: Any) -> None:
        from phoihop.ingest.models import InboundMail
        from phoihop.ingest.services import ingest_message

        stdin = options.get("stdin") or sys.stdin
        raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        try:
            mail, created = ingest_message(raw, source=InboundMail.Source.PIPE)
        except Exception as exc:
            self.stderr.write(f"mail-ingest: temporary failure: {type(exc).__name__}: {exc}")
            raise SystemExit(EX_TEMPFAIL) from exc
        state = mail.status if created else "duplicate"
        self.stdout.write(f"{state} {mail.pk}")
