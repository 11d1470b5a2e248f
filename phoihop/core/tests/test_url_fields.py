"""Links are http(s) only (#22, item 4): a `javascript:` link in the "published" field used to reach
the partner as a live link. One test per kind of URL field: the validator, model fields (the
Wagtail admin's forms come from them), form fields, the service behind the workspace form."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.urls import reverse

from phoihop.accounts.models import Organization
from phoihop.core.validators import HttpURLFormField, validate_http_url
from phoihop.exchange import services as exchange_services
from phoihop.exchange.forms import PublishedForm
from phoihop.exchange.models import Submission
from phoihop.factcheck.models import Claim, Evidence
from phoihop.portal.models import ArticlePage
from phoihop.testing import PersonaTestCase

HOSTILE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://example.vn/tep.pdf",
    "//evil.example/x",
]
MESSAGE = "chỉ nhận địa chỉ http:// hoặc https://"


class ValidatorTests(SimpleTestCase):
    def test_only_http_and_https_pass(self):
        for value in HOSTILE:
            with self.subTest(value=value), self.assertRaisesMessage(ValidationError, MESSAGE):
                validate_http_url(value)
        for value in ("https://baochi.vn/bai-viet/", "http://ubnd.hanoi.gov.vn/tin?id=5", "https://xn--bo-7ja.vn/"):
            validate_http_url(value)

    def test_the_form_field_assumes_https_and_refuses_other_schemes(self):
        field = HttpURLFormField()
        self.assertEqual(field.clean("baochi.vn/bai-viet"), "https://baochi.vn/bai-viet")
        for value in HOSTILE[:2] + HOSTILE[4:6]:
            with self.subTest(value=value), self.assertRaises(ValidationError):
                field.clean(value)


class ModelFieldTests(SimpleTestCase):
    def test_every_url_model_field_refuses_javascript(self):
        fields = [
            Organization._meta.get_field("website"),
            ArticlePage._meta.get_field("source_url"),
            Claim._meta.get_field("appearance_url"),
            Evidence._meta.get_field("url"),
        ]
        for field in fields:
            with self.subTest(field=str(field)):
                with self.assertRaisesMessage(ValidationError, MESSAGE):
                    field.clean("javascript:alert(1)", None)
                self.assertIsInstance(field.formfield(), HttpURLFormField)  # model forms, Wagtail's admin
                field.clean("https://baochi.vn/", None)

    def test_the_published_link_form_refuses_javascript(self):
        form = PublishedForm({"url": "javascript:alert(document.cookie)"})
        self.assertFalse(form.is_valid())
        self.assertIn(MESSAGE, str(form.errors["url"]))


class PublishedLinkTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.submission = exchange_services.submission_create(
            actor=cls.liaison_a, organization=cls.unit_a, title="Lịch tiếp công dân", body="Nội dung."
        )
        exchange_services.submission_acknowledge(actor=cls.chief, submission=cls.submission)

    def test_the_service_refuses_a_script_link(self):
        with self.assertRaisesMessage(ValidationError, MESSAGE):
            exchange_services.submission_mark_published(
                actor=self.chief, submission=self.submission, url="javascript:alert(1)"
            )

    def test_the_partner_never_sees_a_script_link(self):
        self.login(self.chief)
        url = reverse("exchange:submission_action", args=[self.submission.pk, "da-dang"])
        answer = self.client.post(url, {"url": "javascript:alert(document.cookie)"}, follow=True)
        self.assertContains(answer, MESSAGE)
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.published_url, "")
        self.assertNotEqual(self.submission.status, Submission.Status.PUBLISHED)
        self.client.post(url, {"url": "https://baochi.vn/thoi-su/lich-tiep-cong-dan/"})
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.published_url, "https://baochi.vn/thoi-su/lich-tiep-cong-dan/")
        self.login(self.liaison_a)
        page = self.client.get(self.submission.get_absolute_url())
        self.assertContains(page, 'href="https://baochi.vn/thoi-su/lich-tiep-cong-dan/"')
