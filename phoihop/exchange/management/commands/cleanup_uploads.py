import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from phoihop.exchange.services import orphan_uploads_remove


class Command(BaseCommand):
    help = "Xóa các tệp tải lên không còn gắn với thông tin nào (sau sự cố giữa chừng)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--older-than-hours", type=float, default=1.0)
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xóa.")

    def handle(self, *args: Any, **options: Any) -> None:
        removed = orphan_uploads_remove(
            older_than=dt.timedelta(hours=options["older_than_hours"]), dry_run=options["dry_run"]
        )
        verb = "Sẽ xóa" if options["dry_run"] else "Đã xóa"
        for name in removed:
            self.stdout.write(f"{verb}: {name}")
        self.stdout.write(f"{verb} {len(removed)} tệp.")
