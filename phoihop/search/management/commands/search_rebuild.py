"""`phoihop search-rebuild`: rebuild the public article index from the live article pages.

Needed after restoring a database without its index, or after a change to the folding rules in
vntext (the index stores folded text). The vocabulary (`ArticleTerm`, for did-you-mean) is recounted
at the end. Safe to run while the site serves: each batch of articles is
replaced in its own transaction.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from phoihop.search.services import articles_reindex_all, vocabulary_rebuild


class Command(BaseCommand):
    help = _("Dựng lại chỉ mục tìm kiếm từ các bài đã đăng.")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            if options["verbosity"] > 0:
                sys.stderr.write(f"\r{done}/{total}")

        count = articles_reindex_all(progress=progress)
        vocabulary_rebuild()
        if options["verbosity"] > 0:
            sys.stderr.write("\n")
        self.stdout.write(_("Đã lập chỉ mục %(count)d bài.") % {"count": count})
