from django.urls import path

from phoihop.royalties import views

app_name = "royalties"

urlpatterns = [
    path("", views.month_list, name="list"),
    path("bang-nhuan-but.xlsx", views.month_xlsx, name="xlsx"),
    path("qua-han/", views.overdue_panel, name="overdue"),
    path("tao/<int:page_id>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/duyet/", views.approve, name="approve"),
    path("<int:pk>/da-chi/", views.pay, name="pay"),
]
