"""The report number pattern cannot ask for a 200 MB number (#22, item 7)."""

import tracemalloc

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from phoihop.reports.models import ReportLayout, format_number


class NumberPatternWidthTests(SimpleTestCase):
    def test_a_huge_width_is_refused_before_anything_is_built(self):
        tracemalloc.start()
        layout = ReportLayout(name="Thử", number_pattern="Số: {n:200000000}/BC-{code}")
        with self.assertRaises(ValidationError):
            layout.clean()
        with self.assertRaises(ValueError):
            format_number("{n:0300d}", n=1, code="A", year=2026)
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        self.assertLess(peak, 5 * 1024 * 1024)

    def test_ordinary_patterns_still_work(self):
        self.assertEqual(format_number("Số: {n:02d}/BC-{code}", n=5, code="ABC", year=2026), "Số: 05/BC-ABC")
        self.assertEqual(format_number("Số {n}-BC/{code}", n=12, code="HU", year=2026), "Số 12-BC/HU")
        ReportLayout(name="Thử", number_pattern="Số: {n:02d}/BC-{code}-{year}").clean()
