from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "phoihop.search"
    label = "phoihop_search"
    verbose_name = _("Tìm kiếm")

    def ready(self) -> None:
        from phoihop.audit import history
        from phoihop.search import signals

        signals.connect()
        # Written by the archive importer (phoihop/search/importer.py), one event per category and run.
        history.register_verbs({"article.imported": _("nhập bài từ kho lưu trữ")})
