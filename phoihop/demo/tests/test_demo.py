import json
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils.html import escape as html_escape
from wagtail.images import get_image_model
from wagtail.models import Site

from phoihop.accounts.models import Membership, Organization, OrganizationSuccession
from phoihop.audit.models import AuditEvent
from phoihop.demo import content, story
from phoihop.portal.models import ArticlePage, CategoryPage
from phoihop.programs.models import Program, Signatory, Theme


def counts():
    return {
        "organizations": Organization.objects.count(),
        "successions": OrganizationSuccession.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "programs": Program.objects.count(),
        "signatories": Signatory.objects.count(),
        "themes": Theme.objects.count(),
        "categories": CategoryPage.objects.count(),
        "articles": ArticlePage.objects.count(),
        "images": get_image_model().objects.count(),
        "audit": AuditEvent.objects.count(),
    }


class DemoStoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tmp = Path(tempfile.mkdtemp())
        cls.logins_path = cls.tmp / "logins.json"
        cls.first = story.load(logins_path=cls.logins_path)
        cls.after_first = counts()

    def test_loading_twice_creates_no_duplicates(self):
        second = story.load(logins_path=self.logins_path)
        self.assertEqual(counts(), self.after_first)
        self.assertEqual(second.created, {})
        # The story's articles, and the draft "Giao việc" makes from each submission it assigns.
        drafts = sum(1 for spec in content.SUBMISSIONS if spec.get("assign"))
        self.assertEqual(self.after_first["articles"], len(content.ARTICLES) + drafts)

    def test_story_facts(self):
        district = Organization.objects.get(name=content.ORGANIZATIONS["district"]["name"])
        self.assertEqual(district.status, Organization.Status.MERGED)
        self.assertEqual(district.ended_on.isoformat(), content.ORGANIZATIONS["district"]["merged_on"])
        self.assertEqual(district.level.code, "huyen")
        self.assertTrue(district.children.exists())
        program = Program.objects.get(title=content.PROGRAM["title"])
        self.assertEqual(program.starts_on.year, 2023)
        self.assertEqual(program.ends_on.year, 2025)
        self.assertIn("Lê Thị Bích Ngọc", program.signatories.values_list("full_name", flat=True))
        self.assertGreaterEqual(program.themes.count(), 5)
        self.assertTrue(
            ArticlePage.objects.live().child_of(CategoryPage.objects.get(slug="chi-dao-dieu-hanh")).exists()
        )

    def test_one_login_per_role_with_printed_passwords_that_work(self):
        roles = {spec["role"] for spec in content.USERS}
        self.assertEqual(len(roles), 9)
        saved = json.loads(self.logins_path.read_text(encoding="utf-8"))
        for login in self.first.logins:
            user = get_user_model().objects.get(username=login["username"])
            self.assertTrue(user.check_password(saved[login["username"]]))
            self.assertEqual(login["password"], saved[login["username"]])

    def test_editor_in_chief_login_opens_the_admin(self):
        password = json.loads(self.logins_path.read_text(encoding="utf-8"))["tongbientap"]
        # Through the sign-in form (django-axes refuses sign-ins made without a request, as Client.login does).
        login = self.client.post("/tai-khoan/dang-nhap/", {"username": "tongbientap", "password": password})
        self.assertEqual(login.status_code, 302)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_home_lists_the_story_articles(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        newest = max(content.ARTICLES, key=lambda a: a["published_at"])
        self.assertContains(response, newest["title"])

    def test_loading_again_on_another_port_moves_the_site_and_the_published_links(self):
        from phoihop.exchange.models import Submission

        with override_settings(PHOIHOP_BASE_URL="http://127.0.0.1:8123"):
            out = StringIO()
            call_command("demo", stdout=out)
        self.assertEqual(Site.objects.get(is_default_site=True).root_url, "http://127.0.0.1:8123")
        self.assertIn("http://127.0.0.1:8123/admin/", out.getvalue())
        published = Submission.objects.filter(status=Submission.Status.PUBLISHED).exclude(published_page=None)
        self.assertTrue(published.exists())
        for submission in published:
            self.assertEqual(submission.published_url, "http://127.0.0.1:8123" + submission.published_page.url)

    def test_command_prints_logins(self):
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn("tongbientap", out.getvalue())
        self.assertIn("Tổng Biên tập", out.getvalue())

    def test_workspace_has_live_items_for_the_successor_commune(self):
        from phoihop.exchange.models import InfoRequest, Submission

        running = Program.objects.get(title=content.PROGRAM_2025["title"])
        self.assertEqual(running.status, Program.Status.ACTIVE)
        self.assertEqual(Submission.objects.filter(program=running).count(), len(content.SUBMISSIONS))
        published = Submission.objects.get(status=Submission.Status.PUBLISHED, program=running)
        self.assertTrue(published.published_url.endswith("/"))
        self.assertTrue(InfoRequest.objects.filter(status=InfoRequest.Status.ANSWERED).exists())
        password = json.loads(self.logins_path.read_text(encoding="utf-8"))["daumoixa"]
        login = self.client.post("/tai-khoan/dang-nhap/", {"username": "daumoixa", "password": password})
        self.assertEqual(login.status_code, 302)
        inbox = self.client.get("/phoi-hop/")
        self.assertContains(inbox, content.SUBMISSIONS[0]["title"])
        self.assertContains(self.client.get("/phoi-hop/?muc=de-nghi"), "Quá hạn")

    def test_requests_show_the_rule_they_were_sent_under_and_the_commune_has_its_spokesperson_page(self):
        from phoihop.exchange.models import InfoRequest
        from phoihop.programs.models import SpokespersonListing

        self.client.force_login(get_user_model().objects.get(username="daumoixa"))
        for spec in content.INFO_REQUESTS:
            request = InfoRequest.objects.get(subject=spec["subject"])
            page = self.client.get(request.get_absolute_url())
            with self.subTest(subject=spec["subject"]):
                if spec["sent_at"] < "2026-07-01":
                    self.assertContains(page, "Nghị định 09/2017/NĐ-CP")
                    self.assertContains(page, "quy định áp dụng đến hết 30/06/2026")
                else:
                    self.assertContains(page, "khoản 5 Điều 7 Nghị định 244/2026/NĐ-CP")
                    self.assertNotContains(page, "09/2017")
        self.client.logout()
        commune = Organization.objects.get(name=content.ORGANIZATIONS["successors"][0]["name"])
        public = self.client.get(SpokespersonListing.objects.get(organization=commune).get_absolute_url())
        names = [spec["full_name"] for spec in content.SPOKESPERSONS]
        for name in names[:3]:
            self.assertContains(public, name)
        self.assertNotContains(public, names[3])  # its authorization has ended

    def test_both_programmes_dashboards_show_non_zero_figures_equal_to_the_docx_and_the_xlsx(self):
        """Issue #12: the 2023–2025 programme showed 0 of everything, the 2025–2026 one 0 articles."""
        import datetime as dt
        from zoneinfo import ZoneInfo

        import time_machine
        from django.urls import reverse

        from phoihop.reports import periods, services
        from phoihop.reports.selectors import FIGURES
        from phoihop.reports.tests import readback

        labels = {figure.key: str(figure.label) for figure in FIGURES}
        must_show = ["articles", "submissions", "submissions_used", "requests", "requests_on_time", "claims",
                     "claims_concluded"]  # fmt: skip
        chief = get_user_model().objects.get(username="tongbientap")
        press = Organization.objects.get(name=content.ORGANIZATIONS["press"]["name"])
        now = dt.datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        self.client.force_login(chief)
        for spec in (content.PROGRAM, content.PROGRAM_2025):
            program = Program.objects.get(title=spec["title"])
            whole = periods.make(periods.WHOLE, program.starts_on, program.ends_on, None, None)
            with time_machine.travel(now, tick=False):
                page = self.client.get(reverse("reports:dashboard", args=[program.pk]))
                xlsx = self.client.get(reverse("reports:dashboard_xlsx", args=[program.pk]))
                report = services.report_create(actor=chief, program=program, issuer=press, period=whole)
                report = services.report_export(report_id=report.pk, now=now)
            shown = readback.dashboard(page.content)
            for key in must_show:
                self.assertGreater(shown.figures[labels[key]], 0, (program.title, key))
            # Every "trong đó" is part of its total.
            self.assertLessEqual(shown.figures[labels["submissions_used"]], shown.figures[labels["submissions"]])
            self.assertLessEqual(shown.figures[labels["requests_on_time"]], shown.figures[labels["requests"]])
            self.assertLessEqual(shown.figures[labels["claims_concluded"]], shown.figures[labels["claims"]])
            figures = {label: shown.figures[label] for label in labels.values()}
            for name, other in (
                ("xlsx", readback.xlsx(xlsx.content)),
                ("docx", readback.docx_report(report.docx.open("rb").read())),
                ("report xlsx", readback.xlsx(report.xlsx.open("rb").read())),
            ):
                self.assertEqual({label: other.figures.get(label) for label in labels.values()}, figures, name)
                self.assertEqual(other.themes, shown.themes, name)

    def test_the_assigned_submission_has_a_draft_whose_file_is_private(self):
        from wagtail.models import CollectionViewRestriction

        from phoihop.newsroom.models import Assignment, PartnerFile

        spec = next(spec for spec in content.SUBMISSIONS if spec.get("assign"))
        assignment = Assignment.objects.get(submission__title=spec["title"])
        self.assertEqual(assignment.assignee.username, spec["assign"]["to"])
        self.assertFalse(ArticlePage.objects.get(pk=assignment.article_id).live)
        document = PartnerFile.objects.get(submission=assignment.submission).document
        self.assertTrue(CollectionViewRestriction.objects.filter(collection=document.collection).exists())
        self.assertEqual(self.client.get(document.url).status_code, 404)
        assert assignment.assignee is not None
        self.client.force_login(assignment.assignee)
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        b"".join(response.streaming_content)

    def test_home_shows_the_editors_picks_in_nen_xem(self):
        picked = [spec["title"] for spec in content.ARTICLES if spec.get("editors_pick")]
        self.assertGreaterEqual(len(picked), 1)
        html = self.client.get("/").content.decode()
        self.assertIn('id="nen-xem"', html)
        aside = html[html.index('id="nen-xem"') :]
        aside = aside[: aside.index("</aside>")]
        for title in picked:
            self.assertIn(html_escape(title), aside)

    def test_captions_print_the_photo_label_once(self):
        spec = next(spec for spec in content.ARTICLES if spec.get("lead_credit"))
        article = ArticlePage.objects.get(slug=spec["slug"])
        html = self.client.get(article.url).content.decode()
        self.assertIn(f'<span class="credit">Ảnh: {html_escape(spec["lead_credit"])}</span>', html)
        self.assertNotRegex(html.lower(), r"ảnh[^<:]{0,12}:\s*ảnh")

    def test_the_demo_rebuttal_is_on_the_public_verdict_list_with_its_verdict_box(self):
        spec = next(spec for spec in content.CLAIMS if spec.get("rebuttal_slug"))
        article = ArticlePage.objects.get(slug=spec["rebuttal_slug"])
        listed = self.client.get("/kiem-chung/").content.decode()
        self.assertIn(f'href="{article.url}"', listed)
        self.assertIn(html_escape(spec["verdict"]["summary"]), listed)
        page = self.client.get(article.url).content.decode()
        box = page[page.index('<aside class="fc-box"') :]
        box = box[: box.index("</aside>")]
        self.assertIn(html_escape(spec["title"]), box)
        self.assertIn(html_escape(spec["verdict"]["summary"]), box)

    def test_a_database_loaded_before_the_rebuttal_was_linked_gets_it_listed(self):
        from phoihop.factcheck.models import Verdict

        spec = next(spec for spec in content.CLAIMS if spec.get("rebuttal_slug"))
        Verdict.objects.filter(claim__title=spec["title"]).update(rebuttal=None, published_at=None)
        article = ArticlePage.objects.get(slug=spec["rebuttal_slug"])
        self.assertNotIn(f'href="{article.url}"', self.client.get("/kiem-chung/").content.decode())
        story.load(logins_path=self.logins_path)
        verdict = Verdict.objects.get(claim__title=spec["title"])
        self.assertEqual(verdict.rebuttal_id, article.pk)
        self.assertEqual(verdict.published_at, article.first_published_at)
        self.assertIn(f'href="{article.url}"', self.client.get("/kiem-chung/").content.decode())
