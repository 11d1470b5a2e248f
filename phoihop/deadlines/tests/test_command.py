"""`phoihop deadline`: the same answer as the model, printed as ISO 8601; `--list` prints the policies in
force on a day with their legal basis (issue #13's acceptance: none repealed); errors in Vietnamese."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from phoihop.deadlines import calendar, selectors
from phoihop.deadlines.models import DeadlinePolicyVersion, LegalInstrument

# Texts no longer in force on 06/12/2026 (docs/legal-2026-verified.md): Decree 09/2017 and the Press Law
# 2016 (from 01/7/2026), Decree 08/2017 (ND 237 Art. 27(3)(a)), Decrees 45/2026, 42/2022, 64/2007
# (ND 224 Art. 90(2)), Decree 18/2014 (ND 287/2026 Art. 20(2), from 01/9/2026).
REPEALED_BY_DECEMBER_2026 = [
    "09/2017",
    "103/2016",
    "Luật Báo chí 2016",
    "08/2017",
    "45/2026",
    "42/2022",
    "64/2007",
    "18/2014",
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().strip()


def run_with_errors(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("deadline", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class DeadlineCommandTests(TestCase):
    def test_output_equals_due_from_for_every_policy(self):
        start = dt.datetime(2027, 2, 5, 16, tzinfo=calendar.VN_TZ)
        for policy, _version in selectors.policies_in_force(start):
            with self.subTest(policy=policy.code):
                self.assertEqual(
                    run("--start", "2027-02-05T16:00+07:00", "--policy", policy.code),
                    policy.due_from(start).isoformat(),
                )

    def test_a_policy_not_in_force_at_the_start_is_an_error(self):
        with self.assertRaisesMessage(CommandError, "không áp dụng vào ngày 24/01/2025"):
            run("--start", "2025-01-24T16:00+07:00", "--policy", "tra-loi-kien-nghi")

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
        with self.assertRaisesMessage(CommandError, "hoa-toc, khan, thuong, tra-loi-tren-bao, tra-loi-kien-nghi"):
            run("--start", "2025-01-24T16:00+07:00", "--policy", "cham")


class DeadlineListTests(TestCase):
    def test_on_06_12_2026_no_repealed_text_is_cited(self):
        out, err = run_with_errors("--list", "--on", "2026-12-06")
        self.assertEqual(err, "")
        self.assertIn("Các loại thời hạn áp dụng ngày 06/12/2026 (15):", out)
        for repealed in REPEALED_BY_DECEMBER_2026:
            with self.subTest(repealed=repealed):
                self.assertNotIn(repealed, out)
        for expected in (
            "phat-ngon-ban-dau · Phát ngôn, cung cấp thông tin ban đầu về sự kiện, vấn đề quan trọng: 24 giờ; "
            "áp dụng từ 01/07/2026",
            "Căn cứ: khoản 3, 4 Điều 7 Nghị định 244/2026/NĐ-CP",
            "tra-loi-tren-bao · Trả lời trên báo chí: 30 ngày (theo lịch); áp dụng từ 01/07/2026",
            "Căn cứ: khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP",
            "tra-loi-kien-nghi · ",
            "Căn cứ: khoản 3 Điều 18 Nghị định 237/2026/NĐ-CP",
            "Căn cứ: khoản 5 Điều 18 Nghị định 237/2026/NĐ-CP",
            "Căn cứ: khoản 6 Điều 18 Nghị định 237/2026/NĐ-CP",
            "Căn cứ: điểm c khoản 2 Điều 21 Nghị định 30/2020/NĐ-CP",
            "Căn cứ: khoản 1 Điều 23 Nghị định 30/2020/NĐ-CP",
            "Căn cứ: khoản 3 Điều 30 Luật Tiếp cận thông tin số 104/2016/QH13",
            "tra-nhuan-but · Trả nhuận bút sau khi đăng: 60 ngày (theo lịch); áp dụng từ 01/09/2026",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, out)

    def test_on_30_06_2026_the_2017_rules_still_apply(self):
        out = run("--list", "--on", "30/06/2026")
        self.assertIn("Các loại thời hạn áp dụng ngày 30/06/2026 (9):", out)
        self.assertIn("thuong · Thông thường: 5 ngày làm việc; áp dụng đến hết 30/06/2026", out)
        self.assertEqual(out.count("Căn cứ: Nghị định 09/2017/NĐ-CP"), 3)
        self.assertIn("Căn cứ: Luật Báo chí số 103/2016/QH13", out)
        self.assertIn("Căn cứ: khoản 10 Điều 4 Nghị định 18/2014/NĐ-CP", out)  # royalties, until 31/08/2026
        self.assertNotIn("244/2026", out)
        self.assertNotIn("tra-loi-kien-nghi", out)

    def test_without_on_the_list_is_for_today(self):
        today = timezone.localdate().strftime("%d/%m/%Y")
        self.assertIn(f"ngày {today}", run("--list"))

    def test_a_version_citing_a_repealed_text_is_flagged(self):
        gone = LegalInstrument.objects.create(
            code="thu",
            kind=LegalInstrument.Kind.DECREE,
            number="1/2000/NĐ-CP",
            title="Thử",
            repealed_from=dt.date(2026, 1, 1),
        )
        DeadlinePolicyVersion.objects.filter(policy__code="thuong", valid_from=dt.date(2026, 7, 1)).update(
            instrument=gone
        )
        err = StringIO()
        with self.assertRaisesMessage(CommandError, "1 loại thời hạn dẫn văn bản không có hiệu lực"):
            call_command("deadline", "--list", "--on", "2026-12-06", stdout=StringIO(), stderr=err)
        self.assertIn(
            "Cảnh báo: thuong dẫn Nghị định 1/2000/NĐ-CP, không có hiệu lực vào ngày 06/12/2026.", err.getvalue()
        )

    def test_list_errors_speak_vietnamese(self):
        with self.assertRaisesMessage(CommandError, "Ngày không hợp lệ: mai"):
            run("--list", "--on", "mai")
        with self.assertRaisesMessage(CommandError, "--on chỉ dùng cùng --list"):
            run("--start", "2025-01-24T16:00+07:00", "--policy", "thuong", "--on", "2026-12-06")
