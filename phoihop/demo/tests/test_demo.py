import json
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
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
        self.assertTrue(self.client.login(username="tongbientap", password=password))
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
        published = Submission.objects.get(status=Submission.Status.PUBLISHED)
        self.assertTrue(published.published_url.endswith("/"))
        self.assertTrue(InfoRequest.objects.filter(status=InfoRequest.Status.ANSWERED).exists())
        password = json.loads(self.logins_path.read_text(encoding="utf-8"))["daumoixa"]
        self.assertTrue(self.client.login(username="daumoixa", password=password))
        inbox = self.client.get("/phoi-hop/")
        self.assertContains(inbox, content.SUBMISSIONS[0]["title"])
        self.assertContains(self.client.get("/phoi-hop/?muc=de-nghi"), "Quá hạn")

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
        password = json.loads(self.logins_path.read_text(encoding="utf-8"))["phongvien"]
        self.assertTrue(self.client.login(username="phongvien", password=password))
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        b"".join(response.streaming_content)
