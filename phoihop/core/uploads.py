"""Checks on uploaded files that every app shares: budgets applied before anything is decoded, and
the removal of location metadata from photos.

* `check_image_budget` reads an image's width and height from its header (Pillow's `open` parses the
  header only) and refuses it above `PHOIHOP_UPLOAD_MAX_IMAGE_PIXELS` before any pixel is decoded: a
  small PNG can declare 13,000 × 13,000 pixels, which decodes to about 730 MB.
* `check_archive_budget` reads a ZIP's central directory (DOCX, XLSX, ODT… are ZIP files) and refuses
  too many entries, too many uncompressed bytes or a suspicious compression ratio before any parser
  inflates a member. Python's `zipfile` never inflates more than an entry's declared size, so the
  declared sizes bound the real work.
* `strip_location` removes the position a photo carries — the EXIF GPS block, XMP `GPS*` and location
  properties, IPTC IIM location datasets — and keeps everything else (caption, credit, copyright,
  orientation). JPEG, PNG and WebP are rewritten segment by segment, without decoding or re-encoding
  the picture; other formats (HEIC) are re-saved by Pillow, only when they hold a location.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from typing import Any
from xml.etree import ElementTree as ET

from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from phoihop.core.text import clean_text

MB = 1024 * 1024
DEFAULT_MAX_IMAGE_PIXELS = 50_000_000
DEFAULT_ZIP_MAX_ENTRIES = 2_000
DEFAULT_ZIP_MAX_UNCOMPRESSED = 200 * MB
DEFAULT_ZIP_MAX_RATIO = 100
# Below this many uncompressed bytes an archive cannot hurt, whatever its ratio: a tiny DOCX of
# repeated text legitimately compresses far better than 100:1.
ZIP_RATIO_FLOOR = 10 * MB

GPS_IFD = 0x8825


def safe_name(name: str) -> str:
    """The file name a person sees: the last path part, cleaned, at most 200 characters."""
    base = clean_text(name.replace("\\", "/").rsplit("/", 1)[-1]) or "tep"
    return base[:200]


def max_image_pixels() -> int:
    return int(getattr(settings, "PHOIHOP_UPLOAD_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS))


def zip_budget() -> tuple[int, int, int]:
    """(entries, uncompressed bytes, ratio) allowed in one ZIP-based upload."""
    return (
        int(getattr(settings, "PHOIHOP_UPLOAD_ZIP_MAX_ENTRIES", DEFAULT_ZIP_MAX_ENTRIES)),
        int(getattr(settings, "PHOIHOP_UPLOAD_ZIP_MAX_UNCOMPRESSED", DEFAULT_ZIP_MAX_UNCOMPRESSED)),
        int(getattr(settings, "PHOIHOP_UPLOAD_ZIP_MAX_RATIO", DEFAULT_ZIP_MAX_RATIO)),
    )


def image_header_size(file: Any) -> tuple[int, int] | None:
    """Width and height read from the header (no pixel decoded), or None if Pillow cannot read it.
    Pillow's own bomb guard raises on open above twice its limit; that is a size too, not damage."""
    from PIL import Image

    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pillow-heif is optional
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(file) as image:
                return image.size
        except Image.DecompressionBombError as exc:
            numbers = [int(n) for n in re.findall(r"\d+", str(exc))]
            return (numbers[0], 1) if numbers else (2**31, 1)
        except Exception:  # noqa: BLE001 - an unreadable header is the caller's "damaged" case
            return None


