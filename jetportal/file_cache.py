"""The shared cache of a single host (``file://``, as ``make run`` serves), without a folder scan
per write.

Django's FileBasedCache lists its whole folder on every write, to see whether it holds more
than MAX_ENTRIES. The page cache writes after every retirement (each page, once) and at every
save (the generation number), and with a few hundred entries each write paid about a
millisecond for the listing. Here each worker thread's cache looks at most once every
``CULL_INTERVAL`` seconds; in between, the folder may hold a few entries more than MAX_ENTRIES.

It also remembers which file holds which key: every cached page served asks for the generation
number, and checking the key and hashing it into a file name cost as much as reading the file.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_INTERVAL = 5.0
FILE_NAMES_KEPT = 1024


class FileCache(FileBasedCache):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._looked_at = None  # monotonic time of this cache's last look at the folder
        self._file_names = {}  # (key, version) -> file name; bounded, emptied when full

    def _key_to_file(self, key, version=None):
        try:
            return self._file_names[key, version]
        except KeyError:
            pass
        name = super()._key_to_file(key, version)  # validates the key: warns once per key, not per read
        if len(self._file_names) >= FILE_NAMES_KEPT:
            self._file_names.clear()
        self._file_names[key, version] = name
        return name

    def _cull(self):
        now = time.monotonic()
        if self._looked_at is not None and now - self._looked_at < CULL_INTERVAL:
            return
        self._looked_at = now
        super()._cull()
