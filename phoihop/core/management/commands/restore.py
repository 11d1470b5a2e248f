"""`phoihop restore DIR`: restore a backup made by `phoihop backup` into an empty instance.

Every file is checked against the manifest first; a target database that holds tables, or file
folders that hold files, are refused unless --force. Stop the web server and the worker first, then
run `phoihop migrate` (if the code is newer than the backup) and start them again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from phoihop.core import backup


class Command(BaseCommand):
    help = (
        "Khôi phục bản sao lưu của `phoihop backup` vào một hệ thống trống (kiểm tra mã SHA-256 trước; "
        "từ chối nếu cơ sở dữ liệu đích đã có dữ liệu, trừ khi dùng --force)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="thư mục bản sao lưu")
        parser.add_argument("--force", action="store_true", help="ghi đè cơ sở dữ liệu và tệp đích dù đã có dữ liệu")
        parser.add_argument(
            "--verify-only", action="store_true", help="chỉ kiểm tra bản sao lưu theo manifest, không khôi phục"
        )

    def handle(self, *args: Any, directory: Path, force: bool, verify_only: bool, **options: Any) -> None:
        try:
            if verify_only:
                manifest = backup.verify(directory)
                self.stdout.write(f"Bản sao lưu {directory} đúng manifest: {len(manifest['files'])} tệp.")
                return
            result = backup.restore(directory, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã khôi phục từ {directory}: {result['tables']} bảng, {result['rows']} dòng, {result['files']} tệp."
        )
