"""Stored files: random names, types read from the content, and one way to send them.

No stored file is public. Every file lives under ``MEDIA_ROOT`` and is sent only by a view that
first checks the user's right to the object it belongs to (``serve_file`` is that view's last
line). Three rules hold for every file, whatever its owner:

- **The stored name is random** (``PrivateFileField`` with ``RandomName``):
  ``evidence/2026/12/<32 hex>.<ext>``, never the uploaded name, so a path cannot be guessed and
  the uploaded name (kept in the owner's ``original_name``) never reaches the disk.
- **The type comes from the content** (``sniff``): the first bytes, and for ZIP and OLE
  containers what is inside. The extension of the stored name is the sniffed one: a file that
  begins with ``GIF89a`` and is named ``anh.html`` is stored and sent as a GIF.
- **It is sent inert** (``serve_file``): ``Content-Disposition`` (attachment, unless the view
  allows inline and the type is an image or a PDF), ``X-Content-Type-Options: nosniff``, the
  sniffed type, and HTML, SVG and anything unknown always as an ``application/octet-stream``
  attachment. With ``KEHOACH_FILE_ACCEL_PREFIX`` set, the response carries no bytes but an
  ``X-Accel-Redirect`` header: nginx sends the file from an ``internal`` location after the check.

``upload_temp_purge`` removes the temporary files of uploads cut off mid-way (a killed worker
leaves Django's ``TemporaryUploadedFile`` behind in ``FILE_UPLOAD_TEMP_DIR``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

from kehoach.core.exceptions import NotFound

HEAD_BYTES = 8192
# An Office document has tens of members; listing more than this costs memory for nothing.
ZIP_MAX_ENTRIES = 5000


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a file's content is: the extension it is stored with, the type it is sent with,
    and whether a browser may show it in the page (images and PDF only)."""

    ext: str
    mime: str
    inline: bool = False
    # Extensions a download name may keep for this content (else it gets ``ext``).
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.ext, *self.aliases)


PDF = FileKind("pdf", "application/pdf", inline=True)
PNG = FileKind("png", "image/png", inline=True)
JPEG = FileKind("jpg", "image/jpeg", inline=True, aliases=("jpeg", "jpe"))
GIF = FileKind("gif", "image/gif", inline=True)
WEBP = FileKind("webp", "image/webp", inline=True)
TIFF = FileKind("tif", "image/tiff", aliases=("tiff",))
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet")
ZIP = FileKind("zip", "application/zip")
DOC = FileKind("doc", "application/msword")
XLS = FileKind("xls", "application/vnd.ms-excel")
PPT = FileKind("ppt", "application/vnd.ms-powerpoint")
TEXT = FileKind("txt", "text/plain; charset=utf-8", aliases=("text", "md"))
CSV = FileKind("csv", "text/csv; charset=utf-8")
# Active content: stored under its own extension, but only ever sent as an opaque attachment.
HTML = FileKind("html", "application/octet-stream", aliases=("htm", "xhtml"))
SVG = FileKind("svg", "application/octet-stream")
XML = FileKind("xml", "application/octet-stream")
BINARY = FileKind("bin", "application/octet-stream")

IMAGES = frozenset({PNG, JPEG, GIF, WEBP})
OFFICE = frozenset({DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS, PPT})

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_BY_NAME = {"doc": DOC, "dot": DOC, "xls": XLS, "xlt": XLS, "ppt": PPT, "pps": PPT}
_ODF = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
_SVG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
_HTML = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]|<meta\s"
    rb"|<title>|<object[\s>]|<embed[\s>]",
    re.IGNORECASE,
)


