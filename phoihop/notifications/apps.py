from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "phoihop.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from phoihop.audit import history
        from phoihop.core import scheduler
        from phoihop.notifications import delivery, tasks

        scheduler.register(delivery.DIGEST_KEY, tasks.send_digests_task, follow=delivery.next_digest_run)
        scheduler.register(delivery.RETRY_KEY, tasks.retry_deliveries_task, every=delivery.RETRY_EVERY)
        history.register_verbs({"notification_preference.updated": _("đổi cách nhận thông báo")})
