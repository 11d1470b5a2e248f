"""Checking, cleaning and storing uploaded files.

The type comes from the content (magic bytes, then a real parse), never from the name: a renamed
executable, an empty file, an oversized file or a corrupt DOCX is refused with a Vietnamese message.
Images are refused above the pixel budget before anything is decoded and lose every location tag
(EXIF, XMP, IPTC) before they are stored; ZIP-based files are refused above the archive budget
before they are parsed (`phoihop.core.uploads`). PDF, DOCX and XLSX text is extracted for search.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from phoihop.core.text import clean_multiline
from phoihop.core.uploads import check_archive_budget, check_image_budget, safe_name, strip_location
from phoihop.exchange.models import Attachment

MB = 1024 * 1024
DEFAULT_LIMITS = {"pdf": 20 * MB, "docx": 20 * MB, "xlsx": 20 * MB, "image": 15 * MB, "video": 200 * MB}
MAX_EXTRACTED_CHARS = 200_000

# Sniffed MIME type → our kind. Anything else is refused.
ACCEPTED: dict[str, str] = {
    "application/pdf": Attachment.Kind.PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": Attachment.Kind.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Attachment.Kind.XLSX,
    "image/jpeg": Attachment.Kind.IMAGE,
    "image/png": Attachment.Kind.IMAGE,
    "image/webp": Attachment.Kind.IMAGE,
    "image/heic": Attachment.Kind.IMAGE,
    "image/heif": Attachment.Kind.IMAGE,
    "video/mp4": Attachment.Kind.VIDEO,
}


def upload_limits() -> dict[str, int]:
    return {**DEFAULT_LIMITS, **getattr(settings, "PHOIHOP_UPLOAD_LIMITS", {})}


@dataclass
class CheckedFile:
    """A file that passed every check, with the bytes to store (possibly cleaned)."""

    name: str
    kind: str
    mime_type: str
    content: bytes
    extracted_text: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _sniff(content: bytes) -> str | None:
    guess = filetype.guess(content[:8192])
    if guess is None:
        return None
    mime = guess.mime
    if mime == "application/zip" or mime.startswith("application/vnd.openxmlformats"):
        # Office files are zip archives: decide by the parts inside, not by the first bytes.
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return None
    return mime


def check_upload(uploaded: Any) -> CheckedFile:
    """Validate one uploaded file (Django UploadedFile or any object with .name and .read()).

    Raises ValidationError with a message naming the file.
    """
    name = safe_name(getattr(uploaded, "name", "") or "tep")
    limits = upload_limits()
    declared_size = getattr(uploaded, "size", None)
    hard_cap = max(limits.values())
    if declared_size is not None and declared_size > hard_cap:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s); tối đa %(limit)s."),
            params={"name": name, "size": filesizeformat(declared_size), "limit": filesizeformat(hard_cap)},
            code="too_large",
        )
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    content = uploaded.read(hard_cap + 1)
    if not content:
        raise ValidationError(_("Tệp “%(name)s” rỗng."), params={"name": name}, code="empty")
    mime = _sniff(content)
    kind = ACCEPTED.get(mime or "")
    if kind is None:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không đúng định dạng cho phép (PDF, DOCX, XLSX, JPEG, PNG, HEIC, WebP, MP4). "
                "Hệ thống kiểm tra nội dung tệp, không dựa vào phần mở rộng."
            ),
            params={"name": name},
            code="bad_type",
        )
    limit = limits[kind]
    if len(content) > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s); tối đa %(limit)s cho loại này."),
            params={"name": name, "size": filesizeformat(len(content)), "limit": filesizeformat(limit)},
            code="too_large",
        )
    # The budgets come before any parser: a small file can declare gigabytes of pixels or of
    # inflated XML, and refusing it must cost no more than reading its header.
    header_size = None
    if kind == Attachment.Kind.IMAGE:
        header_size = check_image_budget(io.BytesIO(content), name=name)
    elif kind in {Attachment.Kind.DOCX, Attachment.Kind.XLSX}:
        check_archive_budget(content, name=name)
    try:
        if kind == Attachment.Kind.IMAGE:
            if header_size is None:
                raise ValueError("unreadable image header")
            content = strip_location(content)
            text = ""
        elif kind == Attachment.Kind.PDF:
            text = extract_pdf_text(content)
        elif kind == Attachment.Kind.DOCX:
            text = extract_docx_text(content)
        elif kind == Attachment.Kind.XLSX:
            text = extract_xlsx_text(content)
        else:
            text = ""
    except ValidationError:
        raise
    except Exception as exc:  # any parser failure means the file is damaged
        raise ValidationError(
            _("Tệp “%(name)s” bị hỏng hoặc không đọc được, vui lòng kiểm tra và gửi lại."),
            params={"name": name},
            code="corrupt",
        ) from exc
    return CheckedFile(name=name, kind=kind, mime_type=mime or "", content=content, extracted_text=text)


# The file libraries (Pillow's HEIF plug-in, pypdf, python-docx, openpyxl; Pillow with them) are
# imported inside the functions that parse a file of their kind: together they take about 0.2 s to
# import, which every web and worker process would otherwise pay at start for files most requests
# never carry.


def _cap(text: str) -> str:
    return clean_multiline(text[:MAX_EXTRACTED_CHARS])


def extract_pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted:
        return ""
    parts: list[str] = []
    total = 0
    for page in reader.pages[:200]:
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
        if total > MAX_EXTRACTED_CHARS:
            break
    return _cap("\n".join(parts))


def extract_docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return _cap("\n".join(parts))


def extract_xlsx_text(content: bytes) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    parts: list[str] = []
    total = 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                line = " | ".join("" if v is None else str(v) for v in row)
                parts.append(line)
                total += len(line)
                if total > MAX_EXTRACTED_CHARS:
                    return _cap("\n".join(parts))
    finally:
        workbook.close()
    return _cap("\n".join(parts))


def store(checked: CheckedFile, *, owner: dict[str, Any], uploaded_by: Any, written: list[str]) -> Attachment:
    """Write the file and its row. The storage name is appended to `written` before the row is saved,
    so the caller can delete every written file if anything later in its transaction fails."""
    attachment = Attachment(
        original_name=checked.name,
        kind=checked.kind,
        mime_type=checked.mime_type,
        size=checked.size,
        sha256=checked.sha256,
        extracted_text=checked.extracted_text,
        uploaded_by=uploaded_by,
        **owner,
    )
    extension = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "video": "mp4"}.get(checked.kind)
    if extension is None:
        extension = checked.mime_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
    attachment.file.save(f"{checked.sha256[:16]}.{extension}", ContentFile(checked.content), save=False)
    written.append(str(attachment.file.name))
    attachment.save()
    return attachment