def _ext(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _zip_entries(f: IO[bytes]) -> int:
    """How many members the archive's end record declares (without reading its directory)."""
    f.seek(0, 2)
    size = f.tell()
    f.seek(max(0, size - 65_557))  # the end record, after a comment of at most 64 KB
    tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 12:
        return -1
    return int.from_bytes(tail[at + 10 : at + 12], "little")


def _zip_kind(f: IO[bytes] | None) -> FileKind:
    """DOCX, XLSX, PPTX, ODT, ODS or a plain ZIP, from the names inside the archive. An
    archive of more than ``ZIP_MAX_ENTRIES`` members is not listed (memory): a plain ZIP."""
    if f is None:
        return ZIP
    try:
        if not 0 < _zip_entries(f) <= ZIP_MAX_ENTRIES:
            return ZIP
        f.seek(0)
        with zipfile.ZipFile(f) as archive:
            names = archive.namelist()
            # ODF names itself in a tiny first member; a big one is not read (a zip bomb).
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
                found = _ODF.get(archive.read("mimetype").strip())
                if found is not None:
                    return found
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return ZIP
    finally:
        f.seek(0)
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    return ZIP


def _text_kind(head: bytes, name: str) -> FileKind | None:
    """Text (UTF-8, or UTF-16 with its mark) as HTML, SVG, XML, CSV or plain; None if binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = head[2:].decode(codec, errors="ignore").encode("utf-8")
    elif b"\x00" in head:
        return None
    else:
        try:
            # A character cut at the end of the head is not a reason to call the file binary.
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            return None
    if _SVG.search(head):
        return SVG
    if _HTML.search(head):
        return HTML
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        return XML
    return CSV if _ext(name) == "csv" else TEXT


def sniff(head: bytes, *, name: str = "", f: IO[bytes] | None = None) -> FileKind:
    """What ``head`` (a file's first bytes) is. ``f`` (the whole file, seekable) lets a ZIP be
    told apart as DOCX/XLSX/…; ``name`` only breaks a tie inside one family (an OLE file named
    ``.xls`` is XLS, a text named ``.csv`` is CSV), never across families."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(f)
    if head.startswith(_OLE2):
        return _OLE_BY_NAME.get(_ext(name), DOC)
    if b"%PDF-" in head[:1024]:  # a PDF after a few bytes of junk, as docparse reads it
        return PDF
    if not head:
        return BINARY
    return _text_kind(head, name) or BINARY


def sniff_file(f: Any, *, name: str = "") -> FileKind:
    """``sniff`` an open file (an upload, a ``ContentFile``, a stored file); it is left at 0."""
    f.seek(0)
    head = f.read(HEAD_BYTES)
    f.seek(0)
    return sniff(head, name=name, f=f)


@deconstructible
class RandomName:
    """``upload_to`` of every stored file: ``<folder>/<year>/<month>/<uuid4 hex>.<ext>``.

    The extension is the one ``PrivateFieldFile.save`` decided from the content; the uploaded
    name plays no part."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        ext = _ext(filename)
        ext = ext if re.fullmatch(r"[a-z0-9]{1,5}", ext) else BINARY.ext
        today = timezone.localdate()
        return f"{self.folder}/{today:%Y/%m}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


class PrivateFieldFile(FieldFile):
    """A stored file whose name is decided by its content, never by the name it came with."""

    def save(self, name: str, content: Any, save: bool = True) -> None:
        kind = sniff_file(content, name=name)
        super().save(f"file.{kind.ext}", content, save)


class PrivateFileField(models.FileField):
    """A ``FileField`` for files served only after a rights check (``serve_file``): random
    names with the sniffed extension. Give it ``upload_to=RandomName("<folder>")``."""

    attr_class = PrivateFieldFile


def safe_download_name(name: str, kind: FileKind) -> str:
    """``name`` with an extension that matches the content (``anh.html`` holding a GIF is
    ``anh.gif``); path parts and control characters are dropped."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip() or "tep"
    if _ext(base) in kind.names:
        return base
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    return f"{stem or 'tep'}.{kind.ext}"


def serve_file(
    request: HttpRequest, fieldfile: FieldFile, *, download_name: str = "", inline_ok: bool = False
) -> HttpResponseBase:
    """Send a stored file whose owner the caller has already checked.

    Attachment unless ``inline_ok`` and the content is an image (PNG, JPEG, GIF, WebP) or a PDF;
    HTML, SVG and unknown content always as an ``application/octet-stream`` attachment; always
    ``X-Content-Type-Options: nosniff`` and ``Cache-Control: private``. A missing file is
    ``NotFound``. With ``KEHOACH_FILE_ACCEL_PREFIX`` the bytes are left to the proxy."""
    if not fieldfile:
        raise NotFound("Không tìm thấy tệp.")
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise NotFound("Tệp không còn trên máy chủ.") from exc
    kind = sniff_file(handle, name=fieldfile.name or "")
    inline = inline_ok and kind.inline
    filename = safe_download_name(download_name or fieldfile.name or "", kind)
    prefix = str(getattr(settings, "KEHOACH_FILE_ACCEL_PREFIX", "") or "")
    response: HttpResponseBase
    if prefix:
        handle.close()
        response = HttpResponse(b"", content_type=kind.mime)
        response["X-Accel-Redirect"] = "/" + quote(
            f"{prefix.strip('/')}/{fieldfile.name}".lstrip("/")
        )
    else:
        response = FileResponse(handle, content_type=kind.mime)
    response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


def upload_temp_dir() -> Path | None:
    """Where Django writes uploads too large for memory (``FILE_UPLOAD_TEMP_DIR``), if set."""
    folder = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    return Path(folder) if folder else None


def upload_temp_purge(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete the temporary files of uploads that ended without closing them (a killed worker)
    and are older than ``older_than``; returns how many were deleted. The folder is kehoach's
    own (``FILE_UPLOAD_TEMP_DIR``), so everything in it is an upload's temporary file."""
    folder = upload_temp_dir()
    if folder is None or not folder.is_dir():
        return 0
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # closed (and deleted) by its upload meanwhile
            continue
    return removed
