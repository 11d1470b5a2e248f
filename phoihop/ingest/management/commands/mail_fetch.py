"""`phoihop mail-fetch`: read the IMAPS mailbox (PHOIHOP_MAIL_IMAP_*) once; the worker runs it on a schedule."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Đọc hộp thư IMAP đã cấu hình và tiếp nhận các thư chưa đọc."

    def handle(self, *args: Any, **options: Any) -> None:
        from phoihop.ingest.services import mail_fetch

        counts = mail_fetch()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
