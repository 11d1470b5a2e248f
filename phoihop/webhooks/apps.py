from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "phoihop.webhooks"
    label = "webhooks"
    verbose_name = _("Webhook")

    def ready(self) -> None:
        import datetime as dt

        from phoihop.audit import history
        from phoihop.core import scheduler
        from phoihop.webhooks import signals
        from phoihop.webhooks.tasks import DELIVERIES_KEY, deliveries_tick

        # Due deliveries (new ones, and retries whose backoff has passed) are sent every minute; a new
        # event also asks for a run at once (`services.kick`), so the minute is only the retries' grain.
        scheduler.register(DELIVERIES_KEY, deliveries_tick, every=dt.timedelta(minutes=1))
        signals.connect()
        history.register_verbs(
            {
                "webhook_endpoint.created": _("đăng ký địa chỉ nhận webhook"),
                "webhook_endpoint.deactivated": _("ngừng địa chỉ nhận webhook"),
                "webhook_delivery.replayed": _("gửi lại webhook"),
            }
        )
