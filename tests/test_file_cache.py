"""The single host's file cache looks at its folder once in a while, not at every write."""

from django.core.cache.backends.filebased import FileBasedCache

from jetportal import file_cache
from jetportal.file_cache import FileCache


def test_the_folder_is_listed_once_per_interval_and_still_kept_in_bounds(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())
    for number in range(30):
        cache.set(f"page-{number}", number)
    assert len(listings) == 1  # Django's own backend lists the folder 30 times
    assert len(list_files()) == 30 and cache.get("page-29") == 29
    monkeypatch.setattr(file_cache, "CULL_INTERVAL", 0)  # the interval is over
    cache.set("one-more", 1)
    assert len(list_files()) <= 16  # half of the 30 removed, as Django culls


def test_file_names_are_remembered_but_values_are_read_each_time(tmp_path, monkeypatch):
    reader = FileCache(str(tmp_path), {})
    writer = FileCache(str(tmp_path), {})  # another worker, another process
    hashed = []
    key_to_file = FileBasedCache._key_to_file  # Django's: validates the key and hashes it
    monkeypatch.setattr(
        FileBasedCache, "_key_to_file", lambda self, *args: hashed.append(args) or key_to_file(self, *args)
    )
    writer.set("public-pages:generation", 1)
    assert reader.get("public-pages:generation") == 1
    writer.set("public-pages:generation", 2)
    assert reader.get("public-pages:generation") == 2  # the value is never remembered, only where it is
    assert reader.get("public-pages:generation", version=2) is None
    assert hashed.count(("public-pages:generation", None)) == 2  # once per cache, not once per call

    monkeypatch.setattr(file_cache, "FILE_NAMES_KEPT", 3)
    for number in range(10):
        reader.set(f"page-{number}", number)
    assert len(reader._file_names) <= 3 and reader.get("page-9") == 9
