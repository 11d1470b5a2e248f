"""The workspace search page (/tim-kiem/phoi-hop/, #12 item 7): scoped exactly like the inbox,
diacritics-insensitive, highlighted, filtered by kind, paginated with 404 past the end."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from phoihop.accounts.models import Organization, Role
from phoihop.exchange import access, services
from phoihop.exchange.tests import files
from phoihop.exchange.tests.base import ExchangeTestCase

URL = reverse("search:workspace")
WORDS = "giải phóng mặt bằng"


def found_urls(response) -> set[str]:
    """The item pages the results link to (an attachment's link is its item's page)."""
    html = response.content.decode()
    return {link.split("#")[0] for link in re.findall(r'<h2><a href="([^"]+)">', html)}


class WorkspaceSearchPageTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unit_b_child = cls.make_user("ld_b", "Lý Thị Mai", cls.unit_b, Role.LEADER)
        with cls.captureOnCommitCallbacks(execute=True):
            cls.sub_a = services.submission_create(
                actor=cls.liaison_a,
                organization=cls.unit_a,
                title="Báo cáo tiến độ giải phóng mặt bằng quý III",
                body="Xã An Khánh đã hoàn thành 80% khối lượng.",
                files=[files.docx_file(text="Biên bản về giải phóng mặt bằng tuyến đường liên xã")],
            )
            cls.sub_child = services.submission_create(
                actor=cls.liaison_child,
                organization=cls.unit_a_child,
                title="Tuyên truyền về giải phóng mặt bằng",
                body="Phòng Văn hóa - Xã hội tuyên truyền.",
            )
            cls.sub_b = services.submission_create(
                actor=cls.liaison_b,
                organization=cls.unit_b,
                title="Phường Bình Minh giải phóng mặt bằng chợ",
                body="Nội dung của phường.",
            )
            cls.req_a = services.info_request_create(
                actor=cls.chief,
                organization=cls.unit_a,
                subject="Đề nghị số liệu giải phóng mặt bằng",
                questions="Xin cho biết số hộ đã bàn giao mặt bằng.",
                policy=cls.policy,
            )
            cls.req_b = services.info_request_create(
                actor=cls.chief,
                organization=cls.unit_b,
                subject="Tiến độ dự án",
                questions="Xin cho biết tiến độ giải phóng mặt bằng của phường.",
                policy=cls.policy,
            )
        cls.items = [cls.sub_a, cls.sub_child, cls.sub_b, cls.req_a, cls.req_b]

    def inbox_urls(self, user) -> set[str]:
        """What the user's inbox lists (both tabs), restricted to this test's items."""
        ours = {item.get_absolute_url() for item in self.items}
        listed = {s.get_absolute_url() for s in access.submissions_for_user(user)}
        listed |= {r.get_absolute_url() for r in access.info_requests_for_user(user)}
        return listed & ours

    def search(self, user, **params):
        self.login(user)
        return self.client.get(URL, {"q": WORDS, **params})

    def test_each_persona_finds_exactly_what_its_inbox_shows(self):
        personas = [
            self.chief,
            self.reporter,
            self.leader_a,
            self.liaison_a,
            self.staff_a,
            self.liaison_child,
            self.liaison_b,
            self.unit_b_child,
            self.nobody,
        ]
        for user in personas:
            with self.subTest(user.username):
                response = self.search(user)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(found_urls(response), self.inbox_urls(user))
                # The inbox pages themselves list the same items (the tabs of /phoi-hop/).
                inbox = self.client.get(reverse("exchange:inbox")).content.decode()
                inbox += self.client.get(reverse("exchange:inbox"), {"muc": "de-nghi"}).content.decode()
                for item in self.items:
                    self.assertEqual(
                        f'href="{item.get_absolute_url()}"' in inbox,
                        item.get_absolute_url() in self.inbox_urls(user),
                    )
        # Two units, two worlds: neither sees a word of the other.
        self.assertEqual(
            found_urls(self.search(self.liaison_b)), {self.sub_b.get_absolute_url(), self.req_b.get_absolute_url()}
        )
        self.assertNotContains(self.search(self.liaison_a), "Bình Minh")
        self.assertNotContains(self.search(self.liaison_b), "An Khánh")

    def test_without_marks_in_capitals_or_with_old_tones_it_finds_the_same(self):
        expected = found_urls(self.search(self.liaison_a))
        self.assertEqual(len(expected), 3)  # two submissions of A and its sub-unit, A's request
        for query in ("giai phong mat bang", "GIẢI PHÓNG MẶT BẰNG", "giải phóng mặt bằng"):
            with self.subTest(query):
                self.assertEqual(found_urls(self.client.get(URL, {"q": query})), expected)

    def test_snippets_are_highlighted_and_attachments_found_by_their_text(self):
        response = self.search(self.liaison_a, q="tuyến đường liên xã")
        self.assertContains(response, "<mark>tuyến đường liên xã</mark>")
        attachment = self.sub_a.attachments.get()
        self.assertContains(response, f'href="{self.sub_a.get_absolute_url()}#tep-{attachment.pk}"')
        self.assertContains(response, "Tệp đính kèm")
        self.assertContains(response, "bao-cao.docx")
        # The item's page has the anchor the result points at.
        self.assertContains(self.client.get(self.sub_a.get_absolute_url()), f'id="tep-{attachment.pk}"')

    def test_kind_filter(self):
        kinds = {
            "thong-tin": {self.sub_a, self.sub_child},
            "de-nghi": {self.req_a},
            "tep": {self.sub_a},
        }
        for param, items in kinds.items():
            with self.subTest(param):
                response = self.search(self.leader_a, loai=param)
                self.assertEqual(found_urls(response), {item.get_absolute_url() for item in items})
        self.assertEqual(self.search(self.leader_a, loai="khong-co").status_code, 200)  # an error on the form
        self.assertNotContains(self.search(self.leader_a, loai="khong-co"), "<mark>")

    def test_the_search_box_is_in_every_workspace_page_and_signed_out_is_sent_to_log_in(self):
        self.login(self.staff_a)
        for url in (reverse("exchange:inbox"), self.sub_a.get_absolute_url(), reverse("programs:list"), URL):
            with self.subTest(url):
                self.assertContains(self.client.get(url), f'action="{URL}"')
        self.client.logout()
        response = self.client.get(URL, {"q": WORDS})
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_after_a_merger_the_item_is_found_where_the_inbox_lists_it(self):
        from phoihop.accounts import services as account_services

        successor = account_services.organization_create(
            actor=self.chief, name="UBND xã An Khánh mới", kind=Organization.Kind.PARTNER
        )
        with self.captureOnCommitCallbacks(execute=True):
            account_services.organization_merge(
                actor=self.chief, organization=self.unit_b, successors=[successor], effective_on=dt.date(2025, 7, 1)
            )
        newcomer = self.make_user("dm_moi", "Mai Văn Sơn", successor, Role.LIAISON)
        for user in (newcomer, self.liaison_b, self.chief):
            with self.subTest(user.username):
                self.assertEqual(found_urls(self.search(user)), self.inbox_urls(user))
        self.assertIn(self.sub_b.get_absolute_url(), found_urls(self.search(newcomer)))


class WorkspaceSearchPagingTests(ExchangeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from phoihop.search import services as search_services

        base = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
        for number in range(45):
            search_services.workspace_index(
                kind="submission",
                object_id=10_000 + number,
                organization=cls.unit_a,
                title=f"Thông tin số {number}",
                body="Lịch tiếp công dân định kỳ.",
                url=f"/phoi-hop/thong-tin/{10_000 + number}/",
                updated_at=base + dt.timedelta(minutes=number),
            )

    def test_pages_and_404_past_the_end(self):
        self.login(self.liaison_a)
        first = self.client.get(URL, {"q": "tiep cong dan"})
        self.assertContains(first, "Tìm thấy 45 kết quả")
        self.assertContains(first, "Trang 1/3")
        self.assertEqual(first.content.decode().count('class="ws-hit'), 20)
        last = self.client.get(URL, {"q": "tiep cong dan", "trang": "3"})
        self.assertEqual(last.content.decode().count('class="ws-hit'), 5)
        self.assertContains(last, 'rel="prev"')
        for page in ("4", "0", "-1", "abc", "9" * 30, "1e9", "²", "100001"):
            with self.subTest(page):
                self.assertContains(
                    self.client.get(URL, {"q": "tiep cong dan", "trang": page}), "Không tìm thấy trang", status_code=404
                )
        # An outsider's count is theirs alone: nothing of unit A, so no second page either.
        self.login(self.liaison_b)
        self.assertContains(self.client.get(URL, {"q": "tiep cong dan"}), "Tìm thấy 0 kết quả")
        self.assertEqual(self.client.get(URL, {"q": "tiep cong dan", "trang": "2"}).status_code, 404)
