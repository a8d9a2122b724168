"""The permanent download address: right file, right headers, conditional and range requests."""

import os
from urllib.parse import quote

import pytest
from django.db import transaction
from test_documents_factories import make_document, pdf_bytes, pdf_file

from documents.files import document_storage
from documents.models import Document
from jetportal.content import Status

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("lang", "title", "filename"),
    [("en", "PA Handbook EN", "PA-Handbook.pdf"), ("ja", "PA Handbook JA", "PAハンドブック.pdf")],
)
def test_each_language_serves_its_own_file(client, lang, title, filename):
    document = make_document()
    response = client.get(f"/{lang}/downloads/pa-handbook/")
    assert response.status_code == 200
    data = body(response)
    assert data == pdf_bytes(title)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Language"] == lang
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Accept-Ranges"] == "bytes"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    if filename.isascii():
        assert f'filename="{filename}"' in disposition
    else:
        # RFC 6266 / 5987: a non-ASCII name travels percent-encoded as UTF-8.
        assert f"filename*=utf-8''{quote(filename)}" in disposition
    assert "no-cache" in response["Cache-Control"]
    document.refresh_from_db()
    assert document.download_count == 1


@pytest.mark.parametrize(("lang", "present"), [("en", "ja"), ("ja", "en")])
def test_missing_language_falls_back_to_the_other(client, lang, present):
    make_document(en=present == "en", ja=present == "ja")
    response = client.get(f"/{lang}/downloads/pa-handbook/")
    assert response.status_code == 200
    assert response["Content-Language"] == present
    assert body(response) == pdf_bytes(f"PA Handbook {present.upper()}")


def test_unknown_slug_is_404_in_the_visitors_language(client):
    response = client.get("/ja/downloads/no-such-thing/")
    assert response.status_code == 404
    assert 'lang="ja"' in response.content.decode()


def test_document_without_any_file_is_404(client):
    make_document(en=False, ja=False, status=Status.DRAFT)
    Document.objects.update(status=Status.PUBLISHED)
    assert client.get("/en/downloads/pa-handbook/").status_code == 404


def test_draft_is_404_for_the_public_and_never_cached_for_staff(client, admin_user):
    make_document(status=Status.DRAFT)
    assert client.get("/en/downloads/pa-handbook/").status_code == 404
    client.force_login(admin_user)
    response = client.get("/en/downloads/pa-handbook/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_file_missing_from_storage_is_404_not_500(client):
    document = make_document()
    document_storage().delete(document.file_en.name)
    assert client.get("/en/downloads/pa-handbook/").status_code == 404


def test_post_is_refused(client):
    make_document()
    assert client.post("/en/downloads/pa-handbook/").status_code == 405


def test_head_gives_headers_without_counting(client):
    document = make_document()
    response = client.head("/en/downloads/pa-handbook/")
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(pdf_bytes("PA Handbook EN")))
    assert response["Content-Disposition"].startswith("attachment;")
    document.refresh_from_db()
    assert document.download_count == 0


