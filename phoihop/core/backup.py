"""Backups of a whole instance, and their restore into an empty one (`phoihop backup`, `phoihop restore`).

A backup is a directory:

    manifest.json        what is in it: engine, row counts per table, sha256 and size of every file
    database.sqlite3     SQLite: a copy made with SQLite's online backup API (one consistent moment)
    database.pgdump      PostgreSQL: `pg_dump --format=custom`, taken in an exported snapshot
    media/…              MEDIA_ROOT: the public files (Wagtail images and documents)
    private/…            PRIVATE_MEDIA_ROOT: attachments, evidence, screenshots, reports

The database is copied first, then the files: a file uploaded during the backup may be in it
without its row (harmless, the sweep of orphan uploads removes it after a restore), never the other
way round unless the file was deleted meanwhile. The row counts are those of the copy (SQLite: read
from the copy; PostgreSQL: read in the very snapshot pg_dump dumps). The manifest is written last,
under its final name only when complete, so a backup without one is unfinished and is refused.

A restore checks every file against the manifest before writing anything, refuses a target whose
database holds tables or whose file folders hold files (unless `force`), restores the database (SQLite
through the backup API, PostgreSQL through `pg_restore`), copies the files, checks the row counts and
the files' checksums again, and clears the caches. Stop the web server and the worker meanwhile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_DIR = "media"
PRIVATE_DIR = "private"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (in Vietnamese, for the console)."""


@dataclass(frozen=True)
class Instance:
    """Where an instance keeps its data: a database (a DATABASES entry) and its two file folders."""

    database: dict[str, Any]
    media_root: Path
    private_root: Path

    @classmethod
    def current(cls, alias: str = "default") -> Instance:
        return cls(
            database=dict(settings.DATABASES[alias]),
            media_root=Path(settings.MEDIA_ROOT),
            private_root=Path(settings.PRIVATE_MEDIA_ROOT),
        )

    @property
    def engine(self) -> str:
        engine = str(self.database["ENGINE"])
        if engine.endswith("sqlite3"):
            return "sqlite"
        if engine.endswith("postgresql"):
            return "postgresql"
        raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {engine} (chỉ SQLite và PostgreSQL).")


# ----------------------------------------------------------------------------------------------
# Files


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _files_under(root: Path, *, skip: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Regular files under `root`, sorted, leaving out the folders in `skip` (nested roots)."""
    if not root.is_dir():
        return
    skipped = {p.resolve() for p in skip}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if (here / d).resolve() not in skipped)
        for name in sorted(files):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path


def _file_roots(instance: Instance, *, backup_dir: Path | None = None) -> list[tuple[str, Path, tuple[Path, ...]]]:
    """(folder in the backup, folder of the instance, folders inside it that are not its own)."""
    others = tuple(p for p in (backup_dir,) if p is not None)
    return [
        (MEDIA_DIR, instance.media_root, (instance.private_root, *others)),
        (PRIVATE_DIR, instance.private_root, (instance.media_root, *others)),
    ]


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


# ----------------------------------------------------------------------------------------------
# Databases


def _sqlite_path(instance: Instance) -> Path:
    return Path(str(instance.database["NAME"]))


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    """The tables that hold rows. Virtual tables (the FTS5 indexes) are left out: a contentless one
    cannot be read, and their data is in their shadow tables (`…_data`, `…_idx`), which are counted."""
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
    ).fetchall()
    return [str(name) for (name,) in rows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_row_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # The names come from sqlite_master, quoted as identifiers.
        return {
            t: int(db.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0])  # noqa: S608
            for t in _sqlite_tables(db)
        }
    finally:
        db.close()


def _sqlite_backup(instance: Instance, target: Path) -> dict[str, int]:
    source_path = _sqlite_path(instance)
    if not source_path.exists():
        raise BackupError(f"Không thấy tệp cơ sở dữ liệu {source_path}.")
    source = sqlite3.connect(source_path, timeout=60)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # all pages in one step: one consistent moment, writers wait meanwhile
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        copy.commit()
    finally:
        copy.close()
        source.close()
    return sqlite_row_counts(target)


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for pg_dump/pg_restore: no password on a command line."""
    env = dict(os.environ)
    options = database.get("OPTIONS") or {}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    env["PGDATABASE"] = str(database["NAME"])
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def _pg_connect(database: dict[str, Any]) -> Any:
    import psycopg

    params: dict[str, Any] = {"dbname": database["NAME"]}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if database.get(key):
            params[name] = database[key]
    if (database.get("OPTIONS") or {}).get("sslmode"):
        params["sslmode"] = database["OPTIONS"]["sslmode"]
    # Autocommit: the transactions opened here are the ones asked for, with their isolation level.
    return psycopg.connect(autocommit=True, **params)


def _pg_tables(cursor: Any) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, tablename"
    )
    return [(str(schema), str(table)) for schema, table in cursor.fetchall()]


