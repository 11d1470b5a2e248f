import os
from unittest import mock

import time_machine
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse

from phoihop.audit.models import AuditEvent
from phoihop.reports import pdf, periods, services
from phoihop.reports.models import ProgramReport
from phoihop.reports.tests.base import NOW, ReportsTestCase, at


def year_2026(program):
    return periods.make(periods.YEAR, program.starts_on, program.ends_on, 2026, None)


@time_machine.travel(NOW, tick=False)
class ReportFlowTests(ReportsTestCase):
    def create(self, user, issuer, **params):
        self.login(user)
        query = "&".join(f"{k}={v}" for k, v in (params or {"ky": "quy", "nam": "2026", "so": "1"}).items())
        response = self.client.post(
            reverse("reports:report_new", args=[self.program.pk]) + f"?{query}",
            {"issuer": issuer.pk, "kind": "so_ket", "layout": self.state_layout().pk},
        )
        self.assertEqual(response.status_code, 302)
        return ProgramReport.objects.latest("pk")

    def state_layout(self):
        from phoihop.reports.models import ReportLayout

        return ReportLayout.objects.get(kind="state")

    def export(self, report, user=None):
        self.login(user or self.chief)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("reports:report_export", args=[report.pk]))
        self.assertEqual(response.status_code, 302)
        report.refresh_from_db()
        return report

    def test_leader_drafts_edits_exports_and_both_sides_download(self):
        report = self.create(self.chief, self.press)
        self.assertEqual(report.subject, f"Sơ kết quý I năm 2026 thực hiện {self.program.title}")
        self.assertEqual((report.signer_name, report.signer_title), ("Lê Thị Bích Ngọc", "TỔNG BIÊN TẬP"))
        self.assertIn("- UBND xã An Khánh;", report.recipients)
        page = self.client.post(
            reverse("reports:report", args=[report.pk]),
            {
                "subject": report.subject,
                "layout": report.layout_id,
                "parent_body": "",
                "issuer_name": "Báo Thử Nghiệm",
                "issuer_code": "BTN",
                "place_name": "Hà Nội",
                "issued_on": "2026-02-05",
                "general_assessment": "Hai bên phối hợp chặt chẽ.",
                "shortcomings": "Một số đơn vị trả lời chậm.",
                "proposals": "Đề nghị UBND xã cử đầu mối thường trực.",
                "signer_title": "TỔNG BIÊN TẬP",
                "signer_name": "Lê Thị Bích Ngọc",
                "recipients": "- UBND xã An Khánh;\n- Lưu: VT.",
            },
        )
        self.assertEqual(page.status_code, 302)
        report = self.export(report)
        self.assertEqual((report.status, report.progress, report.number), ("done", 100, 1))
        self.assertEqual(report.number_text, "Số: 01/BC-BTN")
        self.assertTrue(report.docx.name.startswith("reports/2026/"))
        detail = self.client.get(reverse("reports:report", args=[report.pk]))
        self.assertContains(detail, "Đã xuất")
        self.assertContains(detail, "Số: 01/BC-BTN")
        self.assertContains(detail, "xuất báo cáo")  # history
        self.login(self.leader_a)  # the other party reads and downloads
        download = self.client.get(reverse("reports:download", args=[report.pk, "docx"]))
        self.assertEqual(download.status_code, 200)
        self.assertIn("attachment", download["Content-Disposition"])
        self.assertTrue(b"".join(download.streaming_content).startswith(b"PK"))
        verbs = list(AuditEvent.objects.for_object(report).values_list("verb", flat=True))
        self.assertEqual(
            sorted(verbs), ["report.created", "report.export_requested", "report.exported", "report.updated"]
        )

    def test_numbers_run_per_issuer_and_year_and_survive_a_re_export(self):
        first = self.export(self.create(self.chief, self.press))
        second = self.export(self.create(self.chief, self.press, ky="quy", nam="2026", so="2"))
        partner = self.export(self.create(self.leader_a, self.unit_a), user=self.leader_a)
        self.assertEqual((first.number, second.number, partner.number), (1, 2, 1))
        self.assertTrue(partner.number_text.startswith("Số: 01/BC-"))
        again = self.export(first)
        self.assertEqual(again.number, 1)
        with time_machine.travel(at(2027, 1, 5, 9), tick=False):
            next_year = services.report_create(
                actor=self.chief, program=self.program, issuer=self.press, period=year_2026(self.program)
            )
            next_year = self.export(next_year)
        self.assertEqual((next_year.number, next_year.number_year), (1, 2027))

    def test_progress_is_shown_and_the_page_refreshes_while_busy(self):
        report = self.create(self.chief, self.press)
        ProgramReport.objects.filter(pk=report.pk).update(status="running", progress=45)
        page = self.client.get(reverse("reports:report", args=[report.pk]))
        self.assertContains(page, '<meta http-equiv="refresh" content="2">')
        self.assertContains(page, 'value="45"')
        self.assertNotContains(page, "Xuất báo cáo</button>")
        # A second export while one is running is refused.
        response = self.client.post(reverse("reports:report_export", args=[report.pk]), follow=True)
        self.assertContains(response, "đang được xuất")

    def test_default_subject_names_the_kind_and_period(self):
        program = self.program
        title = program.title
        make = lambda kind, year, index: periods.make(kind, program.starts_on, program.ends_on, year, index)  # noqa: E731
        self.assertEqual(
            services.default_subject("so_ket", make(periods.MONTH, 2026, 4), program),
            f"Sơ kết tháng 4 năm 2026 thực hiện {title}",
        )
        self.assertEqual(
            services.default_subject("so_ket", make(periods.YEAR, 2026, None), program),
            f"Sơ kết năm 2026 thực hiện {title}",
        )
        self.assertEqual(
            services.default_subject("tong_ket", make(periods.WHOLE, None, None), program),
            f"Tổng kết thực hiện {title} (2026)",
        )

    def test_a_stalled_export_can_be_started_again(self):
        report = self.create(self.chief, self.press)
        ProgramReport.objects.filter(pk=report.pk).update(status="running", progress=15)
        with time_machine.travel(at(2026, 5, 10, 11, 0), tick=False):  # an hour without progress
            page = self.client.get(reverse("reports:report", args=[report.pk]))
            self.assertNotContains(page, 'http-equiv="refresh"')
            self.assertContains(page, "không tiến triển đã lâu")
            report = self.export(ProgramReport.objects.get(pk=report.pk))
        self.assertEqual(report.status, "done")

    def test_only_the_issuing_side_edits_and_exports(self):
        report = self.create(self.chief, self.press)
        self.login(self.leader_a)
        self.assertEqual(self.client.get(reverse("reports:report", args=[report.pk])).status_code, 200)
        self.assertEqual(self.client.post(reverse("reports:report", args=[report.pk]), {}).status_code, 403)
        self.assertEqual(self.client.post(reverse("reports:report_export", args=[report.pk])).status_code, 403)
        with self.assertRaises(PermissionDenied):
            services.report_update(actor=self.leader_a, report=report, proposals="Sửa hộ")
        with self.assertRaises(PermissionDenied):
            services.report_create(
                actor=self.leader_a, program=self.program, issuer=self.press, period=year_2026(self.program)
            )

    def test_outsiders_get_404_and_non_leaders_403_on_reports_and_files(self):
        report = self.export(self.create(self.chief, self.press))
        urls = [
            reverse("reports:report", args=[report.pk]),
            reverse("reports:download", args=[report.pk, "docx"]),
            reverse("reports:download", args=[report.pk, "xlsx"]),
            reverse("history", args=["reports", "programreport", report.pk]),
        ]
        for user in (self.leader_b, self.liaison_b, self.nobody):
            self.login(user)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
            self.assertEqual(self.client.post(reverse("reports:report_export", args=[report.pk])).status_code, 404)
        for user in (self.liaison_a, self.staff_a, self.reporter):
            self.login(user)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 403, (user, url))

    @override_settings(PHOIHOP_REPORT_PDF=True)
    def test_pdf_when_libreoffice_is_installed(self):
        if not pdf.available():
            if os.environ.get("PHOIHOP_REQUIRE_LIBREOFFICE") == "1":
                self.fail(
                    "LibreOffice is required (PHOIHOP_REQUIRE_LIBREOFFICE=1): apt-get install libreoffice-writer-nogui"
                )
            self.skipTest("LibreOffice (soffice) is not installed: no PDF is produced")
        report = self.export(self.create(self.chief, self.press))
        self.assertTrue(report.pdf.name.endswith(".pdf"))
        self.assertTrue(report.pdf.open("rb").read(5) == b"%PDF-")

    @override_settings(PHOIHOP_REPORT_PDF=True)
    def test_without_libreoffice_the_page_says_there_is_no_pdf(self):
        with mock.patch.object(pdf, "soffice_path", return_value=None):
            report = self.export(self.create(self.chief, self.press))
            self.assertFalse(report.pdf)
            self.assertContains(self.client.get(report.get_absolute_url()), "chưa cài LibreOffice")
            self.assertEqual(self.client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code, 404)

    def test_a_failed_export_is_marked_with_its_reason(self):
        report = self.create(self.chief, self.press)
        report.layout.number_pattern = "Số: {so}"  # saved around the form's validation
        report.layout.save()
        report = self.export(report)
        self.assertEqual(report.status, "failed")
        self.assertTrue(report.error)
        self.assertContains(self.client.get(report.get_absolute_url()), "Xuất lỗi")
