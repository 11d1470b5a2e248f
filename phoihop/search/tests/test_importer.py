"""`phoihop import-articles`: the archive import through its command, as an operator runs it."""

import io
import json
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import Page

from phoihop.cli import command_name
from phoihop.portal.models import ArticlePage
from phoihop.portal.services import category_ensure, site_ensure
from phoihop.search.selectors import search_articles


def line(**fields):
    article = {
        "title": "Ông Đặng Đức Quỳnh làm việc với HĐND huyện Thanh Trì",
        "sapo": "Buổi làm việc bàn về chuyển đổi số.",
        "body": "<p>Đoạn một.</p><p>Đoạn hai.</p>",
        "category": "Chỉ đạo - Điều hành",
        "authors": ["Bảo Thoa", "Minh Anh"],
        "published_at": "2019-05-04T08:30:00+07:00",
        "tags": ["Chuyển đổi số"],
        "source_id": "ldtd-1",
        "source_url": "https://laodongthudo.vn/ldtd-1.html",
    }
    article.update(fields)
    return json.dumps({k: v for k, v in article.items() if v is not ...}, ensure_ascii=False)


class ImportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site_ensure()
        cls.existing = category_ensure(slug="kinh-te", title="Kinh tế")

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="phoihop-import-"))

    def run_import(self, *lines, strict=False):
        path = self.folder / "kho.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        args = [str(path), "--no-progress", *(["--strict"] if strict else [])]
        call_command("import_articles", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_imported_article_is_a_published_page_on_the_portal_and_in_search(self):
        out, _ = self.run_import(line())
        self.assertIn("Đã nhập 1 bài", out)
        self.assertIn("tạo chuyên mục mới: Chỉ đạo - Điều hành", out)
        article = ArticlePage.objects.get(source_id="ldtd-1")
        self.assertTrue(article.live)
        self.assertEqual(article.url, "/chi-dao-dieu-hanh/ong-dang-duc-quynh-lam-viec-voi-hdnd-huyen-thanh-tri/")
        self.assertEqual(article.first_published_at.isoformat(), "2019-05-04T01:30:00+00:00")
        self.assertEqual(article.byline, "Bảo Thoa, Minh Anh")
        self.assertEqual(list(article.tags.names()), ["Chuyển đổi số"])

        page = self.client.get(article.url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Ông Đặng Đức Quỳnh làm việc với HĐND huyện Thanh Trì")
        self.assertContains(page, "Đoạn hai.")
        self.assertContains(page, "04/05/2019 08:30")

        category = self.client.get("/chi-dao-dieu-hanh/")
        self.assertContains(category, article.url)

        for feed in ("/rss/", "/rss/chi-dao-dieu-hanh/"):
            self.assertContains(self.client.get(feed), f"{article.url}</link>")

        found = search_articles("dang duc quynh hdnd")
        self.assertEqual([hit.url for hit in found.hits], [article.url])
        self.assertContains(self.client.get("/tim-kiem/", {"q": "Đặng Đức Quỳnh"}), article.url)

    def test_the_page_tree_stays_valid(self):
        self.run_import(
            *(line(source_id=f"a-{i}", category=["Kinh tế", "Xã hội"][i % 2], title=f"Bài số {i}") for i in range(7))
        )
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        out = io.StringIO()
        call_command("fixtree", interactive=False, stdout=out)
        self.assertNotIn("Incorrect", out.getvalue())
        self.assertNotIn("Remaining problems", out.getvalue())
        self.existing.refresh_from_db()
        self.assertEqual(self.existing.numchild, 4)
        self.assertEqual(ArticlePage.objects.child_of(self.existing).live().count(), 4)
        # Wagtail's own add_child still works after the bulk insert.
        later = ArticlePage(title="Bài viết trong admin", slug="bai-viet-trong-admin", sapo="x")
        self.existing.add_child(instance=later)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_running_the_same_file_twice_imports_each_article_once(self):
        lines = [line(source_id="x-1", title="Bài một"), line(source_id="x-2", title="Bài hai")]
        self.run_import(*lines)
        out, _ = self.run_import(*lines, line(source_id="x-3", title="Bài ba"))
        self.assertIn("Đã nhập 1 bài", out)
        self.assertIn("bỏ qua 2 bài đã có", out)
        self.assertEqual(ArticlePage.objects.filter(source_id__startswith="x-").count(), 3)

    def test_same_title_gets_a_distinct_slug_among_siblings(self):
        self.run_import(line(source_id="s-1", title="Tin nóng"), line(source_id="s-2", title="Tin nóng"))
        slugs = sorted(ArticlePage.objects.filter(source_id__startswith="s-").values_list("slug", flat=True))
        self.assertEqual(slugs, ["tin-nong", "tin-nong-2"])

    def test_bad_lines_are_reported_with_their_number_and_skipped(self):
        out, err = self.run_import(
            line(source_id="ok-1"),
            "{không phải json",
            line(source_id="ok-2", title=""),
            line(source_id="ok-3", published_at="2019-05-04T08:30:00"),
            line(source_id="ok-4", authors="Bảo Thoa"),
            line(source_id="ok-5", category=...),
            line(source_id="ok-6", source_url="javascript:alert(1)"),
            line(source_id="ok-7", title="Bài cuối"),
        )
        self.assertIn("Dòng 2: không phải JSON hợp lệ", err)
        self.assertIn("Dòng 3: tiêu đề trống", err)
        self.assertIn("Dòng 4: thời điểm đăng “2019-05-04T08:30:00” thiếu múi giờ", err)
        self.assertIn("Dòng 5: trường “authors” phải là danh sách chuỗi", err)
        self.assertIn("Dòng 6: thiếu trường “category”", err)
        self.assertIn("Dòng 7: địa chỉ gốc", err)
        self.assertIn("Đã nhập 2 bài", out)
        self.assertIn("6 dòng lỗi", out)
        self.assertEqual(
            sorted(ArticlePage.objects.filter(source_id__startswith="ok-").values_list("source_id", flat=True)),
            ["ok-1", "ok-7"],
        )

    def test_strict_stops_at_the_first_bad_line_with_an_error(self):
        with self.assertRaisesMessage(CommandError, "Dừng ở dòng 2"):
            self.run_import(line(source_id="st-1"), "[]", line(source_id="st-3", title="Sau dòng lỗi"), strict=True)
        self.assertEqual(
            list(ArticlePage.objects.filter(source_id__startswith="st-").values_list("source_id", flat=True)), ["st-1"]
        )

    def test_html_is_sanitized_and_images_are_dropped_with_a_count(self):
        body = (
            '<div>Mở đầu <b>đậm</b></div><script>alert("x")</script><img src="a.jpg">'
            '<h1>Tiêu đề con</h1><p onclick="x()">Đoạn <a href="javascript:x()">liên kết</a> hoà bình</p>'
        )
        out, _ = self.run_import(line(source_id="h-1", body=body))
        self.assertIn("bỏ 1 ảnh", out)
        article = ArticlePage.objects.get(source_id="h-1")
        html = article.body.raw_data[0]["value"]
        self.assertNotIn("script", html)
        self.assertNotIn("onclick", html)
        self.assertNotIn("javascript", html)
        self.assertNotIn("<img", html)
        self.assertIn("<p>Mở đầu <b>đậm</b></p>", html)
        self.assertIn("<h2>Tiêu đề con</h2>", html)
        self.assertIn("hòa bình", html)  # text enters with the project's tone placement

    def test_plain_text_body_becomes_paragraphs(self):
        self.run_import(line(source_id="p-1", body="Dòng một <3\nDòng hai"))
        html = ArticlePage.objects.get(source_id="p-1").body.raw_data[0]["value"]
        self.assertEqual(html, "<p>Dòng một &lt;3</p><p>Dòng hai</p>")

    def test_dashed_command_names_reach_django(self):
        self.assertEqual(command_name("import-articles"), "import_articles")
        self.assertEqual(command_name("--help"), "--help")
        self.assertEqual(command_name("migrate"), "migrate")
