"""`phoihop deadline`: print when something received at --start is due, under a policy or a plain limit;
with --list, the policies in force on a day (--on, default today) and their legal basis."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.deadlines import calendar, selectors

LIMIT_OPTIONS = {
    "working_days": calendar.WORKING_DAYS,
    "working_hours": calendar.WORKING_HOURS,
    "calendar_days": calendar.CALENDAR_DAYS,
}


def parse_start(value: str) -> dt.datetime:
    """ISO 8601 ("2025-01-24T16:00+07:00") or Vietnamese "24/01/2025 16:00"; no offset means Asia/Ho_Chi_Minh."""
    text = value.strip()
    moment: dt.datetime | None = None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"):
            try:
                moment = dt.datetime.strptime(text, pattern)  # noqa: DTZ007 — made aware just below
                break
            except ValueError:
                continue
    if moment is None:
        raise CommandError(
            _("Thời điểm bắt đầu không hợp lệ: %(value)s. Ví dụ đúng: 2025-01-24T16:00+07:00 hoặc 24/01/2025 16:00.")
            % {"value": value}
        )
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=calendar.VN_TZ)
    return moment


def parse_day(value: str) -> dt.date:
    """ISO 8601 ("2026-12-06") or Vietnamese "06/12/2026"."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()  # noqa: DTZ007 — a calendar day, no time
    except ValueError:
        raise CommandError(
            _("Ngày không hợp lệ: %(value)s. Ví dụ đúng: 2026-12-06 hoặc 06/12/2026.") % {"value": value}
        ) from None


def parse_amount(value: str, option: str) -> int:
    try:
        amount = int(value.strip())
    except ValueError:
        amount = 0
    if amount < 1:
        raise CommandError(
            _("%(option)s phải là số nguyên dương, nhận được: %(value)s.") % {"option": option, "value": value}
        )
    return amount


HELP = gettext_lazy(
    "Tính thời hạn theo lịch làm việc: in ra thời điểm hết hạn dạng ISO 8601 có múi giờ, ví dụ "
    "2025-02-07T17:00:00+07:00. Chọn đúng một trong --policy, --working-days, --working-hours, --calendar-days. "
    "Với --list: in các loại thời hạn áp dụng vào ngày --on (mặc định hôm nay) và căn cứ pháp lý của chúng."
)


class Command(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # argparse needs a plain string; translate when the parser is built, in the active language.
        self.help = str(HELP)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--start",
            help=_(
                "Thời điểm nhận, ví dụ 2025-01-24T16:00+07:00 hoặc 24/01/2025 16:00. "
                "Không ghi múi giờ thì hiểu là giờ Việt Nam (Asia/Ho_Chi_Minh)."
            ),
        )
        parser.add_argument("--policy", help=_('Mã hoặc tên loại thời hạn, ví dụ: thuong, khan, "Hỏa tốc".'))
        parser.add_argument("--working-days", metavar="N", help=_("Số ngày làm việc."))
        parser.add_argument("--working-hours", metavar="N", help=_("Số giờ làm việc."))
        parser.add_argument("--calendar-days", metavar="N", help=_("Số ngày theo lịch."))
        parser.add_argument(
            "--list", action="store_true", help=_("In các loại thời hạn áp dụng vào một ngày, với căn cứ pháp lý.")
        )
        parser.add_argument(
            "--on", metavar=_("NGÀY"), help=_("Ngày xem (với --list), ví dụ 2026-12-06 hoặc 06/12/2026.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("list"):
            self.list_policies(parse_day(options["on"]) if options.get("on") else timezone.localdate())
            return
        if options.get("on"):
            raise CommandError(_("--on chỉ dùng cùng --list."))
        if not options.get("start"):
            raise CommandError(_("Thiếu thời điểm nhận: dùng --start, ví dụ --start 2025-01-24T16:00+07:00."))
        start = parse_start(options["start"])
        limits = {key: options[key] for key in LIMIT_OPTIONS if options.get(key) is not None}
        chosen = len(limits) + (options.get("policy") is not None)
        if chosen != 1:
            raise CommandError(_("Cần chọn đúng một trong --policy, --working-days, --working-hours, --calendar-days."))
        if options.get("policy") is not None:
            policy = selectors.policy_find(options["policy"])
            if policy is None:
                known = ", ".join(selectors.policies_active().values_list("code", flat=True))
                raise CommandError(
                    _("Không có loại thời hạn “%(value)s”. Các mã đang áp dụng: %(known)s.")
                    % {"value": options["policy"], "known": known or "—"}
                )
            try:
                due = policy.due_from(start)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        else:
            key, raw = next(iter(limits.items()))
            amount = parse_amount(raw, "--" + key.replace("_", "-"))
            due = calendar.due_at(start, amount, LIMIT_OPTIONS[key])
        self.stdout.write(due.isoformat())

    def list_policies(self, day: dt.date) -> None:
        pairs = selectors.policies_in_force(day)
        self.stdout.write(
            _("Các loại thời hạn áp dụng ngày %(date)s (%(count)s):") % {"date": f"{day:%d/%m/%Y}", "count": len(pairs)}
        )
        stale = []
        for policy, version in pairs:
            self.stdout.write("")
            self.stdout.write(
                _("%(code)s · %(name)s: %(duration)s; áp dụng %(period)s")
                % {
                    "code": policy.code,
                    "name": policy.name,
                    "duration": version.duration_label,
                    "period": version.period_label,
                }
            )
            self.stdout.write("    " + _("Căn cứ: %(basis)s") % {"basis": version.legal_basis or "—"})
            if version.instrument is not None and not version.instrument.in_force_on(day):
                stale.append((policy, version.instrument))
        for policy, instrument in stale:
            self.stderr.write(
                _("Cảnh báo: %(code)s dẫn %(instrument)s, không có hiệu lực vào ngày %(date)s.")
                % {"code": policy.code, "instrument": instrument.short_name, "date": f"{day:%d/%m/%Y}"}
            )
        if stale:
            raise CommandError(
                _("%(count)s loại thời hạn dẫn văn bản không có hiệu lực: thêm phiên bản mới trong trang quản trị.")
                % {"count": len(stale)}
            )
