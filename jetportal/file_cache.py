"""The shared cache of a single host (``file://``, as ``make run`` serves), without a folder scan
per write.

Django's FileBasedCache lists its whole folder on every write, to see whether it holds more
than MAX_ENTRIES. The page cache writes after every retirement (each page, once) and at every
save (the generation number), and with a few hundred entries each write paid about a
millisecond for the listing. Here each worker thread's cache looks at most once every
``CULL_INTERVAL`` seconds; in between, the folder may hold a few entries more than MAX_ENTRIES.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_INTERVAL = 5.0


class FileCache(FileBasedCache):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._looked_at = None  # monotonic time of this cache's last look at the folder

    def _cull(self):
        now = time.monotonic()
        if self._looked_at is not None and now - self._looked_at < CULL_INTERVAL:
            return
        self._looked_at = now
        super()._cull()