def _pg_name(schema: str, table: str) -> str:
    return table if schema == "public" else f"{schema}.{table}"


def pg_row_counts(cursor: Any) -> dict[str, int]:
    from psycopg import sql

    counts = {}
    for schema, table in _pg_tables(cursor):
        cursor.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
        counts[_pg_name(schema, table)] = int(cursor.fetchone()[0])
    return counts


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"Không tìm thấy {tool} (cài gói postgresql-client cùng phiên bản với máy chủ).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} thất bại ({result.returncode}): {result.stderr.strip()[-2000:]}")


def _pg_backup(instance: Instance, target: Path) -> dict[str, int]:
    db = _pg_connect(instance.database)
    try:
        with db.cursor() as cursor:
            # One snapshot for the counts and for pg_dump: both see the same moment.
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
            counts = pg_row_counts(cursor)
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                _pg_env(instance.database),
            )
            cursor.execute("ROLLBACK")
    finally:
        db.close()
    return counts


def database_tables(instance: Instance) -> int:
    """How many tables the instance's database holds (0: empty, a restore may go there)."""
    if instance.engine == "sqlite":
        path = _sqlite_path(instance)
        if not path.exists() or path.stat().st_size == 0:
            return 0
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return len(_sqlite_tables(db))
        finally:
            db.close()
    db = _pg_connect(instance.database)
    try:
        with db.cursor() as cursor:
            return len(_pg_tables(cursor))
    finally:
        db.close()


def database_row_counts(instance: Instance) -> dict[str, int]:
    if instance.engine == "sqlite":
        return sqlite_row_counts(_sqlite_path(instance))
    db = _pg_connect(instance.database)
    try:
        with db.cursor() as cursor:
            return pg_row_counts(cursor)
    finally:
        db.close()


# ----------------------------------------------------------------------------------------------
# Backup


def backup(target: Path, instance: Instance | None = None) -> dict[str, Any]:
    """Write a backup of `instance` (the current one by default) into the new or empty folder `target`."""
    instance = instance or Instance.current()
    engine = instance.engine
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Thư mục {target} không trống: hãy sao lưu vào một thư mục mới.")
    target.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    if engine == "sqlite":
        database_file = SQLITE_FILE
        counts = _sqlite_backup(instance, target / database_file)
    else:
        database_file = PG_FILE
        counts = _pg_backup(instance, target / database_file)
    _fsync(target / database_file)
    files: dict[str, dict[str, Any]] = {}
    for folder, root, skip in _file_roots(instance, backup_dir=target):
        for path in _files_under(root, skip=skip):
            name = f"{folder}/{path.relative_to(root).as_posix()}"
            copy = target / name
            _copy_file(path, copy)
            _fsync(copy)
    for path in _files_under(target):
        name = path.relative_to(target).as_posix()
        if name != MANIFEST:
            files[name] = {"sha256": sha256_of(path), "size": path.stat().st_size}
    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(),
        "engine": engine,
        "database_file": database_file,
        "tables": counts,
        "rows": sum(counts.values()),
        "files": files,
        "bytes": sum(item["size"] for item in files.values()),
    }
    partial = target / f".{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    _fsync(partial)
    partial.rename(target / MANIFEST)
    _fsync(target)
    return manifest


# ----------------------------------------------------------------------------------------------
# Verify and restore


