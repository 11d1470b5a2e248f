"""Huge page numbers and ids are a 404, not a 500 (#22, item 7): an offset or id past 2**63 is an
error in the database driver."""

from phoihop.portal.tests.base import PortalTestCase
from phoihop.testing import build_personas

HUGE = "99999999999999999999"


class OutOfRangeTests(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_personas(cls)

    def setUp(self):
        super().setUp()
        self.client.raise_request_exception = False

    def assert_not_found(self, path, method="get"):
        response = getattr(self.client, method)(path)
        self.assertEqual(response.status_code, 404, path)

    def test_page_numbers_on_search_category_tag_author_and_news_sitemap(self):
        for path in (
            f"/tim-kiem/?q=chuyển+đổi+số&trang={HUGE}",
            f"/tim-kiem/?q=chuyển+đổi+số&trang={2**63}",
            f"{self.chi_dao.url}?trang={HUGE}",
            f"{self.chi_dao.url}?trang=100001",
            "/tu-khoa/de-an-06/?trang=" + HUGE,
            "/tac-gia/bao-thoa/?trang=" + HUGE,
            f"/sitemap-news-{HUGE}.xml",
            f"/sitemap-news-{2**62}.xml",
        ):
            self.assert_not_found(path)
        # Real pages still work.
        self.assertEqual(self.client.get(f"{self.chi_dao.url}?trang=1").status_code, 200)
        self.assertEqual(self.client.get("/tim-kiem/?q=chuyển+đổi+số&trang=1").status_code, 200)
        self.assertEqual(self.client.get("/sitemap-news.xml").status_code, 200)

    def test_ids_in_the_read_beacon_the_workspace_and_the_admin(self):
        self.assert_not_found(f"/luot-doc/{HUGE}/", method="post")
        self.client.force_login(self.chief)
        self.assert_not_found(f"/phoi-hop/thong-tin/{HUGE}/")
        self.assert_not_found(f"/tai-khoan/don-vi/{HUGE}/")
        self.assert_not_found(f"/admin/pages/{HUGE}/edit/")
