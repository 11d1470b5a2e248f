"""The private iCal feeds, at /lich/ (phoihop.newsroom.ical)."""

from django.urls import path

from phoihop.newsroom import ical

app_name = "ical"

urlpatterns = [
    path("<str:secret>/han-cua-toi.ics", ical.deadlines_feed, name="deadlines"),
    path("<str:secret>/ke-hoach.ics", ical.planning_feed, name="planning"),
]
