from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from phoihop.core import seeds


class Command(BaseCommand):
    help = "Khôi phục dữ liệu tham chiếu (cấp đơn vị, trang chủ, thời hạn, lịch làm việc…); chạy nhiều lần không trùng."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            names = seeds.restore_all()
        self.stdout.write("Đã kiểm tra: " + ", ".join(names))
