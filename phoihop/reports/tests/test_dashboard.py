import datetime as dt
import io

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import InfoRequest
from phoihop.reports.tests.base import NOW, ReportsTestCase, at


@time_machine.travel(NOW, tick=False)
class DashboardAccessTests(ReportsTestCase):
    def url(self, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return reverse("reports:dashboard", args=[self.program.pk]) + (f"?{query}" if query else "")

    def test_press_leaders_and_the_partners_leader_see_the_dashboard(self):
        for user in (self.chief, self.leader_a):
            self.login(user)
            page = self.client.get(self.url())
            self.assertContains(page, "Số liệu chương trình")
            self.assertContains(page, "Cả chương trình")

    def test_another_partners_leader_gets_404_everywhere(self):
        self.login(self.leader_b)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(reverse("reports:dashboard_xlsx", args=[self.program.pk])).status_code, 404)
        self.assertEqual(self.client.post(reverse("reports:report_new", args=[self.program.pk])).status_code, 404)
        self.assertNotContains(self.client.get(reverse("reports:index")), self.program.title)
        for user in (self.liaison_b, self.nobody):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_party_members_without_a_leading_role_get_403(self):
        for user in (self.liaison_a, self.staff_a, self.liaison_child, self.reporter):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403, user)

    def test_anonymous_visitors_are_sent_to_login(self):
        self.assertEqual(self.client.get(self.url()).status_code, 302)


@time_machine.travel(NOW, tick=False)
class DashboardFigureTests(ReportsTestCase):
    def get(self, user=None, **params):
        self.login(user or self.chief)
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self.client.get(reverse("reports:dashboard", args=[self.program.pk]) + f"?{query}")

    def test_submissions_per_unit_by_status_and_used(self):
        figures = self.get().context["figures"]
        rows = {row.unit: row for row in figures.submissions}
        a = rows["UBND xã An Khánh"]
        self.assertEqual((a.total, a.sent, a.received, a.published, a.not_used), (5, 1, 1, 2, 1))
        self.assertEqual(rows["Phòng Văn hóa - Xã hội xã An Khánh"].published, 1)
        self.assertNotIn("UBND phường Bình Minh", rows)  # another programme's unit
        self.assertEqual(figures.totals["submissions"]["total"], 6)

    def test_the_period_filter_narrows_every_table_and_stays_in_the_url(self):
        page = self.get(ky="quy", nam="2026", so="1")
        figures = page.context["figures"]
        self.assertEqual(figures.totals["submissions"]["total"], 4)
        self.assertEqual(figures.totals["requests"]["total"], 2)
        self.assertContains(page, '<strong id="ky-bao-cao">Quý I/2026</strong>', html=True)
        self.assertContains(page, "?ky=quy&amp;nam=2026&amp;so=1")  # the XLSX link keeps the filter
        april = self.get(ky="thang", nam="2026", so="4").context["figures"]
        self.assertEqual(april.totals["submissions"]["total"], 1)

    def test_requests_on_time_late_unanswered_with_median_hours(self):
        figures = self.get().context["figures"]
        (row,) = [r for r in figures.requests if r.unit == "UBND xã An Khánh"]
        self.assertEqual((row.total, row.on_time, row.late, row.overdue, row.pending), (4, 1, 1, 1, 1))
        self.assertEqual(row.median_hours, (24 + 336) / 2)
        first_quarter = self.get(ky="quy", nam="2026", so="1").context["figures"]
        (q1,) = [r for r in first_quarter.requests if r.unit == "UBND xã An Khánh"]
        self.assertEqual((q1.on_time, q1.late, q1.unanswered), (1, 1, 0))

    def test_a_forwarded_petition_is_not_counted_as_an_information_request(self):
        # Petitions exist from 01/7/2026 (Decree 237); moved into this May's figures once sent.
        with time_machine.travel(at(2026, 7, 6, 9), tick=False):
            petition = exchange_services.petition_forward(
                actor=self.chief,
                organization=self.unit_a,
                subject="Kiến nghị về đường ngập",
                content="Đường thôn Đông ngập sau mưa.",
                nature="kien_nghi",
                petitioner_name="Bạn đọc",
                program=self.program,
            )
        InfoRequest.objects.filter(pk=petition.pk).update(sent_at=at(2026, 5, 4, 9))
        figures = self.get().context["figures"]
        (row,) = [r for r in figures.requests if r.unit == "UBND xã An Khánh"]
        self.assertEqual(row.total, 4)

    def test_targets_are_scaled_to_the_period(self):
        page = self.get(ky="thang", nam="2026", so="2")
        targets = {row.title: row.target for row in page.context["figures"].themes}
        self.assertEqual(targets, {"Chuyển đổi số": 2, "Cải cách hành chính": 2})
        year = {row.title: row.target for row in self.get(ky="nam", nam="2026").context["figures"].themes}
        self.assertEqual(year, {"Chuyển đổi số": 24, "Cải cách hành chính": 24})
        self.assertContains(page, "6 bài/quý")

    def test_charts_are_accessible_svg_with_their_numbers(self):
        page = self.get()
        content = page.content.decode()
        self.assertEqual(content.count('role="img"'), 5)
        self.assertIn("<title id=", content)
        self.assertIn("Thông tin các đơn vị cung cấp — Cả chương trình", content)
        self.assertNotIn("<script", content.split('<main id="noi-dung"')[1])
        # The numbers behind the submissions chart are in the table under it.
        self.assertContains(page, '<table class="table numbers" id="bang-cung-cap">')

    def test_claims_section_counts_no_claim_when_there_is_none(self):
        figures = self.get().context["figures"]
        self.assertEqual((figures.claims.received, figures.values["claims"]), (0, 0))

    def test_dashboard_xlsx_sums_equal_the_dashboard(self):
        figures = self.get(ky="nam", nam="2026").context["figures"]
        response = self.client.get(reverse("reports:dashboard_xlsx", args=[self.program.pk]) + "?ky=nam&nam=2026")
        self.assertEqual(response.status_code, 200)
        workbook = load_workbook(io.BytesIO(response.content))
        sheet = workbook["Cung cấp thông tin"]
        data = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] is not None]
        self.assertEqual(sum(row[2] for row in data), figures.totals["submissions"]["total"])
        self.assertEqual(sum(row[6] for row in data), figures.totals["submissions"]["published"])


