from django.urls import path

from phoihop.orders import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("<int:pk>/", views.order_detail, name="order"),
    path("ky/<int:pk>/", views.period_detail, name="period"),
    path("ky/<int:pk>/de-nghi/", views.period_propose, name="period_propose"),
    path("ky/<int:pk>/nghiem-thu/", views.period_accept, name="period_accept"),
    path("ky/<int:pk>/thanh-toan/", views.payment_new, name="payment_new"),
    path("ky/<int:pk>/bien-ban.<str:kind>", views.minutes_download, name="minutes"),
    path("san-pham/<int:pk>/sua/", views.item_edit, name="item_edit"),
    path("san-pham/<int:pk>/y-kien/", views.item_dispute, name="item_dispute"),
    path("san-pham/<int:pk>/tra-loi/", views.item_answer, name="item_answer"),
    path("san-pham/<int:pk>/anh-trang.pdf", views.snapshot_download, name="snapshot"),
]
