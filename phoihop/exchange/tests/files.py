"""Small real files for the upload tests, made on the fly."""

from __future__ import annotations

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
