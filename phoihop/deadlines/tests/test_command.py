"""`phoihop deadline`: the same answer as the model, printed as ISO 8601, and errors in Vietnamese."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from phoihop.deadlines import calendar
from phoihop.deadlines.models import DeadlinePolicy


def run(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().strip()


class DeadlineCommandTests(TestCase):
    def test_output_equals_due_from_for_every_policy(self):
        start = dt.datetime(2025, 1, 24, 16, tzinfo=calendar.VN_TZ)
        for policy in DeadlinePolicy.objects.all():
            with self.subTest(policy=policy.code):
                self.assertEqual(
                    run("--start", "2025-01-24T16:00+07:00", "--policy", policy.code),
                    policy.due_from(start).isoformat(),
                )

    def test_the_example_from_the_help(self):
        self.assertEqual(run("--start", "2025-01-24T16:00+07:00", "--policy", "thuong"), "2025-02-07T17:00:00+07:00")

    def test_policy_by_name(self):
        self.assertEqual(run("--start", "2025-01-24T16:00+07:00", "--policy", "Hỏa tốc"), "2025-02-03T11:00:00+07:00")

    def test_plain_limits(self):
        start = ("--start", "2025-01-24T16:00+07:00")
        self.assertEqual(run(*start, "--working-days", "5"), "2025-02-07T17:00:00+07:00")
        self.assertEqual(run(*start, "--working-hours", "24"), "2025-02-05T16:00:00+07:00")
        self.assertEqual(run(*start, "--calendar-days", "30"), "2025-02-24T17:00:00+07:00")

    def test_a_start_without_offset_is_vietnam_time_and_other_offsets_are_converted(self):
        self.assertEqual(run("--start", "2025-01-24T16:00", "--working-days", "5"), "2025-02-07T17:00:00+07:00")
        self.assertEqual(run("--start", "24/01/2025 16:00", "--working-days", "5"), "2025-02-07T17:00:00+07:00")
        # 09:30 UTC is 16:30 in Hanoi, still before the end of the working day.
        self.assertEqual(run("--start", "2025-01-24T09:30Z", "--working-days", "5"), "2025-02-07T17:00:00+07:00")

    def test_errors_speak_vietnamese(self):
        cases = [
            (("--policy", "thuong"), "Thiếu thời điểm nhận"),
            (("--start", "hôm qua", "--policy", "thuong"), "Thời điểm bắt đầu không hợp lệ"),
            (("--start", "2025-01-24T16:00+07:00", "--policy", "cham"), "Không có loại thời hạn “cham”"),
            (
                (
                    "--start",
                    "2025-01-24T16:00+07:00",
                ),
                "Cần chọn đúng một",
            ),
            (("--start", "2025-01-24T16:00+07:00", "--policy", "khan", "--working-days", "2"), "Cần chọn đúng một"),
            (("--start", "2025-01-24T16:00+07:00", "--working-days", "ba"), "phải là số nguyên dương"),
            (("--start", "2025-01-24T16:00+07:00", "--calendar-days", "0"), "phải là số nguyên dương"),
        ]
        for args, message in cases:
            with self.subTest(args=args), self.assertRaisesMessage(CommandError, message):
                run(*args)

    def test_unknown_policy_lists_the_active_codes(self):
        with self.assertRaisesMessage(CommandError, "hoa-toc, khan, thuong, tra-loi-tren-bao"):
            run("--start", "2025-01-24T16:00+07:00", "--policy", "cham")
