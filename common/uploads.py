"""Uploaded evidence files: checked by their content (never by their name or the browser's claimed type), stored
under a random name with what the uploader called them, and served only as downloads."""

import io
import zipfile

from django.db import models
from django.http import FileResponse

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

OFFICE_ZIP_TYPES = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint file"),
}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Parts of an Office file that run or render code: macros, ActiveX controls, embedded web pages and programs. (Other
# .bin parts, such as printer settings, are data.)
ACTIVE_CONTENT = ("vbaproject.bin", "vbadata.xml", ".htm", ".html", ".mht", ".js", ".exe", ".dll")


class RejectedFile(Exception):
    """The message says why, in words the uploader can act on."""


def sniff(head: bytes, data=None) -> tuple[str, str]:
    """(content type, description) from the first bytes; data (a file) is needed to look inside ZIP files."""
    if head.startswith(b"%PDF-"):
        return "application/pdf", "PDF"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "PNG image"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "JPEG image"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif", "GIF image"
    if head.startswith(OLE_SIGNATURE):
        return "application/vnd.ms-office", "Office 97-2003 document"
    if head.startswith(b"PK\x03\x04") and data is not None:
        try:
            names = zipfile.ZipFile(data).namelist()
        except zipfile.BadZipFile as error:
            raise RejectedFile("The file looks like a damaged Office document") from error
        if "[Content_Types].xml" in names:
            if any(name.lower().endswith(ACTIVE_CONTENT) or "/activex/" in name.lower() for name in names):
                # Macros or embedded web content (security review I5): a document that runs code is not evidence.
                raise RejectedFile("The document holds macros or embedded web content: save it without them")
            for prefix, kind in OFFICE_ZIP_TYPES.items():
                if any(name.startswith(prefix) for name in names):
                    return kind
    raise RejectedFile("Upload a PDF, a Word, Excel or PowerPoint document, or a PNG, JPEG or GIF image")


def check_evidence(upload) -> tuple[str, str]:
    """Validate an uploaded file; returns (content type, description) or raises RejectedFile."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise RejectedFile("The file must be 10 MB or smaller")
    if upload.size == 0:
        raise RejectedFile("The file is empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    data = io.BytesIO(upload.read()) if head.startswith(b"PK") else None
    upload.seek(0)
    return sniff(head, data)


def safe_download_name(name: str) -> str:
    """A name for Content-Disposition: no path, no quotes or control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in '"\r\n;')
    return cleaned.strip(". ") or "evidence"


def private_download(stored):
    """Serve a stored evidence file (with file, original_name, content_type) to a member, never inline."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=safe_download_name(stored.original_name),
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class StoredUpload(models.Model):
    """What every evidence file keeps beside its stored file (which each model declares, with its own folder)."""

    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name
