"""The single host's file cache looks at its folder once in a while, not at every write."""

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
