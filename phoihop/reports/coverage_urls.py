"""Public coverage addresses for partners' portals: /dua-tin/… (see phoihop.reports.coverage)."""

from django.urls import path

from phoihop.reports import coverage_views

app_name = "coverage"

urlpatterns = [
    path("chuong-trinh/<int:pk>-<slug:slug>/rss/", coverage_views.program_feed, name="program_rss"),
    path("chuong-trinh/<int:pk>-<slug:slug>/nhung/", coverage_views.program_embed, name="program_nhung"),
    path("don-vi/<int:pk>-<slug:slug>/rss/", coverage_views.unit_feed, name="unit_rss"),
    path("don-vi/<int:pk>-<slug:slug>/nhung/", coverage_views.unit_embed, name="unit_nhung"),
]
