"""What a reader sees on the home, category, article, tag and author pages."""

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase, override_settings
from wagtail.rich_text import RichText

from phoihop.portal import cache, related, services
from phoihop.portal.models import ARTICLES_PER_PAGE, ArticleDailyViews, ArticlePage
from phoihop.portal.tests.base import PortalTestCase, at, publish


class ArticlePageTests(PortalTestCase):
    def test_article_url_follows_category_and_vietnamese_slug(self):
        self.assertEqual(self.article.slug, "ha-noi-day-manh-chuyen-doi-so-trong-cai-cach-hanh-chinh")
        self.assertEqual(
            self.article.url, "/chi-dao-dieu-hanh/ha-noi-day-manh-chuyen-doi-so-trong-cai-cach-hanh-chinh/"
        )

    def test_article_page_shows_what_a_reader_expects(self):
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertInHTML('<p class="article-category"><a href="/chi-dao-dieu-hanh/">Chỉ đạo - Điều hành</a></p>', html)
        self.assertInHTML("<h1>Hà Nội đẩy mạnh chuyển đổi số trong cải cách hành chính</h1>", html)
        self.assertIn('<time datetime="2024-11-21T19:41:00+07:00">21/11/2024 19:41</time>', html)
        self.assertIn("Thành phố đặt mục tiêu hoàn thành sớm", html)
        self.assertIn('Lãnh đạo thành phố tại hội nghị. <span class="credit">Ảnh: Thu Trang</span>', html)
        self.assertIn('Quang cảnh hội nghị. <span class="credit">Ảnh: Minh Anh</span>', html)
        self.assertInHTML('<p class="byline"><a href="/tac-gia/bao-thoa/" rel="author">Bảo Thoa</a></p>', html)
        self.assertInHTML('<a class="tag" href="/tu-khoa/de-an-06/" rel="tag">Đề án 06</a>', html)
        self.assertIn("Đọc trong 3 phút", html)  # ~510 syllables at 200 a minute

    def test_a_credit_typed_with_its_label_is_printed_with_the_label_once(self):
        article = publish(
            self.chi_dao,
            "Khánh thành nhà văn hóa thôn Yên Mỹ",
            when=at(22, 8, 0),
            body=[("image", {"image": self.image, "caption": "Lễ khánh thành.", "credit": "ảnh : Ảnh: Minh Anh"})],
            lead_image=self.image,
            lead_image_caption="Nhà văn hóa mới.",
            lead_image_credit="Ảnh: Thu Trang",
        )
        article.refresh_from_db()
        self.assertEqual(article.lead_image_credit, "Thu Trang")
        self.assertEqual(article.body[0].value["credit"], "Minh Anh")
        html = self.client.get(article.url).content.decode()
        self.assertIn('Nhà văn hóa mới. <span class="credit">Ảnh: Thu Trang</span>', html)
        self.assertIn('Lễ khánh thành. <span class="credit">Ảnh: Minh Anh</span>', html)
        self.assertNotRegex(html.lower(), r"ảnh\s*:\s*ảnh")

    def test_the_admin_form_keeps_a_credit_without_its_label(self):
        from phoihop.portal.blocks import CaptionedImageBlock

        value = CaptionedImageBlock().clean(
            CaptionedImageBlock().to_python({"image": self.image.pk, "caption": "", "credit": "Ảnh: Minh Anh"})
        )
        self.assertEqual(value["credit"], "Minh Anh")

    def test_photos_are_webp_renditions_with_srcset_and_alt_text(self):
        html = self.client.get(self.article.url).content.decode()
        lead = re.search(r'<figure class="lead-figure">\s*(<img [^>]+>)', html).group(1)
        self.assertIn('alt="Lãnh đạo thành phố tại hội nghị."', lead)
        self.assertRegex(lead, r'srcset="[^"]+\.webp 480w, [^"]+\.webp 800w, [^"]+\.webp 1200w"')
        body = re.search(r'<figure class="body-figure">\s*(<img [^>]+>)', html).group(1)
        self.assertIn('alt="Quang cảnh hội nghị."', body)
        self.assertIn('loading="lazy"', body)

    def test_share_links_are_plain_links_without_third_party_scripts(self):
        html = self.client.get(self.article.url).content.decode()
        quoted = (
            "http%3A%2F%2Flocalhost%2Fchi-dao-dieu-hanh%2Fha-noi-day-manh-chuyen-doi-so-trong-cai-cach-hanh-chinh%2F"
        )
        self.assertIn(f'href="https://www.facebook.com/sharer/sharer.php?u={quoted}"', html)
        self.assertIn(f'href="https://sp.zalo.me/share_inline?url={quoted}"', html)
        self.assertIn("Sao chép liên kết", html)
        scripts = re.findall(r"<script[^>]*>", html)
        self.assertTrue(
            all('type="application/ld+json"' in s or ('src="/static/' in s and " defer" in s) for s in scripts)
        )

    def test_tin_khac_is_the_category_latest_without_the_article_itself(self):
        newer = publish(self.chi_dao, "Hà Nội thống nhất chủ trương đầu tư 3 cây cầu", when=at(21, 16, 44))
        html = self.client.get(self.article.url).content.decode()
        more = html[html.index('id="tin-khac"') :]
        self.assertIn("Hà Nội thống nhất chủ trương đầu tư 3 cây cầu", more)
        when = '<time datetime="2024-11-21T16:44:00+07:00">21/11/2024 16:44</time>'
        self.assertIn(f'<span class="cat">Chỉ đạo - Điều hành</span> {when}', more)
        self.assertLess(more.index(newer.title), more.index(self.older.title))
        self.assertNotIn(self.article.title, more)
        self.assertNotIn(self.news.title, more)  # another category

    def test_nen_xem_lists_editors_picks(self):
        ArticlePage.objects.filter(pk=self.news.pk).update(editors_pick=True)
        cache.invalidate({cache.PICKS})
        html = self.client.get(self.article.url).content.decode()
        self.assertIn('id="nen-xem"', html)
        picks = html[html.index('id="nen-xem"') : html.index("</aside>")]
        self.assertIn(self.news.title, picks)
        self.assertNotIn(self.older.title, picks)

    def test_co_the_ban_quan_tam_is_related_by_content_not_recency(self):
        related_one = publish(
            self.thoi_su,
            "Chuyển đổi số trong cải cách hành chính ở các phường",
            when=at(1, 8, month=10),
            tags=["chuyển đổi số"],
        )
        for day in range(22, 27):
            publish(self.chi_dao, f"Thời tiết Hà Nội ngày {day}/11: trời nắng", when=at(day))
        related.related_refresh(article=ArticlePage.objects.get(pk=self.article.pk))
        html = self.client.get(self.article.url).content.decode()
        sapo = html[html.index('<div class="sapo">') : html.index("</div>", html.index('<div class="sapo">'))]
        self.assertIn(related_one.title, sapo)  # the best match is linked under the sapo
        self.assertNotIn("Thời tiết Hà Nội", sapo)

    def test_unpublished_article_is_404_for_readers(self):
        draft = services.article_create(actor=None, category=self.chi_dao, title="Bản nháp", sapo="x", publish=False)
        self.assertFalse(ArticlePage.objects.get(pk=draft.pk).live)
        self.assertEqual(self.client.get("/chi-dao-dieu-hanh/ban-nhap/").status_code, 404)

    def test_print_view_has_its_stylesheet_and_button(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn('<button type="button" class="share-link" data-print hidden>In bài</button>', html)
        self.assertIn('data-print-source="Nguồn: http://localhost/chi-dao-dieu-hanh/', html)
        css = self.client.get("/static/css/portal.css")
        self.assertIn(b"@media print", b"".join(css.streaming_content))

    def test_published_at_must_be_aware(self):
        with self.assertRaises(ValueError):
            services.article_create(
                actor=None,
                category=self.chi_dao,
                title="x",
                sapo="y",
                published_at=dt.datetime(2024, 1, 1),  # noqa: DTZ001
            )


class HomePageTests(PortalTestCase):
    def test_home_has_lead_story_latest_and_category_blocks(self):
        html = self.client.get("/").content.decode()
        lead = html[html.index('class="lead-story"') : html.index('id="moi-nhat"')]
        self.assertIn(self.article.title, lead)  # the newest article
        self.assertIn(self.older.title, html[html.index('id="moi-nhat"') :])
        self.assertIn('<h2 id="cm-thoi-su" class="block-title"><a href="/thoi-su/">Thời sự</a></h2>', html)

    def test_doc_nhieu_shows_the_most_read_of_the_last_two_days(self):
        today = dt.date(2024, 11, 22)
        ArticleDailyViews.objects.create(article=self.older, day=today, views=50)
        ArticleDailyViews.objects.create(article=self.news, day=today - dt.timedelta(days=1), views=20)
        ArticleDailyViews.objects.create(article=self.article, day=today - dt.timedelta(days=5), views=900)
        import time_machine

        with time_machine.travel(dt.datetime(2024, 11, 22, 10, tzinfo=dt.UTC)):
            html = self.client.get("/").content.decode()
        ranked = html[html.index('id="doc-nhieu"') : html.index("</ol>", html.index('id="doc-nhieu"'))]
        self.assertLess(ranked.index(self.older.title), ranked.index(self.news.title))
        self.assertNotIn(self.article.title, ranked)  # read a lot, but five days ago


class CategoryPageTests(PortalTestCase):
    def test_category_lists_newest_first(self):
        html = self.client.get(self.chi_dao.url).content.decode()
        self.assertLess(html.index(self.article.title), html.index(self.older.title))
        self.assertNotIn(self.news.title, html[html.index("<main") :])

    def test_pages_with_trang_newest_first_and_404_past_the_end(self):
        for i in range(ARTICLES_PER_PAGE):
            publish(self.chi_dao, f"Tin số {i:02d} của chuyên mục", when=at(1, 8, i, month=10))
        first = self.client.get(self.chi_dao.url).content.decode()
        self.assertIn('rel="next" href="?trang=2"', first)
        self.assertNotIn("Tin số 01 của chuyên mục", first)
        second = self.client.get(self.chi_dao.url + "?trang=2")
        self.assertContains(second, "Tin số 01 của chuyên mục")
        self.assertContains(second, 'rel="prev" href="?trang=1"')
        self.assertContains(second, '<link rel="canonical" href="http://localhost/chi-dao-dieu-hanh/?trang=2">')
        self.assertEqual(self.client.get(self.chi_dao.url + "?trang=9").status_code, 404)


class TagAndAuthorPageTests(PortalTestCase):
    def test_tag_page_lists_the_tags_articles(self):
        publish(self.thoi_su, "Phường Hoàng Mai triển khai Đề án 06", when=at(22), tags=["Đề án 06"])
        response = self.client.get("/tu-khoa/de-an-06/")
        self.assertContains(response, "<h1>Đề án 06</h1>", html=True)
        self.assertContains(response, "Phường Hoàng Mai triển khai Đề án 06")
        self.assertContains(response, self.article.title)
        self.assertNotContains(response, self.older.title)
        self.assertEqual(self.client.get("/tu-khoa/khong-co/").status_code, 404)

    def test_author_page_lists_what_the_name_signed(self):
        publish(self.thoi_su, "Bài thứ hai của Bảo Thoa", when=at(22), authors=["Bảo Thoa", "Minh Anh"])
        response = self.client.get("/tac-gia/bao-thoa/")
        self.assertContains(response, "<h1>Bảo Thoa</h1>", html=True)
        self.assertContains(response, "Bài thứ hai của Bảo Thoa")
        self.assertContains(response, self.article.title)
        self.assertNotContains(response, self.older.title)
        self.assertEqual(self.client.get("/tac-gia/nguoi-la/").status_code, 404)


class ErrorPageTests(TestCase):
    def test_vietnamese_404_page(self):
        response = self.client.get("/khong-co-trang-nay/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)

    @override_settings(DEBUG=False)
    def test_vietnamese_500_page_renders_without_the_database(self):
        from phoihop.portal.views import server_error

        response = server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        self.assertIn("Hệ thống đang gặp sự cố", response.content.decode())


class BodyTextTests(TestCase):
    def test_reading_time_counts_syllables_of_sapo_and_body(self):
        from phoihop.portal.selectors import reading_minutes

        article = ArticlePage(sapo="một hai ba", body=[("paragraph", RichText("<p>" + "chữ " * 597 + "</p>"))])
        self.assertEqual(reading_minutes(article), 3)


class AdminPreviewTests(PortalTestCase):
    def test_editor_previews_unsaved_byline_and_tags_and_the_preview_is_not_cached(self):
        editor = get_user_model().objects.create_superuser(username="tongbientap", password="mat-khau-tong-bt-1")
        self.client.force_login(editor)
        article = ArticlePage.objects.get(pk=self.article.pk)
        edit_url = f"/admin/pages/{article.pk}/edit/preview/"
        data = {
            "title": article.title,
            "slug": article.slug,
            "sapo": "Sapo đang sửa, chưa đăng.",
            "tags": "Đề án 06, bản nháp",
            "body-count": "0",
            "authors-TOTAL_FORMS": "1",
            "authors-INITIAL_FORMS": "0",
            "authors-MIN_NUM_FORMS": "0",
            "authors-MAX_NUM_FORMS": "1000",
            "authors-0-name": "Phóng viên mới",
            "authors-0-ORDER": "1",
            "authors-0-DELETE": "",
            "authors-0-id": "",
        }
        self.assertEqual(self.client.post(edit_url, data).json(), {"is_valid": True, "is_available": True})
        html = self.client.get(edit_url).content.decode()
        self.assertIn("Sapo đang sửa, chưa đăng.", html)
        self.assertIn("Phóng viên mới", html)
        self.assertIn("bản nháp", html)
        self.client.logout()
        self.assertNotContains(self.client.get(self.article.url), "Sapo đang sửa")
