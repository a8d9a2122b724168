"""Many people downloading at once: every download is counted, none is lost or refused."""

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_documents_factories import make_document, pdf_bytes

from documents.models import Document

DOWNLOADS = 50


@pytest.mark.django_db(transaction=True)
def test_concurrent_downloads_are_counted_exactly(live_server):
    document = make_document()
    url = f"{live_server.url}/en/downloads/pa-handbook/"
    expected = pdf_bytes("PA Handbook EN")
    start = threading.Barrier(10)

    def fetch(index):
        if index < 10:
            start.wait(timeout=10)  # the first ten leave together, to collide on the counter
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(fetch, range(DOWNLOADS)))

    assert [status for status, _body in results] == [200] * DOWNLOADS
    assert all(body == expected for _status, body in results)
    document.refresh_from_db()
    assert document.download_count == DOWNLOADS
    assert Document.objects.get(pk=document.pk).download_count == DOWNLOADS
