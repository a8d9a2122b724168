"""The public page cache: fast for every visitor, never a dependency, never a liar.

- A view declares itself a public page, with the query parameters it reads:
  ``@cache_public_page`` or ``@cache_public_page(params=("page",))``. Every other
  parameter is taken off the request before anything sees it, so tracking tags never make
  new entries, and no visitor's made-up query ends up in a page served to others.
- ``PublicPageMiddleware`` (early in MIDDLEWARE) answers visitors without a session from
  the cache. The key is generation : language : path + declared parameters. On a miss one
  request per process renders the page (others for the same key wait for it), and the final
  response, every middleware's headers included, is kept with a gzip copy, an ETag and a
  Last-Modified, so hits cost no template, no query and no compression.
- Visitors with a session (staff, Q&A unlocks) get the same cached page with its personal
  slots (``{% personal %}`` in templates) rendered for them: an entry is the page's public
  fragments with those slots between them.
- Content changes retire every page: each content model's save, delete and many-to-many
  change, and its querysets' bulk writes, bump the generation at once and again after the
  transaction commits (a page rendered from the old rows in between is retired by the
  second). Apps say which of their models are content (``public_content`` on the AppConfig).
- The shared cache is reached only through ``jetportal.shared_cache`` (timeouts, breaker, any
  error means "render it"). Every entry has a bounded lifetime (``CACHE_TIME_MEDIUM``, and
  never past the next scheduled publish time), so even a lost retirement ends within it.
"""

import gzip
import hashlib
import logging
import re
import secrets
import struct
import threading
import zlib
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, cached_property, wraps
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import DateTimeField, Value
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.middleware.gzip import re_accepts_gzip
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from . import clock, prepared, shared_cache, staff_hint

logger = logging.getLogger(__name__)

# How long a request waits for another thread of its process rendering the same page.
RENDER_WAIT_SECONDS = 10
COMPRESSIBLE = ("text/html", "application/xml", "application/atom+xml", "text/plain", "text/xml")


# Which models are content -------------------------------------------------------------


def content_app_configs():
    """The apps whose models are shown on public pages (``public_content = True``)."""
    return [config for config in apps.get_app_configs() if getattr(config, "public_content", False)]


@cache
def _not_content(config):
    # "Model" (never content) or "Model.field" (a field no public page shows). Read once per
    # app: every save of a content model asks.
    return frozenset(getattr(config, "not_public_content", ()))


def content_models():
    for config in content_app_configs():
        excluded = _not_content(config)
        for model in config.get_models():
            if model.__name__ not in excluded:
                yield model


def _shows_publicly(model, fields):
    """False when every one of ``fields`` is declared as shown on no public page."""
    if not fields:
        return True
    excluded = _not_content(apps.get_app_config(model._meta.app_label))
    return any(f"{model.__name__}.{name}" not in excluded for name in fields)


# Retiring pages --------------------------------------------------------------------------


def invalidate(using=DEFAULT_DB_ALIAS, **kwargs):
    """Retire every cached public page, now and again once the current transaction commits.

    The retirement at the commit is arranged once per transaction, however many rows it
    writes (an admin save with its inline rows writes dozens). One waiting in a savepoint that
    is rolled back is dropped with it, so the next write arranges another. Never raises and
    never blocks a save: see jetportal.shared_cache.retire_all.
    """
    _retire_now()
    connection = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    if connection.in_atomic_block and not any(
        function is _retire_now for _savepoints, function, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_retire_now, using=connection.alias, robust=True)


def _retire_now():
    process_entries.clear()
    shared_cache.retire_all()


