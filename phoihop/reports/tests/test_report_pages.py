"""The demo's reports as they print (#15 "The official report"): each DOCX converted to PDF with
LibreOffice and read back page by page with `pdftotext`. The signature block (the signer's title and
name, beside "Nơi nhận") sits on one page; every table's header row is on the same page as its first
row; "STT" and every dd/mm/yyyy date print unbroken; the XLSX opens.

LibreOffice is required in CI (`PHOIHOP_REQUIRE_LIBREOFFICE=1`, `.ci/run` installs it); elsewhere
the tests skip and say why.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.test import TestCase, override_settings
from docx import Document
from openpyxl import load_workbook

from phoihop.reports import access, pdf, periods, services
from phoihop.reports.models import ProgramReport, SpokespersonReport

DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, in content order (`pdftotext -raw`), one string per page."""
    with tempfile.TemporaryDirectory(prefix="phoihop-pages-") as tmp:
        source = Path(tmp) / "bao-cao.pdf"
        source.write_bytes(data)
        done = subprocess.run(  # noqa: S603
            ["pdftotext", "-raw", "-enc", "UTF-8", str(source), "-"],  # noqa: S607
            check=True,
            capture_output=True,
            timeout=60,
        )
    pages = done.stdout.decode().split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    return " ".join(text.split())


def cell_texts(row) -> list[str]:
    """The row's cells, once each (python-docx repeats a merged cell)."""
    seen: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is previous:
            continue
        previous = cell._tc
        seen.append(flat(cell.text))
    return seen


def artifacts_dir() -> Path:
    root = os.environ.get("PHOIHOP_TEST_ARTIFACTS") or str(Path("var") / "test-artifacts")
    return Path(root) / "reports"


@override_settings(PHOIHOP_REPORT_PDF=True)
class DemoReportPagesTests(TestCase):
    """The demo story's reports: its annual spokesperson report (exported by the loader) and a
    tổng kết and a sơ kết report of its programmes, exported here as the editor-in-chief would."""

    @classmethod
    def setUpTestData(cls) -> None:
        from phoihop.accounts.models import User
        from phoihop.demo import story
        from phoihop.programs.models import Program

        with override_settings(PHOIHOP_REPORT_PDF=False):  # the PDFs are made below, once
            story.load()
        chief = User.objects.get(username="tongbientap")
        cls.reports = []
        for program in Program.objects.order_by("starts_on"):
            issuers = access.issuer_choices(chief, program)
            if not issuers:
                continue
            whole = periods.make(periods.WHOLE, program.starts_on, program.ends_on, None, None)
            year = periods.make(periods.YEAR, program.starts_on, program.ends_on, program.starts_on.year, None)
            for period in (whole, year):
                report = services.report_create(actor=chief, program=program, issuer=issuers[0], period=period)
                services.report_update(actor=chief, report=report, issued_on=dt.date(2026, 12, 6))
                cls.reports.append(report)
        # The demo has no head of the city on record, so its annual report has no signer yet; give it
        # the one a unit would type in, so there is a signature block to keep whole.
        SpokespersonReport.objects.filter(signer_title="").update(
            signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", signer_name="Nguyễn Văn Phong"
        )
        cls.reports += list(SpokespersonReport.objects.order_by("pk"))

    def setUp(self) -> None:
        if not (pdf.available() and shutil.which("pdftotext")):
            if os.environ.get("PHOIHOP_REQUIRE_LIBREOFFICE") == "1":
                self.fail(
                    "LibreOffice and pdftotext are required (PHOIHOP_REQUIRE_LIBREOFFICE=1): "
                    "apt-get install libreoffice-writer-nogui poppler-utils"
                )
            self.skipTest("LibreOffice (soffice) or pdftotext (poppler-utils) is not installed: no PDF to read")

    def documents(self):
        """(name, docx bytes, xlsx bytes, the PDF's pages) of each report, exported through the
        same path as the worker; each PDF is also saved with the test artifacts for a person to see."""
        self.assertGreaterEqual(len(self.reports), 3)
        folder = artifacts_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for report in self.reports:
            if isinstance(report, ProgramReport):
                report = services.report_export(report_id=report.pk)
            else:
                from phoihop.reports import spokesperson_services

                report = spokesperson_services.spokesperson_report_export(report_id=report.pk)
            self.assertEqual(report.status, "done", report.error)
            self.assertTrue(report.pdf, report.error)
            name = f"{report._meta.model_name}-{report.pk}"
            data = report.pdf.open("rb").read()
            (folder / f"{name}.pdf").write_bytes(data)
            yield name, report, report.docx.open("rb").read(), report.xlsx.open("rb").read(), pdf_pages(data)

    def test_signature_block_tables_and_dates_print_whole(self):
        for name, report, docx, xlsx, pages in self.documents():
            with self.subTest(report=name):
                doc = Document(io.BytesIO(docx))
                flats = [flat(page) for page in pages]
                self.assertGreaterEqual(len(pages), 2, name)

                # The signature block: every line of the title and the name on one page, with "Nơi nhận".
                block = [line.strip().upper() for line in report.signer_title.splitlines() if line.strip()]
                block += [report.signer_name] if report.signer_name else []
                self.assertTrue(block, name)
                holding = [i for i, page in enumerate(flats) if all(line in page for line in block)]
                self.assertTrue(holding, f"{name}: the signature block {block} is split across pages")
                self.assertIn(report.layout.recipients_label, flats[holding[-1]], name)

                # Each table with a header: the header row whole on a page, and its first row after it there.
                tables = doc.tables[1:-1]  # not the header and the signature (borderless layout tables)
                self.assertTrue(tables, name)
                for table in tables:
                    header = " ".join(cell_texts(table.rows[0]))
                    first = " ".join(cell_texts(table.rows[1])) if len(table.rows) > 1 else ""
                    together = [
                        i for i, page in enumerate(flats) if header in page and first in page[page.index(header) :]
                    ]
                    self.assertTrue(together, f"{name}: the header «{header}» is not on the page of «{first}»")

                # "STT" and the dates unbroken: each appears as printed, not cut over two lines.
                raw = "\n".join(pages)
                docx_text = "\n".join(
                    cell.text for table in doc.tables for row in table.rows for cell in row.cells
                ) + "\n".join(p.text for p in doc.paragraphs)
                expected_stt = sum(1 for table in tables if cell_texts(table.rows[0])[0] == "STT")
                self.assertGreaterEqual(len(re.findall(r"\bSTT\b", raw)), expected_stt, name)
                self.assertNotRegex(raw, r"\bST\s*\n\s*T\b", name)
                for date in set(DATE.findall(docx_text)):
                    self.assertIn(date, raw, f"{name}: the date {date} is broken across lines")

                # The XLSX opens and holds a sheet with rows.
                workbook = load_workbook(io.BytesIO(xlsx), read_only=True)
                self.assertTrue(workbook.sheetnames, name)
                self.assertGreater(workbook[workbook.sheetnames[0]].max_row, 1, name)
