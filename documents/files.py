"""What a document file is, judged by its bytes, and the name it is offered under.

Nothing here trusts an uploaded file's name or the browser's content type: the
format comes from the first bytes (and, for ZIP-based formats, from the archive's
table of contents), and the name shown to visitors is cleaned of anything that
could be read as a path or a control sequence.
"""

import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Format:
    code: str
    label: str
    content_type: str
    extension: str


FORMATS = {
    f.code: f
    for f in [
        Format("pdf", "PDF", "application/pdf", ".pdf"),
        Format("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        Format("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        Format(
            "pptx", "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"
        ),
        Format("doc", "Word 97–2003", "application/msword", ".doc"),
        Format("xls", "Excel 97–2003", "application/vnd.ms-excel", ".xls"),
        Format("ppt", "PowerPoint 97–2003", "application/vnd.ms-powerpoint", ".ppt"),
        Format("zip", "ZIP", "application/zip", ".zip"),
    ]
}
FORMAT_CHOICES = [(f.code, f.label) for f in FORMATS.values()]

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OLE2 container is also what .msi installers are made of: only Office names are taken.
OLE2_EXTENSIONS = {".doc": "doc", ".xls": "xls", ".ppt": "ppt"}
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
# Names inside a ZIP (or an Office file, which is a ZIP too) that no document needs and that a
# visitor's computer might run or open as a program: executables, scripts, installers, shortcuts,
# disk images, help files, web pages and SVG (which carry scripts), Java, and macro-enabled Office.
RUNNABLE_EXTENSIONS = {
    ".exe", ".dll", ".com", ".bat", ".cmd", ".ps1", ".psm1", ".psd1", ".vbs", ".vbe", ".js", ".jse",
    ".mjs", ".wsf", ".wsh", ".wsc", ".msi", ".msp", ".mst", ".scr", ".pif", ".cpl", ".chm", ".hlp",
    ".iso", ".img", ".vhd", ".vhdx", ".dmg", ".lnk", ".url", ".scf", ".inf", ".reg", ".hta", ".html",
    ".htm", ".xhtml", ".mht", ".mhtml", ".svg", ".svgz", ".jar", ".jnlp", ".class", ".sh", ".app",
    ".apk", ".pkg", ".deb", ".rpm", ".msc", ".gadget", ".application", ".appref-ms",
    ".settingcontent-ms", ".library-ms", ".xll", ".xlam", ".ppam", ".docm", ".dotm", ".xlsm",
    ".xltm", ".xlsb", ".pptm", ".potm", ".ppsm", ".sldm", ".py", ".pyw", ".pl", ".rb", ".php",
}  # fmt: skip
# Archives inside an archive hide what they hold from these checks: refused, whatever their name.
ARCHIVE_EXTENSIONS = {
    ".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".tbz", ".xz", ".txz", ".zst", ".cab",
    ".arj", ".lzh", ".lha", ".z", ".ace", ".zipx",
}  # fmt: skip
# An Office file may embed another Office file (a chart's worksheet): that one is checked in turn.
OFFICE_EMBEDDING_EXTENSIONS = {".docx", ".xlsx", ".pptx"}
MACRO_PART = "vbaproject.bin"
MAX_NESTING = 1

ACCEPTED_HELP = _(
    "Accepted: PDF; Word, Excel or PowerPoint files (.docx, .xlsx, .pptx, or the older .doc, .xls, .ppt); "
    "or a ZIP of forms. Files are checked by their content, not by their name. Largest size: %(limit)s MB."
)


def upload_limit_mb():
    """The limit as the README and the help text state it: decimal megabytes, "50" for 50,000,000 bytes."""
    return f"{settings.DOCUMENT_MAX_UPLOAD_BYTES / 1_000_000:g}"


def upload_help_text():
    return ACCEPTED_HELP % {"limit": upload_limit_mb()}


class DocumentStorage(FileSystemStorage):
    """Documents live outside MEDIA_ROOT, so only the download view can ever serve them.

    The location is read from the settings on every use, so tests (and operators)
    who change MEDIA_ROOT or DOCUMENT_ROOT move the documents with it.
    """

    @property
    def base_location(self):
        return settings.DOCUMENT_ROOT or os.path.join(settings.MEDIA_ROOT, os.pardir, "private-documents")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Documents have no public URL: link to documents:download instead.")


_storage = DocumentStorage()


def document_storage():
    return _storage


def document_upload_to(instance, filename):
    # The stored name carries nothing from the upload: a new name for every new file,
    # so a replaced file never collides with (or is cached as) the old one.
    suffix = PurePosixPath(filename).suffix.lower()
    suffix = suffix if suffix in {f.extension for f in FORMATS.values()} else ""
    return f"documents/{get_random_string(24).lower()}{suffix}"


def _refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params or None)


