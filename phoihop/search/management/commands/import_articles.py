"""`phoihop import-articles FILE.jsonl [--strict] [--batch-size N]`: the archive import (see
phoihop/search/importer.py for the line format and how the bulk path keeps the page tree valid)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from phoihop.search.importer import BATCH_SIZE, ArticleImporter, ImportReport


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
    return count


class Command(BaseCommand):
    help = _("Nhập kho bài cũ từ tệp JSON Lines (mỗi dòng một bài) thành các trang đã đăng.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_("tệp .jsonl, mã hóa UTF-8"))
        parser.add_argument("--strict", action="store_true", help=_("dừng ở dòng lỗi đầu tiên (mã thoát khác 0)"))
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=_("số bài ghi trong một giao dịch"))
        parser.add_argument("--no-progress", action="store_true", help=_("không hiện dòng tiến độ"))

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s") % {"path": path})
        total = _count_lines(path)
        show_progress = not options["no_progress"] and options["verbosity"] > 0
        importer = ArticleImporter(
            batch_size=max(1, options["batch_size"]),
            strict=options["strict"],
            progress=self._progress if show_progress else None,
        )
        with path.open(encoding="utf-8-sig", errors="strict") as handle:
            try:
                report = importer.run(handle, total_lines=total)
            except UnicodeDecodeError as error:
                raise CommandError(_("Tệp không phải UTF-8 (byte %(at)d)") % {"at": error.start}) from None
        if show_progress:
            sys.stderr.write("\n")
        for line, reason in report.errors:
            if line == report.stopped_at:
                self.stderr.write(_("Dòng %(line)d: %(reason)s.") % {"line": line, "reason": reason})
            else:
                self.stderr.write(_("Dòng %(line)d: %(reason)s — bỏ qua.") % {"line": line, "reason": reason})
        self._summary(report)
        if report.stopped_at is not None:
            raise CommandError(
                _("Dừng ở dòng %(line)d (--strict); các dòng trước đó đã được nhập.") % {"line": report.stopped_at}
            )

    def _progress(self, report: ImportReport, total: int) -> None:
        share = f" ({100 * report.lines / total:.0f}%)" if total else ""
        line = _("Đã đọc %(done)s/%(total)s dòng%(share)s · đã nhập %(created)s bài · %(rate).0f bài/giây") % {
            "done": f"{report.lines:,}".replace(",", "."),
            "total": f"{total:,}".replace(",", "."),
            "share": share,
            "created": f"{report.created:,}".replace(",", "."),
            "rate": report.rate,
        }
        sys.stderr.write("\r" + line)
        sys.stderr.flush()

    def _summary(self, report: ImportReport) -> None:
        parts = [
            ngettext("Đã nhập %(n)d bài", "Đã nhập %(n)d bài", report.created) % {"n": report.created},
            _("bỏ qua %(n)d bài đã có (trùng mã nguồn)") % {"n": report.skipped},
            _("%(n)d dòng lỗi") % {"n": len(report.errors)},
        ]
        if report.images_dropped:
            parts.append(_("bỏ %(n)d ảnh (tệp ảnh không có trong dữ liệu nhập)") % {"n": report.images_dropped})
        if report.categories_created:
            parts.append(_("tạo chuyên mục mới: %(names)s") % {"names": ", ".join(report.categories_created)})
        parts.append(_("%(seconds).1f giây, %(rate).0f bài/giây") % {"seconds": report.seconds, "rate": report.rate})
        self.stdout.write("; ".join(parts) + ".")
