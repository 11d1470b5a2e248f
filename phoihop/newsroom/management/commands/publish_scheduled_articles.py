"""`phoihop publish_scheduled_articles`: publish the pages whose scheduled time has come and
unpublish expired ones (Wagtail's `publish_scheduled`), then make sure the worker's next run waits.

The worker schedules these runs by itself; this command is for a task backend that cannot run
tasks later, or for an operator who wants it done now.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from phoihop.newsroom.publishing import schedule_next, scheduled_publish_run


class Command(BaseCommand):
    help = "Đăng các tin, bài đã đến giờ hẹn và gỡ các trang đã hết hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-schedule", action="store_true", help="Không tự xếp lịch lần chạy kế tiếp cho tiến trình nền."
        )

    def handle(self, *args: Any, no_schedule: bool = False, **options: Any) -> None:
        result = scheduled_publish_run()
        next_run = None if no_schedule else schedule_next()
        self.stdout.write(_("Đã đăng %(published)s trang đến giờ hẹn; đã gỡ %(unpublished)s trang hết hạn.") % result)
        if next_run is not None:
            self.stdout.write(_("Lần chạy kế tiếp: %(at)s.") % {"at": next_run.isoformat()})