def check_image_budget(file: Any, *, name: str) -> tuple[int, int] | None:
    """Refuse an image whose header declares more than `PHOIHOP_UPLOAD_MAX_IMAGE_PIXELS` pixels.
    Returns the header's size, or None when the header is unreadable (the caller decides)."""
    size = image_header_size(file)
    if hasattr(file, "seek"):
        file.seek(0)
    if size is None:
        return None
    width, height = size
    limit = max_image_pixels()
    if width * height > limit:
        raise ValidationError(
            _("Ảnh “%(name)s” quá lớn (%(pixels)s megapixel); tối đa %(limit)s megapixel. Vui lòng thu nhỏ ảnh."),
            params={"name": name, "pixels": (width * height) // 1_000_000, "limit": limit // 1_000_000},
            code="too_many_pixels",
        )
    return size


def check_archive_budget(content: bytes, *, name: str) -> None:
    """Refuse a ZIP-based file (DOCX, XLSX, ODT…) above the entry, size or ratio budget, from its
    central directory alone. A file that is not a readable ZIP passes: the parser will call it
    damaged."""
    max_entries, max_total, max_ratio = zip_budget()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    total = sum(info.file_size for info in infos)
    ratio = total / max(len(content), 1)
    if len(infos) > max_entries or total > max_total or (total > ZIP_RATIO_FLOOR and ratio > max_ratio):
        raise ValidationError(
            _(
                "Tệp “%(name)s” là tệp nén bất thường (%(entries)s thành phần, %(size)s khi giải nén) nên "
                "hệ thống không mở. Vui lòng lưu lại tệp bằng phần mềm văn phòng rồi gửi lại."
            ),
            params={"name": name, "entries": len(infos), "size": filesizeformat(total)},
            code="archive_bomb",
        )


# Location metadata ------------------------------------------------------------------------------

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION_HEADER = b"http://ns.adobe.com/xmp/extension/\x00"
PHOTOSHOP_HEADER = b"Photoshop 3.0\x00"
NS_PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
NS_IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
NS_IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
XMP_LOCATION = {
    (NS_PHOTOSHOP, "City"),
    (NS_PHOTOSHOP, "State"),
    (NS_PHOTOSHOP, "Country"),
    (NS_IPTC_CORE, "Location"),
    (NS_IPTC_CORE, "CountryCode"),
    (NS_IPTC_EXT, "LocationCreated"),
    (NS_IPTC_EXT, "LocationShown"),
}
# IPTC IIM record 2: 26/27 content location code/name, 90 city, 92 sub-location, 95 province/state,
# 100/101 country code/name.
IIM_LOCATION = {26, 27, 90, 92, 95, 100, 101}
IPTC_RESOURCE = 0x0404
IPTC_DIGEST_RESOURCE = 0x0425  # MD5 of the IPTC block: stale once the block changes, so dropped
XMP_NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
    "photoshop": NS_PHOTOSHOP,
    "Iptc4xmpCore": NS_IPTC_CORE,
    "Iptc4xmpExt": NS_IPTC_EXT,
}
for _prefix, _uri in XMP_NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        uri, _sep, local = tag[1:].partition("}")
        return uri, local
    return "", tag


def _is_location(tag: str) -> bool:
    uri, local = _split(tag)
    return local.startswith("GPS") or (uri, local) in XMP_LOCATION


def strip_xmp_location(packet: bytes) -> bytes:
    """The XMP packet without GPS* and location properties (attribute or element form)."""
    try:
        root = SafeET.fromstring(packet.strip(b"\x00 \r\n\t"))
    except Exception:  # noqa: BLE001 - unreadable XMP may hide anything: drop it
        return b""
    changed = False
    for element in root.iter():
        for attribute in [a for a in element.attrib if _is_location(a)]:
            del element.attrib[attribute]
            changed = True
        for child in [c for c in element if isinstance(c.tag, str) and _is_location(c.tag)]:
            element.remove(child)
            changed = True
    if not changed:
        return packet
    body = ET.tostring(root, encoding="unicode")
    return f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>{body}<?xpacket end="w"?>'.encode()


def strip_exif_location(data: bytes) -> bytes:
    """EXIF bytes ("Exif\\0\\0" + TIFF, or bare TIFF) without the GPS IFD; unchanged without one."""
    from PIL import Image

    prefixed = data.startswith(b"Exif\x00\x00")
    exif = Image.Exif()
    exif.load(data if prefixed else b"Exif\x00\x00" + data)
    if GPS_IFD not in exif:
        return data
    del exif[GPS_IFD]
    out = exif.tobytes()
    return out if prefixed else out[6:]


def strip_iim_location(data: bytes) -> bytes:
    """An IPTC IIM block without the record-2 location datasets."""
    out = bytearray()
    pos = 0
    while pos + 5 <= len(data) and data[pos] == 0x1C:
        record, dataset = data[pos + 1], data[pos + 2]
        length = int.from_bytes(data[pos + 3 : pos + 5], "big")
        header = 5
        if length & 0x8000:  # extended length: the next (length & 0x7FFF) bytes hold the size
            count = length & 0x7FFF
            length = int.from_bytes(data[pos + 5 : pos + 5 + count], "big")
            header += count
        end = pos + header + length
        if not (record == 2 and dataset in IIM_LOCATION):
            out += data[pos:end]
        pos = end
    return bytes(out)


def strip_photoshop_location(data: bytes) -> bytes:
    """Photoshop image resources (JPEG APP13) with the IPTC block cleaned and its digest dropped."""
    out = bytearray()
    pos = 0
    while pos + 12 <= len(data) and data[pos : pos + 4] == b"8BIM":
        resource = int.from_bytes(data[pos + 4 : pos + 6], "big")
        name_length = data[pos + 6]
        name_end = pos + 7 + name_length + ((name_length + 1) % 2)
        size = int.from_bytes(data[name_end : name_end + 4], "big")
        body = data[name_end + 4 : name_end + 4 + size]
        end = name_end + 4 + size + (size % 2)
        if resource == IPTC_RESOURCE:
            body = strip_iim_location(body)
        if resource != IPTC_DIGEST_RESOURCE:
            out += data[pos:name_end] + len(body).to_bytes(4, "big") + body + (b"\x00" if len(body) % 2 else b"")
        pos = end
    return bytes(out)


