"""`phoihop backup` and `phoihop restore`: a restored instance has every row of every table and every
file of the original; a damaged, unfinished or mismatched backup and a non-empty target are refused."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase

from phoihop.core import backup
from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import Attachment, Submission
from phoihop.exchange.tests import files
from phoihop.testing import build_personas

PUBLIC_NAME = "original_images/ảnh-hội-nghị.jpg"


def file_digests(*roots: Path) -> dict[str, str]:
    """Every file under the roots (a nested root counted once, under itself), by relative path."""
    digests: dict[str, str] = {}
    for index, root in enumerate(roots):
        others = tuple(r for r in roots if r != root)
        for path in backup._files_under(root, skip=others):
            digests[f"{index}/{path.relative_to(root).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def sqlite_rows(path: Path) -> dict[str, list[str]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = backup._sqlite_tables(db)  # the FTS5 tables' rows are in their shadow tables
        query = 'SELECT * FROM "{}"'  # the names come from sqlite_master
        return {t: sorted(repr(row) for row in db.execute(query.format(t))) for t in tables}
    finally:
        db.close()


def pg_rows(database: dict[str, Any]) -> dict[str, list[str]]:
    from psycopg import sql

    db = backup._pg_connect(database)
    try:
        with db.cursor() as cursor:
            rows = {}
            for schema, table in backup._pg_tables(cursor):
                cursor.execute(sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
                rows[f"{schema}.{table}"] = sorted(repr(row) for row in cursor.fetchall())
            return rows
    finally:
        db.close()


class BackupRestoreMixin:
    """Some real content: personas, a submission with two attachments, a public image file."""

    def setUp(self) -> None:
        super().setUp()  # type: ignore[misc]
        build_personas(self)
        self.submission = exchange_services.submission_create(
            actor=self.liaison_a,  # type: ignore[attr-defined]
            organization=self.unit_a,  # type: ignore[attr-defined]
            title="Thông tin có tệp đính kèm",
            body="Nội dung",
            files=[files.pdf_file(), files.jpeg_with_gps()],
        )
        self.public_name = storages["public"].save(PUBLIC_NAME, ContentFile(b"\xff\xd8 not really a photo"))
        self.work = Path(tempfile.mkdtemp(prefix="phoihop-backup-test-"))
        self.addCleanup(shutil.rmtree, self.work, True)  # type: ignore[attr-defined]
        self.addCleanup(storages["public"].delete, self.public_name)  # type: ignore[attr-defined]

    def fresh_files(self) -> tuple[Path, Path]:
        return self.work / "restored" / "media", self.work / "restored" / "private"

    def assert_same_files(self, media: Path, private: Path) -> None:
        original = file_digests(Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
        restored = file_digests(media, private)
        self.assertEqual(restored, original)  # type: ignore[attr-defined]
        attachment_paths = [f"1/{name}" for name in Attachment.objects.values_list("file", flat=True)]
        self.assertTrue(attachment_paths and all(p in restored for p in attachment_paths))  # type: ignore[attr-defined]
        self.assertIn(f"0/{self.public_name}", restored)  # type: ignore[attr-defined]


class SQLiteBackupRestoreTests(BackupRestoreMixin, TransactionTestCase):
    def setUp(self) -> None:
        if connection.vendor != "sqlite":
            self.skipTest("the SQLite backup (the PostgreSQL one is PostgresBackupRestoreTests)")
        super().setUp()

    def test_restore_into_a_fresh_instance_gives_back_every_row_and_every_file(self):
        target = self.work / "backup"
        call_command("backup", str(target), stdout=open("/dev/null", "w"))  # noqa: SIM115
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        self.assertEqual(manifest["engine"], "sqlite")
        self.assertEqual(manifest["tables"]["exchange_submission"], Submission.objects.count())
        self.assertEqual(manifest["tables"]["exchange_attachment"], 2)
        for name, entry in manifest["files"].items():
            self.assertEqual(hashlib.sha256((target / name).read_bytes()).hexdigest(), entry["sha256"], name)
        self.assertIn(f"media/{self.public_name}", manifest["files"])

        media, private = self.fresh_files()
        fresh = backup.Instance(
            database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(self.work / "restored" / "db.sqlite3")},
            media_root=media,
            private_root=private,
        )
        result = backup.restore(target, fresh)
        self.assertEqual(result["rows"], manifest["rows"])
        source_rows = sqlite_rows(Path(settings.DATABASES["default"]["NAME"]))
        restored_rows = sqlite_rows(self.work / "restored" / "db.sqlite3")
        self.assertEqual(sorted(restored_rows), sorted(source_rows))
        for table, rows in source_rows.items():
            self.assertEqual(restored_rows[table], rows, table)
        self.assert_same_files(media, private)

        # The target now holds data: a second restore is refused, unless forced.
        with self.assertRaisesRegex(backup.BackupError, "không trống"):
            backup.restore(target, fresh)
        self.assertEqual(backup.restore(target, fresh, force=True)["rows"], manifest["rows"])

    def test_damaged_unfinished_and_misplaced_backups_are_refused(self):
        target = self.work / "backup"
        backup.backup(target)
        with self.assertRaisesRegex(backup.BackupError, "không trống"):
            backup.backup(target)  # never into a folder that holds something
        # Restoring over the running instance, which has data: refused, and nothing changes.
        with self.assertRaisesRegex(CommandError, "không trống"):
            call_command("restore", str(target))
        media, private = self.fresh_files()
        fresh = backup.Instance(
            database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(self.work / "fresh.sqlite3")},
            media_root=media,
            private_root=private,
        )
        attachment = next(
            name for name in json.loads((target / "manifest.json").read_text())["files"] if "exchange" in name
        )
        original = (target / attachment).read_bytes()
        (target / attachment).write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        with self.assertRaisesRegex(backup.BackupError, "sai mã kiểm tra"):
            backup.restore(target, fresh)
        self.assertFalse((self.work / "fresh.sqlite3").exists())  # checked before anything was written
        self.assertFalse(media.exists())
        (target / attachment).write_bytes(original)
        (target / "private" / "stray.txt").write_text("?")
        with self.assertRaisesRegex(backup.BackupError, "tệp lạ"):
            backup.verify(target)
        (target / "private" / "stray.txt").unlink()
        call_command("restore", str(target), "--verify-only", stdout=open("/dev/null", "w"))  # noqa: SIM115
        (target / "manifest.json").unlink()
        with self.assertRaisesRegex(backup.BackupError, "chưa xong"):
            backup.restore(target, fresh)


def _create_database(settings_dict: dict[str, Any], name: str) -> None:
    from psycopg import sql

    _drop(settings_dict, name)
    db = backup._pg_connect({**settings_dict, "NAME": "postgres"})
    try:
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        db.close()


@pytest.mark.postgres
class PostgresBackupRestoreTests(BackupRestoreMixin, TransactionTestCase):
    def setUp(self) -> None:
        if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
            self.skipTest("needs pg_dump and pg_restore (apt-get install postgresql-client)")
        super().setUp()
        source = dict(settings.DATABASES["default"])
        self.fresh_name = f"{source['NAME']}_restore"
        _create_database(source, self.fresh_name)
        self.addCleanup(_drop, source, self.fresh_name)

    def test_restore_into_a_fresh_database_gives_back_every_row_and_every_file(self):
        target = self.work / "backup"
        backup.backup(target)
        manifest = backup.verify(target)
        self.assertEqual(manifest["engine"], "postgresql")
        self.assertTrue((target / "database.pgdump").read_bytes().startswith(b"PGDMP"))
        self.assertEqual(manifest["tables"]["exchange_submission"], Submission.objects.count())
        media, private = self.fresh_files()
        source = dict(settings.DATABASES["default"])
        fresh = backup.Instance(database={**source, "NAME": self.fresh_name}, media_root=media, private_root=private)
        backup.restore(target, fresh)
        source_rows, restored_rows = pg_rows(source), pg_rows(fresh.database)
        self.assertEqual(sorted(restored_rows), sorted(source_rows))
        for table, rows in source_rows.items():
            self.assertEqual(restored_rows[table], rows, table)
        self.assert_same_files(media, private)
        with self.assertRaisesRegex(backup.BackupError, "không trống"):
            backup.restore(target, fresh)


def _drop(settings_dict: dict[str, Any], name: str) -> None:
    from psycopg import sql

    db = backup._pg_connect({**settings_dict, "NAME": "postgres"})
    try:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    finally:
        db.close()
