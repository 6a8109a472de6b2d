"""DOCX → PDF through LibreOffice headless, when it is installed.

Each conversion uses a private LibreOffice profile (``-env:UserInstallation``) in a temporary
directory, so concurrent conversions and a user's own LibreOffice never share a lock, and a
timeout, so a stuck conversion never hangs a request or a worker.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

DEFAULT_TIMEOUT_S = 120.0
MISSING_MESSAGE = (
    "Không tìm thấy LibreOffice (lệnh soffice) trên máy này nên không xuất được PDF; "
    "hãy cài LibreOffice hoặc dùng tệp DOCX."
)


class PdfUnavailable(RuntimeError):
    """PDF cannot be made here (LibreOffice missing, failed or timed out); message in Vietnamese."""


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def docx_to_pdf(docx: bytes, *, timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
    """The PDF of a DOCX document; raises ``PdfUnavailable`` with a Vietnamese message."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(MISSING_MESSAGE)
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(
                f"LibreOffice không chuyển xong sang PDF trong {timeout:.0f} giây."
            ) from None
        except OSError as exc:
            raise PdfUnavailable(f"Không chạy được LibreOffice: {exc}") from None
        target = work / "document.pdf"
        if not target.exists() or target.stat().st_size == 0:
            raise PdfUnavailable("LibreOffice không tạo được tệp PDF từ văn bản này.")
        return target.read_bytes()
