from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "phoihop.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from phoihop.audit import history

        history.register_verbs({"notification_preference.updated": _("đổi cách nhận thông báo")})
