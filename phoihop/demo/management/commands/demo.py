from typing import Any

from django.core.management.base import BaseCommand

from phoihop.core.origin import public_url
from phoihop.demo import story


class Command(BaseCommand):
    help = "Tải câu chuyện minh họa (chạy nhiều lần không nhân đôi dữ liệu) và in thông tin đăng nhập."

    def handle(self, *args: Any, **options: Any) -> None:
        result = story.load()
        created = ", ".join(f"{kind}: {n}" for kind, n in sorted(result.created.items())) or "không có gì mới"
        self.stdout.write(f"Dữ liệu minh họa đã sẵn sàng ({created}).")
        self.stdout.write("")
        self.stdout.write("Tài khoản minh họa (tên đăng nhập / mật khẩu — vai trò, đơn vị):")
        width = max(len(login["username"]) for login in result.logins)
        for login in result.logins:
            self.stdout.write(
                f"  {login['username']:<{width}}  {login['password']}  — {login['role']}, {login['organization']}"
            )
        self.stdout.write("")
        self.stdout.write(f"Trang tin: {public_url('/')}")
        self.stdout.write(f"Trang quản trị tòa soạn: {public_url('/admin/')} (dùng tài khoản tongbientap).")
