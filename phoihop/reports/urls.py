from django.urls import path

from phoihop.reports import spokesperson_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("chuong-trinh/<int:pk>/", views.dashboard, name="dashboard"),
    path("chuong-trinh/<int:pk>/bang-so-lieu.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("chuong-trinh/<int:pk>/lap-bao-cao/", views.report_new, name="report_new"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/xuat/", views.report_export, name="report_export"),
    path("<int:pk>/tai/<str:kind>/", views.report_download, name="download"),
    # The annual report on spokesperson work (Decree 244/2026 Art. 10).
    path("phat-ngon/", spokesperson_views.annual_index, name="spokesperson_index"),
    path("phat-ngon/don-vi/<int:pk>/", spokesperson_views.annual_unit, name="spokesperson_unit"),
    path("phat-ngon/don-vi/<int:pk>/lap/", spokesperson_views.annual_create, name="spokesperson_create"),
    path("phat-ngon/<int:pk>/", spokesperson_views.report_detail, name="spokesperson_report"),
    path("phat-ngon/<int:pk>/so-lieu/<slug:key>/", spokesperson_views.figure_records, name="spokesperson_figure"),
    path("phat-ngon/<int:pk>/xuat/", spokesperson_views.report_export, name="spokesperson_export"),
    path("phat-ngon/<int:pk>/tai/<str:kind>/", spokesperson_views.report_download, name="spokesperson_download"),
]
