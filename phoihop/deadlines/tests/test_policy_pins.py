"""Each seeded policy's deadline pinned on days around Tết and New Year, on the seeded calendar.

The old versions (until 30/6/2026) around Tết Bính Ngọ 2026 (holidays Mon 16 – Fri 20/02, so from
Friday 13/02 back on Monday 23/02) and New Year 2026 (Thursday 01/01); the versions of the new law
around New Year 2027 (Friday 01/01) and Tết Đinh Mùi 2027 as far as it is seeded (mùng 1–3, Sat 06 –
Mon 08/02; the rest is added when the official notice comes, and these pins move with it).
"""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from phoihop.deadlines import calendar, selectors


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=calendar.VN_TZ)


BEFORE_TET_2026 = vn(2026, 2, 13, 16)  # Friday; Tết holidays Mon 16 – Fri 20/02/2026
NEW_YEAR_EVE_2025 = vn(2025, 12, 31, 10)  # Wednesday; Thursday 01/01/2026 is a holiday
BEFORE_TET_2027 = vn(2027, 2, 5, 16)  # Friday; Sat 06 – Mon 08/02/2027 Tết (seeded so far)
NEW_YEAR_EVE_2026 = vn(2026, 12, 31, 16)  # Thursday; Friday 01/01/2027 is a holiday

PINS = {
    "hoa-toc": [
        (BEFORE_TET_2026, vn(2026, 2, 23, 11)),  # 1 h on Friday, 3 h on Monday after Tết
        (NEW_YEAR_EVE_2025, vn(2025, 12, 31, 15)),  # lunch does not count
        (BEFORE_TET_2027, vn(2027, 2, 9, 11)),  # Monday 08/02 is mùng 3
        (NEW_YEAR_EVE_2026, vn(2027, 1, 4, 11)),
    ],
    "khan": [
        (BEFORE_TET_2026, vn(2026, 2, 25, 16)),
        (NEW_YEAR_EVE_2025, vn(2026, 1, 6, 10)),
        (BEFORE_TET_2027, vn(2027, 2, 11, 16)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 6, 16)),
    ],
    "thuong": [
        (BEFORE_TET_2026, vn(2026, 2, 27, 17)),
        (NEW_YEAR_EVE_2025, vn(2026, 1, 8, 17)),
        (BEFORE_TET_2027, vn(2027, 2, 15, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 8, 17)),
    ],
    "tra-loi-tren-bao": [
        (BEFORE_TET_2026, vn(2026, 3, 16, 17)),  # day 30 is Sunday 15/03
        (NEW_YEAR_EVE_2025, vn(2026, 1, 30, 10)),
        (BEFORE_TET_2027, vn(2027, 3, 8, 17)),  # day 30 is Sunday 07/03
        (NEW_YEAR_EVE_2026, vn(2027, 2, 1, 17)),  # day 30 is Saturday 30/01
    ],
    "tra-loi-kien-nghi": [
        (BEFORE_TET_2027, vn(2027, 3, 1, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 22, 17)),
    ],
    "tiep-can-thong-tin": [
        (BEFORE_TET_2026, vn(2026, 2, 25, 17)),
        (NEW_YEAR_EVE_2025, vn(2026, 1, 6, 17)),
        (BEFORE_TET_2027, vn(2027, 2, 11, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 6, 17)),
    ],
    "tiep-can-thong-tin-phuc-tap": [
        (BEFORE_TET_2026, vn(2026, 3, 13, 17)),
        (NEW_YEAR_EVE_2025, vn(2026, 1, 22, 17)),
        (BEFORE_TET_2027, vn(2027, 3, 1, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 22, 17)),
    ],
    "phat-ngon-ban-dau": [
        (BEFORE_TET_2027, vn(2027, 2, 6, 16)),  # clock hours: the first day of Tết
        (NEW_YEAR_EVE_2026, vn(2027, 1, 1, 16)),  # on New Year's Day
    ],
    "cong-khai-nguoi-phat-ngon": [
        (BEFORE_TET_2027, vn(2027, 2, 6, 16)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 1, 16)),
    ],
    "bao-thong-tin-ket-qua": [
        (BEFORE_TET_2027, vn(2027, 2, 22, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 15, 17)),
    ],
    "bao-thong-tin-ket-qua-bao-tuan": [
        (BEFORE_TET_2027, vn(2027, 3, 1, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 22, 17)),
    ],
    "bao-tra-loi-yeu-cau": [
        (BEFORE_TET_2027, vn(2027, 3, 1, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 22, 17)),
    ],
    "van-ban-den-xac-nhan": [
        (BEFORE_TET_2026, vn(2026, 2, 13, 17)),  # the same working day
        (vn(2026, 2, 13, 17, 30), vn(2026, 2, 23, 17)),  # after hours: the first working day after Tết
        (BEFORE_TET_2027, vn(2027, 2, 5, 17)),
        (vn(2026, 12, 31, 18), vn(2027, 1, 4, 17)),
    ],
    "tra-nhuan-but": [
        (BEFORE_TET_2027, vn(2027, 4, 6, 16)),  # 60 calendar days; Tuesday 06/04 is a working day
        (NEW_YEAR_EVE_2026, vn(2027, 3, 1, 16)),  # Monday 01/03
    ],
    "van-ban-den-trinh": [
        (BEFORE_TET_2026, vn(2026, 2, 23, 17)),  # at the latest the next working day
        (NEW_YEAR_EVE_2025, vn(2026, 1, 2, 17)),
        (BEFORE_TET_2027, vn(2027, 2, 9, 17)),
        (NEW_YEAR_EVE_2026, vn(2027, 1, 4, 17)),
    ],
}


class PolicyPinTests(TestCase):
    def test_every_seeded_policy_is_pinned(self):
        self.assertEqual(set(PINS), {p.code for p, _v in selectors.policies_in_force(dt.date(2026, 12, 6))})

    def test_deadlines_across_tet_and_new_year(self):
        for code, cases in PINS.items():
            policy = selectors.policy_find(code)
            assert policy is not None
            for start, due in cases:
                with self.subTest(code=code, start=start.isoformat()):
                    self.assertEqual(policy.due_from(start), due)

    def test_the_old_and_the_new_version_give_the_same_limits_where_the_law_kept_them(self):
        # The coordination limits did not change on 01/7/2026, only their legal basis.
        for code in ("hoa-toc", "khan", "thuong", "tra-loi-tren-bao"):
            policy = selectors.policy_find(code)
            assert policy is not None
            old, new = policy.version_on(dt.date(2026, 6, 30)), policy.version_on(dt.date(2026, 7, 1))
            with self.subTest(code=code):
                self.assertNotEqual(old.pk, new.pk)
                self.assertEqual((old.amount, old.unit), (new.amount, new.unit))
                self.assertNotEqual(old.instrument_id, new.instrument_id)