def _on_save(sender, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if _shows_publicly(sender, update_fields):
        invalidate(using=using)


def _on_delete(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    invalidate(using=using)


def _on_m2m(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_"):
        invalidate(using=using)


class _RetiresOnBulkWrites:
    """Mixed into content models' querysets: bulk writes send no signals, so they retire here."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows and _shows_publicly(self.model, kwargs):
            invalidate(using=self.db)
        return rows

    def bulk_update(self, objs, fields, *args, **kwargs):
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        if rows and _shows_publicly(self.model, fields):
            invalidate(using=self.db)
        return rows

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        if created:
            invalidate(using=self.db)
        return created


def connect_invalidation():
    """Once at start-up (jetportal's AppConfig.ready): every content change retires the pages."""
    for model in content_models():
        label = model._meta.label
        post_save.connect(_on_save, sender=model, dispatch_uid=f"public-pages-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"public-pages-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_m2m, sender=field.remote_field.through, dispatch_uid=f"public-pages-m2m-{field}")
        for manager in model._meta.managers:
            queryset_class = manager._queryset_class
            if not issubclass(queryset_class, _RetiresOnBulkWrites):
                manager._queryset_class = type(
                    queryset_class.__name__, (_RetiresOnBulkWrites, queryset_class), {"__module__": __name__}
                )


def _upcoming_query(now):
    from .content import Publishable, Status

    upcoming = [
        model._base_manager.filter(status=Status.PUBLISHED, publish_at__gt=now)
        .order_by()
        .values_list("publish_at", flat=True)
        for model in content_models()
        if issubclass(model, Publishable)
    ]
    if not upcoming:
        return None
    first, *others = upcoming
    return (first.union(*others) if others else first).order_by("publish_at")[:1]


# Per database: the query's SQL, its parameters, and where the time goes in them. Building the
# union of every content model's query costs more than running it, after every retirement.
_compiled_upcoming = {}


def _compile_upcoming(using):
    compiled = []
    for when in (prepared.EARLIER, prepared.LATER):
        query = _upcoming_query(when)
        if query is None:
            return None
        compiled.append(query.query.get_compiler(using=using).as_sql())
    positions = prepared.changed_positions(*compiled)
    return None if positions is None else (*compiled[0], positions)


def next_scheduled_change(now, using=DEFAULT_DB_ALIAS):
    """The earliest future publish time of any published content, or None (one query)."""
    if using not in _compiled_upcoming:
        _compiled_upcoming[using] = _compile_upcoming(using)
    compiled = _compiled_upcoming[using]
    if compiled is None:  # nothing is scheduled content, or the SQL depends on more than the time
        query = _upcoming_query(now)
        return query.first() if query is not None else None
    sql, params, positions = compiled
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, prepared.with_time(params, positions, now, connection))
        row = cursor.fetchone()
    if row is None:
        return None
    value, expression = row[0], Value(None, output_field=DateTimeField())
    for converter in connection.ops.get_db_converters(expression):
        value = converter(value, expression, connection)
    return value


# Personal slots -----------------------------------------------------------------------------

# Marks where a personal slot was rendered in a page being stored; random per process, so no
# content can contain it.
_MARK = secrets.token_hex(8)
_SLOT = re.compile(rf"<!--{_MARK}:(\d+)-->(.*?)<!--/{_MARK}-->".encode(), re.DOTALL)


def render_personal(context, template_name, arguments):
    """The ``{% personal %}`` tag: a part of the page rendered for each visitor, never cached.

    While a page is being stored, the part is rendered for this (anonymous) visitor between
    marks, and its template and arguments are kept with the entry to render it again for each
    visitor with a session. Arguments should be small values (strings, numbers).
    """
    request = context.get("request")
    rendered = _render_slot(template_name, arguments, request)
    slots = getattr(request, "_public_page_slots", None)
    if slots is None:
        return rendered
    slots.append((template_name, arguments))
    return f"<!--{_MARK}:{len(slots) - 1}-->{rendered}<!--/{_MARK}-->"


def _render_slot(template_name, arguments, request):
    # The arguments and the request, without the context processors: a slot is small, and it is
    # rendered on every page view of a visitor with a session (and in every cold render).
    return render_to_string(template_name, {**arguments, "request": request})


def _take_slots(content, specs):
    """The content without marks, and each slot as (start, end, template, arguments)."""
    pieces, slots, position, length = [], [], 0, 0
    for match in _SLOT.finditer(content):
        before = content[position : match.start()]
        pieces.append(before)
        length += len(before)
        inner = match.group(2)
        pieces.append(inner)
        template_name, arguments = specs[int(match.group(1))]
        slots.append((length, length + len(inner), template_name, arguments))
        length += len(inner)
        position = match.end()
    pieces.append(content[position:])
    return b"".join(pieces), tuple(slots)


# Entries ------------------------------------------------------------------------------------


class _Encoding(NamedTuple):
    body: bytes
    headers: tuple
    etag: str


# Worked out from the stored fields in each process that serves the entry, never stored with it.
_MADE_WHERE_NEEDED = frozenset({"encodings", "deflated_pieces"})
# A request with none of these headers gets the page as it is, without working out a 304 or 412.
_PRECONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


@dataclass(frozen=True)
class CachedPage:
    """A stored page: the anonymous visitor's bytes, a gzip copy, validators and its slots."""

    status: int
    headers: tuple
    content: bytes
    gzipped: bytes | None
    etag: str
    last_modified: int
    valid_until: datetime
    slots: tuple

    @classmethod
    def of(cls, response, content, slots, now, valid_until):
        headers = tuple((name, value) for name, value in response.headers.items() if name.lower() != "content-length")
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        gzipped = gzip.compress(content, compresslevel=6, mtime=0) if content_type in COMPRESSIBLE else None
        etag = hashlib.sha256(content).hexdigest()[:32]
        return cls(response.status_code, headers, content, gzipped, etag, int(now.timestamp()), valid_until, slots)

    def __getstate__(self):
        # The shared cache pickles (and the file cache compresses) the entry at every store:
        # the plain copy is left out when the gzip copy holds it (a quarter of the bytes), and
        # the pieces for personal pages are made again where they are needed.
        state = {key: value for key, value in self.__dict__.items() if key not in _MADE_WHERE_NEEDED}
        if self.gzipped is not None:
            state["content"] = None
        return state

    def __setstate__(self, state):
        if state["content"] is None:
            state["content"] = gzip.decompress(state["gzipped"])
        self.__dict__.update(state)

    @cached_property
    def deflated_pieces(self):
        """The public pieces between the slots, each compressed on its own (see _personal_gzip).

        Made at the first personal visit, not at the render: the anonymous copy is compressed
        whole (smaller: its pieces can refer back to each other).
        """
        if self.gzipped is None or not self.slots:
            return ()
        bounds = [0, *(edge for start, end, *_spec in self.slots for edge in (start, end)), len(self.content)]
        return tuple(_deflate_piece(self.content[bounds[i] : bounds[i + 1]]) for i in range(0, len(bounds), 2))

    @cached_property
    def encodings(self):
        """(plain, gzip): each encoding's body and its final headers, worked out at the first hit.

        A hit is the commonest request the site answers; building and checking a dozen headers
        at every one cost more than everything else the hit does, the shared-cache read aside.
        """
        last_modified = http_date(self.last_modified)
        variants = []
        for compressed in (False, True) if self.gzipped is not None else (False,):
            body = self.gzipped if compressed else self.content
            # The two encodings are different bytes, so they get different strong validators.
            etag = f'"{self.etag}-gz"' if compressed else f'"{self.etag}"'
            response = HttpResponse(status=self.status, headers=dict(self.headers))
            response.headers["ETag"] = etag
            response.headers["Last-Modified"] = last_modified
            if self.gzipped is not None:
                patch_vary_headers(response, ("Accept-Encoding",))
            if compressed:
                response.headers["Content-Encoding"] = "gzip"
            response.headers["Content-Length"] = str(len(body))
            variants.append(_Encoding(body, tuple(response.items()), etag))
        return (variants[0], variants[-1])  # the plain copy twice when there is no gzip copy

    def response(self, request):
        """The page for a visitor without a session: gzip if accepted, 304 if they have it."""
        meta = request.META
        compressed = self.gzipped is not None and re_accepts_gzip.search(meta.get("HTTP_ACCEPT_ENCODING", ""))
        body, headers, etag = self.encodings[bool(compressed)]
        response = HttpResponse(body, status=self.status, headers=headers)
        if any(name in meta for name in _PRECONDITIONS):
            return get_conditional_response(request, etag=etag, last_modified=self.last_modified, response=response)
        return response

    def assembled(self, request):
        """The page for a visitor with a session: public fragments, personal slots rendered for them."""
        rendered = [_render_slot(slot[2], slot[3], request).encode() for slot in self.slots]
        if all(
            mine == self.content[start:end] for mine, (start, end, *_spec) in zip(rendered, self.slots, strict=True)
        ):
            # Nothing personal for this visitor (no slot, or every slot as the anonymous visitor
            # got it): the stored bytes, already compressed, with their validators.
            response = self.response(request)
            response.headers["Cache-Control"] = "private, no-cache"
            return response
        pieces, position = [], 0
        for mine, (start, end, *_spec) in zip(rendered, self.slots, strict=True):
            pieces.append(self.content[position:start])
            pieces.append(mine)
            position = end
        pieces.append(self.content[position:])
        content = b"".join(pieces)
        content_type = {name.lower(): value for name, value in self.headers}.get("content-type")
        compressed = self.deflated_pieces and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        response = HttpResponse(
            _personal_gzip(self.deflated_pieces, rendered, content) if compressed else content,
            status=self.status,
            content_type=content_type,
        )
        if self.deflated_pieces:
            patch_vary_headers(response, ("Accept-Encoding",))
        if compressed:
            response.headers["Content-Encoding"] = "gzip"
        # Personal: no shared cache may keep it, and the browser asks again next time.
        add_never_cache_headers(response)
        return response


def _deflate_piece(data):
    """``data`` as raw deflate blocks that end on a byte boundary and leave the stream open."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _stored_blocks(data):
    """``data`` as uncompressed ("stored") deflate blocks, not final: at most 65,535 bytes each."""
    blocks = []
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start : start + 0xFFFF]
        blocks.append(struct.pack("<BHH", 0, len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time, unknown OS
_FINAL_EMPTY_BLOCK = b"\x03\x00"


def _personal_gzip(deflated_pieces, slots, content):
    """One gzip stream: the stored compressed public pieces, the visitor's slots uncompressed between.

    Nothing is compressed per request, and a slot is never compressed together with anything
    else (its bytes go out as they are), so its size reveals nothing about the rest (BREACH).
    """
    parts = [_GZIP_HEADER]
    for piece, slot in zip(deflated_pieces, slots, strict=False):  # one piece more than slots
        parts.append(piece)
        parts.append(_stored_blocks(slot))
    parts.append(deflated_pieces[-1])
    parts.append(_FINAL_EMPTY_BLOCK)
    parts.append(struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF))
    return b"".join(parts)


class _ProcessEntries:
    """The pages this process served last, in front of the shared cache (bounded, LRU).

    Keys carry the shared generation, so a retirement anywhere retires these too; a hit then
    costs one small read (the generation) instead of a whole page.
    """

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


process_entries = _ProcessEntries()


class _RenderLocks:
    """One render at a time per key in this process: after a retirement, no stampede."""

    def __init__(self):
        self.guard = threading.Lock()
        self.locks = {}

    @contextmanager
    def hold(self, key):
        with self.guard:
            lock, users = self.locks.get(key, (None, 0))
            lock = lock or threading.Lock()
            self.locks[key] = (lock, users + 1)
        acquired = lock.acquire(timeout=RENDER_WAIT_SECONDS)
        try:
            yield
        finally:
            if acquired:
                lock.release()
            with self.guard:
                lock, users = self.locks[key]
                if users == 1:
                    del self.locks[key]
                else:
                    self.locks[key] = (lock, users - 1)


render_locks = _RenderLocks()


def _lookup(key, now, shared=True):
    entry = process_entries.get(key)
    if entry is None and shared:
        entry = shared_cache.call("get", key)
        if not isinstance(entry, CachedPage):
            return None
        process_entries.put(key, entry)
    return entry if entry is not None and entry.valid_until > now else None


_upcoming = {}


def _next_scheduled_change_in(generation, now):
    """next_scheduled_change, asked once per generation in this process (only a save changes it)."""
    known = _upcoming.get(generation)
    if known is None or (known[0] is not None and known[0] <= now):
        _upcoming.clear()
        known = _upcoming[generation] = (next_scheduled_change(now),)
    return known[0]


def _store(key, generation, response, slots, now):
    lifetime = settings.CACHE_TIME_MEDIUM
    upcoming = _next_scheduled_change_in(generation, now)
    if upcoming is not None:
        lifetime = min(lifetime, max(1, int((upcoming - now).total_seconds())))
    patch_cache_control(response, public=True, max_age=min(lifetime, settings.CACHE_TIME_SHORT))
    content, slots = _take_slots(response.content, slots)
    entry = CachedPage.of(response, content, slots, now, now + timedelta(seconds=lifetime))
    shared_cache.call("set", key, entry, timeout=lifetime)
    process_entries.put(key, entry)
    return entry


# Requests -----------------------------------------------------------------------------------


def _has_personal_state(request):
    if "HTTP_COOKIE" not in request.META:  # most anonymous hits: no cookie to parse
        return False
    cookies = request.COOKIES
    return bool(cookies.get(settings.SESSION_COOKIE_NAME) or cookies.get("messages"))


def _keep_declared_params(request, params):
    """Take every query parameter the view does not read off the request."""
    if getattr(request, "_public_page_params", None) == params:
        return
    request._public_page_params = params
    if not request.META.get("QUERY_STRING"):
        return
    kept = QueryDict(mutable=True)
    for name in params:
        values = request.GET.getlist(name)
        if values:
            kept.setlist(name, values)
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def _key(request, generation, language):
    # The path as routed (percent-decoded) and the declared parameters, nothing else.
    address = f"{request.path}?{request.META.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"public-pages:{generation}:{language}:{digest}"


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.has_header("Cache-Control")
        and not response.cookies
    )


def cache_public_page(view=None, *, params=()):
    """Mark a view as a public page that reads only the query parameters ``params``.

    Visitors without a session are served by PublicPageMiddleware. Here, visitors with a
    session get the cached page with their personal slots, when there is one; otherwise
    (and for previews, which are never cached) the view renders for them.
    """
    params = tuple(params)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            _keep_declared_params(request, params)
            if not _has_personal_state(request):
                return view(request, *args, **kwargs)
            generation = shared_cache.generation()
            if generation is not None:
                entry = _lookup(_key(request, generation, translation.get_language()), clock.now())
                if entry is not None:
                    return staff_hint.add_hint(request, entry.assembled(request))
            response = view(request, *args, **kwargs)
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)  # rendered for this visitor: nobody else's
            return staff_hint.add_hint(request, response)

        wrapper.public_page_params = params
        return wrapper

    return decorate(view) if view is not None else decorate


_routes = {}
_ROUTES_KEPT = 2048


def _public_page_params(request):
    """The parameters the view at this address declares, or None if it is not a public page.

    Remembered per address (a bounded table, emptied when full), so a hit costs no URL matching.
    """
    path = request.path_info
    known = _routes.get(path)
    if known is not None:
        return known
    language = translation.get_language_from_path(path)
    params = None
    if language is not None:
        try:
            with translation.override(language):
                match = resolve(path, getattr(request, "urlconf", None))
            params = getattr(match.func, "public_page_params", None)
        except Resolver404:
            pass
    if len(_routes) >= _ROUTES_KEPT:
        _routes.clear()
    _routes[path] = (params, language)
    return params, language


def _host_allowed(request):
    # A forged Host is refused (the 400 page) further in, even when the page is in the cache.
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


class PublicPageMiddleware:
    """Serves public pages to visitors without a session from the cache (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or _has_personal_state(request) or not _host_allowed(request):
            return self.get_response(request)
        params, language = _public_page_params(request)
        if params is None:
            return self.get_response(request)
        _keep_declared_params(request, params)
        generation = shared_cache.generation()
        if generation is None:  # no shared cache right now: render, store nothing
            return self.get_response(request)
        key = _key(request, generation, language)
        now = clock.now()
        entry = _lookup(key, now)
        if entry is not None:
            return entry.response(request)
        with render_locks.hold(key):
            # Rendered by another thread of this process while this one waited? (Another
            # process's render is not asked for again: that would cost every render a round trip.)
            entry = _lookup(key, now, shared=False)
            if entry is not None:
                return entry.response(request)
            request._public_page_slots = []
            response = self.get_response(request)
            if _storable(response):
                try:
                    return _store(key, generation, response, request._public_page_slots, now).response(request)
                except DatabaseError:  # the scheduled-change query: serve this render, keep nothing
                    logger.warning("Page not cached: the database failed while storing it", exc_info=True)
        if request._public_page_slots and not response.streaming:
            response.content = _take_slots(response.content, request._public_page_slots)[0]
            if response.has_header("Content-Length"):
                response.headers["Content-Length"] = str(len(response.content))
        return response
