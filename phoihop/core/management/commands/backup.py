"""`phoihop backup DIR`: a consistent copy of the database, the public media and the private files,
with a manifest of checksums and row counts (`phoihop.core.backup`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from phoihop.core import backup


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ hệ thống vào một thư mục mới: cơ sở dữ liệu (SQLite qua API sao lưu trực tuyến, "
        "PostgreSQL qua pg_dump), tệp công khai, tệp riêng và manifest.json có mã SHA-256 và số dòng từng bảng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="thư mục đích (mới hoặc trống)")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            manifest = backup.backup(directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã sao lưu vào {directory}: {manifest['engine']}, {len(manifest['tables'])} bảng, "
            f"{manifest['rows']} dòng, {len(manifest['files'])} tệp ({filesizeformat(manifest['bytes'])})."
        )
