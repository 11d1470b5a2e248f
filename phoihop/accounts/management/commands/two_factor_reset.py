"""`phoihop two_factor_reset LOGIN`: remove a person's second factor (a lost phone and lost codes).

They sign in with the password alone afterwards; if their account requires two-factor sign-in they
are sent to set it up again at once. The removal is in the audit trail. Run it only after checking
who is asking (in person or by a call to a known number).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from phoihop.accounts import two_factor


class Command(BaseCommand):
    help = "Xóa xác thực hai bước của một tài khoản (mất điện thoại và mã khôi phục)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("login")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["login"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['login']}”.")
        two_factor.two_factor_remove(actor=None, user=user)
        self.stdout.write(f"Đã xóa xác thực hai bước của “{user.get_username()}”.")
