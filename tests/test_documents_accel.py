"""Behind nginx (DOCUMENT_X_ACCEL_PREFIX set), the download view decides and counts, and hands the
bytes to nginx with X-Accel-Redirect. tests/stack/ checks what nginx then sends."""

import pytest
from test_documents_factories import make_document

from documents.models import Document
from jetportal.content import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.DOCUMENT_X_ACCEL_PREFIX = "/_documents/"


def count():
    return Document.objects.get().download_count


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_view_decides_and_nginx_sends_the_file(client, lang):
    document = make_document()
    response = client.get(f"/{lang}/downloads/pa-handbook/")
    assert response.status_code == 200
    stored = getattr(document, f"file_{lang}").name
    assert response["X-Accel-Redirect"] == f"/_documents/{stored}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["ETag"].startswith('"')
    assert response["Content-Language"] == lang
    assert count() == 1


def test_the_language_fallback_hands_over_the_other_file(client):
    document = make_document(en=False)
    response = client.get("/en/downloads/pa-handbook/")
    assert response["X-Accel-Redirect"] == f"/_documents/{document.file_ja.name}"


def test_a_later_piece_is_handed_over_but_not_counted(client):
    make_document()
    response = client.get("/en/downloads/pa-handbook/", HTTP_RANGE="bytes=100-199")
    # nginx answers the range from the file; the view only decides it is not a new download.
    assert response.status_code == 200
    assert "X-Accel-Redirect" in response
    assert count() == 0
    client.get("/en/downloads/pa-handbook/", HTTP_RANGE="bytes=0-99")
    assert count() == 1


def test_304_head_and_416_are_answered_by_the_view_itself(client):
    make_document()
    etag = client.get("/en/downloads/pa-handbook/")["ETag"]
    not_modified = client.get("/en/downloads/pa-handbook/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert "X-Accel-Redirect" not in not_modified
    head = client.head("/en/downloads/pa-handbook/")
    assert head.status_code == 200 and "X-Accel-Redirect" not in head
    assert int(head["Content-Length"]) > 0
    beyond = client.get("/en/downloads/pa-handbook/", HTTP_RANGE="bytes=999999-")
    assert beyond.status_code == 416 and "X-Accel-Redirect" not in beyond
    assert count() == 1


def test_a_draft_is_never_handed_over(client):
    make_document(status=Status.DRAFT)
    response = client.get("/en/downloads/pa-handbook/")
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_without_the_setting_python_streams_the_file(client, settings):
    settings.DOCUMENT_X_ACCEL_PREFIX = ""
    make_document()
    response = client.get("/en/downloads/pa-handbook/")
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
