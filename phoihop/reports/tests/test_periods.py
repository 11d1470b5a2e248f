import datetime as dt

from django.test import SimpleTestCase

from phoihop.reports import periods

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
TODAY = dt.date(2026, 5, 10)


def parse(**params: str) -> periods.Period:
    return periods.parse(params, program_starts=START, program_ends=END, today=TODAY)


class PeriodTests(SimpleTestCase):
    def test_url_parameters_name_the_period(self):
        april = parse(ky="thang", nam="2026", so="4")
        self.assertEqual((april.starts_on, april.ends_on), (dt.date(2026, 4, 1), dt.date(2026, 4, 30)))
        self.assertEqual(april.label, "Tháng 4/2026")
        second = parse(ky="quy", nam="2026", so="2")
        self.assertEqual((second.starts_on, second.ends_on), (dt.date(2026, 4, 1), dt.date(2026, 6, 30)))
        self.assertEqual(second.label, "Quý II/2026")
        self.assertEqual(second.phrase, "quý II năm 2026")
        self.assertEqual(second.querystring(), "ky=quy&nam=2026&so=2")
        whole = parse()
        self.assertEqual((whole.kind, whole.starts_on, whole.ends_on), ("ca", START, END))

    def test_bad_values_fall_back_instead_of_failing(self):
        self.assertEqual(parse(ky="tuan").kind, "ca")
        self.assertEqual(parse(ky="thang", nam="abc", so="13").label, "Tháng 5/2026")  # this month
        self.assertEqual(parse(ky="quy").label, "Quý II/2026")

    def test_period_is_clipped_to_the_programme(self):
        clipped = periods.parse(
            {"ky": "quy", "nam": "2026", "so": "1"},
            program_starts=dt.date(2026, 2, 15),
            program_ends=END,
            today=TODAY,
        )
        self.assertEqual(clipped.starts_on, dt.date(2026, 2, 15))
        self.assertAlmostEqual(clipped.months, 14 / 28 + 1)
        outside = periods.parse({"ky": "nam", "nam": "2030"}, program_starts=START, program_ends=END, today=TODAY)
        self.assertFalse(outside.overlaps)
        self.assertEqual(outside.months, 0)

    def test_targets_scale_with_the_period(self):
        year_months = periods.months_between(START, END)
        self.assertEqual(year_months, 12)
        month, quarter, year = parse(ky="thang", nam="2026", so="2"), parse(ky="quy", so="1"), parse(ky="nam")
        self.assertEqual(periods.scaled_target(6, "quarter", month, year_months), 2)
        self.assertEqual(periods.scaled_target(6, "quarter", quarter, year_months), 6)
        self.assertEqual(periods.scaled_target(6, "quarter", year, year_months), 24)
        self.assertEqual(periods.scaled_target(24, "year", quarter, year_months), 6)
        # A target for the whole programme is spread over its length.
        self.assertEqual(periods.scaled_target(120, "program", quarter, year_months), 30)
        self.assertIsNone(periods.scaled_target(None, "quarter", quarter, year_months))
