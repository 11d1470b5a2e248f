"""`phoihop api-token create|list|revoke`: personal API tokens from the console.

    phoihop api-token create USERNAME --name NAME [--write] [--expires DAYS]   prints the token once
    phoihop api-token list USERNAME                                            prefix, name, scope, dates
    phoihop api-token revoke PREFIX                                            (the phx_<prefix> part or the prefix)

The secret is printed once and never stored; a lost token is revoked and a new one made.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from phoihop.accounts import tokens
from phoihop.accounts.models import ApiToken


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else "—"


class Command(BaseCommand):
    help = "Tạo, liệt kê, thu hồi mã truy cập API cá nhân."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo mã (in ra một lần duy nhất).")
        create.add_argument("username")
        create.add_argument("--name", required=True)
        create.add_argument("--write", action="store_true", help="Cho phép ghi (gửi thông tin, trả lời, nhắn tin).")
        create.add_argument("--expires", type=int, metavar="DAYS", help="Hết hạn sau chừng ấy ngày.")
        listing = sub.add_parser("list", help="Các mã của một người.")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="Thu hồi một mã theo tiền tố.")
        revoke.add_argument("prefix")

    def _user(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        return user

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            user = self._user(options["username"])
            try:
                token, raw = tokens.api_token_create(
                    actor=None,
                    user=user,
                    name=options["name"],
                    write=options["write"],
                    expires_in_days=options["expires"],
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stderr.write(
                f"Đã tạo mã “{token.name}” ({token.get_scope_display()}) cho “{user.get_username()}”, "
                f"hết hạn: {_when(token.expires_at)}. Mã chỉ hiện một lần:"
            )
            self.stdout.write(raw)
        elif action == "list":
            user = self._user(options["username"])
            for token in tokens.tokens_for(user):
                state = f"thu hồi {_when(token.revoked_at)}" if token.revoked_at else "đang dùng"
                self.stdout.write(
                    f"{tokens.TOKEN_START}{token.prefix}\t{token.name}\t{token.scope}\ttạo {_when(token.created_at)}"
                    f"\thết hạn {_when(token.expires_at)}\tdùng lần cuối {_when(token.last_used_at)}\t{state}"
                )
        else:
            prefix = options["prefix"].removeprefix(tokens.TOKEN_START).split("_", 1)[0]
            found = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
            if found is None:
                raise CommandError(f"Không có mã có tiền tố “{prefix}”.")
            tokens.api_token_revoke(actor=None, token=found)
            self.stdout.write(f"Đã thu hồi mã “{found.name}” của “{found.user.get_username()}”.")
