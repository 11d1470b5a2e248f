"""The portal's URLs that are not Wagtail pages. Included before Wagtail's catch-all."""

from django.conf import settings
from django.urls import URLPattern, URLResolver, path, re_path

from phoihop.portal import feeds, sitemaps, views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("rss/", feeds.site_feed, name="feed"),
    path("rss/<slug:category_slug>/", feeds.category_feed, name="category_feed"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-pages.xml", sitemaps.sitemap_pages, name="sitemap_pages"),
    path("sitemap-news.xml", sitemaps.sitemap_news, name="sitemap_news"),
    path("sitemap-news-<int:number>.xml", sitemaps.sitemap_news, name="sitemap_news_more"),
    re_path(
        r"^sitemap-articles-(?P<year>\d{4})-(?P<month>\d{2})\.xml$", sitemaps.sitemap_articles, name="sitemap_articles"
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("tu-khoa/<slug:slug>/", views.tag_page, name="tag"),
    path("tac-gia/<slug:slug>/", views.author_page, name="author"),
    path("luot-doc/<int:article_id>/", views.read_beacon, name="read_beacon"),
]

if getattr(settings, "PHOIHOP_BENCH", False):
    # Only for bench/portal.sh: the machine's ceiling for a Django view.
    urlpatterns.append(path("__bench/bare/", views.bench_bare, name="bench_bare"))
