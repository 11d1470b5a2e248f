"""Small real files for the upload tests, made on the fly."""

from __future__ import annotations

import functools
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def docx_file(name: str = "bao-cao.docx", text: str = "Báo cáo kết quả tuyên truyền quý III") -> SimpleUploadedFile:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Chỉ tiêu"
    table.rows[0].cells[1].text = "12 bài"
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def jpeg_with_gps(name: str = "hoi-nghi.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", (64, 48), (200, 30, 40))
    exif = Image.Exif()
    exif[0x0110] = "Test camera"  # Model: kept
    exif[0x8825] = {1: "N", 2: (21.0, 0.0, 0.0), 3: "E", 4: (105.0, 51.0, 0.0)}  # GPS: removed
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_file(name: str = "cong-van.pdf", text: str = "Cong van so 12") -> SimpleUploadedFile:
    stream = f"BT /F1 18 Tf 50 700 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def elf_as_pdf(name: str = "tai-lieu.pdf") -> SimpleUploadedFile:
    """An executable (ELF header) renamed to .pdf."""
    return SimpleUploadedFile(name, b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, content_type="application/pdf")


def empty_file(name: str = "trong.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"", content_type="application/octet-stream")


def corrupt_docx(name: str = "hong.docx") -> SimpleUploadedFile:
    """A zip that claims to be a Word file but whose document part is garbage."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "this is not xml <<<")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


@functools.cache
def _huge_png_bytes(width: int, height: int) -> bytes:
    """A real, complete RGB PNG of width × height black pixels, compressed row by row so making it
    never holds the decoded picture in memory (13,000 × 13,000 gives about 500 KB)."""
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + 3 * width)
    parts = [compressor.compress(row * 100) for _ in range(height // 100)]
    parts.append(compressor.compress(row * (height % 100)))
    parts.append(compressor.flush())
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def huge_png(name: str = "chup-man-hinh.png", side: int = 13_000) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _huge_png_bytes(side, side), content_type="image/png")


def png_header_only(name: str, width: int, height: int) -> SimpleUploadedFile:
    """A PNG whose header declares width × height but which carries a single tiny IDAT: enough for
    anything that reads the header, too big to decode (a 900-Mpx Wagtail upload)."""
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    content = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    return SimpleUploadedFile(name, content + chunk(b"IEND", b""), content_type="image/png")


def zip_bomb_docx(name: str = "bom.docx", zeros: int = 30 * 1024 * 1024, entries: int = 1) -> SimpleUploadedFile:
    """A real DOCX plus `entries` members of highly compressible zeros (`zeros` bytes in all)."""
    import zipfile

    buffer = io.BytesIO(docx_file().read())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        each = zeros // entries
        block = b"\x00" * (1024 * 1024)
        for number in range(entries):
            with archive.open(f"word/media/rong{number}.bin", "w") as member:
                left = each
                while left > 0:
                    member.write(block[: min(left, len(block))])
                    left -= len(block)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def xlsx_file(name: str = "so-lieu.xlsx") -> SimpleUploadedFile:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Chỉ tiêu", "Kết quả"])
    sheet.append(["Số tin, bài", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


LOCATION_XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
    'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
    'exif:GPSLatitude="20,56.1234N" exif:GPSLongitude="105,50.5678E" photoshop:City="Thanh Trì" '
    'photoshop:Credit="Ảnh: UBND xã Thanh Trì" Iptc4xmpCore:Location="Nhà văn hóa thôn Yên Mỹ">'
    "<exif:GPSAltitude>12/1</exif:GPSAltitude>"
    "<photoshop:State>Hà Nội</photoshop:State><photoshop:Country>Việt Nam</photoshop:Country>"
    '<Iptc4xmpExt:LocationShown><rdf:Bag><rdf:li rdf:parseType="Resource">'
    "<Iptc4xmpExt:City>Thanh Trì</Iptc4xmpExt:City></rdf:li></rdf:Bag></Iptc4xmpExt:LocationShown>"
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Hội nghị tuyên truyền</rdf:li></rdf:Alt>'
    "</dc:description>"
    '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© Báo Lao động Thủ đô</rdf:li></rdf:Alt></dc:rights>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
)


def _iim(dataset: int, text: str) -> bytes:
    data = text.encode()
    return bytes([0x1C, 2, dataset]) + len(data).to_bytes(2, "big") + data


def iptc_app13(extra: bytes = b"") -> bytes:
    """A JPEG APP13 segment with caption (2:120), credit (2:110), copyright (2:116) and location."""
    iim = (
        _iim(120, "Hội nghị tuyên truyền")
        + _iim(110, "UBND xã Thanh Trì")
        + _iim(116, "© Báo Lao động Thủ đô")
        + _iim(90, "Thanh Trì")
        + _iim(92, "Thôn Yên Mỹ")
        + _iim(95, "Hà Nội")
        + _iim(100, "VNM")
        + _iim(101, "Việt Nam")
    )
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(iim).to_bytes(4, "big") + iim
    if len(iim) % 2:
        resource += b"\x00"
    body = b"Photoshop 3.0\x00" + resource + extra
    return b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body


def jpeg_with_location(name: str = "hoi-nghi-vi-tri.jpg") -> SimpleUploadedFile:
    """A JPEG with GPS in EXIF, GPS and location in XMP, and IPTC IIM location datasets, next to a
    caption, a credit and a copyright in each."""
    image = Image.new("RGB", (64, 48), (200, 30, 40))
    exif = Image.Exif()
    exif[0x0110] = "Test camera"
    exif[0x8298] = "(c) Bao Lao dong Thu do"  # Copyright (EXIF text is ASCII)
    exif[0x010E] = "Hoi nghi tuyen truyen"  # ImageDescription
    exif[0x8825] = {1: "N", 2: (21.0, 0.0, 0.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, xmp=LOCATION_XMP.encode())
    content = buffer.getvalue()
    content = content[:2] + iptc_app13() + content[2:]
    return SimpleUploadedFile(name, content, content_type="image/jpeg")
