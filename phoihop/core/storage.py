"""Where private files live: partners' attachments, tip screenshots, evidence and reports, and
Wagtail's original images and documents.

They are kept outside MEDIA_ROOT, so no web server configuration can ever serve them directly;
each one is sent by a view that checks access first. The `default` storage is this private one, so
a file field without a named storage is private too: Wagtail's originals and documents live there,
and a document reaches a reader only through Wagtail's serve view, which checks the view
restrictions of its collection (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`). The one public store is
`public` (MEDIA_ROOT, MEDIA_URL): Wagtail's renditions, the sizes a page shows
(`WAGTAILIMAGES_RENDITION_STORAGE`), never an original.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    """The "private" storage from settings.STORAGES (a callable, so migrations stay stable)."""
    return storages["private"]


def public_storage() -> Storage:
    """The "public" storage: what any reader may fetch under MEDIA_URL (image renditions)."""
    return storages["public"]


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
