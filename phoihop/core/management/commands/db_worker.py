"""`phoihop db_worker`: django-tasks' database worker, with a heartbeat and the recovery of tasks
that a dead worker left running (`phoihop.core.worker`).

It takes the place of django_tasks_db's command of the same name (phoihop.core comes first in
INSTALLED_APPS) and accepts the same options.
"""

from __future__ import annotations

import os
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from phoihop.core.worker import Heartbeat


class Command(db_worker.Command):
    help = "Chạy tiến trình nền (django-tasks, cơ sở dữ liệu), có nhịp báo sống và chạy lại việc bị gián đoạn."

    def handle(self, *args: Any, **options: Any) -> None:
        # With --reload the outer process only restarts the inner one, which does the work.
        reloading_parent = (
            options.get("reload") and not options.get("batch") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        if reloading_parent:
            super().handle(*args, **options)
            return
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
