from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "phoihop.deadlines"
    label = "deadlines"
    verbose_name = _("Lịch làm việc và thời hạn")
