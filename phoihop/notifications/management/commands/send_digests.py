"""`phoihop send_digests`: the daily digest e-mails, plus the retry of failed notification e-mails.

Run it daily (cron or a systemd timer, see README); it also enqueues its own next run when the
task backend can run tasks later, so a running worker keeps the digests going by itself.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from phoihop.notifications.delivery import digest_run


class Command(BaseCommand):
    help = "Gửi thư tóm tắt thông báo hằng ngày và gửi lại các thư điện tử bị lỗi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Gửi ngay cho mọi người chọn thư tóm tắt, không chờ đến giờ."
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="Không tự xếp lịch lần chạy kế tiếp cho tiến trình nền."
        )

    def handle(self, *args: Any, force: bool = False, no_schedule: bool = False, **options: Any) -> None:
        digests, retried = digest_run(force=force, schedule=not no_schedule)
        self.stdout.write(
            _("Đã gửi %(digests)s thư tóm tắt; gửi lại được %(retried)s thư bị lỗi.")
            % {"digests": digests, "retried": retried}
        )