def detect_format(upload, name=""):
    """The format code of ``upload`` from its content, or a ValidationError saying why not."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        if head.startswith(PDF_MAGIC):
            return "pdf"
        if head == OLE2_MAGIC:
            code = OLE2_EXTENSIONS.get(PurePosixPath(name.lower()).suffix)
            if code is None:
                _refuse(
                    _("This looks like an older Office file, but its name does not end in .doc, .xls or .ppt."),
                    "ole_name",
                )
            return code
        if head.startswith(ZIP_MAGIC):
            upload.seek(0)
            return _zip_format(upload)
        _refuse(
            _("This file is not a PDF, an Office document or a ZIP archive, whatever its name says."),
            "type",
        )
    finally:
        upload.seek(position)


def _zip_format(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            is_office = "[Content_Types].xml" in names
            _check_archive(archive, office=is_office, depth=0)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as error:
        raise ValidationError(_("This ZIP archive is damaged and cannot be opened."), code="bad_zip") from error
    if is_office:
        for prefix, code in OOXML_PARTS.items():
            if any(entry.startswith(prefix) for entry in names):
                return code
        _refuse(_("This Office file is of a kind that is not accepted (only Word, Excel and PowerPoint)."), "ooxml")
    return "zip"


def _check_archive(archive, office, depth):
    """Refuse unsafe paths, programs, macros and hidden archives anywhere in ``archive``."""
    if office and b"macroenabled" in archive.read("[Content_Types].xml").lower():
        _refuse(_("This Office file contains macros, which are not accepted. Save it without macros."), "macros")
    for entry in archive.namelist():
        path = PurePosixPath(entry.replace("\\", "/"))
        # A drive letter ("C:evil.exe") is as absolute as a leading slash once unpacked on Windows.
        if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
            _refuse(_("This archive contains a file with an unsafe path: %(name)s"), "zip_path", name=entry)
        suffix = path.suffix.lower()
        if path.name.lower() == MACRO_PART:
            _refuse(_("This Office file contains macros, which are not accepted. Save it without macros."), "macros")
        if suffix in RUNNABLE_EXTENSIONS:
            _refuse(
                _("This archive contains a program, a script or a macro file, which is not accepted: %(name)s"),
                "zip_program",
                name=entry,
            )
        if entry.endswith("/"):
            continue
        with archive.open(entry) as member:
            head = member.read(len(ZIP_MAGIC))
        is_zip = head == ZIP_MAGIC
        small = archive.getinfo(entry).file_size <= settings.DOCUMENT_MAX_UPLOAD_BYTES
        if office and suffix in OFFICE_EMBEDDING_EXTENSIONS and is_zip and small and depth < MAX_NESTING:
            with archive.open(entry) as member, zipfile.ZipFile(io.BytesIO(member.read())) as inner:
                _check_archive(inner, office="[Content_Types].xml" in inner.namelist(), depth=depth + 1)
            continue
        if suffix in ARCHIVE_EXTENSIONS or is_zip:
            _refuse(
                _("This archive contains another archive, which is not accepted: %(name)s. Unpack it first."),
                "nested_archive",
                name=entry,
            )


def validate_document(upload):
    """Refuse empty, oversized and unrecognised files before anything is stored."""
    if getattr(upload, "_committed", False):
        # Already stored: checked when it was uploaded. A restored version's file is checked
        # for presence by the admin form (see documents.admin), not read again here.
        return
    if upload.size == 0:
        _refuse(_("The file is empty."), "empty")
    limit = settings.DOCUMENT_MAX_UPLOAD_BYTES
    if upload.size > limit:
        _refuse(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Please upload a smaller file."),
            "too_large",
            size=round(upload.size / 1_000_000, 1),
            limit=upload_limit_mb(),
        )
    detect_format(upload, getattr(upload, "name", "") or "")


def clean_filename(name, format_code, fallback):
    """A name safe to offer in Content-Disposition: no folders, no control characters,
    and an extension that matches what the file really is."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Control and format characters go; any kind of space (the ideographic one too) becomes a plain one.
    name = "".join(
        " " if unicodedata.category(ch)[0] == "Z" else ch for ch in name if unicodedata.category(ch)[0] != "C"
    )
    name = " ".join(name.split()).strip(" .")
    extension = FORMATS[format_code].extension
    stem = name[: -len(PurePosixPath(name).suffix)] if PurePosixPath(name).suffix else name
    stem = stem.strip(" .")[:150] or fallback
    return f"{stem}{extension}"


def human_size(size):
    """A size as people read it on a link: "840 KB", "2.4 MB" (decimal units, like file managers)."""
    if size is None:
        return ""
    if size < 1000:
        return pgettext_lazy("file size", "%(size)s bytes") % {"size": size}
    if size < 10_000:
        return pgettext_lazy("file size", "%(size)s KB") % {"size": f"{size / 1000:.1f}"}
    if size < 1_000_000:
        return pgettext_lazy("file size", "%(size)s KB") % {"size": round(size / 1000)}
    return pgettext_lazy("file size", "%(size)s MB") % {"size": f"{size / 1_000_000:.1f}"}
