from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from phoihop.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done")),
        name="password_change",
    ),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("xac-thuc/", views.two_factor_verify, name="two_factor_verify"),
    path("xac-thuc-hai-buoc/", views.two_factor_setup, name="two_factor_setup"),
    path("xac-thuc-hai-buoc/ma-khoi-phuc/", views.two_factor_codes, name="two_factor_codes"),
    path("ma-truy-cap-api/", views.api_tokens, name="api_tokens"),
    path("lich/tao-moi/", views.calendar_feed_renew, name="calendar_feed_renew"),
    path("", views.my_account, name="me"),
    path("don-vi/<int:pk>/", views.organization_detail, name="organization"),
]
