"""What apps declare as never shown publicly (``not_public_content``): writing it retires no page."""

import pytest
from django.apps import apps

from documents.models import Document
from jetportal import cache, shared_cache
from jetportal.content import Status

pytestmark = pytest.mark.django_db


def test_a_download_retires_no_page_a_title_does():
    document = Document.objects.create(title_en="Forms", slug="forms", status=Status.PUBLISHED)
    before = shared_cache.generation()
    Document.objects.count_download(document.pk)
    document.download_count = 7
    document.save(update_fields=["download_count"])
    assert shared_cache.generation() == before
    document.title_en = "Forms to fill in"
    document.save(update_fields=["title_en"])
    assert shared_cache.generation() != before


def test_each_apps_declaration_is_read_once_not_at_every_save():
    config = apps.get_app_config("documents")
    assert cache._not_content(config) is cache._not_content(config)
    assert cache._not_content(config) == {"Document.download_count"}
