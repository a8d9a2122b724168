"""The permanent download address of a document: the current file, in the visitor's language."""

import hashlib
import logging
import re
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .files import document_storage
from .models import Document

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
# One range only, with at most 18 digits a side: anything else is served as the whole file.
SINGLE_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
UNSATISFIABLE = "unsatisfiable"


def parse_range(header, size):
    """The inclusive (start, end) asked for, UNSATISFIABLE, or None for "send the whole file"."""
    match = SINGLE_RANGE.match((header or "").strip().replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":
        # "bytes=-500": the last 500 bytes.
        length = int(last)
        if length == 0 or size == 0:
            return UNSATISFIABLE
        return max(size - length, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        return UNSATISFIABLE
    return start, min(int(last) if last else size - 1, size - 1)


def _etag(version):
    # A stored name is used once: the ETag changes exactly when the bytes do.
    digest = hashlib.sha256(f"{version.name}:{version.size}".encode()).hexdigest()[:24]
    return quote_etag(digest)


def _range_applies(request, etag, last_modified):
    """If-Range: a range is only sent when the client's copy is still the current one."""
    if_range = request.headers.get("If-Range")
    if not if_range:
        return True
    if if_range.startswith(('"', "W/")):
        return if_range == etag
    return parse_http_date_safe(if_range) == last_modified


def _stream(handle, start, length):
    try:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK_SIZE, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()


@require_safe
def download(request, slug):
    document = get_object_or_404(Document.objects.visible_to(request.user), slug=slug)
    version = document.version_for(get_language())
    if version is None:
        raise Http404
    storage = document_storage()
    try:
        size = storage.size(version.name)
    except OSError:
        logger.error("The file of document %r (%s) is missing from storage", document.slug, version.language)
        raise Http404 from None

    etag = _etag(version)
    last_modified = int(document.updated_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = _file_response(request, document, version, size, etag, last_modified)
    response.headers.setdefault("ETag", etag)
    response.headers.setdefault("Last-Modified", http_date(last_modified))
    if "X-Accel-Redirect" not in response:
        # (nginx says so itself when it sends the file.)
        response.headers["Accept-Ranges"] = "bytes"
    response.headers["Content-Language"] = version.language
    if document.is_public:
        # Any cache may keep a copy but must ask first: the file behind this address can change.
        patch_cache_control(response, public=True, no_cache=True)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


def _file_response(request, document, version, size, etag, last_modified):
    byte_range = parse_range(request.headers.get("Range"), size)
    if byte_range is not None and not _range_applies(request, etag, last_modified):
        byte_range = None
    if byte_range == UNSATISFIABLE:
        response = HttpResponse(status=416)
        response.headers["Content-Range"] = f"bytes */{size}"
        return response

    disposition = content_disposition_header(as_attachment=True, filename=version.filename)
    if request.method == "HEAD":
        response = HttpResponse(content_type=version.content_type)
        response.headers["Content-Length"] = str(size)
        response.headers["Content-Disposition"] = disposition
        return response

    if settings.DOCUMENT_X_ACCEL_PREFIX:
        response = _accel_response(version)
    else:
        response = _streamed_response(document, version, byte_range, size)
    response.headers["Content-Disposition"] = disposition
    if byte_range is None or byte_range[0] == 0:
        # A reader that fetches a large PDF in pieces is one download, not one per piece.
        Document.objects.count_download(document.pk)
    return response


def _streamed_response(document, version, byte_range, size):
    try:
        handle = document_storage().open(version.name, "rb")
    except OSError:
        logger.error("The file of document %r (%s) could not be opened", document.slug, version.language)
        raise Http404 from None
    if byte_range is None:
        return FileResponse(handle, content_type=version.content_type)
    start, end = byte_range
    length = end - start + 1
    response = StreamingHttpResponse(_stream(handle, start, length), status=206, content_type=version.content_type)
    response.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    response.headers["Content-Length"] = str(length)
    return response


def _accel_response(version):
    """Everything decided; nginx sends the bytes (and the range) from its internal location.

    nginx keeps this response's Content-Type, Content-Disposition and Cache-Control, and the
    site file copies the ETag and Last-Modified, so If-Range is judged as this view would.
    """
    response = HttpResponse(content_type=version.content_type)
    response.headers["X-Accel-Redirect"] = quote(settings.DOCUMENT_X_ACCEL_PREFIX.rstrip("/") + "/" + version.name)
    return response