@time_machine.travel(NOW, tick=False)
class DashboardArticleTests(ReportsTestCase):
    def figures(self, **params):
        self.login(self.leader_a)
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self.client.get(reverse("reports:dashboard", args=[self.program.pk]) + f"?{query}").context["figures"]

    def test_published_articles_per_theme_against_targets(self):
        q1 = self.figures(ky="quy", nam="2026", so="1")
        published = {row.title: (row.published, row.target) for row in q1.themes}
        self.assertEqual(published, {"Chuyển đổi số": (3, 6), "Cải cách hành chính": (1, 6)})
        self.assertEqual(q1.articles_total, 3)  # the article on both themes counts once
        whole = self.figures()
        self.assertEqual(whole.articles_total, 4)

    def test_most_read_counts_reads_in_the_period(self):
        april = self.figures(ky="thang", nam="2026", so="4")
        self.assertEqual([(r.title, r.views) for r in april.most_read],
                         [("Cải cách thủ tục đất đai", 300), ("Xã An Khánh số hóa hồ sơ", 120)])  # fmt: skip
        self.assertTrue(april.most_read[0].url.startswith("/chinh-quyen/"))
        self.assertEqual(self.figures().most_read[0].views, 999)

    def test_unpublished_articles_do_not_count(self):
        from phoihop.portal.models import ArticlePage

        ArticlePage.objects.filter(pk=self.articles[0].pk).update(live=False)
        q1 = self.figures(ky="quy", nam="2026", so="1")
        self.assertEqual({r.title: r.published for r in q1.themes}["Chuyển đổi số"], 2)


class PeriodOutsideProgrammeTests(ReportsTestCase):
    def test_a_year_outside_the_programme_shows_zeros_and_says_so(self):
        self.login(self.chief)
        with time_machine.travel(dt.datetime(2026, 5, 10, 3, tzinfo=dt.UTC), tick=False):
            page = self.client.get(reverse("reports:dashboard", args=[self.program.pk]) + "?ky=nam&nam=2030")
        self.assertContains(page, "nằm ngoài thời gian thực hiện chương trình")
        self.assertEqual(page.context["figures"].totals["submissions"]["total"], 0)
