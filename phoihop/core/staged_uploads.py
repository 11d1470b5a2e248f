"""Files kept across a failed form: a person who attached files and mistyped another field does not
choose the files again.

When a bound form with file fields fails validation, `StagedUploadsMixin` stores each file that
passed the file checks (type and size sniffed from the content, parsed) in the private storage as a
`StagedUpload`, bound to a hash of the browser session, and the shared form template (`_form.html`)
shows it as "Đã giữ: tên-tệp (x KB) — bỏ" with a signed token in a hidden input. On the next POST
the mixin puts the kept files back among the uploaded files before the fields are cleaned, so every
check runs again on them, exactly as on a freshly chosen file; a file the checks refuse is never kept
and its error names it. A kept file is deleted when the form is finally sent (`staged_release`, called
by the view after its service succeeded), when the person ticks "bỏ", or by the periodic sweep
(`staged_uploads_purge`) once it is older than `PHOIHOP_STAGED_UPLOAD_TTL` seconds (6 hours).

The token is signed with a salt holding the session hash, so a token copied to another browser, or
forged, finds nothing; the row is also looked up by that hash. Kept files are never served.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django_tasks import task

from phoihop.core.models import StagedUpload

KEPT_SUFFIX = "__kept"
DROP_SUFFIX = "__drop"
DEFAULT_TTL = 6 * 3600


def staged_ttl() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "PHOIHOP_STAGED_UPLOAD_TTL", DEFAULT_TTL)))


@dataclass(frozen=True)
class KeptFile:
    """What the form template shows of a kept file."""

    token: str
    name: str
    size: int


class Stage:
    """The kept files of one browser session. Build it with `Stage.for_request(request)`."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @classmethod
    def for_request(cls, request: HttpRequest) -> Stage:
        return cls(request)

    def _owner_key(self, *, create: bool) -> str | None:
        session = self.request.session
        if not session.session_key:
            if not create:
                return None
            session.save()
        return hashlib.sha256(f"staged-upload:{session.session_key}".encode()).hexdigest()

    def _signer(self, owner_key: str) -> signing.TimestampSigner:
        return signing.TimestampSigner(salt=f"phoihop.core.staged_uploads:{owner_key}")

    def keep(self, *, field: str, uploaded: Any) -> KeptFile:
        """Store one checked file and return what the form shows of it."""
        owner_key = self._owner_key(create=True)
        assert owner_key is not None  # noqa: S101 - create=True always gives a key
        if hasattr(uploaded, "seek"):
            uploaded.seek(0)
        content = uploaded.read()
        row = StagedUpload(
            owner_key=owner_key,
            field=field,
            original_name=(getattr(uploaded, "name", "") or "tep")[:255],
            size=len(content),
            content_type=(getattr(uploaded, "content_type", "") or "")[:100],
            expires_at=timezone.now() + staged_ttl(),
        )
        row.file.save(hashlib.sha256(content).hexdigest()[:24], ContentFile(content), save=False)
        row.save()
        return KeptFile(token=self._signer(owner_key).sign(str(row.pk)), name=row.original_name, size=row.size)

    def load(self, tokens: list[str], *, field: str) -> list[tuple[KeptFile, StagedUpload]]:
        """The session's live kept files for these tokens, in their order; unknown, forged, expired or
        other sessions' tokens give nothing."""
        owner_key = self._owner_key(create=False)
        if owner_key is None or not tokens:
            return []
        signer = self._signer(owner_key)
        pks: list[tuple[str, int]] = []
        for token in tokens:
            try:
                pks.append((token, int(signer.unsign(token, max_age=staged_ttl()))))
            except (signing.BadSignature, ValueError):
                continue
        rows = StagedUpload.objects.filter(
            pk__in=[pk for _token, pk in pks], owner_key=owner_key, field=field, expires_at__gt=timezone.now()
        ).in_bulk()
        return [
            (KeptFile(token=token, name=rows[pk].original_name, size=rows[pk].size), rows[pk])
            for token, pk in pks
            if pk in rows
        ]

    def discard(self, rows: list[StagedUpload]) -> None:
        for row in rows:
            _delete(row)


def _delete(row: StagedUpload) -> None:
    name = row.file.name
    row.delete()
    if name:
        row.file.storage.delete(name)


