"""The public spokesperson pages (Decree 244/2026 Art. 3(3)): /nguoi-phat-ngon/ and one page per unit at
/nguoi-phat-ngon/<slug>/, a stable address the unit links from its own portal."""

from django.urls import path

from phoihop.programs import views

app_name = "spokespersons_public"

urlpatterns = [
    path("", views.public_units, name="list"),
    path("<slug:slug>/", views.public_unit, name="unit"),
]
