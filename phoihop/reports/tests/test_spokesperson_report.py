"""The annual report on spokesperson work (Decree 244/2026 Art. 10): its period and due date, the six
figures against the records (a table of records in and out of the period, of the unit, its sub-unit
and another unit), access, the export (DOCX, XLSX, PDF) and the pages."""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.test import TestCase, override_settings
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Organization, OrganizationLevel, Role
from phoihop.deadlines.models import DeadlinePolicy
from phoihop.exchange import services as exchange
from phoihop.exchange import statements
from phoihop.exchange.models import InfoRequest, PressConference, RefusalGround, Submission
from phoihop.reports import pdf, spokesperson, spokesperson_services
from phoihop.reports.models import SpokespersonReport, annual_due_on, annual_duty, annual_period, annual_year_for
from phoihop.testing import PersonaTestCase, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=VN)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


# The first and last moments of the 2026 period, and the moments just outside it.
FIRST = at(2025, 12, 15, 0, 0)
LAST = at(2026, 12, 14, 23, 59)
BEFORE = at(2025, 12, 14, 23, 59)
AFTER = at(2026, 12, 15, 0, 0)


class PeriodTests(PersonaTestCase):
    def test_period_due_date_and_year(self):
        self.assertEqual(annual_period(2026), (dt.date(2025, 12, 15), dt.date(2026, 12, 14)))
        self.assertEqual(annual_due_on(2026), dt.date(2026, 12, 19))
        self.assertEqual(annual_year_for(dt.date(2026, 12, 14)), 2026)
        self.assertEqual(annual_year_for(dt.date(2026, 12, 15)), 2027)
        self.assertEqual(annual_year_for(dt.date(2026, 1, 1)), 2026)

    def test_only_provinces_have_the_duty(self):
        province = account_services.organization_create(
            actor=None,
            name="UBND tỉnh Thử Nghiệm",
            kind=Organization.Kind.PARTNER,
            level=OrganizationLevel.objects.get(code="province"),
        )
        self.assertTrue(annual_duty(province))
        self.assertFalse(annual_duty(self.unit_a))  # a commune
        self.assertFalse(annual_duty(self.press))


# One row per record: (what, unit, moment, outcome). "a" is unit A, "child" its department, "b" the
# outsider unit B. The expected figures are counted from this table, not from the database.
RECORDS: list[tuple[str, str, dt.datetime, str]] = [
    ("conference", "a", FIRST, "held"),
    ("conference", "child", at(2026, 6, 1, 9), "held"),
    ("conference", "a", at(2026, 7, 1, 9), "planned"),
    ("conference", "a", at(2026, 8, 1, 9), "cancelled"),
    ("conference", "a", BEFORE, "held"),
    ("conference", "a", AFTER - dt.timedelta(minutes=1), "held"),  # 14/12 23:59: in
    ("conference", "b", at(2026, 6, 2, 9), "held"),
    ("briefing", "a", at(2026, 3, 3, 9), "held"),
    ("briefing", "a", at(2026, 3, 10, 9), "planned"),
    ("briefing", "child", at(2026, 4, 10, 9), "held"),
    ("request", "a", at(2026, 2, 2, 9), "answered"),
    ("request", "a", at(2026, 2, 3, 9), "partial"),
    ("request", "child", at(2026, 2, 4, 9), "refused"),
    ("request", "a", at(2026, 2, 5, 9), "sent"),
    ("request", "a", at(2026, 2, 6, 9), "withdrawn"),
    ("request", "a", BEFORE, "answered"),
    ("request", "b", at(2026, 2, 7, 9), "answered"),
    # Events from 01/7/2026, when Decree 244 (and its 24-hour policy) came into force.
    ("event", "a", at(2026, 7, 1, 9), "on_time"),
    ("event", "child", at(2026, 7, 2, 9), "late"),
    ("event", "a", at(2026, 7, 3, 9), "statement_only"),
    ("event", "a", at(2026, 7, 4, 9), "none"),
    ("event", "b", at(2026, 7, 5, 9), "on_time"),
    ("correction", "a", at(2026, 9, 1, 9), "sent"),
    ("correction", "child", at(2026, 9, 2, 9), "sent"),
    ("correction", "a", BEFORE, "sent"),
    ("news", "a", at(2026, 9, 3, 9), "sent"),  # not a correction request
]