def _strip_jpeg(content: bytes) -> bytes:
    out = bytearray(content[:2])
    pos = 2
    while pos + 4 <= len(content) and content[pos] == 0xFF:
        marker = content[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA or marker == 0xD9:  # start of scan: the rest is picture data
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += content[pos : pos + 2]
            pos += 2
            continue
        length = int.from_bytes(content[pos + 2 : pos + 4], "big")
        segment = content[pos + 4 : pos + 2 + length]
        pos += 2 + length
        new: bytes | None = segment
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            new = strip_exif_location(segment)
        elif marker == 0xE1 and segment.startswith(XMP_HEADER):
            packet = strip_xmp_location(segment[len(XMP_HEADER) :])
            new = XMP_HEADER + packet if packet else None
        elif marker == 0xE1 and segment.startswith(XMP_EXTENSION_HEADER):
            new = None  # extended XMP continues the main packet and may carry GPS too
        elif marker == 0xED and segment.startswith(PHOTOSHOP_HEADER):
            new = PHOTOSHOP_HEADER + strip_photoshop_location(segment[len(PHOTOSHOP_HEADER) :])
        if new is None or len(new) + 2 > 0xFFFF:
            continue
        out += bytes((0xFF, marker)) + (len(new) + 2).to_bytes(2, "big") + new
    out += content[pos:]
    return bytes(out)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# ImageMagick and ExifTool write EXIF, IPTC and XMP as hex text chunks with these keywords.
PNG_RAW_PROFILES = (
    b"Raw profile type exif",
    b"Raw profile type iptc",
    b"Raw profile type xmp",
    b"Raw profile type APP1",
)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def _strip_png(content: bytes) -> bytes:
    out = bytearray(PNG_SIGNATURE)
    pos = len(PNG_SIGNATURE)
    while pos + 12 <= len(content):
        length = int.from_bytes(content[pos : pos + 4], "big")
        kind = content[pos + 4 : pos + 8]
        data = content[pos + 8 : pos + 8 + length]
        chunk = content[pos : pos + 12 + length]
        pos += 12 + length
        if kind == b"eXIf":
            chunk = _png_chunk(kind, strip_exif_location(data))
        elif kind == b"iTXt" and data.startswith(b"XML:com.adobe.xmp\x00"):
            keyword_end = len(b"XML:com.adobe.xmp\x00")
            compressed = data[keyword_end]
            # compression flag, method, then language tag and translated keyword (both NUL-ended)
            rest = data[keyword_end + 2 :]
            language, _n, rest = rest.partition(b"\x00")
            translated, _n, text = rest.partition(b"\x00")
            packet = strip_xmp_location(zlib.decompress(text) if compressed else text)
            if not packet:
                continue
            prefix = data[:keyword_end] + b"\x00\x00" + language + b"\x00" + translated + b"\x00"
            chunk = _png_chunk(kind, prefix + packet)
        elif kind in {b"tEXt", b"zTXt", b"iTXt"} and data.startswith(PNG_RAW_PROFILES):
            continue
        out += chunk
        if kind == b"IEND":
            break
    return bytes(out)


def _strip_webp(content: bytes) -> bytes:
    out = bytearray()
    pos = 12
    while pos + 8 <= len(content):
        kind = content[pos : pos + 4]
        size = int.from_bytes(content[pos + 4 : pos + 8], "little")
        data = content[pos + 8 : pos + 8 + size]
        pos += 8 + size + (size % 2)
        if kind == b"EXIF":
            data = strip_exif_location(data)
        elif kind == b"XMP ":
            data = strip_xmp_location(data)
            if not data:  # unreadable XMP is dropped, as in JPEG and PNG
                continue
        out += kind + len(data).to_bytes(4, "little") + data + (b"\x00" if len(data) % 2 else b"")
    return b"RIFF" + (len(out) + 4).to_bytes(4, "little") + b"WEBP" + bytes(out)


def _resave_without_location(content: bytes) -> bytes:
    """Formats without a segment writer here (HEIC): re-save through Pillow, only when a location
    is present (re-saving decodes the picture, which the pixel budget has bounded)."""
    from PIL import Image

    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:
        pass
    image = Image.open(io.BytesIO(content))
    exif = image.getexif()
    xmp = image.info.get("xmp")
    xmp_bytes = xmp.encode() if isinstance(xmp, str) else xmp
    clean_xmp = strip_xmp_location(xmp_bytes) if xmp_bytes else None
    if GPS_IFD not in exif and clean_xmp == xmp_bytes:
        return content
    exif.pop(GPS_IFD, None)
    image.load()
    out = io.BytesIO()
    options: dict[str, Any] = {"exif": exif.tobytes()}
    if clean_xmp:
        options["xmp"] = clean_xmp
    image.save(out, format=image.format or "JPEG", **options)
    return out.getvalue()


def strip_location(content: bytes) -> bytes:
    """The image without any location metadata (see the module docstring); bytes are unchanged when
    there is none. Raises on a damaged file, like the parsers do."""
    if content.startswith(b"\xff\xd8"):
        return _strip_jpeg(content)
    if content.startswith(PNG_SIGNATURE):
        return _strip_png(content)
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return _strip_webp(content)
    return _resave_without_location(content)
