"""Word 97-2003 ``.doc`` (an OLE2 compound file): converted to DOCX by LibreOffice headless, then
read by :mod:`docparse.readers.docx`.

``soffice --headless --convert-to docx`` runs in a private temporary folder with its own user
profile (``-env:UserInstallation``), so conversions running side by side and a desktop
LibreOffice do not lock each other out, within :data:`TIMEOUT` seconds. LibreOffice is already a
dependency of the project (PDF exports); without it the file is refused with a message that
says what to do.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docparse.errors import ParseError

TIMEOUT = 90.0


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _refused(detail_vi: str, detail_en: str) -> ParseError:
    return ParseError(
        "doc_unreadable",
        f"Không đọc được tệp Word 97-2003 (.doc): {detail_vi}",
        f"Cannot read the Word 97-2003 (.doc) file: {detail_en}",
    )


def doc_to_docx(data: bytes, *, timeout: float = TIMEOUT) -> bytes:
    """The DOCX LibreOffice makes of a ``.doc``. Raises ``ParseError``."""
    soffice = soffice_path()
    if soffice is None:
        raise _refused(
            "máy chủ chưa cài LibreOffice; hãy lưu lại tệp thành .docx.",
            "LibreOffice is not installed; save the file as .docx.",
        )
    with tempfile.TemporaryDirectory(prefix="docparse-doc-") as tmp:
        work = Path(tmp)
        source = work / "document.doc"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise _refused(
                f"LibreOffice không chuyển xong trong {timeout:.0f} giây.",
                f"LibreOffice did not finish within {timeout:.0f} s.",
            ) from None
        except OSError as exc:
            raise _refused(
                f"không chạy được LibreOffice ({exc}).", f"LibreOffice failed ({exc})."
            ) from None
        target = work / "document.docx"
        if not target.exists() or target.stat().st_size == 0:
            raise _refused(
                "tệp bị hỏng hoặc không phải văn bản Word.",
                "the file is damaged or not a Word document.",
            )
        return target.read_bytes()
