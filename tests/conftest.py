import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads made by a test land in its own folder, never in the repository's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages (a rolled-back test leaves no signal behind)."""
    from django.core.cache import cache

    from jetportal import shared_cache
    from jetportal.cache import process_entries

    cache.clear()
    process_entries.clear()
    shared_cache.breaker.reset()


@pytest.fixture
def demo(db):
    """The full demo content, as `make run` loads it."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
