"""Where private files live: partners' attachments, tip screenshots, evidence and reports.

They are kept outside MEDIA_ROOT, so no web server configuration can ever serve them directly;
each one is sent by a view that checks access first. Public media (the articles' images) stays in
MEDIA_ROOT.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    """The "private" storage from settings.STORAGES (a callable, so migrations stay stable)."""
    return storages["private"]


def move_public_files_to_private(app_label: str, model_name: str, field_names: list[str]):  # type: ignore[no-untyped-def]
    """A migration step: move files a model stored under MEDIA_ROOT into the private storage."""

    def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
        import shutil
        from pathlib import Path

        from django.conf import settings

        model = apps.get_model(app_label, model_name)
        public, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
        for row in model.objects.all().only(*field_names):
            for field in field_names:
                name = getattr(row, field).name
                source, target = public / name, private / name
                if name and source.exists() and not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(source), str(target))

    return forwards
