"""Text that looks like a formula stays text in every XLSX the project writes (issue #22, item 7):
a programme, theme, unit or article named "=HYPERLINK(…)", "+84…", "-1", "@SUM(…)" or starting with
a tab is shown as written and never calculated."""

import io
import zipfile

import time_machine
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from phoihop.accounts.models import Organization
from phoihop.programs.models import Program, Theme
from phoihop.reports.tests.base import NOW, ReportsTestCase
from phoihop.reports.workbook import append_row

NASTY = {
    "program": '=HYPERLINK("https://lua-dao.example/","Bấm vào đây")',
    "theme": "@SUM(1+1)",
    "unit": "+84 912 345 678 Phòng",
    "number": "-1+2",
    "article": "\t=cmd|' /C calc'!A0",
}


@time_machine.travel(NOW, tick=False)
class FormulaTextTests(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Straight into the rows, past the input cleaning: the export must hold even for such data.
        Program.objects.filter(pk=cls.program.pk).update(title=NASTY["program"], number=NASTY["number"])
        Theme.objects.filter(pk=cls.digital.pk).update(title=NASTY["theme"])
        Organization.objects.filter(pk=cls.unit_a_child.pk).update(name=NASTY["unit"])

    def test_the_dashboard_workbook_writes_them_as_text_with_a_quote_prefix(self):
        self.login(self.chief)
        response = self.client.get(reverse("reports:dashboard_xlsx", args=[self.program.pk]))
        self.assertEqual(response.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(response.content)) as package:
            sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/")]
            for name in sheets:
                self.assertNotIn(b"<f>", package.read(name), name)  # no formula anywhere
            self.assertIn(b'quotePrefix="1"', package.read("xl/styles.xml"))
        book = load_workbook(io.BytesIO(response.content))
        found = {}
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value in NASTY.values():
                        found[cell.value] = cell
        self.assertEqual(set(found), {NASTY["program"], NASTY["theme"], NASTY["unit"], NASTY["number"]})
        for text, cell in found.items():
            self.assertEqual(cell.data_type, "s", text)
            self.assertTrue(cell.quotePrefix, text)

    def test_every_row_written_goes_through_the_guard(self):
        sheet = Workbook().active
        row = append_row(sheet, [NASTY["article"], "=1+1", "an toàn", 5, "-"])
        cells = sheet[row]
        self.assertEqual([c.data_type for c in cells], ["s", "s", "s", "n", "s"])
        self.assertEqual([bool(c.quotePrefix) for c in cells], [True, True, False, False, True])
        self.assertEqual(cells[1].value, "=1+1")  # the text itself is kept as written
        buffer = io.BytesIO()
        sheet.parent.save(buffer)
        reread = load_workbook(io.BytesIO(buffer.getvalue())).active
        self.assertEqual([c.value for c in reread[row]], [NASTY["article"], "=1+1", "an toàn", 5, "-"])
        self.assertEqual(reread.cell(row=row, column=2).data_type, "s")