def _in_period(moment: dt.datetime) -> bool:
    return FIRST <= moment < AFTER


def expected(units: set[str]) -> dict[str, tuple[int, int | None]]:
    rows = [(what, outcome) for what, unit, moment, outcome in RECORDS if unit in units and _in_period(moment)]

    def count(what: str, outcomes: set[str] | None = None) -> int:
        return sum(1 for w, o in rows if w == what and (outcomes is None or o in outcomes))

    requests = count("request") - count("request", {"withdrawn"})
    events = count("event")
    return {
        "press_conferences": (count("conference", {"held"}), None),
        "briefings": (count("briefing", {"held"}), None),
        "requests": (count("request", {"answered", "partial", "refused"}), requests),
        "events": (count("event", {"on_time", "late", "statement_only"}), events),
        "on_time": (count("event", {"on_time"}), events),
        "corrections": (count("correction"), count("correction")),
    }


def build_records(t: Any) -> None:
    units = {"a": t.unit_a, "child": t.unit_a_child, "b": t.unit_b}
    actors = {"a": t.liaison_a, "child": t.liaison_child, "b": t.liaison_b}
    policy = DeadlinePolicy.objects.get(code="thuong")
    ground = RefusalGround.objects.order_by("pk").first()
    for index, (what, key, moment, outcome) in enumerate(RECORDS):
        unit, actor = units[key], actors[key]
        if what in {"conference", "briefing"}:
            PressConference.objects.create(
                organization=unit,
                kind=PressConference.Kind.PRESS_CONFERENCE if what == "conference" else PressConference.Kind.BRIEFING,
                title=f"{what} {index}",
                starts_at=moment,
                state={"held": "held", "planned": "planned", "cancelled": "cancelled"}[outcome],
                place="Hội trường UBND tỉnh",
                cancel_reason="Hoãn." if outcome == "cancelled" else "",
                created_by=t.chief,
            )
        elif what == "request":
            with time_machine.travel(moment, tick=False):
                request = exchange.info_request_create(
                    actor=t.chief, organization=unit, subject=f"Đề nghị {index}", questions="Hỏi.", policy=policy
                )
            with time_machine.travel(moment + dt.timedelta(hours=5), tick=False):
                if outcome in {"answered", "partial"}:
                    exchange.info_request_answer(actor=actor, request=request, outcome=outcome, answer="Trả lời.")
                elif outcome == "refused":
                    exchange.info_request_answer(actor=actor, request=request, outcome="refused", refusal_ground=ground)
            if outcome == "withdrawn":
                InfoRequest.objects.filter(pk=request.pk).update(status=InfoRequest.Status.WITHDRAWN)
        elif what == "event":
            with time_machine.travel(NOW, tick=False):
                event = statements.event_open(
                    actor=t.chief, organization=unit, title=f"Sự kiện {index}", opened_at=moment
                )
                if outcome == "on_time":
                    statements.initial_statement_given(actor=actor, event=event, at=moment + dt.timedelta(hours=20))
                elif outcome == "late":
                    statements.initial_statement_given(actor=actor, event=event, at=moment + dt.timedelta(hours=30))
                elif outcome == "statement_only":
                    statements.statement_add(actor=actor, event=event, title="Thông cáo", body="Nội dung.")
        else:
            with time_machine.travel(moment, tick=False):
                exchange.submission_create(
                    actor=actor,
                    organization=unit,
                    title=f"Thông tin {index}",
                    kind=Submission.Kind.CORRECTION if what == "correction" else Submission.Kind.NEWS,
                )


class SpokespersonTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.spokesperson_a = make_user("pn_a", "Trịnh Văn Phát", cls.unit_a, Role.SPOKESPERSON)
        build_records(cls)

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def create(self, actor: Any = None, organization: Organization | None = None) -> SpokespersonReport:
        return spokesperson_services.spokesperson_report_create(
            actor=actor or self.leader_a, organization=organization or self.unit_a, year=2026
        )

    def export(self, report: SpokespersonReport, actor: Any = None) -> SpokespersonReport:
        self.login(actor or self.leader_a)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("reports:spokesperson_export", args=[report.pk]))
        self.assertEqual(response.status_code, 302)
        report.refresh_from_db()
        return report


class FigureTests(SpokespersonTestCase):
    def test_figures_equal_the_records(self):
        """Each figure and its total, for the unit with its sub-unit, the sub-unit alone and unit B."""
        for organization, keys in (
            (self.unit_a, {"a", "child"}),
            (self.unit_a_child, {"child"}),
            (self.unit_b, {"b"}),
        ):
            figures = spokesperson.annual_figures(organization, 2026)
            want = expected(keys)
            got = {row.key: (row.value, row.total) for row in figures.rows}
            with self.subTest(unit=organization.name):
                self.assertEqual(got, want)

    def test_the_table_is_not_trivial(self):
        want = expected({"a", "child"})
        self.assertEqual(want["press_conferences"], (3, None))
        self.assertEqual(want["requests"], (3, 4))
        self.assertEqual(want["events"], (3, 4))
        self.assertEqual(want["on_time"], (1, 4))

    def test_records_behind_each_figure(self):
        for row in spokesperson.annual_figures(self.unit_a, 2026).rows:
            records = spokesperson.figure_records(self.unit_a, 2026, row.key)
            with self.subTest(figure=row.key):
                self.assertEqual(sum(1 for r in records if r.counted), row.value)
                self.assertEqual(len(records), row.total if row.total is not None else row.value)

    def test_the_figure_page_links_to_the_records(self):
        report = self.create()
        self.login(self.leader_a)
        response = self.client.get(reverse("reports:spokesperson_figure", args=[report.pk, "events"]))
        self.assertEqual(response.status_code, 200)
        event = spokesperson.statement_events({self.unit_a.pk}, spokesperson.Bounds.of_year(2026)).first()
        self.assertContains(response, event.get_absolute_url())
        self.assertEqual(
            self.client.get(reverse("reports:spokesperson_figure", args=[report.pk, "khong-co"])).status_code, 404
        )


class AccessTests(SpokespersonTestCase):
    def test_who_reads_and_who_writes(self):
        report = self.create()
        url = report.get_absolute_url()
        for user, status in (
            (self.chief, 200),
            (self.leader_a, 200),
            (self.spokesperson_a, 200),
            (self.liaison_a, 200),
            (self.staff_a, 403),
            (self.reporter, 403),
            (self.liaison_b, 404),
            (self.nobody, 404),
            (self.liaison_child, 404),  # a sub-unit does not read the unit above
        ):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(url).status_code, status)
        self.login(self.chief)
        self.assertEqual(self.client.post(reverse("reports:spokesperson_export", args=[report.pk])).status_code, 403)
        self.login(self.liaison_b)
        for name in ("reports:spokesperson_export", "reports:spokesperson_report"):
            self.assertEqual(self.client.post(reverse(name, args=[report.pk])).status_code, 404)
        unit_url = reverse("reports:spokesperson_unit", args=[self.unit_a.pk])
        self.assertEqual(self.client.get(unit_url).status_code, 404)

    def test_the_unit_page_offers_the_year_and_its_due_date(self):
        self.login(self.leader_a)
        response = self.client.get(reverse("reports:spokesperson_unit", args=[self.unit_a.pk]))
        self.assertContains(response, "15/12/2025 – 14/12/2026")
        self.assertContains(response, "19/12/2026")
        self.assertContains(response, "không thuộc diện bắt buộc")
        response = self.client.post(reverse("reports:spokesperson_create", args=[self.unit_a.pk]), {"nam": "2026"})
        report = SpokespersonReport.objects.get(organization=self.unit_a, year=2026)
        self.assertRedirects(response, report.get_absolute_url())
        self.login(self.chief)
        self.assertEqual(
            self.client.post(
                reverse("reports:spokesperson_create", args=[self.unit_b.pk]), {"nam": "2026"}
            ).status_code,
            403,
        )
        self.assertFalse(SpokespersonReport.objects.filter(organization=self.unit_b).exists())

    def test_the_newsroom_index_lists_units_with_the_duty(self):
        province = account_services.organization_create(
            actor=None,
            name="UBND tỉnh Thử Nghiệm",
            kind=Organization.Kind.PARTNER,
            level=OrganizationLevel.objects.get(code="province"),
        )
        self.login(self.chief)
        response = self.client.get(reverse("reports:spokesperson_index"))
        self.assertContains(response, province.name)
        self.assertContains(response, "Bắt buộc (Điều 10)")
        self.assertNotContains(response, self.unit_b.name)  # no duty, no report
        self.login(self.liaison_a)
        response = self.client.get(reverse("reports:spokesperson_index"))
        self.assertContains(response, self.unit_a.name)
        self.assertNotContains(response, province.name)
        for user in (self.reporter, self.staff_a, self.nobody):
            self.login(user)
            self.assertEqual(self.client.get(reverse("reports:spokesperson_index")).status_code, 403)

    def test_one_report_per_unit_and_year(self):
        self.create()
        with self.assertRaisesMessage(Exception, "đã có báo cáo"):
            self.create(self.spokesperson_a)