def test_conditional_request_is_answered_304(client):
    document = make_document()
    first = client.get("/en/downloads/pa-handbook/")
    body(first)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get("/en/downloads/pa-handbook/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content
    by_date = client.get("/en/downloads/pa-handbook/", headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    document.refresh_from_db()
    assert document.download_count == 1, "a 304 is not a download"


def test_etag_differs_between_languages(client):
    make_document()
    en = client.get("/en/downloads/pa-handbook/")
    ja = client.get("/ja/downloads/pa-handbook/")
    assert en["ETag"] != ja["ETag"]
    assert client.get("/ja/downloads/pa-handbook/", headers={"If-None-Match": en["ETag"]}).status_code == 200


def test_single_range_gives_206_with_the_exact_bytes(client):
    make_document(en=pdf_file("big.pdf", "PA Handbook EN", padding=300_000))
    data = pdf_bytes("PA Handbook EN", padding=300_000)
    response = client.get("/en/downloads/pa-handbook/", headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert response["Content-Length"] == "100"
    assert body(response) == data[100:200]

    tail = client.get("/en/downloads/pa-handbook/", headers={"Range": "bytes=-50"})
    assert tail.status_code == 206
    assert body(tail) == data[-50:]

    open_ended = client.get("/en/downloads/pa-handbook/", headers={"Range": f"bytes={len(data) - 10}-"})
    assert body(open_ended) == data[-10:]

    beyond = client.get("/en/downloads/pa-handbook/", headers={"Range": f"bytes=0-{len(data) * 2}"})
    assert beyond.status_code == 206
    assert body(beyond) == data


def test_only_ranges_from_the_start_count_as_downloads(client):
    document = make_document()
    body(client.get("/en/downloads/pa-handbook/", headers={"Range": "bytes=0-99"}))
    body(client.get("/en/downloads/pa-handbook/", headers={"Range": "bytes=100-199"}))
    document.refresh_from_db()
    assert document.download_count == 1


@pytest.mark.parametrize(
    "header",
    [
        "bytes=abc-def",
        "bytes=5-1",
        "items=0-10",
        "bytes=0-10,20-30",
        "bytes=-",
        "bytes=" + "9" * 40 + "-",
        "bytes=0-" + "9" * 5000,
        "\x00garbage",
    ],
)
def test_malformed_range_serves_the_whole_file(client, header):
    make_document()
    response = client.get("/en/downloads/pa-handbook/", headers={"Range": header})
    assert response.status_code == 200
    assert body(response) == pdf_bytes("PA Handbook EN")


@pytest.mark.parametrize("header", ["bytes=999999-", "bytes=999999-1000000", "bytes=-0"])
def test_unsatisfiable_range_is_416(client, header):
    make_document()
    size = len(pdf_bytes("PA Handbook EN"))
    response = client.get("/en/downloads/pa-handbook/", headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


def test_if_range_with_an_old_etag_sends_the_whole_new_file(client):
    make_document()
    response = client.get("/en/downloads/pa-handbook/", headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert response.status_code == 200
    current = client.get("/en/downloads/pa-handbook/")["ETag"]
    ranged = client.get("/en/downloads/pa-handbook/", headers={"Range": "bytes=0-9", "If-Range": current})
    assert ranged.status_code == 206


def test_replacing_a_file_keeps_the_address_and_serves_the_new_bytes(client, django_capture_on_commit_callbacks):
    document = make_document()
    old_name = document.file_en.name
    old = client.get("/en/downloads/pa-handbook/")
    assert body(old) == pdf_bytes("PA Handbook EN")

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            document = Document.objects.get(pk=document.pk)
            document.file_en = pdf_file("PA-Handbook-2026.pdf", "PA Handbook 2026")
            document.save()
            # Until the new file is committed the old one stays on disk.
            assert document_storage().exists(old_name)
    assert document.slug == "pa-handbook"
    assert not document_storage().exists(old_name)

    new = client.get("/en/downloads/pa-handbook/", headers={"If-None-Match": old["ETag"]})
    assert new.status_code == 200, "the old ETag no longer matches"
    assert body(new) == pdf_bytes("PA Handbook 2026")
    assert 'filename="PA-Handbook-2026.pdf"' in new["Content-Disposition"]
    # The Japanese file was not touched.
    assert body(client.get("/ja/downloads/pa-handbook/")) == pdf_bytes("PA Handbook JA")


def test_documents_are_stored_outside_media_root(settings):
    document = make_document()
    path = document_storage().path(document.file_en.name)
    assert not os.path.abspath(path).startswith(os.path.abspath(settings.MEDIA_ROOT) + os.sep)
    assert os.path.exists(path)
    # The stored name is generated: nothing of the uploaded name is in it.
    assert "Handbook" not in document.file_en.name


def test_media_view_cannot_reach_documents(client):
    document = make_document()
    name = document.file_en.name
    for path in [f"/media/{name}", f"/media/../private-documents/{name}", f"/media/%2e%2e/private-documents/{name}"]:
        response = client.get(path, follow=True)
        assert response.status_code in (400, 404)
        assert b"%PDF" not in body(response)


def test_deleting_a_document_removes_its_files(django_capture_on_commit_callbacks):
    document = make_document()
    names = [document.file_en.name, document.file_ja.name]
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not any(document_storage().exists(name) for name in names)


def test_large_files_are_streamed_not_read_whole(client):
    import tracemalloc

    size = 20_000_000
    make_document(en=pdf_file("big.pdf", "Big", padding=size))
    tracemalloc.start()
    try:
        response = client.get("/en/downloads/pa-handbook/")
        received = sum(len(chunk) for chunk in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert received > size
    assert peak < 2_000_000, f"peak {peak} bytes while sending {received}"
