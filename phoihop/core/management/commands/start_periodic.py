from typing import Any

from django.core.management.base import BaseCommand

from phoihop.core import periodic


class Command(BaseCommand):
    help = "Đặt lịch cho các việc định kỳ chạy trong tiến trình nền (không cần cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in periodic.jobs():
            started = periodic.ensure_scheduled(job.key)
            state = "đã đặt lịch" if started else "đã có lịch"
            self.stdout.write(f"{job.key}: {state} (mỗi {int(job.every.total_seconds() // 60)} phút)")
