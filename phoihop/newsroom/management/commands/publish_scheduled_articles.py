"""`phoihop publish_scheduled_articles`: publish the pages whose scheduled time has come and
unpublish expired ones (Wagtail's `publish_scheduled`), then make sure the worker's next run waits.

The worker schedules these runs by itself; this command is for a task backend that cannot run
tasks later, or for an operator who wants it done now. It is a run of the scheduler's job, so a
run the worker had booked for now is not done twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from phoihop.core import scheduler
from phoihop.newsroom.publishing import PUBLISHING_KEY, scheduled_publish_run


class Command(BaseCommand):
    help = "Đăng các tin, bài đã đến giờ hẹn và gỡ các trang đã hết hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-schedule", action="store_true", help="Không tự xếp lịch lần chạy kế tiếp cho tiến trình nền."
        )

    def handle(self, *args: Any, no_schedule: bool = False, **options: Any) -> None:
        # A manual run (no booking) always runs: the fallback is only there for the type checker.
        result = scheduler.run(PUBLISHING_KEY, scheduled_publish_run, follow=not no_schedule) or {
            "published": 0,
            "unpublished": 0,
        }
        self.stdout.write(_("Đã đăng %(published)s trang đến giờ hẹn; đã gỡ %(unpublished)s trang hết hạn.") % result)
        state = scheduler.status(PUBLISHING_KEY)
        if not no_schedule and state is not None and state.next_run_at is not None:
            self.stdout.write(_("Lần chạy kế tiếp: %(at)s.") % {"at": state.next_run_at.isoformat()})