class ExportTests(SpokespersonTestCase):
    def test_export_docx_and_xlsx_carry_the_figures(self):
        report = self.create()
        self.login(self.leader_a)
        self.client.post(
            report.get_absolute_url(),
            {
                "layout": report.layout_id,
                "parent_body": "",
                "issuer_name": "=UBND xã An Khánh",
                "issuer_code": "UBND",
                "place_name": "An Khánh",
                "issued_on": "",
                "figures_notes": "",
                "difficulties": "Cần thêm kinh phí tổ chức họp báo.",
                "signer_title": "CHỦ TỊCH",
                "signer_name": "Nguyễn Văn Hùng",
                "recipients": "- Bộ Văn hóa, Thể thao và Du lịch;\n- Lưu: VT.",
            },
        )
        report = self.export(report)
        self.assertEqual(report.status, "done", report.error)
        self.assertEqual(report.number_text, "Số: 01/BC-UBND")
        want = expected({"a", "child"})
        self.assertEqual({f["key"]: (f["value"], f["total"]) for f in report.exported_figures}, want)

        document = Document(io.BytesIO(report.docx.open("rb").read()))
        paragraphs = [p.text for p in document.paragraphs]
        header = document.tables[0]
        self.assertIn("Số: 01/BC-UBND", header.cell(0, 0).text)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", header.cell(0, 1).text)
        self.assertIn("An Khánh, ngày 07 tháng 12 năm 2026", header.cell(0, 1).text)
        self.assertIn("Về công tác phát ngôn và cung cấp thông tin cho báo chí năm 2026", paragraphs)
        self.assertIn("I. VỀ SỐ LIỆU", paragraphs)
        self.assertIn("Cần thêm kinh phí tổ chức họp báo.", paragraphs)
        table = document.tables[1]
        values = {row.cells[0].text: row.cells[2].text for row in table.rows[1:]}
        self.assertEqual(values["1"], str(want["press_conferences"][0]))
        self.assertEqual(values["3"], "{}/{}".format(*want["requests"]))
        self.assertEqual(values["5"], "{}/{}".format(*want["on_time"]))
        self.assertEqual(len(table.rows), 7)
        signature = document.tables[-1]
        self.assertIn("Bộ Văn hóa, Thể thao và Du lịch", signature.cell(0, 0).text)
        self.assertIn("Nguyễn Văn Hùng", signature.cell(0, 1).text)

        workbook = load_workbook(io.BytesIO(report.xlsx.open("rb").read()))
        sheet = workbook.worksheets[0]
        rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual((rows[3][2], rows[3][3]), want["requests"])
        self.assertEqual((rows[1][2], rows[1][3]), want["press_conferences"])
        info = workbook["Thông tin chung"]
        cell = next(c for (c,) in info.iter_rows(min_col=2, max_col=2) if c.value == "=UBND xã An Khánh")
        self.assertEqual(cell.data_type, "s")
        self.assertTrue(cell.quotePrefix)

        response = self.client.get(reverse("reports:spokesperson_download", args=[report.pk, "docx"]))
        self.assertEqual(response.status_code, 200)
        self.login(self.chief)
        self.assertEqual(
            self.client.get(reverse("reports:spokesperson_download", args=[report.pk, "xlsx"])).status_code, 200
        )
        self.login(self.liaison_b)
        self.assertEqual(
            self.client.get(reverse("reports:spokesperson_download", args=[report.pk, "docx"])).status_code, 404
        )

    def test_the_number_shares_the_units_report_counter(self):
        first = self.export(self.create())
        other = self.export(self.create(organization=self.unit_a_child), actor=self.leader_a)
        self.assertEqual((first.number, other.number), (1, 1))  # different issuers
        first = self.export(first)
        self.assertEqual(first.number, 1)  # a re-export keeps it

    def test_the_page_shows_the_figures_and_the_legal_basis(self):
        report = self.create()
        self.login(self.chief)
        response = self.client.get(report.get_absolute_url())
        self.assertContains(response, "Điều 10 khoản 1, khoản 2")
        self.assertContains(response, "19/12/2026")
        want = expected({"a", "child"})
        self.assertContains(response, '<td class="figure">{}/{}</td>'.format(*want["events"]), html=False)

    @override_settings(PHOIHOP_REPORT_PDF=True)
    def test_pdf_when_libreoffice_is_installed(self):
        if not pdf.available():
            if os.environ.get("PHOIHOP_REQUIRE_LIBREOFFICE") == "1":
                self.fail(
                    "LibreOffice is required (PHOIHOP_REQUIRE_LIBREOFFICE=1): apt-get install libreoffice-writer-nogui"
                )
            self.skipTest("LibreOffice (soffice) is not installed: no PDF is produced")
        report = self.export(self.create())
        data = report.pdf.open("rb").read()
        self.assertEqual(data[:5], b"%PDF-")
        from pypdf import PdfReader

        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        self.assertIn("công tác phát ngôn", " ".join(text.split()))