def read_manifest(source: Path) -> dict[str, Any]:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} không có {MANIFEST}: bản sao lưu chưa xong hoặc không phải bản sao lưu.")
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu định dạng {manifest.get('format')!r}, chương trình đọc định dạng {FORMAT}.")
    return manifest


def verify(source: Path) -> dict[str, Any]:
    """Check every file of the backup against its manifest; returns the manifest or raises BackupError."""
    source = Path(source)
    manifest = read_manifest(source)
    problems = []
    listed = manifest["files"]
    for name, expected in sorted(listed.items()):
        path = source / name
        if not path.is_file():
            problems.append(f"thiếu {name}")
        elif path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            problems.append(f"sai mã kiểm tra {name}")
    for path in _files_under(source):
        name = path.relative_to(source).as_posix()
        if name != MANIFEST and name not in listed:
            problems.append(f"tệp lạ {name}")
    if manifest["database_file"] not in listed:
        problems.append(f"thiếu {manifest['database_file']}")
    if problems:
        shown = "; ".join(problems[:20]) + (f"; … ({len(problems)} lỗi)" if len(problems) > 20 else "")
        raise BackupError(f"Bản sao lưu {source} không khớp manifest: {shown}.")
    return manifest


def _files_present(instance: Instance) -> int:
    return sum(1 for _folder, root, skip in _file_roots(instance) for _ in _files_under(root, skip=skip))


def _sqlite_restore(source: Path, instance: Instance) -> None:
    target = _sqlite_path(instance)
    target.parent.mkdir(parents=True, exist_ok=True)
    backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    restored = sqlite3.connect(target, timeout=60)
    try:
        backup_copy.backup(restored)
        restored.execute("PRAGMA journal_mode=WAL")
        restored.commit()
    finally:
        restored.close()
        backup_copy.close()


def _pg_restore(source: Path, instance: Instance, *, force: bool) -> None:
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, f"--dbname={instance.database['NAME']}", str(source)], _pg_env(instance.database))


def restore(source: Path, instance: Instance | None = None, *, force: bool = False) -> dict[str, Any]:
    """Restore the backup in `source` into `instance` (the current one by default); see the module."""
    source = Path(source)
    instance = instance or Instance.current()
    manifest = verify(source)
    if manifest["engine"] != instance.engine:
        raise BackupError(
            f"Bản sao lưu là của {manifest['engine']}, cơ sở dữ liệu đích là {instance.engine}: không khôi phục chéo."
        )
    if not force:
        tables = database_tables(instance)
        if tables:
            raise BackupError(
                f"Cơ sở dữ liệu đích không trống ({tables} bảng). Hãy khôi phục vào một cơ sở dữ liệu mới "
                "(chưa chạy migrate), hoặc dùng --force để ghi đè."
            )
        present = _files_present(instance)
        if present:
            raise BackupError(
                f"Thư mục tệp đích không trống ({present} tệp). Hãy khôi phục vào thư mục trống, hoặc dùng --force."
            )
    for alias in connections:
        connections[alias].close()  # the database is about to change under Django's connections
    database_file = source / manifest["database_file"]
    if instance.engine == "sqlite":
        _sqlite_restore(database_file, instance)
    else:
        _pg_restore(database_file, instance, force=force)
    roots = {MEDIA_DIR: instance.media_root, PRIVATE_DIR: instance.private_root}
    restored_files = 0
    for name in manifest["files"]:
        folder, _, rest = name.partition("/")
        if folder in roots and rest:
            _copy_file(source / name, roots[folder] / rest)
            restored_files += 1
    problems = []
    counts = database_row_counts(instance)
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"bảng {table}: {counts.get(table)} dòng, bản sao lưu có {expected}")
    for name, expected in manifest["files"].items():
        folder, _, rest = name.partition("/")
        if folder in roots and rest and sha256_of(roots[folder] / rest) != expected["sha256"]:
            problems.append(f"tệp {name} sai mã kiểm tra sau khi chép")
    if problems:
        raise BackupError("Khôi phục xong nhưng không khớp bản sao lưu: " + "; ".join(problems[:20]))
    for alias in settings.CACHES:
        caches[alias].clear()  # nothing rendered from the data that was there before may be served
    return {"tables": len(manifest["tables"]), "rows": manifest["rows"], "files": restored_files}
