"""HTML, XML and text compressed on the wire for clients that accept gzip.

Cached public pages are compressed once when they are stored (jetportal.cache) and arrive
here already encoded. What is rendered per request is compressed by Django's GZipMiddleware,
which pads each response with a random number of bytes (against BREACH-style guessing of a
secret from compressed sizes); CSRF tokens are also masked differently in every response.
Files (static files, uploads, downloads) are left alone: they are streamed, already compressed
or served precompressed by whitenoise.
"""

from django.middleware.gzip import GZipMiddleware

from .cache import COMPRESSIBLE


class CompressTextMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if response.streaming or content_type not in COMPRESSIBLE:
            return response
        return super().process_response(request, response)