class DemoReportTests(TestCase):
    """The demo's 2026 report: the city of Hà Nội (the story's provincial People's Committee)."""

    @classmethod
    def setUpTestData(cls) -> None:
        import tempfile
        from pathlib import Path

        from phoihop.demo import story

        with time_machine.travel(NOW, tick=False):
            story.load(logins_path=Path(tempfile.mkdtemp()) / "logins.json")

    def test_the_demo_has_the_citys_2026_report_due_19_12(self):
        from phoihop.demo import content

        report = SpokespersonReport.objects.get(year=2026)
        self.assertEqual(report.organization.name, content.ORGANIZATIONS["city_level"]["name"])
        self.assertTrue(report.is_required)
        self.assertEqual(report.due_on, dt.date(2026, 12, 19))
        self.assertEqual(report.status, "done", report.error)
        self.assertTrue(report.docx and report.xlsx)
        self.assertEqual(report.number_text, "Số: 01/BC-UBND")  # "UBND TP Hà Nội" signs as "UBND"
        exported = {f["key"]: (f["value"], f["total"]) for f in report.exported_figures}
        # The commune below the city was asked by the newspaper and has an event with its clock running.
        units = spokesperson.unit_scope(report.organization)
        bounds = spokesperson.Bounds.of_year(2026)
        requests = InfoRequest.objects.filter(organization__in=units, sent_at__gte=bounds.start, sent_at__lt=bounds.end)
        self.assertEqual(exported["requests"][1], requests.exclude(status="withdrawn").count())
        self.assertGreater(exported["requests"][1], 0)
        self.assertGreater(exported["events"][1], 0)
