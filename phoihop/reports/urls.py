from django.urls import path

from phoihop.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("chuong-trinh/<int:pk>/", views.dashboard, name="dashboard"),
    path("chuong-trinh/<int:pk>/bang-so-lieu.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("chuong-trinh/<int:pk>/lap-bao-cao/", views.report_new, name="report_new"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/xuat/", views.report_export, name="report_export"),
    path("<int:pk>/tai/<str:kind>/", views.report_download, name="download"),
]
