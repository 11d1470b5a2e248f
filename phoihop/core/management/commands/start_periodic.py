"""`phoihop start_periodic`: start the scheduler's periodic jobs and replace lost bookings.

The Makefile runs it before the worker; running it again changes nothing (a booked run stands).
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from phoihop.core import scheduler


class Command(BaseCommand):
    help = "Đặt lịch cho các việc định kỳ chạy trong tiến trình nền (không cần cron) và đặt lại các lần chạy bị mất."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in scheduler.jobs():
            booked = scheduler.ensure(job.key)
            if job.every is not None:
                state = "đã đặt lịch" if booked else "đã có lịch"
                self.stdout.write(f"{job.key}: {state} (mỗi {int(job.every.total_seconds() // 60)} phút)")
                continue
            row = scheduler.status(job.key)
            if booked is not None:
                state = "đặt lại lần chạy bị mất, chạy ngay"
            elif row is not None and row.next_run_at is not None:
                state = f"đã có lịch lúc {timezone.localtime(row.next_run_at):%d/%m/%Y %H:%M}"
            else:
                state = "chưa có lịch (đặt khi có việc)"
            self.stdout.write(f"{job.key}: {state}")
