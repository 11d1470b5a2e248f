from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api
from phoihop.accounts import views as accounts_views
from phoihop.audit import views as audit_views
from phoihop.core import health
from phoihop.programs import views as programs_views
from phoihop.reports import coverage_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Before Wagtail's: its sign-out ends the session on any method (phoihop.accounts.views).
    path("admin/logout/", accounts_views.AdminLogoutView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("api/v1/", api.urls),
    path("phoi-hop/chuong-trinh/", include("phoihop.programs.urls")),
    path("phoi-hop/nguoi-phat-ngon/", programs_views.spokespersons, name="spokespersons"),
    path("phoi-hop/kiem-chung/", include("phoihop.factcheck.workspace_urls")),
    path("phoi-hop/bao-cao/", include("phoihop.reports.urls")),
    path("phoi-hop/webhook/", include("phoihop.webhooks.urls")),
    path("phoi-hop/dat-hang/", include("phoihop.orders.urls")),
    path("phoi-hop/dua-tin/", coverage_views.workspace, name="coverage_workspace"),
    path("phoi-hop/", include("phoihop.exchange.urls")),
    path("toa-soan/thu-den/", include("phoihop.ingest.urls")),
    path("toa-soan/nhuan-but/", include("phoihop.royalties.urls")),
    path("toa-soan/", include("phoihop.newsroom.urls")),
    path("thong-bao/", include("phoihop.notifications.urls")),
    path("tim-kiem/", include("phoihop.search.urls")),
    # Before the portal and Wagtail: the verdict list and the tip form; /kiem-chung/<slug>/ stays Wagtail's.
    path("kiem-chung/", include("phoihop.factcheck.urls")),
    # The partner units' public spokesperson pages (Decree 244/2026 Art. 3(3)), before Wagtail's pages.
    path("nguoi-phat-ngon/", include("phoihop.programs.public_urls")),
    path("dua-tin/", include("phoihop.reports.coverage_urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("tai-khoan/", include("phoihop.accounts.urls")),
    # Private iCal feeds a phone calendar subscribes to (phoihop.newsroom.ical).
    path("lich/", include("phoihop.newsroom.ical_urls")),
    path("lich-su/<str:app_label>/<str:model>/<str:pk>/", audit_views.object_history, name="history"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG or settings.PHOIHOP_SERVE_MEDIA:
    # Only the public renditions live under MEDIA_ROOT (originals are private). Django's `static()`
    # helper serves nothing without DEBUG, and `make demo` runs with DEBUG off.
    from django.urls import re_path
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(
            r"^%s(?P<path>.*)$" % settings.MEDIA_URL.lstrip("/"),  # noqa: UP031
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# The portal's feeds, sitemaps, robots.txt, tag/author pages and read beacon (before the catch-all).
urlpatterns += [path("", include("phoihop.portal.urls"))]

# Wagtail's page serving comes last: every other path above wins.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "phoihop.portal.views.page_not_found"
handler500 = "phoihop.portal.views.server_error"