def staged_uploads_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the kept files whose time is over (the periodic sweep); returns how many."""
    expired = list(StagedUpload.objects.filter(expires_at__lte=now or timezone.now()))
    for row in expired:
        _delete(row)
    return len(expired)


def _getlist(data: Any, key: str) -> list[str]:
    if hasattr(data, "getlist"):
        return [str(v) for v in data.getlist(key)]
    value = data.get(key) if data else None
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


class StagedUploadsMixin(forms.Form):
    """Keep the files of a form that failed validation (see the module docstring).

    The view passes `stage=Stage.for_request(request)` and calls `form.staged_release()` once its
    service has stored the files. Without a stage the form behaves as a plain form. `staged_recheck`
    names the file fields whose form-level checks run only when every other field is valid (the tip's
    screenshot): their files are checked by `check_staged_file` before they are kept.
    """

    staged_recheck: tuple[str, ...] = ()

    def __init__(self, *args: Any, stage: Stage | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stage = stage
        self._kept_rows: dict[str, list[tuple[KeptFile, StagedUpload, Any]]] = {}
        for field in self._file_fields().values():
            field.kept = []  # type: ignore[attr-defined]
        if stage is None or not self.is_bound:
            return
        files = (
            MultiValueDict({key: list(self.files.getlist(key)) for key in self.files})
            if self.files
            else MultiValueDict()
        )
        for name, field in self._file_fields().items():
            key = self.add_prefix(name)
            drop = set(_getlist(self.data, key + DROP_SUFFIX))
            tokens = _getlist(self.data, key + KEPT_SUFFIX)
            stage.discard([row for _kept, row in stage.load([t for t in tokens if t in drop], field=key)])
            loaded = stage.load([t for t in tokens if t not in drop], field=key)
            fresh = files.getlist(key)
            if loaded and fresh and not field.widget.allow_multiple_selected:
                # A newly chosen file replaces the kept one in a one-file field.
                stage.discard([row for _kept, row in loaded])
                loaded = []
            entries = []
            for kept, row in loaded:
                with row.file.open("rb") as handle:
                    uploaded = SimpleUploadedFile(
                        row.original_name, handle.read(), row.content_type or "application/octet-stream"
                    )
                entries.append((kept, row, uploaded))
            self._kept_rows[name] = entries
            if entries:
                files.setlist(key, [uploaded for _kept, _row, uploaded in entries] + list(fresh))
        self.files = files

    def _file_fields(self) -> dict[str, forms.Field]:
        return {name: field for name, field in self.fields.items() if isinstance(field, forms.FileField)}

    def check_staged_file(self, name: str, uploaded: Any) -> bool:
        """Whether one file of a field passes that field's checks on its own."""
        field = self.fields[name]
        try:
            field.clean([uploaded] if field.widget.allow_multiple_selected else uploaded)
        except ValidationError:
            return False
        return True

    def full_clean(self) -> None:
        super().full_clean()
        if self.stage is None or not self.is_bound or not self.errors:
            return
        for name, field in self._file_fields().items():
            key = self.add_prefix(name)
            reused = {id(uploaded): kept for kept, _row, uploaded in self._kept_rows.get(name, [])}
            shown: list[KeptFile] = []
            recheck = name in self.errors or name in self.staged_recheck
            for uploaded in self.files.getlist(key):
                if not uploaded:
                    continue
                if recheck and not self.check_staged_file(name, uploaded):
                    continue
                if id(uploaded) in reused:
                    shown.append(reused[id(uploaded)])
                else:
                    shown.append(self.stage.keep(field=key, uploaded=uploaded))
            field.kept = shown  # type: ignore[attr-defined]

    def staged_release(self) -> None:
        """Delete the kept files this form re-attached: the service has stored them."""
        if self.stage is None:
            return
        self.stage.discard([row for entries in self._kept_rows.values() for _kept, row, _up in entries])
        self._kept_rows = {}


PURGE_KEY = "core.staged_uploads_purge"


@task()
def staged_uploads_tick(booked_for: str = "") -> int | None:
    """Delete expired kept files; the scheduler then books the next sweep."""
    from phoihop.core import scheduler

    return scheduler.run(PURGE_KEY, staged_uploads_purge, booked_for=booked_for)
