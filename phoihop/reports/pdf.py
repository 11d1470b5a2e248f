"""PDF through LibreOffice, when it is installed (`soffice --headless --convert-to pdf`).

Without LibreOffice there is no PDF: `available()` is False, the report offers DOCX and XLSX only
and says so. Each conversion uses its own throwaway LibreOffice profile, so two conversions at once
(two workers) never fight over the profile lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 120


class ConversionError(Exception):
    pass


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    """Whether exports make a PDF: LibreOffice is installed and `PHOIHOP_REPORT_PDF` is on (the test
    settings turn it off so the suite's many exports stay fast; the PDF tests turn it back on)."""
    return getattr(settings, "PHOIHOP_REPORT_PDF", True) and soffice_path() is not None


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a DOCX document. Raises ConversionError when LibreOffice is missing or fails."""
    soffice = soffice_path()
    if soffice is None:
        raise ConversionError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            raise ConversionError(str(error)) from error
        target = folder / "bao-cao.pdf"
        if not target.exists():
            raise ConversionError("LibreOffice produced no PDF")
        return target.read_bytes()
